import { describe, expect, it } from 'vitest';
import { memberImportRow } from './member.ts';

describe('memberImportRow', () => {
  it('normalises case, spaces and phone punctuation', () => {
    expect(memberImportRow.parse({ name: ' Lê Thị Hoa ', email: 'Hoa@Xa.VN', phone: '091.234 5678', role: ' Delegate ', committee: '', group: 'Tổ 2' }))
      .toEqual({ name: 'Lê Thị Hoa', email: 'hoa@xa.vn', phone: '0912345678', role: 'delegate', committee: null, group: 'Tổ 2', title: null });
  });

  it.each([
    ['a missing name', { name: '' }, 'name'],
    ['a bad e-mail', { email: 'hoa@' }, 'email'],
    ['a short phone', { phone: '12345' }, 'phone'],
    ['an unknown role', { role: 'president' }, 'role'],
    ['the admin role, which only an administrator grants', { role: 'admin' }, 'role'],
  ])('rejects %s', (_, patch, field) => {
    const result = memberImportRow.safeParse({ name: 'Lê Thị Hoa', email: '', phone: '', role: 'delegate', committee: '', group: '', ...patch });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([field]);
  });
});
