import type { PetitionRule, PetitionRuleKind } from './petitions.ts';

/**
 * Text matching for voter petitions, on Vietnamese folded to plain ASCII: citizens often type without
 * diacritics (phones, Zalo), so "duong lien thon" must meet "đường liên thôn". Folding merges a few words
 * that differ only by tone; for suggestions and duplicate hints, which a clerk confirms, that is acceptable.
 */

/** Lower case, diacritics removed, đ → d, anything but letters and digits → one space. */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Syllables that carry no topic: function words and the boilerplate of petitions ("cử tri kiến nghị đề nghị
 * xem xét…"), folded. Without them two petitions on different topics share little just by being petitions.
 * Folded syllables that are also topic words stay out of the list: "cho" (chợ), "den" (đèn), "nen" (nền).
 */
const stopSyllables = new Set([
  'va', 'cua', 'cac', 'nhung', 'la', 'co', 'duoc', 'voi', 'trong', 'tai', 've', 'nay', 'do', 'de', 'thi', 'ma', 'mot',
  'khi', 'da', 'dang', 'se', 'bi', 'tu', 'theo', 'nhu', 'hay', 'hoac', 'rat', 'cung', 'con', 'o', 'vi', 'neu',
  'cu', 'tri', 'kien', 'nghi', 'xin', 'a', 'xem', 'xet', 'som', 'quan', 'tam', 'giai', 'quyet', 'viec', 'nhan', 'dan', 'ba', 'chung', 'toi',
]);

/** The topic-bearing syllables of a text, in order. */
export function topicTokens(text: string): string[] {
  return foldVietnamese(text).split(' ').filter((t) => t.length > 0 && !stopSyllables.has(t));
}

/**
 * Overlapping pairs of topic syllables. Vietnamese words are mostly two syllables, so pairs stand for words
 * and keep their order ("nước sạch" ≠ "sạch nước" matters little, "đường" alone says little). A text of one
 * syllable is its own shingle.
 */
export function shingles(text: string): Set<string> {
  const tokens = topicTokens(text);
  if (tokens.length < 2) return new Set(tokens);
  const out = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar (0). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

const numbers = (set: ReadonlySet<string>) => new Set([...set].flatMap((s) => s.split(' ')).filter((t) => /\d/.test(t)));

/**
 * How alike two petitions are: Jaccard of their shingles, except that two texts naming numbers with none in
 * common ("ấp 2" / "ấp 5", "km 20" / "km 21") are about different places and score 0, however alike the rest.
 */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const score = jaccard(a, b);
  if (score === 0) return 0;
  const [na, nb] = [numbers(a), numbers(b)];
  if (na.size && nb.size && ![...na].some((n) => nb.has(n))) return 0;
  return score;
}

/** Similarity at or above which two petitions are offered for merging. */
export const nearDuplicateThreshold = 0.5;

export interface Suggestion { value: string; score: number; keywords: string[] }
export type Suggestions = Record<PetitionRuleKind, Suggestion[]>;

/** Whether the folded phrase occurs in the folded text as whole syllables. */
function containsPhrase(foldedText: string, foldedPhrase: string): boolean {
  return foldedPhrase.length > 0 && ` ${foldedText} `.includes(` ${foldedPhrase} `);
}

/**
 * Field, agency and locality suggestions for a petition from the council's keyword rules: each value scores
 * the number of its distinct keywords found; best first, ties by name.
 */
export function suggestClassification(text: string, rules: readonly PetitionRule[]): Suggestions {
  const folded = foldVietnamese(text);
  const found = new Map<string, { kind: PetitionRuleKind; value: string; keywords: Set<string> }>();
  for (const rule of rules) {
    for (const keyword of rule.keywords) {
      if (!containsPhrase(folded, foldVietnamese(keyword))) continue;
      const key = `${rule.kind}\u0000${rule.value}`;
      const entry = found.get(key) ?? { kind: rule.kind, value: rule.value, keywords: new Set<string>() };
      entry.keywords.add(keyword);
      found.set(key, entry);
    }
  }
  const out: Suggestions = { field: [], agency: [], locality: [] };
  for (const e of found.values()) out[e.kind].push({ value: e.value, score: e.keywords.size, keywords: [...e.keywords] });
  for (const list of Object.values(out)) list.sort((a, b) => b.score - a.score || a.value.localeCompare(b.value, 'vi'));
  return out;
}

export interface MatchText { id: string; text: string }

/** Candidates at least `threshold` similar to `text`, most similar first. */
export function similarTo(text: string, candidates: readonly MatchText[], threshold = nearDuplicateThreshold): { id: string; score: number }[] {
  const mine = shingles(text);
  return candidates.map((c) => ({ id: c.id, score: similarity(mine, shingles(c.text)) }))
    .filter((c) => c.score >= threshold).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** A shingle in more texts than this says little about any pair; it is not used to find candidates. */
const commonShingle = 500;

/**
 * Groups of texts that are near-duplicates of one another (linked pairwise at `threshold`, then joined
 * transitively), largest group first; each with the best pair score inside it. Candidates come from prefix
 * filtering (each text's rarest shingles: two texts with Jaccard ≥ t share one of their first
 * |x| − ⌈t·|x|⌉ + 1), so thousands of petitions are not compared pair by pair. Shingles found in very many
 * texts are skipped as candidates beyond each text's rarest one.
 */
export function duplicateGroups(items: readonly MatchText[], threshold = nearDuplicateThreshold): { ids: string[]; score: number }[] {
  const sets = items.map((i) => shingles(i.text));
  const df = new Map<string, number>();
  for (const set of sets) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  const rarestFirst = sets.map((set) => [...set].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1)));
  const index = new Map<string, number[]>();
  const parent = items.map((_, n) => n);
  const root = (n: number): number => (parent[n] === n ? n : (parent[n] = root(parent[n]!)));
  const best = new Map<number, number>();
  rarestFirst.forEach((tokens, a) => {
    const prefix = tokens.slice(0, tokens.length - Math.ceil(threshold * tokens.length) + 1);
    const candidates = new Set<number>();
    prefix.forEach((token, k) => {
      if (k > 0 && df.get(token)! > commonShingle) return;
      for (const b of index.get(token) ?? []) candidates.add(b);
    });
    for (const b of candidates) {
      const score = similarity(sets[a]!, sets[b]!);
      if (score < threshold) continue;
      const [ra, rb] = [root(a), root(b)];
      const top = Math.max(score, best.get(ra) ?? 0, best.get(rb) ?? 0);
      if (ra !== rb) parent[rb] = ra;
      best.set(ra, top);
    }
    for (const token of prefix) (index.get(token) ?? index.set(token, []).get(token)!).push(a);
  });
  const groups = new Map<number, string[]>();
  items.forEach((item, n) => {
    const r = root(n);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(item.id);
  });
  return [...groups.entries()].filter(([, ids]) => ids.length > 1)
    .map(([r, ids]) => ({ ids, score: Math.round((best.get(r) ?? 0) * 100) / 100 }))
    .sort((a, b) => b.ids.length - a.ids.length || b.score - a.score);
}
