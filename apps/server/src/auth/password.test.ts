import { describe, expect, it } from 'vitest';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('Mật khẩu đúng 2026');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('Mật khẩu');
    expect(await verifyPassword('Mật khẩu đúng 2026', hash)).toBe(true);
    expect(await verifyPassword('Mật khẩu sai 2026', hash)).toBe(false);
  });

  it('salts each hash so equal passwords give different hashes', async () => {
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });

  it('treats malformed stored hashes and the decoy as non-matching', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$a$b$c$d$e')).toBe(false);
    expect(await verifyPassword('', decoyHash)).toBe(false);
  });

  it('generates readable passwords of the requested length without ambiguous characters', () => {
    const pw = generatePassword();
    expect(pw).toHaveLength(12);
    expect(pw).not.toMatch(/[0O1lI]/);
    expect(new Set(Array.from({ length: 50 }, () => generatePassword())).size).toBe(50);
  });
});
