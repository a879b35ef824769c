import crypto from 'node:crypto';

/**
 * AES-256-GCM with a fresh random 96-bit nonce per value. Nonces come from a pool filled in bulk
 * from the CSPRNG: every nonce is still random and used once, but bulk work (imports, key
 * rotation) does not pay a CSPRNG call per value.
 */
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

const POOL_NONCES = 1024;
let pool = Buffer.alloc(0);
let poolOffset = 0;

export function freshNonce(): Buffer {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = crypto.randomBytes(NONCE_BYTES * POOL_NONCES);
    poolOffset = 0;
  }
  const nonce = Buffer.from(pool.subarray(poolOffset, poolOffset + NONCE_BYTES));
  // Wipe what was handed out so the pool never holds a used nonce.
  pool.fill(0, poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

export function randomKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

/**
 * Encrypts `plaintext`; returns prefix ‖ nonce ‖ ciphertext ‖ tag (`prefix` lets a caller put its
 * own header in front without another copy).
 */
export function gcmEncrypt(
  key: Buffer,
  plaintext: Buffer,
  aad: Buffer,
  prefix: Buffer = EMPTY,
): Buffer {
  const nonce = freshNonce();
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  cipher.final();
  return Buffer.concat([prefix, nonce, body, cipher.getAuthTag()]);
}

const EMPTY = Buffer.alloc(0);

/** Reverses `gcmEncrypt`; returns null when the key, the data or the associated data is wrong. */
export function gcmDecrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer | null {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return null;
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const plain = decipher.update(body);
    decipher.final();
    return plain;
  } catch {
    return null;
  }
}
