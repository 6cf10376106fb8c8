import { describe, expect, it } from 'vitest';
import { parseMemberCsv, usernameFromName } from './csv.ts';

const header = 'name,email,phone,role,committee,group';

describe('parseMemberCsv', () => {
  it('parses valid rows with several committees and optional contact fields', () => {
    const { rows, errors } = parseMemberCsv(`${header}\nNguyễn Văn An,an@example.vn,0912 345 678,delegate,Ban Pháp chế;Ban Kinh tế – Xã hội,Tổ 1\nTrần Thị Bình,,,Chair,,`);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.row).toMatchObject({ name: 'Nguyễn Văn An', email: 'an@example.vn', phone: '0912345678', role: 'delegate', group: 'Tổ 1' });
    expect(rows[0]!.row.committee).toBe('Ban Pháp chế;Ban Kinh tế – Xã hội');
    expect(rows[1]!.row).toMatchObject({ role: 'chair', email: null, phone: null, committee: null, group: null });
  });

  it('reports every bad row with its spreadsheet line and field', () => {
    const { errors } = parseMemberCsv(`${header}\nA Good,a@x.vn,,delegate,,\nB Bad,not-an-email,,delegate,,\nC Bad,,123,president,,`);
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
    expect(Object.keys(errors[0]!.errors)).toEqual(['email']);
    expect(Object.keys(errors[1]!.errors).sort()).toEqual(['phone', 'role']);
  });

  it('rejects a file without the required columns', () => {
    const { errors } = parseMemberCsv('name,email\nA,a@x.vn');
    expect(errors[0]).toMatchObject({ line: 1 });
    expect(errors[0]!.errors.header![0]!.en).toContain('phone');
  });

  it('flags a duplicated e-mail within the file', () => {
    const { errors } = parseMemberCsv(`${header}\nA A,a@x.vn,,delegate,,\nB B,A@x.vn,,delegate,,`);
    expect(errors).toEqual([{ line: 3, errors: { email: [{ vi: 'Trùng với dòng 2', en: 'Duplicate of line 2' }] } }]);
  });

  it('accepts semicolon-separated files with a BOM and skips blank lines', () => {
    const { rows, errors } = parseMemberCsv(`\uFEFFName;Email;Phone;Role;Committee;Group\r\nLê Văn Cường;;+84912345678;guest;;\r\n;;;;;\r\n`);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.row.name)).toEqual(['Lê Văn Cường']);
  });

  it('rejects an empty file', () => {
    expect(parseMemberCsv(header).errors).toHaveLength(1);
  });
});

describe('usernameFromName', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyenvanduc'],
    ['Phạm Thị Hồng Nhung', 'phamthihongnhung'],
    ['Lò Văn Páo', 'lovanpao'],
    ['!!!', 'user'],
  ])('%s → %s', (name, expected) => expect(usernameFromName(name)).toBe(expected));
});

describe('import error messages', () => {
  it('speaks Vietnamese and English, for zod’s own checks and the schema’s custom ones', () => {
    const { errors } = parseMemberCsv(`${header}\nA,bad-mail,,delegate,,`);
    expect(errors[0]!.errors.name).toEqual([{ vi: 'Cần nhập họ và tên', en: 'Name is required' }]);
    expect(errors[0]!.errors.email).toEqual([{ vi: 'E-mail không hợp lệ', en: 'Invalid e-mail address' }]);
  });
});
