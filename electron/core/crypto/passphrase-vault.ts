import crypto from 'node:crypto';
import { AppError } from '../errors';
import { gcmDecrypt, gcmEncrypt, KEY_BYTES } from './aead';
import { normalizeSecret, SCRYPT_DEFAULTS, scryptAsync, type ScryptParams } from './scrypt';
import type { KeyVault } from './vault';

const FORMAT_VERSION = 1;
const SALT_BYTES = 16;
const HEADER_BYTES = 4 + SALT_BYTES;
const AAD = Buffer.from('helssa.vault.passphrase.v1');

export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * The administrator's passphrase as a key vault, for the command-line tool, tests and IT.
 * Blob: version ‖ logN ‖ r ‖ p ‖ salt(16) ‖ AES-256-GCM(root key); each wrap draws a fresh salt,
 * and the scrypt parameters travel with the blob so they can be raised without a format change.
 */
export class PassphraseKeyVault implements KeyVault {
  readonly kind = 'passphrase' as const;
  private readonly passphrase: string;
  private readonly params: ScryptParams;

  constructor(passphrase: string, params: ScryptParams = SCRYPT_DEFAULTS) {
    this.passphrase = passphrase;
    this.params = params;
  }

  /** Checks a new passphrase before anything is wrapped with it. */
  static assertStrongEnough(passphrase: string): void {
    const normalized = normalizeSecret(passphrase);
    if ([...normalized].length < MIN_PASSPHRASE_LENGTH) {
      throw new AppError('validation', 'vault.passphraseTooShort', {
        params: { min: MIN_PASSPHRASE_LENGTH },
      });
    }
    if (new Set(normalized).size < 4) {
      throw new AppError('validation', 'vault.passphraseTooSimple');
    }
  }

  /** Wrapping is where a passphrase starts protecting the keys, so its strength is checked here. */
  async wrap(rootKey: Buffer): Promise<Buffer> {
    PassphraseKeyVault.assertStrongEnough(this.passphrase);
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(FORMAT_VERSION, 0);
    header.writeUInt8(this.params.logN, 1);
    header.writeUInt8(this.params.r, 2);
    header.writeUInt8(this.params.p, 3);
    crypto.randomFillSync(header, 4, SALT_BYTES);
    const kek = await scryptAsync(this.passphrase, header.subarray(4), KEY_BYTES, this.params);
    try {
      return Buffer.concat([header, gcmEncrypt(kek, rootKey, Buffer.concat([AAD, header]))]);
    } finally {
      kek.fill(0);
    }
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    if (wrapped.length <= HEADER_BYTES || wrapped.readUInt8(0) !== FORMAT_VERSION) {
      throw new AppError('tampered', 'vault.blobUnreadable', { detail: 'passphrase vault blob' });
    }
    const header = wrapped.subarray(0, HEADER_BYTES);
    const params: ScryptParams = {
      logN: header.readUInt8(1),
      r: header.readUInt8(2),
      p: header.readUInt8(3),
    };
    if (params.logN < 14 || params.logN > 22 || params.r < 1 || params.r > 32 || params.p < 1) {
      throw new AppError('tampered', 'vault.blobUnreadable', {
        detail: 'implausible scrypt parameters',
      });
    }
    const kek = await scryptAsync(this.passphrase, header.subarray(4), KEY_BYTES, params);
    try {
      const root = gcmDecrypt(kek, wrapped.subarray(HEADER_BYTES), Buffer.concat([AAD, header]));
      if (!root) throw new AppError('wrong_passphrase', 'vault.wrongPassphrase');
      return root;
    } finally {
      kek.fill(0);
    }
  }
}
