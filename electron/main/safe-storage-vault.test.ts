import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
// Type only: erased at runtime, so the test never loads the electron module.
import type { SafeStorage } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError } from '../core/errors';
import { SafeStorageKeyVault } from './safe-storage-vault';
import type { SafeStorageApi } from './safe-storage-vault';

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/**
 * Stands in for Electron's safeStorage, which only exists inside a running Electron app and so
 * cannot run under vitest. It really encrypts (AES-256-GCM with a key of its own), so round trips
 * and tampering behave like the real thing: another instance, or a changed byte, cannot decrypt.
 */
class FakeSafeStorageForTests implements SafeStorageApi {
  readonly #key = randomBytes(32);
  available = true;
  backend: Backend = 'gnome_libsecret';

  reEncryptAdvised = false;

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  getSelectedStorageBackend(): Backend {
    return this.backend;
  }

  encryptStringAsync(plainText: string): Promise<Buffer> {
    return new Promise((resolve) => resolve(this.encryptString(plainText)));
  }

  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    return new Promise((resolve) =>
      resolve({ shouldReEncrypt: this.reEncryptAdvised, result: this.decryptString(encrypted) }),
    );
  }

  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
      'utf8',
    );
  }
}

function vaultOn(platform: NodeJS.Platform, safeStorage = new FakeSafeStorageForTests()) {
  return { safeStorage, vault: new SafeStorageKeyVault({ safeStorage, platform }) };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('SafeStorageKeyVault', () => {
  it("accepts Electron's safeStorage object", () => {
    expectTypeOf<SafeStorage>().toExtend<SafeStorageApi>();
  });

  it('round-trips a root key', async () => {
    const { vault } = vaultOn('linux');
    const rootKey = randomBytes(32);
    const wrapped = await vault.wrap(rootKey);

    expect(vault.kind).toBe('safe_storage');
    expect(wrapped.includes(rootKey)).toBe(false);
    expect(wrapped.toString('latin1')).not.toContain(rootKey.toString('base64'));
    expect((await vault.unwrap(wrapped)).equals(rootKey)).toBe(true);
  });

  it.each(['win32', 'darwin', 'linux'] as const)('round-trips on %s', async (platform) => {
    const { vault } = vaultOn(platform);
    const rootKey = randomBytes(32);
    expect((await vault.unwrap(await vault.wrap(rootKey))).equals(rootKey)).toBe(true);
  });

  it('refuses to wrap or unwrap when encryption is unavailable', async () => {
    const { safeStorage, vault } = vaultOn('win32');
    const wrapped = await vault.wrap(randomBytes(32));
    safeStorage.available = false;

    for (const error of [
      await rejection(vault.wrap(randomBytes(32))),
      await rejection(vault.unwrap(wrapped)),
    ]) {
      expect(error.code).toBe('vault_unavailable');
      expect(error.messageKey).toBe('vault.safeStorageUnavailable');
    }
  });

  it('refuses the basic_text backend on linux', async () => {
    const { safeStorage, vault } = vaultOn('linux');
    const wrapped = await vault.wrap(randomBytes(32));
    safeStorage.backend = 'basic_text';

    for (const error of [
      await rejection(vault.wrap(randomBytes(32))),
      await rejection(vault.unwrap(wrapped)),
    ]) {
      expect(error.code).toBe('vault_unavailable');
      expect(error.messageKey).toBe('vault.basicTextBackend');
    }
  });

  it('refuses an unknown backend on linux, and a store that does not report one', async () => {
    const { safeStorage, vault } = vaultOn('linux');
    safeStorage.backend = 'unknown';
    expect((await rejection(vault.wrap(randomBytes(32)))).messageKey).toBe(
      'vault.safeStorageUnavailable',
    );

    const store = new FakeSafeStorageForTests();
    const withoutBackend: SafeStorageApi = {
      isAsyncEncryptionAvailable: () => store.isAsyncEncryptionAvailable(),
      encryptStringAsync: (s) => store.encryptStringAsync(s),
      decryptStringAsync: (b) => store.decryptStringAsync(b),
    };
    const vault2 = new SafeStorageKeyVault({ safeStorage: withoutBackend, platform: 'linux' });
    expect((await rejection(vault2.wrap(randomBytes(32)))).messageKey).toBe(
      'vault.safeStorageUnavailable',
    );
  });

  it.each(['win32', 'darwin'] as const)(
    'does not consult the Linux backend on %s',
    async (platform) => {
      const { safeStorage, vault } = vaultOn(platform);
      safeStorage.backend = 'basic_text';
      const rootKey = randomBytes(32);
      expect((await vault.unwrap(await vault.wrap(rootKey))).equals(rootKey)).toBe(true);
    },
  );

  it('rejects a tampered blob', async () => {
    const { vault } = vaultOn('darwin');
    const wrapped = await vault.wrap(randomBytes(32));
    const tampered = Buffer.from(wrapped);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x01;

    const error = await rejection(vault.unwrap(tampered));
    expect(error.code).toBe('vault_unavailable');
    expect(error.messageKey).toBe('vault.safeStorageDecryptFailed');
  });

  it('rejects a blob from another store (another OS account or keyring)', async () => {
    const wrapped = await vaultOn('win32').vault.wrap(randomBytes(32));
    const error = await rejection(vaultOn('win32').vault.unwrap(wrapped));
    expect(error.messageKey).toBe('vault.safeStorageDecryptFailed');
  });

  it('rejects text that decrypts but was not written by wrap', async () => {
    const { safeStorage, vault } = vaultOn('linux');
    for (const text of [
      'some other secret',
      'helssa-root-v1:',
      'helssa-root-v1:not base64!',
      'helssa-root-v0:AAAA',
    ]) {
      const error = await rejection(vault.unwrap(safeStorage.encryptString(text)));
      expect(error.code).toBe('tampered');
      expect(error.messageKey).toBe('vault.safeStorageDecryptFailed');
      expect(error.message).not.toContain(text);
    }
  });

  it('passes on the OS advice to wrap the key again', async () => {
    const { safeStorage, vault } = vaultOn('win32');
    const wrapped = await vault.wrap(randomBytes(32));
    await vault.unwrap(wrapped);
    expect(vault.shouldRewrap).toBe(false);
    safeStorage.reEncryptAdvised = true;
    await vault.unwrap(wrapped);
    expect(vault.shouldRewrap).toBe(true);
  });

  it('refuses an empty root key', async () => {
    const { vault } = vaultOn('linux');
    expect((await rejection(vault.wrap(Buffer.alloc(0)))).code).toBe('internal');
  });
});
