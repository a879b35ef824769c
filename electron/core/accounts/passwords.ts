import crypto from 'node:crypto';
import { SCRYPT_DEFAULTS, scryptAsync, type ScryptParams } from '../crypto/scrypt';

export { MIN_PASSWORD_LENGTH, passwordProblems } from '../../shared/passwords';

/**
 * Password hashes: `scrypt$<logN>$<r>$<p>$<salt>$<hash>` (base64), parameters from
 * crypto/scrypt.ts (N = 2^17, r = 8, p = 1; why is explained there). The parameters are stored
 * per hash so a later release can raise them and re-hash at the next successful login.
 */
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export async function hashPassword(
  password: string,
  params: ScryptParams = SCRYPT_DEFAULTS,
): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const hash = await scryptAsync(password, salt, HASH_BYTES, params);
  return [
    'scrypt',
    params.logN,
    params.r,
    params.p,
    salt.toString('base64'),
    hash.toString('base64'),
  ].join('$');
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(logN) || !Number.isInteger(r) || !Number.isInteger(p)) return null;
  return {
    params: { logN: logN!, r: r!, p: p! },
    salt: Buffer.from(parts[4]!, 'base64'),
    hash: Buffer.from(parts[5]!, 'base64'),
  };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const candidate = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params);
  return candidate.length === parsed.hash.length && crypto.timingSafeEqual(candidate, parsed.hash);
}

export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed ||
    parsed.params.logN !== SCRYPT_DEFAULTS.logN ||
    parsed.params.r !== SCRYPT_DEFAULTS.r ||
    parsed.params.p !== SCRYPT_DEFAULTS.p
  );
}

/**
 * Spends the same time as a real verification, so a wrong user name cannot be told from a wrong
 * password by timing.
 */
let dummyHash: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
}
