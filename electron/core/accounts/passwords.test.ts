import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCRYPT_DEFAULTS } from '../crypto/scrypt';
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  needsRehash,
  passwordProblems,
  verifyPassword,
} from './passwords';

/**
 * Real scrypt throughout (about 0.4 s per hash or verification at N = 2^17), so each test keeps
 * the number of derivations small and runs independent verifications concurrently.
 */
const PASSWORD = 'Nobat-e Sobh 1405';

function parts(stored: string) {
  const [scheme, logN, r, p, salt, hash, ...rest] = stored.split('$');
  return { scheme, logN, r, p, salt: salt ?? '', hash: hash ?? '', rest };
}

describe('password hashes', () => {
  it('records scrypt N=2^17, r=8, p=1, a 16-byte salt and a 32-byte hash, and uses them', async () => {
    const stored = await hashPassword(PASSWORD);
    const { scheme, logN, r, p, salt, hash, rest } = parts(stored);
    expect({ scheme, logN, r, p, rest }).toEqual({
      scheme: 'scrypt',
      logN: '17',
      r: '8',
      p: '1',
      rest: [],
    });
    const saltBytes = Buffer.from(salt, 'base64');
    const hashBytes = Buffer.from(hash, 'base64');
    expect(saltBytes).toHaveLength(16);
    expect(hashBytes).toHaveLength(32);
    // The recorded parameters are the ones actually used: an independent derivation agrees.
    const independent = crypto.scryptSync(PASSWORD, saltBytes, 32, {
      N: 2 ** 17,
      r: 8,
      p: 1,
      maxmem: 256 * 2 ** 17 * 8,
    });
    expect(independent.equals(hashBytes)).toBe(true);
    expect(SCRYPT_DEFAULTS).toEqual({ logN: 17, r: 8, p: 1 });
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword(PASSWORD);
    const [right, wrong, wrongCase, empty] = await Promise.all([
      verifyPassword(PASSWORD, stored),
      verifyPassword('Nobat-e Sobh 1406', stored),
      verifyPassword(PASSWORD.toLowerCase(), stored),
      verifyPassword('', stored),
    ]);
    expect({ right, wrong, wrongCase, empty }).toEqual({
      right: true,
      wrong: false,
      wrongCase: false,
      empty: false,
    });
  });

  it('salts every hash: two hashes of the same password differ', async () => {
    const [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(first).not.toBe(second);
    expect(parts(first).salt).not.toBe(parts(second).salt);
    expect(parts(first).hash).not.toBe(parts(second).hash);
  });

  it('accepts the same password typed on either Persian keyboard layout', async () => {
    // Persian keheh (U+06A9), Persian yeh (U+06CC), Persian digits ۱۴۰۵.
    const persian = '\u06A9\u0644\u06CC\u062F-\u06CC\u06A9-\u06F1\u06F4\u06F0\u06F5';
    const stored = await hashPassword(persian);
    const variants = {
      // Arabic kaf (U+0643) and Arabic yeh (U+064A), as an Arabic layout types them.
      arabicLetters: '\u0643\u0644\u064A\u062F-\u064A\u0643-\u06F1\u06F4\u06F0\u06F5',
      // Alef maksura (U+0649), which some layouts give for the final yeh.
      alefMaksura: '\u06A9\u0644\u06CC\u062F-\u0649\u06A9-\u06F1\u06F4\u06F0\u06F5',
      asciiDigits: '\u06A9\u0644\u06CC\u062F-\u06CC\u06A9-1405',
      arabicIndicDigits: '\u06A9\u0644\u06CC\u062F-\u06CC\u06A9-\u0661\u0664\u0660\u0665',
      everythingArabic: '\u0643\u0644\u064A\u062F-\u064A\u0643-\u0661\u0664\u0660\u0665',
      otherDigits: '\u06A9\u0644\u06CC\u062F-\u06CC\u06A9-1406',
      otherLetter: '\u06AF\u0644\u06CC\u062F-\u06CC\u06A9-1405',
    };
    const results = Object.fromEntries(
      await Promise.all(
        Object.entries(variants).map(async ([name, typed]) => [
          name,
          await verifyPassword(typed, stored),
        ]),
      ),
    ) as Record<keyof typeof variants, boolean>;
    expect(results).toEqual({
      arabicLetters: true,
      alefMaksura: true,
      asciiDigits: true,
      arabicIndicDigits: true,
      everythingArabic: true,
      otherDigits: false,
      otherLetter: false,
    });
  });

  it('asks for a re-hash when the stored parameters differ from the current ones', async () => {
    const weaker = await hashPassword(PASSWORD, { logN: 15, r: 8, p: 1 });
    expect(parts(weaker)).toMatchObject({ scheme: 'scrypt', logN: '15', r: '8', p: '1' });
    expect(needsRehash(weaker)).toBe(true);
    // A hash with older parameters still verifies, so the next login can upgrade it.
    expect(await verifyPassword(PASSWORD, weaker)).toBe(true);
    expect(await verifyPassword('Nobat-e Sobh 1406', weaker)).toBe(false);

    const current = await hashPassword(PASSWORD);
    expect(needsRehash(current)).toBe(false);
    const { salt, hash } = parts(current);
    expect(needsRehash(['scrypt', 17, 16, 1, salt, hash].join('$'))).toBe(true);
    expect(needsRehash(['scrypt', 17, 8, 2, salt, hash].join('$'))).toBe(true);
    expect(needsRehash(['scrypt', 18, 8, 1, salt, hash].join('$'))).toBe(true);
    expect(needsRehash(`bcrypt$${salt}$${hash}`)).toBe(true);
    expect(needsRehash('')).toBe(true);
  });

  it('refuses to verify against a malformed stored hash', async () => {
    expect(await verifyPassword(PASSWORD, 'not-a-hash')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$x$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword(PASSWORD, '')).toBe(false);
  });
});

describe('password rules', () => {
  const keys = (password: string, username = 'dr.karimi') =>
    passwordProblems(password, username).map((problem) => problem.messageKey);

  it('refuses passwords shorter than the minimum, counting characters, not bytes', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(8);
    expect(passwordProblems('Kh0b-12', 'dr.karimi')).toEqual([
      { field: 'password', messageKey: 'account.password.tooShort', params: { min: 8 } },
    ]);
    expect(keys('')).toEqual(['account.password.tooShort']);
    // Seven Persian letters are 14 UTF-8 bytes but still only seven characters.
    expect(keys('\u0633\u0644\u0627\u0645\u062F\u0648\u0633')).toEqual([
      'account.password.tooShort',
    ]);
    expect(keys('\u0633\u0644\u0627\u0645\u062F\u0648\u0633\u062A')).toEqual([]);
    expect(keys('Kh0b-123')).toEqual([]);
  });

  it('refuses very long passwords', () => {
    expect(keys('ab1'.repeat(86))).toEqual(['validation.tooLong']);
    expect(keys('ab1'.repeat(85))).toEqual([]);
  });

  it('refuses common passwords, whatever the case or the digits used', () => {
    expect(keys('password1')).toEqual(['account.password.tooCommon']);
    expect(keys('Password1')).toEqual(['account.password.tooCommon']);
    expect(keys('QWERTY123')).toEqual(['account.password.tooCommon']);
    expect(keys('12345678')).toEqual(['account.password.tooCommon']);
    // Persian digits fold to ASCII before the check.
    expect(keys('\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8')).toEqual([
      'account.password.tooCommon',
    ]);
    expect(keys('aaaaaaaaaaaa')).toEqual(['account.password.tooCommon']);
    expect(keys('abababababab')).toEqual(['account.password.tooCommon']);
  });

  it('refuses a password equal to the user name', () => {
    expect(keys('dr.karimi', 'dr.karimi')).toEqual(['account.password.tooCommon']);
    expect(keys('Dr.Karimi', 'dr.karimi')).toEqual(['account.password.tooCommon']);
    expect(keys('dr.karimi', 'dr.tehrani')).toEqual([]);
  });
});
