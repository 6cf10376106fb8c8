import { describe, expect, it } from 'vitest';
import { duplicateGroups, foldVietnamese, jaccard, shingles, similarity, similarTo, suggestClassification, topicTokens } from './petition-match.ts';
import type { PetitionRule } from './petitions.ts';

describe('folding Vietnamese', () => {
  it.each([
    ['Đường liên thôn ĐÃ xuống cấp!', 'duong lien thon da xuong cap'],
    ['Nước sạch — ấp 3', 'nuoc sach ap 3'],
    ['  Trường   Mầm non\nHoa Sen ', 'truong mam non hoa sen'],
    // Decomposed input (some phone keyboards) folds the same as precomposed.
    ['Tha\u0300nh', 'thanh'],
  ])('%j → %j', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });

  it('drops function words and petition boilerplate', () => {
    expect(topicTokens('Cử tri kiến nghị đề nghị xem xét sửa đường của ấp')).toEqual(['sua', 'duong', 'ap']);
  });
});

describe('shingles and Jaccard', () => {
  it('pairs consecutive topic syllables', () => {
    expect([...shingles('Sửa chữa đường liên thôn')].sort()).toEqual(['chua duong', 'duong lien', 'lien thon', 'sua chua']);
    expect([...shingles('Điện')]).toEqual(['dien']);
    expect(shingles('của các và').size).toBe(0);
  });

  it.each([
    [['a', 'b'], ['a', 'b'], 1],
    [['a', 'b'], ['c'], 0],
    [['a', 'b', 'c'], ['b', 'c', 'd'], 0.5],
    [[], [], 0],
  ])('%j vs %j = %d', (a, b, expected) => {
    expect(jaccard(new Set(a), new Set(b))).toBe(expected);
  });

  it.each([
    ['Lắp đèn đường ấp 2', 'Lắp đèn đường ấp 5', 0],
    ['Lắp đèn đường ấp 2', 'Lắp đèn đường ấp 2 và ấp 5', 4 / 6],
    ['Lắp đèn đường ấp 2', 'Lắp đèn đường', 0.5],
  ])('numbers must agree: %j vs %j = %d', (a, b, expected) => {
    expect(similarity(shingles(a), shingles(b))).toBeCloseTo(expected, 10);
  });
});

const road = 'Đường liên thôn Bình An xuống cấp, đề nghị sửa chữa';
const roadAgain = 'Cử tri kiến nghị sửa chữa đường liên thôn Bình An đã xuống cấp nghiêm trọng';
const roadPlain = 'duong lien thon binh an xuong cap, de nghi sua chua';
const water = 'Đề nghị đầu tư hệ thống nước sạch cho ấp Bình Hòa';
const school = 'Trường mầm non Hoa Sen thiếu phòng học, đề nghị xây thêm';

describe('near-duplicate detection', () => {
  it.each([
    [road, roadAgain, true],
    [road, roadPlain, true],
    [road, water, false],
    [water, school, false],
    ['Đề nghị lắp đèn đường ấp 2', 'Đề nghị lắp đèn đường ấp 5', false],
    ['Đề nghị lắp đèn đường ấp 2', 'Cử tri đề nghị lắp đèn đường tại ấp 2', true],
  ])('%j ~ %j: %s', (a, b, same) => {
    expect(similarTo(a, [{ id: 'b', text: b }]).length > 0).toBe(same);
  });

  it('ranks the closer text first', () => {
    const found = similarTo(road, [{ id: 'again', text: roadAgain }, { id: 'plain', text: roadPlain }, { id: 'water', text: water }]);
    expect(found.map((f) => f.id)).toEqual(['plain', 'again']);
    expect(found[0]!.score).toBe(1);
  });

  it('groups near-duplicates transitively and leaves singletons out', () => {
    const groups = duplicateGroups([
      { id: '1', text: road }, { id: '2', text: water }, { id: '3', text: roadAgain }, { id: '4', text: school },
      { id: '5', text: roadPlain }, { id: '6', text: 'Đề nghị đầu tư hệ thống nước sạch cho ấp Bình Hòa sớm' },
    ]);
    expect(groups.map((g) => g.ids.sort())).toEqual([['1', '3', '5'], ['2', '6']]);
    expect(groups[0]!.score).toBe(1);
  });

  it('handles thousands of petitions without comparing every pair', () => {
    // Every text shares the same boilerplate shingles and differs by a number: the worst case for a shingle index.
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), text: `Đề nghị sửa cống thoát nước số ${i} tại khu phố ${i * 7}` }));
    items.push({ id: 'dup', text: items[42]!.text });
    const started = performance.now();
    const groups = duplicateGroups(items);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(groups.find((g) => g.ids.includes('dup'))!.ids.sort()).toEqual(['42', 'dup']);
  });
});

describe('classification suggestions from keyword rules', () => {
  const rules: PetitionRule[] = [
    { kind: 'field', value: 'Giao thông', keywords: ['đường', 'cầu', 'giao thông'] },
    { kind: 'field', value: 'Nước sạch, môi trường', keywords: ['nước sạch', 'rác', 'ngập'] },
    { kind: 'field', value: 'Giáo dục', keywords: ['trường', 'học sinh'] },
    { kind: 'agency', value: 'Phòng Kinh tế', keywords: ['đường', 'nước sạch'] },
    { kind: 'locality', value: 'Ấp Bình An', keywords: ['bình an'] },
  ];

  it.each([
    [road, 'Giao thông', 'Phòng Kinh tế', 'Ấp Bình An'],
    [roadPlain, 'Giao thông', 'Phòng Kinh tế', 'Ấp Bình An'],
    [water, 'Nước sạch, môi trường', 'Phòng Kinh tế', undefined],
    [school, 'Giáo dục', undefined, undefined],
    ['Xin hỏi về thủ tục hành chính', undefined, undefined, undefined],
  ])('%j → field %j, agency %j, locality %j', (text, field, agency, locality) => {
    const s = suggestClassification(text, rules);
    expect(s.field[0]?.value).toBe(field);
    expect(s.agency[0]?.value).toBe(agency);
    expect(s.locality[0]?.value).toBe(locality);
  });

  it('matches whole syllables only and scores by distinct keywords', () => {
    // "rác" is not a prefix match inside "rạch" (folded "rac" / "rach").
    expect(suggestClassification('Đề nghị nạo vét kênh rạch', rules).field).toEqual([]);
    const both = suggestClassification('Đường vào trường bị ngập, học sinh đi lại khó khăn', rules).field;
    expect(both.map((s) => [s.value, s.score])).toEqual([['Giáo dục', 2], ['Giao thông', 1], ['Nước sạch, môi trường', 1]]);
  });
});
