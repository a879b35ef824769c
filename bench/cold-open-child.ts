/**
 * Run in a fresh process by cold-open.ts: `node --import tsx bench/cold-open-child.ts <dataDir>`.
 * Times what the app does at start-up on an existing data folder — open the database and check
 * its schema version (ClinicCore.open), then unlock the keys — and prints one JSON line.
 */
import { ClinicCore } from '../electron/core/clinic-core';
import { PassphraseKeyVault } from '../electron/core/crypto/passphrase-vault';
import { scryptAsync, type ScryptParams } from '../electron/core/crypto/scrypt';
import type { KeyVault } from '../electron/core/crypto/vault';
import { ADMIN_PASSWORD, TEST_PASSPHRASE } from '../electron/core/testing/fixtures';

/** Wraps a vault to time its unwrap (for a passphrase vault: scrypt plus one 32-byte AES-GCM). */
class TimedVault implements KeyVault {
  readonly kind: KeyVault['kind'];
  unwrapMs = 0;
  private readonly inner: KeyVault;

  constructor(inner: KeyVault) {
    this.inner = inner;
    this.kind = inner.kind;
  }

  wrap(rootKey: Buffer): Promise<Buffer> {
    return this.inner.wrap(rootKey);
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    const start = performance.now();
    try {
      return await this.inner.unwrap(wrapped);
    } finally {
      this.unwrapMs = performance.now() - start;
    }
  }
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: cold-open-child.ts <dataDir>');
  // Time since the process started: Node start-up plus loading (and, under tsx, transpiling) the
  // core's modules. The packaged app loads pre-built JavaScript, so this is context only.
  const processStartToReadyMs = performance.now();

  let start = performance.now();
  const core = ClinicCore.open({ dataDir });
  const openMigrateMs = performance.now() - start;

  start = performance.now();
  const setUp = core.isSetUp();
  const isSetUpMs = performance.now() - start;
  if (!setUp) throw new Error('the data folder is not set up');

  const vault = new TimedVault(new PassphraseKeyVault(TEST_PASSPHRASE));
  start = performance.now();
  await core.unlock(vault);
  const unlockMs = performance.now() - start;

  // The KDF alone, with the parameters and salt stored in this database's vault blob.
  const blob = (
    core.db.raw.prepare("SELECT wrapped_root FROM key_vaults WHERE kind = 'passphrase'").get() as {
      wrapped_root: Buffer;
    }
  ).wrapped_root;
  const params: ScryptParams = {
    logN: blob.readUInt8(1),
    r: blob.readUInt8(2),
    p: blob.readUInt8(3),
  };
  start = performance.now();
  (await scryptAsync(TEST_PASSPHRASE, blob.subarray(4, 20), 32, params)).fill(0);
  const kdfAloneMs = performance.now() - start;

  // Sign-in (scrypt password check, like the vault's KDF), then the first search after unlock
  // (statement cache empty, JIT cold): what the first user of the day sees.
  start = performance.now();
  const { token } = await core.services.sessions.login('admin', ADMIN_PASSWORD);
  const loginMs = performance.now() - start;
  const actor = core.services.sessions.actor(token);
  start = performance.now();
  const first = core.services.patients.search(actor, { query: 'محمد' });
  const firstSearchMs = performance.now() - start;

  start = performance.now();
  core.close();
  const closeMs = performance.now() - start;

  process.stdout.write(
    `${JSON.stringify({
      processStartToReadyMs,
      openMigrateMs,
      migrationsApplied: core.migration.applied.length,
      schemaVersion: core.migration.to,
      isSetUpMs,
      unlockMs,
      vaultUnwrapMs: vault.unwrapMs,
      kdfAloneMs,
      scrypt: params,
      loginMs,
      firstSearchMs,
      firstSearchResults: first.items.length,
      closeMs,
    })}\n`,
  );
}

await main();
