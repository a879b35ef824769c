import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import type { ClinicDatabase } from './database';

/**
 * One forward-only schema step. `up` receives the raw connection inside the runner's
 * transaction; it must not commit, and it never runs twice.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export interface MigrateOptions {
  readonly migrations: readonly Migration[];
  /** Where the copy of the database goes before the first pending migration. */
  readonly backupDir: string;
  readonly clock: Clock;
}

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
  readonly backupFile: string | null;
}

export function schemaVersion(db: ClinicDatabase): number {
  return db.raw.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list is broken: expected version ${index + 1}, found ${migration.version} (${migration.name})`,
      );
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(migration.name)) {
      throw new Error(`Migration ${migration.version} has a malformed name: ${migration.name}`);
    }
  });
}

/**
 * Brings the database to the newest schema the app knows. Refuses a database written by a newer
 * app; copies the database aside before changing it; applies every pending migration in one
 * transaction, so a failure leaves the database exactly as it was.
 */
export function migrate(db: ClinicDatabase, options: MigrateOptions): MigrationReport {
  const { migrations } = options;
  checkMigrationList(migrations);
  const from = schemaVersion(db);
  const to = latestVersion(migrations);
  if (from > to) {
    throw new AppError('database_newer', 'db.newerThanApp', {
      params: { dbVersion: from, appVersion: to },
      detail: `database schema ${from}, app knows up to ${to}`,
    });
  }
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to, applied: [], backupFile: null };

  const backupFile = from > 0 ? backUpBeforeMigration(db, options, from, to) : null;

  // Table rebuilds need foreign keys off (SQLite's documented procedure); they are checked as a
  // whole before the transaction commits instead.
  db.raw.pragma('foreign_keys = OFF');
  try {
    db.raw
      .transaction(() => {
        db.raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          applied_at TEXT NOT NULL
        ) STRICT`);
        const record = db.raw.prepare(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        );
        for (const migration of pending) {
          try {
            migration.up(db.raw);
          } catch (error) {
            throw new AppError('migration_failed', 'db.migrationFailed', {
              params: { version: migration.version },
              detail: `${migration.version}-${migration.name}: ${error instanceof Error ? error.message : String(error)}`,
              cause: error,
            });
          }
          record.run(migration.version, migration.name, options.clock.now().toISOString());
        }
        const violations = db.raw.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new AppError('migration_failed', 'db.migrationFailed', {
            params: { version: to },
            detail: `foreign key violations after migrating: ${JSON.stringify(violations.slice(0, 5))}`,
          });
        }
        db.raw.pragma(`user_version = ${to}`);
      })
      .immediate();
  } finally {
    db.raw.pragma('foreign_keys = ON');
  }
  return { from, to, applied: pending.map((migration) => migration.version), backupFile };
}

function backUpBeforeMigration(
  db: ClinicDatabase,
  options: MigrateOptions,
  from: number,
  to: number,
): string {
  fs.mkdirSync(options.backupDir, { recursive: true });
  const stamp = options.clock.now().toISOString().replace(/[:.]/g, '-');
  const file = path.join(options.backupDir, `helssa-v${from}-before-v${to}-${stamp}.db`);
  try {
    db.snapshotTo(file);
  } catch (error) {
    throw new AppError('io', 'db.backupBeforeMigrationFailed', {
      detail: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  return file;
}
