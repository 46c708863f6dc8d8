import { normaliseAddress } from './sign-in-throttle';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { passwordProblem } from './planner-accounts';

describe('normaliseAddress', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and takes the /64 of IPv6', () => {
    expect(normaliseAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('2001:DB8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'Correct horse battery')).resolves.toBe(false);
    await expect(verifyPassword(null, 'anything')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'anything')).resolves.toBe(false);
  });

  it('generates 20-character passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });

  it('refuses short passwords and the e-mail address as password', () => {
    expect(passwordProblem('short', 'a@b.c')).toMatchObject({ field: 'password', code: 'too_short', min: 12, message: expect.stringMatching(/at least 12/) });
    expect(passwordProblem('Planer@Example.org', 'planer@example.org')).toMatchObject({ code: 'password_is_email' });
    expect(passwordProblem('correct horse battery', 'a@b.c')).toBeNull();
  });
});
