import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PassphraseKeyVault } from './passphrase-vault';

describe('passphrase vault', () => {
  const root = crypto.randomBytes(32);

  it('wraps with a fresh salt each time and unwraps with the same passphrase', async () => {
    const vault = new PassphraseKeyVault('یک عبارت عبور بلند برای کلینیک');
    const [a, b] = await Promise.all([vault.wrap(root), vault.wrap(root)]);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(root)).toBe(false);
    expect((await vault.unwrap(a)).equals(root)).toBe(true);
    // Stored parameters: scrypt N = 2^17, r = 8, p = 1.
    expect([a[1], a[2], a[3]]).toEqual([17, 8, 1]);
  });

  it('accepts the passphrase typed on another Persian keyboard layout', async () => {
    const persian = new PassphraseKeyVault('کلید یک‌صد و ۱۴۰۵ کلینیک');
    const arabicLetters = new PassphraseKeyVault('كليد يك‌صد و 1405 كلينيك');
    const wrapped = await persian.wrap(root);
    expect((await arabicLetters.unwrap(wrapped)).equals(root)).toBe(true);
  });

  it('refuses a wrong passphrase and a tampered blob', async () => {
    const wrapped = await new PassphraseKeyVault('the right passphrase 1405').wrap(root);
    await expect(
      new PassphraseKeyVault('the wrong passphrase 1405').unwrap(wrapped),
    ).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    const tampered = Buffer.from(wrapped);
    tampered[tampered.length - 1]! ^= 1;
    await expect(
      new PassphraseKeyVault('the right passphrase 1405').unwrap(tampered),
    ).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    const weakened = Buffer.from(wrapped);
    weakened[1] = 10;
    await expect(
      new PassphraseKeyVault('the right passphrase 1405').unwrap(weakened),
    ).rejects.toMatchObject({
      code: 'tampered',
    });
  });

  it('refuses short or repetitive passphrases before wrapping anything', () => {
    expect(() => PassphraseKeyVault.assertStrongEnough('short')).toThrow(
      expect.objectContaining({
        code: 'validation',
        messageKey: 'vault.passphraseTooShort',
        params: { min: 12 },
      }),
    );
    expect(() => PassphraseKeyVault.assertStrongEnough('aaaaaaaaaaaaaaaa')).toThrow(
      expect.objectContaining({ messageKey: 'vault.passphraseTooSimple' }),
    );
    expect(() => PassphraseKeyVault.assertStrongEnough('correct horse battery')).not.toThrow();
  });

  it('will not protect keys with a weak passphrase', async () => {
    await expect(new PassphraseKeyVault('1234').wrap(root)).rejects.toMatchObject({
      code: 'validation',
      messageKey: 'vault.passphraseTooShort',
    });
  });
});
