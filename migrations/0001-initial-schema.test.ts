import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../electron/core/testing/fixtures';
import type { ClinicDatabase } from '../electron/core/db/database';
import { databaseAt, migrateTo } from './test-support';

describe('0001 initial schema', () => {
  let dir: string;
  let db: ClinicDatabase;
  beforeEach(() => {
    dir = makeTempDir('helssa-m0001');
    // Schema at N-1 is the empty database.
    db = databaseAt(dir, 0);
    migrateTo(db, dir, 1);
  });
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  const insertUser = (id: string, role = 'doctor') =>
    db.raw
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
         VALUES (?, ?, 'دکتر آزمایشی', ?, 'scrypt$x', 'now', 'now', 'now')`,
      )
      .run(id, `user-${id}`, role);
  const insertPatient = (
    id: string,
    nationalIdIndex: Buffer | null,
    deletedAt: string | null = null,
  ) =>
    db.raw
      .prepare(
        `INSERT INTO patients (id, mrn_bidx, national_id_bidx, phone_bidx, demographics, clinical,
           created_at, created_by, updated_at, updated_by, deleted_at)
         VALUES (?, randomblob(16), ?, NULL, randomblob(40), randomblob(30), 'now', 'u1', 'now', 'u1', ?)`,
      )
      .run(id, nationalIdIndex, deletedAt);

  it('creates every table the foundation needs', () => {
    const tables = db.raw
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual([
      'access_log',
      'clinic_profile',
      'counters',
      'encounter_statuses',
      'encounter_types',
      'encounters',
      'key_ring',
      'key_rotations',
      'key_vaults',
      'patient_name_index',
      'patients',
      'schema_migrations',
      'settings',
      'users',
    ]);
  });

  it("seeds the HELSSA Encounter's types and states", () => {
    const types = db.raw.prepare('SELECT code FROM encounter_types ORDER BY sort_order').all();
    expect(types.map((row) => (row as { code: string }).code)).toEqual([
      'in_person',
      'video',
      'audio',
      'chat',
      'follow_up',
    ]);
    const states = db.raw.prepare('SELECT code FROM encounter_statuses ORDER BY sort_order').all();
    expect(states.map((row) => (row as { code: string }).code)).toEqual([
      'scheduled',
      'confirmed',
      'in_progress',
      'completed',
      'cancelled',
      'no_show',
    ]);
  });

  it('refuses plaintext in a sealed column, even from raw SQL (STRICT tables)', () => {
    insertUser('u1');
    expect(() =>
      db.raw
        .prepare(
          `INSERT INTO patients (id, mrn_bidx, demographics, clinical, created_at, created_by, updated_at, updated_by)
           VALUES ('p1', randomblob(16), 'علی رضایی', randomblob(30), 'now', 'u1', 'now', 'u1')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in BLOB column/);
  });

  it('allows a national ID again only after the earlier record was deleted', () => {
    insertUser('u1');
    const index = Buffer.alloc(16, 7);
    insertPatient('p1', index);
    expect(() => insertPatient('p2', index)).toThrow(/UNIQUE/);
    db.raw.prepare("UPDATE patients SET deleted_at = 'now' WHERE id = 'p1'").run();
    expect(() => insertPatient('p2', index)).not.toThrow();
  });

  it('enforces roles, encounter types and states, and foreign keys', () => {
    expect(() => insertUser('u2', 'nurse')).toThrow(/CHECK/);
    insertUser('u1');
    insertPatient('p1', null);
    const insertEncounter = (id: string, type: string, status: string, patient = 'p1') =>
      db.raw
        .prepare(
          `INSERT INTO encounters (id, patient_id, doctor_id, type, status, chief_complaint, scheduled_at,
             encryption_key, metadata, created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, 'u1', ?, ?, randomblob(20), '2026-11-22T08:00:00Z', randomblob(50), randomblob(20),
             'now', 'u1', 'now', 'u1')`,
        )
        .run(id, patient, type, status);
    expect(() => insertEncounter('e1', 'in_person', 'scheduled')).not.toThrow();
    expect(() => insertEncounter('e2', 'house_call', 'scheduled')).toThrow(/FOREIGN KEY/);
    expect(() => insertEncounter('e3', 'in_person', 'arrived')).toThrow(/FOREIGN KEY/);
    expect(() => insertEncounter('e4', 'in_person', 'scheduled', 'no-such-patient')).toThrow(
      /FOREIGN KEY/,
    );
    const row = db.raw
      .prepare(
        "SELECT duration_minutes, is_recording_enabled, recording_consent, fee_amount, is_paid FROM encounters WHERE id = 'e1'",
      )
      .get();
    expect(row).toEqual({
      duration_minutes: 30,
      is_recording_enabled: 1,
      recording_consent: 0,
      fee_amount: 0,
      is_paid: 0,
    });
  });

  it('keeps the access log append-only through SQLite', () => {
    db.raw
      .prepare(
        `INSERT INTO access_log (seq, id, at, workstation_id, action, resource_type, granted, prev_hash, hash)
         VALUES (1, 'a1', 'now', 'w1', 'login', 'session', 1, zeroblob(32), randomblob(32))`,
      )
      .run();
    expect(() => db.raw.prepare("UPDATE access_log SET action = 'view'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.raw.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
  });

  it('allows one active key per purpose', () => {
    const add = (id: number, state: string) =>
      db.raw
        .prepare(
          "INSERT INTO key_ring (id, purpose, state, wrapped_key, created_at) VALUES (?, 'data', ?, randomblob(60), 'now')",
        )
        .run(id, state);
    add(1, 'retiring');
    add(2, 'active');
    expect(() => add(3, 'active')).toThrow(/UNIQUE/);
  });
});
