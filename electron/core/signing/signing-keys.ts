import crypto, { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';
import { gcmDecrypt, gcmEncrypt, KEY_BYTES, NONCE_BYTES, TAG_BYTES } from '../crypto/aead';
import { normalizeSecret, SCRYPT_DEFAULTS, scryptAsync, type ScryptParams } from '../crypto/scrypt';
import { uuidv7 } from '../ids';
import { decodeBase64Exact } from './base64';
import { canonicalJsonBytes } from './canonical-json';

/**
 * A doctor's signing key: an Ed25519 key pair whose private half is sealed under the doctor's
 * password (scrypt → AES-256-GCM), so approving a report needs the password typed again and a
 * copied database alone cannot sign. The public half is stored in the clear; it is what every
 * later verification (app, command line, sync peer) checks a report signature against.
 *
 * The private key exists unsealed only as a Node KeyObject in memory; its PKCS#8 bytes live just
 * long enough to be sealed or imported and are then zeroed.
 */

export const SIGNING_ALGORITHM = 'Ed25519';
const PUBLIC_KEY_BYTES = 32;
const SALT_BYTES = 16;
/** PKCS#8 DER of an Ed25519 private key is always 48 bytes. */
const PKCS8_BYTES = 48;
const SEALED_BYTES = NONCE_BYTES + PKCS8_BYTES + TAG_BYTES;
const SEAL_PURPOSE = 'helssa.signing-key/1';

const base64Of = (bytes: number) =>
  z.string().refine((text) => decodeBase64Exact(text, bytes) !== null, {
    message: `expected base64 of ${bytes} bytes`,
  });

/**
 * The scrypt parameters travel with the key (as for password hashes) so a later release can raise
 * them at the next reseal. The bounds refuse a record edited to demand absurd memory or time.
 */
export const signingKeyKdfSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  logN: z.number().int().min(14).max(22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: base64Of(SALT_BYTES),
});
export type SigningKeyKdf = z.infer<typeof signingKeyKdfSchema>;

/** What the database keeps for one doctor's signing key. */
export const storedSigningKeySchema = z.strictObject({
  keyId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  algorithm: z.literal(SIGNING_ALGORITHM),
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: base64Of(PUBLIC_KEY_BYTES),
  /** SHA-256 of the raw public key, lower-case hex (64 digits); see `displayFingerprint`. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** nonce ‖ AES-256-GCM(PKCS#8 DER of the private key) ‖ tag, base64. */
  sealedPrivateKey: base64Of(SEALED_BYTES),
  kdf: signingKeyKdfSchema,
  createdAt: z.iso.datetime(),
});
export type StoredSigningKey = z.infer<typeof storedSigningKeySchema>;

/** An opened signing key, held in memory only while a report is being signed. */
export interface UnsealedSigningKey {
  readonly keyId: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly privateKey: KeyObject;
}

export interface SigningKeyOptions {
  /** scrypt cost; the project default (crypto/scrypt.ts) unless a test or a migration says so. */
  readonly kdf?: ScryptParams;
}

/** SHA-256 of the raw public key, lower-case hex. */
export function fingerprintOf(publicKeyBase64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
}

/**
 * The fingerprint as printed in the report's signature block and shown in the UI: the first 16
 * bytes (128 bits) of the SHA-256, upper-case, in 8 groups of 4 ("3F2A 91C0 …"). 128 bits keeps
 * a look-alike key out of reach (a second preimage costs ~2^128) while staying short enough to
 * read out over the phone; the full 64-digit value stays in the database for exact comparison.
 */
export function displayFingerprint(fingerprintHex: string): string {
  const head = fingerprintHex.slice(0, 32).toUpperCase();
  return head.match(/.{4}/g)?.join(' ') ?? head;
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== SIGNING_ALGORITHM || typeof jwk.x !== 'string') {
    throw new AppError('internal', 'error.internal', { detail: 'not an Ed25519 key' });
  }
  return Buffer.from(jwk.x, 'base64url');
}

