/**
 * Where the root key's protection comes from. The root key wraps every data, blind-index and
 * audit key in the key ring (see keyring.ts); a vault wraps only the root key, so rotating a data
 * key never needs every vault at hand.
 *
 * Implementations: the operating system's secret store through Electron safeStorage
 * (electron/main), and an administrator's passphrase (PassphraseKeyVault, for the command-line
 * tool, tests and IT). There is deliberately no fallback between them: a vault that cannot protect
 * the key refuses to run.
 */
export type VaultKind = 'safe_storage' | 'passphrase';

export interface KeyVault {
  readonly kind: VaultKind;
  /** Protects the root key; the returned blob is stored in the database and is opaque to callers. */
  wrap(rootKey: Buffer): Promise<Buffer>;
  /** Recovers the root key from a blob made by `wrap`; throws an AppError when it cannot. */
  unwrap(wrapped: Buffer): Promise<Buffer>;
}
