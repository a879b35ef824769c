import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { ColumnCipher } from '../crypto/column-cipher';
import { KeyRing } from '../crypto/keyring';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';
import type { KeyVault } from '../crypto/vault';
import { ClinicDatabase } from '../db/database';
import { latestVersion, schemaVersion, type Migration } from '../db/migrate';
import { sealedColumns, type SealedTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log/logger';
import type { DataPaths } from '../paths';
import { readBackupFile, writeBackupFile } from './backup-file';

export type Progress = (doneBytes: number, totalBytes: number) => void;

interface BackupDeps {
  readonly db: ClinicDatabase;
  readonly ring: KeyRing;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly paths: DataPaths;
}

/** Encrypted backups of the whole clinic database. Restore is `restoreBackup` below. */
export class BackupService {
  private readonly deps: BackupDeps;

  constructor(deps: BackupDeps) {
    this.deps = deps;
  }

  async create(
    actor: Actor,
    options: { outFile: string; passphrase: string; onProgress?: Progress },
  ): Promise<{ file: string; bytes: number }> {
    const { db, ring, log, access, clock, logger, paths } = this.deps;
    access.require(actor, 'backup.create', { action: 'backup', resourceType: 'backup' });
    PassphraseKeyVault.assertStrongEnough(options.passphrase);
    const outFile = path.resolve(options.outFile);
    if (fs.existsSync(outFile)) {
      throw new AppError('conflict', 'backup.fileExists', { detail: outFile });
    }
    fs.mkdirSync(paths.scratch, { recursive: true, mode: 0o700 });
    const snapshot = path.join(paths.scratch, `backup-${uuidv7()}.db`);
    try {
      // The snapshot is the database file as it is on disk: patient data in it is still sealed.
      db.snapshotTo(snapshot);
      const { bytes } = await writeBackupFile({
        snapshotFile: snapshot,
        outFile,
        passphrase: options.passphrase,
        rootKey: ring.exportRoot(),
        schemaVersion: schemaVersion(db),
        createdAt: clock.now().toISOString(),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      log.record(db, {
        actor,
        action: 'backup',
        resourceType: 'backup',
        granted: true,
        detail: { bytes },
      });
      logger.info('backup.created', { bytes });
      return { file: outFile, bytes };
    } finally {
      fs.rmSync(snapshot, { force: true });
    }
  }

  /**
   * Checks that `actor` may restore over this database and records the request. Whether the
   * restore then happens is recorded in the restored database (restoreBackup's `requestedBy`).
   */
  authorizeRestore(actor: Actor): void {
    const { access, log, db } = this.deps;
    access.require(actor, 'backup.restore', { action: 'restore', resourceType: 'backup' });
    log.record(db, {
      actor,
      action: 'restore',
      resourceType: 'backup',
      granted: true,
      reason: 'restore requested',
    });
  }
}

export interface RestoreOptions {
  readonly file: string;
  readonly passphrase: string;
  readonly paths: DataPaths;
  /** The vault that will unlock the restored database on this machine. */
  readonly vault: KeyVault;
  readonly migrations: readonly Migration[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly workstationId: string;
  readonly nativeBinding?: string | undefined;
  readonly onProgress?: Progress;
  /** Who asked for the restore (an administrator of the replaced database), for the log. */
  readonly requestedBy?: Pick<Actor, 'userId' | 'username' | 'role'> | null;
}

export interface RestoreReport {
  readonly backupCreatedAt: string;
  readonly schemaVersion: number;
  readonly valuesChecked: number;
  readonly auditEntries: number;
  /** Where the database that was replaced now lies (null when there was none). */
  readonly previousDatabase: string | null;
}

/**
 * Restores a backup into the data folder. Everything is checked on a separate copy first — every
 * chunk's authentication, SQLite's integrity check, the schema version, that the key ring opens
 * and every sealed value opens with it, and the access-log chain — and only then does the copy
 * replace the current database, which is kept beside it. The restored keys are re-protected by
 * `vault`. The caller has closed the current database.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { paths, clock, logger } = options;
  fs.mkdirSync(paths.scratch, { recursive: true, mode: 0o700 });
  const staged = path.join(paths.scratch, `restore-${uuidv7()}.db`);
  let opened: Awaited<ReturnType<typeof readBackupFile>> | null = null;
  try {
    opened = await readBackupFile(options.file, options.passphrase, staged, options.onProgress);
    const { header, rootKey } = opened;
    const report = await verifyAndRekey(staged, rootKey, options);
    const previousDatabase = swapIn(staged, paths, clock);
    logger.info('backup.restored', {
      schemaVersion: header.schemaVersion,
      values: report.valuesChecked,
    });
    return { backupCreatedAt: header.createdAt, previousDatabase, ...report };
  } finally {
    opened?.rootKey.fill(0);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${staged}${suffix}`, { force: true });
  }
}

async function verifyAndRekey(
  staged: string,
  rootKey: Buffer,
  options: RestoreOptions,
): Promise<{ schemaVersion: number; valuesChecked: number; auditEntries: number }> {
  const db = ClinicDatabase.open({ file: staged, nativeBinding: options.nativeBinding });
  let ring: KeyRing | null = null;
  try {
    const integrity = db.raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      throw new AppError('backup_invalid', 'backup.invalid', {
        detail: `integrity check: ${String(integrity)}`,
      });
    }
    const version = schemaVersion(db);
    if (version > latestVersion(options.migrations)) {
      throw new AppError('database_newer', 'db.newerThanApp', {
        params: { dbVersion: version, appVersion: latestVersion(options.migrations) },
      });
    }
    ring = KeyRing.fromRoot(db, Buffer.from(rootKey));
    const cipher = new ColumnCipher(ring);
    let valuesChecked = 0;
    for (const table of Object.keys(sealedColumns) as SealedTable[]) {
      const columns = sealedColumns[table];
      const rows = db.raw
        .prepare(`SELECT id, ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}"`)
        .iterate() as Iterable<Record<string, Buffer | null> & { id: string }>;
      for (const row of rows) {
        for (const column of columns) {
          const value = row[column];
          if (!value) continue;
          if (!cipher.canOpen(table, column, row.id, value)) {
            throw new AppError('backup_invalid', 'backup.invalid', {
              detail: `${table}.${column} of ${row.id} does not open with the backup's keys`,
            });
          }
          valuesChecked += 1;
        }
      }
    }
    const log = new AccessLog(ring, options.workstationId, options.clock);
    const chain = log.verify(db);
    if (!chain.ok) {
      throw new AppError('tampered', 'backup.auditChainBroken', {
        detail: `${chain.problems.length} problem(s), first at entry ${chain.problems[0]?.seq}`,
      });
    }
    const wrapped = await options.vault.wrap(ring.exportRoot());
    db.write((tx) => {
      // Keys wrapped for another machine's vault would only fail there; keep just this one.
      db.raw.prepare('DELETE FROM key_vaults').run();
      db.raw
        .prepare('INSERT INTO key_vaults (kind, wrapped_root, created_at) VALUES (?, ?, ?)')
        .run(options.vault.kind, wrapped, options.clock.now().toISOString());
      log.append(tx, {
        actor: options.requestedBy ?? null,
        action: 'restore',
        resourceType: 'backup',
        granted: true,
        reason: 'database restored from backup',
        detail: { values: valuesChecked },
      });
    });
    return { schemaVersion: version, valuesChecked, auditEntries: chain.entries + 1 };
  } finally {
    ring?.close();
    db.close();
  }
}

/** Moves the current database aside and the verified copy into its place. */
function swapIn(staged: string, paths: DataPaths, clock: Clock): string | null {
  let previous: string | null = null;
  if (fs.existsSync(paths.database)) {
    const dir = path.join(paths.root, 'backups', 'replaced');
    fs.mkdirSync(dir, { recursive: true });
    previous = path.join(
      dir,
      `helssa-before-restore-${clock.now().toISOString().replace(/[:.]/g, '-')}.db`,
    );
    fs.renameSync(paths.database, previous);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(`${paths.database}${suffix}`)) {
        fs.renameSync(`${paths.database}${suffix}`, `${previous}${suffix}`);
      }
    }
  }
  fs.renameSync(staged, paths.database);
  return previous;
}
