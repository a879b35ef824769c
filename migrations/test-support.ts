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

/**
 * A doctor 'u1', a patient 'p1', a visit 'e1' in progress and a consent 'c1' to record it: the
 * parents every recording-related row needs (schema 3 and later).
 */
export function seedConsentedVisit(db: ClinicDatabase): void {
  db.raw.exec(`
    INSERT INTO users (id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
      VALUES ('u1', 'dr', 'دکتر', 'doctor', 'scrypt$x', 'now', 'now', 'now');
    INSERT INTO patients (id, mrn_bidx, demographics, clinical, created_at, created_by, updated_at, updated_by)
      VALUES ('p1', randomblob(16), randomblob(40), randomblob(30), 'now', 'u1', 'now', 'u1');
    INSERT INTO encounters (id, patient_id, doctor_id, type, status, chief_complaint, scheduled_at,
      duration_minutes, encryption_key, metadata, created_at, created_by, updated_at, updated_by, ends_at)
      VALUES ('e1', 'p1', 'u1', 'in_person', 'in_progress', randomblob(20), 'now', 20, randomblob(50),
        randomblob(20), 'now', 'u1', 'now', 'u1', 'now');
    INSERT INTO recording_consents (id, encounter_id, method, given_by, consented_at, recorded_by, created_at)
      VALUES ('c1', 'e1', 'verbal', 'patient', 'now', 'u1', 'now');
  `);
}
