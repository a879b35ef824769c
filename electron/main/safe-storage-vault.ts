import { AppError } from '../core/errors';
import type { KeyVault } from '../core/crypto/vault';

/**
 * The part of Electron's `safeStorage` this vault uses. Electron's own object satisfies it (the
 * test checks that at compile time), and tests pass a stand-in because the real one only runs
 * inside Electron.
 */
export interface SafeStorageApi {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  /** Linux only: which secret store Chromium picked. Not called on other platforms. */
  getSelectedStorageBackend?(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

export interface SafeStorageKeyVaultOptions {
  /** In main: `safeStorage` from 'electron'. */
  readonly safeStorage: SafeStorageApi;
  /** In main: `process.platform`. */
  readonly platform: NodeJS.Platform;
}

/** Versioned tag inside the encrypted text, so unwrap knows it got back what wrap protected. */
const FORMAT_TAG = 'helssa-root-v1:';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Protects the root key with the operating system's secret store through Electron safeStorage:
 * DPAPI on Windows, the Keychain on macOS, and the Secret Service or KWallet on Linux.
 *
 * It refuses to run rather than fall back to anything weaker: when encryption is unavailable, and
 * on Linux when Chromium chose the `basic_text` backend (a key hard-coded in Chromium, i.e. no
 * protection at all) or could not tell (`unknown`, e.g. before the app is ready). The check runs on
 * every call, not in the constructor, because availability depends on the app being ready and the
 * keyring being unlocked.
 *
 * Note: the decrypted key passes through a JavaScript string, which cannot be wiped; the same is
 * true of anything read through safeStorage.
 */
export class SafeStorageKeyVault implements KeyVault {
  readonly kind = 'safe_storage' as const;
  readonly #safeStorage: SafeStorageApi;
  readonly #platform: NodeJS.Platform;
  #shouldRewrap = false;

  constructor(options: SafeStorageKeyVaultOptions) {
    this.#safeStorage = options.safeStorage;
    this.#platform = options.platform;
  }

  /**
   * True after an unwrap when the OS reported that its own key changed (safeStorage's
   * `shouldReEncrypt`): the caller should wrap the root key again (KeyRing.addVault).
   */
  get shouldRewrap(): boolean {
    return this.#shouldRewrap;
  }

  /** Throws the AppError that explains why the OS store cannot be used; returns when it can. */
  async assertUsable(): Promise<void> {
    let available: boolean;
    try {
      available = await this.#safeStorage.isAsyncEncryptionAvailable();
    } catch (cause) {
      throw new AppError('vault_unavailable', 'vault.safeStorageUnavailable', {
        detail: 'safeStorage.isAsyncEncryptionAvailable() failed',
        cause,
      });
    }
    if (!available) {
      throw new AppError('vault_unavailable', 'vault.safeStorageUnavailable', {
        detail: 'safeStorage reports that encryption is not available',
      });
    }
    if (this.#platform !== 'linux') return;

    const backend = this.#safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text') {
      throw new AppError('vault_unavailable', 'vault.basicTextBackend', {
        detail: 'safeStorage backend is basic_text (no OS keyring)',
      });
    }
    if (backend === 'unknown') {
      throw new AppError('vault_unavailable', 'vault.safeStorageUnavailable', {
        detail: 'safeStorage backend is unknown (called before app ready, or not reported)',
      });
    }
  }

  async wrap(rootKey: Buffer): Promise<Buffer> {
    if (rootKey.length === 0) {
      throw new AppError('internal', 'error.internal', {
        detail: 'refusing to wrap an empty root key',
      });
    }
    await this.assertUsable();
    try {
      return Buffer.from(
        await this.#safeStorage.encryptStringAsync(FORMAT_TAG + rootKey.toString('base64')),
      );
    } catch (cause) {
      throw new AppError('vault_unavailable', 'vault.safeStorageUnavailable', {
        detail: 'safeStorage.encryptStringAsync failed',
        cause,
      });
    }
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    await this.assertUsable();
    let text: string;
    try {
      const decrypted = await this.#safeStorage.decryptStringAsync(wrapped);
      text = decrypted.result;
      this.#shouldRewrap = decrypted.shouldReEncrypt;
    } catch (cause) {
      // Usually a different OS account or a reset keyring; a damaged blob also ends here.
      throw new AppError('vault_unavailable', 'vault.safeStorageDecryptFailed', {
        detail: 'safeStorage.decryptStringAsync failed',
        cause,
      });
    }
    // Never put `text` in an error: it may be the key.
    if (!text.startsWith(FORMAT_TAG)) {
      throw new AppError('tampered', 'vault.safeStorageDecryptFailed', {
        detail: 'decrypted root key blob has an unexpected format tag',
      });
    }
    const encoded = text.slice(FORMAT_TAG.length);
    const key =
      BASE64.test(encoded) && encoded.length % 4 === 0 ? Buffer.from(encoded, 'base64') : undefined;
    if (!key || key.length === 0 || key.toString('base64') !== encoded) {
      throw new AppError('tampered', 'vault.safeStorageDecryptFailed', {
        detail: 'decrypted root key blob is not valid base64',
      });
    }
    return key;
  }
}
