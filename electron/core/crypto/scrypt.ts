import crypto from 'node:crypto';
import { normalizeSecret } from '../../shared/passwords';

export { normalizeSecret };

/**
 * scrypt parameters for everything derived from something a person types (user passwords and
 * the vault passphrase): N = 2^17, r = 8, p = 1 — OWASP's recommended minimum for scrypt. That
 * costs 128 MiB and about 0.4 s per derivation on a 2-core clinic PC: slow enough to make
 * guessing expensive, fast enough for a login. It runs on libuv's thread pool (async), so the
 * process stays responsive meanwhile. scrypt is built into Node (no native dependency to ship),
 * and the parameters are stored with every hash so they can be raised later.
 */
export interface ScryptParams {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const SCRYPT_DEFAULTS: ScryptParams = { logN: 17, r: 8, p: 1 };

export function scryptAsync(
  secret: string,
  salt: Buffer,
  keyLength: number,
  params: ScryptParams,
): Promise<Buffer> {
  const cost = 2 ** params.logN;
  // scrypt needs 128·N·r bytes; allow twice that so Node's default cap does not refuse it.
  const maxmem = 256 * cost * params.r;
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      normalizeSecret(secret),
      salt,
      keyLength,
      { N: cost, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
