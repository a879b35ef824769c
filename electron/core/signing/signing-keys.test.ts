import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { SCRYPT_DEFAULTS, type ScryptParams } from '../crypto/scrypt';
import { signingMessages } from '../../shared/messages/signing';
import {
  createSigningKey,
  displayFingerprint,
  fingerprintOf,
  resealSigningKey,
  storedSigningKeySchema,
  unsealSigningKey,
  type StoredSigningKey,
} from './signing-keys';

// The smallest cost the stored-key schema accepts keeps these tests quick; one test below runs
// the production default to show that is what a key gets when nobody says otherwise.
const FAST: ScryptParams = { logN: 14, r: 8, p: 1 };
const DOCTOR = '01900000-0000-7000-8000-0000000000d1';
const OTHER_DOCTOR = '01900000-0000-7000-8000-0000000000d2';
const PASSWORD = 'گل‌سرخ-۱۴۰۳-Tehran';
const NOW = new Date('2025-03-20T08:15:00.000Z');

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  // Every key the module throws is declared, in both languages, in messages/signing.ts.
  expect(Object.keys(signingMessages)).toContain(appError.messageKey);
  return appError;
}

describe('doctor signing keys', () => {
  let stored: StoredSigningKey;

  beforeAll(async () => {
    stored = await createSigningKey(DOCTOR, PASSWORD, NOW, { kdf: FAST });
  });

  it('stores an Ed25519 public key, its fingerprint and a sealed private key', () => {
    expect(storedSigningKeySchema.parse(stored)).toEqual(stored);
    expect(stored).toMatchObject({
      userId: DOCTOR,
      algorithm: 'Ed25519',
      createdAt: '2025-03-20T08:15:00.000Z',
      kdf: { algorithm: 'scrypt', logN: 14, r: 8, p: 1 },
    });
    expect(stored.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-/);
    const raw = Buffer.from(stored.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    expect(stored.fingerprint).toBe(crypto.createHash('sha256').update(raw).digest('hex'));
    expect(Buffer.from(stored.kdf.salt, 'base64')).toHaveLength(16);
    // nonce 12 + PKCS#8 48 + tag 16
    expect(Buffer.from(stored.sealedPrivateKey, 'base64')).toHaveLength(76);
    // What goes to the database survives JSON (a TEXT column) unchanged.
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });

  it('shows the fingerprint as the first 16 bytes in 8 groups of 4 upper-case hex digits', () => {
    const shown = displayFingerprint(stored.fingerprint);
    expect(shown).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(shown.replace(/ /g, '')).toBe(stored.fingerprint.slice(0, 32).toUpperCase());
    expect(displayFingerprint(fingerprintOf(stored.publicKey))).toBe(shown);
  });

  it('opens with the password into a private KeyObject that pairs with the stored public key', async () => {
    const key = await unsealSigningKey(stored, DOCTOR, PASSWORD);
    expect(key).toMatchObject({
      keyId: stored.keyId,
      userId: DOCTOR,
      publicKey: stored.publicKey,
      fingerprint: stored.fingerprint,
    });
    expect(key.privateKey.type).toBe('private');
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    const message = Buffer.from('گزارش ویزیت', 'utf8');
    const signature = crypto.sign(null, message, key.privateKey);
    const publicKey = crypto.createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(stored.publicKey, 'base64').toString('base64url'),
      },
      format: 'jwk',
    });
    expect(crypto.verify(null, message, publicKey, signature)).toBe(true);
  });

  it('never writes the private key out unsealed', async () => {
    const key = await unsealSigningKey(stored, DOCTOR, PASSWORD);
    const pkcs8 = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    const seed = pkcs8.subarray(pkcs8.length - 32);
    const record = JSON.stringify(stored);
    for (const form of [pkcs8, seed]) {
      for (const encoding of ['base64', 'hex', 'base64url'] as const) {
        expect(record).not.toContain(form.toString(encoding));
      }
    }
    const sealed = Buffer.from(stored.sealedPrivateKey, 'base64');
    expect(sealed.includes(seed)).toBe(false);
  });

  it('accepts the password typed on another Persian keyboard layout (Arabic yeh and kaf, digits)', async () => {
    const persian = 'کلید-یاس-۱۲۳۴';
    const arabicLayout = 'كليد-ياس-1234';
    const key = await createSigningKey(DOCTOR, persian, NOW, { kdf: FAST });
    await expect(unsealSigningKey(key, DOCTOR, arabicLayout)).resolves.toMatchObject({
      keyId: key.keyId,
    });
  });

  it('refuses a wrong password with a typed error and a message key', async () => {
    const error = await refused(unsealSigningKey(stored, DOCTOR, `${PASSWORD}x`));
    expect(error).toMatchObject({ code: 'auth_failed', messageKey: 'signing.wrongPassword' });
    expect((await refused(unsealSigningKey(stored, DOCTOR, ''))).messageKey).toBe(
      'signing.passwordRequired',
    );
  });

  it('refuses to open a key for a user it does not belong to', async () => {
    const error = await refused(unsealSigningKey(stored, OTHER_DOCTOR, PASSWORD));
    expect(error).toMatchObject({ code: 'permission_denied', messageKey: 'signing.notYourKey' });
  });

  it('is bound to its user: moved onto another user, it does not open even with the right password', async () => {
    const moved = { ...stored, userId: OTHER_DOCTOR };
    const error = await refused(unsealSigningKey(moved, OTHER_DOCTOR, PASSWORD));
    expect(error).toMatchObject({ code: 'auth_failed', messageKey: 'signing.wrongPassword' });
  });

  it('is bound to its key id and its public key', async () => {
    const renamed = { ...stored, keyId: '01900000-0000-7000-8000-0000000000ff' };
    expect((await refused(unsealSigningKey(renamed, DOCTOR, PASSWORD))).code).toBe('auth_failed');

    // Another key's public half, with a matching fingerprint so only the seal can tell.
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const x = publicKey.export({ format: 'jwk' }).x!;
    const swappedPublic = Buffer.from(x, 'base64url').toString('base64');
    const swapped = {
      ...stored,
      publicKey: swappedPublic,
      fingerprint: fingerprintOf(swappedPublic),
    };
    expect((await refused(unsealSigningKey(swapped, DOCTOR, PASSWORD))).code).toBe('auth_failed');
  });

  it('refuses a record that was altered: sealed bytes, fingerprint, absurd scrypt cost', async () => {
    const sealed = Buffer.from(stored.sealedPrivateKey, 'base64');
    sealed[20]! ^= 0x01;
    const flipped = { ...stored, sealedPrivateKey: sealed.toString('base64') };
    expect((await refused(unsealSigningKey(flipped, DOCTOR, PASSWORD))).code).toBe('auth_failed');

    const badPrint = { ...stored, fingerprint: '0'.repeat(64) };
    expect(await refused(unsealSigningKey(badPrint, DOCTOR, PASSWORD))).toMatchObject({
      code: 'tampered',
      messageKey: 'signing.keyUnreadable',
    });

    const costly = { ...stored, kdf: { ...stored.kdf, logN: 40 } };
    expect(await refused(unsealSigningKey(costly, DOCTOR, PASSWORD))).toMatchObject({
      code: 'tampered',
      messageKey: 'signing.keyUnreadable',
    });
  });

  it('draws a fresh key, salt and nonce each time', async () => {
    const again = await createSigningKey(DOCTOR, PASSWORD, NOW, { kdf: FAST });
    expect(again.keyId).not.toBe(stored.keyId);
    expect(again.publicKey).not.toBe(stored.publicKey);
    expect(again.kdf.salt).not.toBe(stored.kdf.salt);
    expect(again.sealedPrivateKey.slice(0, 16)).not.toBe(stored.sealedPrivateKey.slice(0, 16));
  });

  it('reseals after a password change: same key, new password opens it, old one no longer does', async () => {
    const newPassword = 'رمز-تازه-۲۰۲۵-Shiraz';
    const resealed = await resealSigningKey(stored, DOCTOR, PASSWORD, newPassword, { kdf: FAST });
    expect(resealed).toMatchObject({
      keyId: stored.keyId,
      userId: DOCTOR,
      publicKey: stored.publicKey,
      fingerprint: stored.fingerprint,
      createdAt: stored.createdAt,
    });
    expect(resealed.kdf.salt).not.toBe(stored.kdf.salt);
    expect(resealed.sealedPrivateKey).not.toBe(stored.sealedPrivateKey);

    const opened = await unsealSigningKey(resealed, DOCTOR, newPassword);
    const before = await unsealSigningKey(stored, DOCTOR, PASSWORD);
    const message = Buffer.from('same key');
    // Ed25519 is deterministic: the same key signs the same message identically.
    expect(crypto.sign(null, message, opened.privateKey)).toEqual(
      crypto.sign(null, message, before.privateKey),
    );

    const error = await refused(unsealSigningKey(resealed, DOCTOR, PASSWORD));
    expect(error).toMatchObject({ code: 'auth_failed', messageKey: 'signing.wrongPassword' });
  });

  it('does not reseal without the old password', async () => {
    const error = await refused(
      resealSigningKey(stored, DOCTOR, 'not-the-password', 'whatever-new'),
    );
    expect(error.code).toBe('auth_failed');
  });

  it('uses the project scrypt defaults when not told otherwise', async () => {
    const key = await createSigningKey(DOCTOR, PASSWORD, NOW);
    expect(key.kdf).toMatchObject({ algorithm: 'scrypt', ...SCRYPT_DEFAULTS });
    await expect(unsealSigningKey(key, DOCTOR, PASSWORD)).resolves.toMatchObject({
      keyId: key.keyId,
    });
  });
});