/** Imports a raw 32-byte Ed25519 public key (base64); null when it is not one. */
export function importPublicKey(publicKeyBase64: string): KeyObject | null {
  const raw = decodeBase64Exact(publicKeyBase64, PUBLIC_KEY_BYTES);
  if (!raw) return null;
  try {
    return crypto.createPublicKey({
      key: { kty: 'OKP', crv: SIGNING_ALGORITHM, x: raw.toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return null;
  }
}

/**
 * Associated data of the seal: the key is bound to its owner, its id and its public half, so a
 * sealed key copied onto another user's row (or paired with another public key) does not open
 * even with the right password. Canonical JSON keeps the fields unambiguous without delimiters.
 */
function sealBinding(userId: string, keyId: string, publicKey: string): Buffer {
  return canonicalJsonBytes({
    purpose: SEAL_PURPOSE,
    userId,
    keyId,
    algorithm: SIGNING_ALGORITHM,
    publicKey,
  });
}

function assertPassword(password: string): void {
  if (normalizeSecret(password).length === 0) {
    throw new AppError('validation', 'signing.passwordRequired');
  }
}

async function seal(
  privateKey: KeyObject,
  identity: { userId: string; keyId: string; publicKey: string },
  password: string,
  params: ScryptParams,
): Promise<Pick<StoredSigningKey, 'sealedPrivateKey' | 'kdf'>> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const kek = await scryptAsync(password, salt, KEY_BYTES, params);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  try {
    const sealed = gcmEncrypt(
      kek,
      pkcs8,
      sealBinding(identity.userId, identity.keyId, identity.publicKey),
    );
    return {
      sealedPrivateKey: sealed.toString('base64'),
      kdf: { algorithm: 'scrypt', ...params, salt: salt.toString('base64') },
    };
  } finally {
    kek.fill(0);
    pkcs8.fill(0);
  }
}

/** Makes a new signing key for `userId`, sealed under `password`. */
export async function createSigningKey(
  userId: string,
  password: string,
  now: Date,
  options: SigningKeyOptions = {},
): Promise<StoredSigningKey> {
  assertPassword(password);
  const params = options.kdf ?? SCRYPT_DEFAULTS;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicKeyBase64 = rawPublicKey(publicKey).toString('base64');
  const keyId = uuidv7(now.getTime());
  const sealed = await seal(privateKey, { userId, keyId, publicKey: publicKeyBase64 }, password, {
    logN: params.logN,
    r: params.r,
    p: params.p,
  });
  return storedSigningKeySchema.parse({
    keyId,
    userId,
    algorithm: SIGNING_ALGORITHM,
    publicKey: publicKeyBase64,
    fingerprint: fingerprintOf(publicKeyBase64),
    ...sealed,
    createdAt: now.toISOString(),
  });
}

function unreadable(detail: string): AppError {
  return new AppError('tampered', 'signing.keyUnreadable', { detail });
}

/**
 * Opens `stored` for `userId` with `password`. A wrong password and a key moved to another user
 * look the same to AES-GCM (the tag does not match), so both are refused as a wrong password.
 */
export async function unsealSigningKey(
  stored: unknown,
  userId: string,
  password: string,
): Promise<UnsealedSigningKey> {
  assertPassword(password);
  const parsed = storedSigningKeySchema.safeParse(stored);
  if (!parsed.success) throw unreadable(`stored signing key: ${parsed.error.issues[0]?.message}`);
  const key = parsed.data;
  if (key.userId !== userId) {
    throw new AppError('permission_denied', 'signing.notYourKey', { detail: `key ${key.keyId}` });
  }
  if (fingerprintOf(key.publicKey) !== key.fingerprint) {
    throw unreadable(`key ${key.keyId}: fingerprint does not match the public key`);
  }
  const salt = Buffer.from(key.kdf.salt, 'base64');
  const kek = await scryptAsync(password, salt, KEY_BYTES, key.kdf);
  let pkcs8: Buffer | null = null;
  try {
    pkcs8 = gcmDecrypt(
      kek,
      Buffer.from(key.sealedPrivateKey, 'base64'),
      sealBinding(userId, key.keyId, key.publicKey),
    );
    if (!pkcs8) {
      throw new AppError('auth_failed', 'signing.wrongPassword', {
        detail: `key ${key.keyId} did not open (wrong password, or sealed for another user or key)`,
      });
    }
    const privateKey = importPrivateKey(pkcs8, key.keyId);
    // The seal already binds the public key; checking the pair as well means a key that opens
    // can never sign under a public key other than the one verifiers will use.
    const derived = rawPublicKey(crypto.createPublicKey(privateKey)).toString('base64');
    if (derived !== key.publicKey) {
      throw unreadable(`key ${key.keyId}: private key does not match the public key`);
    }
    return {
      keyId: key.keyId,
      userId: key.userId,
      publicKey: key.publicKey,
      fingerprint: key.fingerprint,
      privateKey,
    };
  } finally {
    kek.fill(0);
    pkcs8?.fill(0);
  }
}

function importPrivateKey(pkcs8: Buffer, keyId: string): KeyObject {
  try {
    const privateKey = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(privateKey.asymmetricKeyType);
    return privateKey;
  } catch (error) {
    throw unreadable(`key ${keyId}: sealed bytes are not an Ed25519 PKCS#8 key (${String(error)})`);
  }
}

/**
 * After a password change: the same key (same id, public key and fingerprint, so every report it
 * signed still verifies) sealed under the new password with a fresh salt and nonce. The old
 * password must open it first, so a stolen session cannot re-seal a key it could not use.
 */
export async function resealSigningKey(
  stored: unknown,
  userId: string,
  oldPassword: string,
  newPassword: string,
  options: SigningKeyOptions = {},
): Promise<StoredSigningKey> {
  assertPassword(newPassword);
  const opened = await unsealSigningKey(stored, userId, oldPassword);
  const current = storedSigningKeySchema.parse(stored);
  const params = options.kdf ?? SCRYPT_DEFAULTS;
  const sealed = await seal(
    opened.privateKey,
    { userId, keyId: opened.keyId, publicKey: opened.publicKey },
    newPassword,
    { logN: params.logN, r: params.r, p: params.p },
  );
  return storedSigningKeySchema.parse({ ...current, ...sealed });
}
