import path from 'node:path';
import { ManualClock } from '../electron/core/clock';
import { ClinicDatabase } from '../electron/core/db/database';
import { migrate, type Migration } from '../electron/core/db/migrate';
import { migrations } from './index';

/**
 * Builds a database at schema `version` (every migration up to it), for per-migration tests:
 * schema at N-1, seed rows, migrate to N, assert.
 */
export function databaseAt(dir: string, version: number): ClinicDatabase {
  const db = ClinicDatabase.open({ file: path.join(dir, 'helssa.db') });
  migrateTo(db, dir, version);
  return db;
}

export function migrateTo(db: ClinicDatabase, dir: string, version: number): void {
  const list: readonly Migration[] = migrations.filter((migration) => migration.version <= version);
  migrate(db, {
    migrations: list,
    backupDir: path.join(dir, 'backups'),
    clock: new ManualClock('2026-01-01T00:00:00Z'),
  });
}

/** The schema as SQLite stores it, normalised for comparison. */
export function schemaOf(db: ClinicDatabase): string[] {
  const rows = db.raw
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  return rows.map(
    (row) =>
      `${row.type} ${row.name} on ${row.tbl_name}: ${(row.sql ?? '').replace(/\s+/g, ' ').trim()}`,
  );
}
