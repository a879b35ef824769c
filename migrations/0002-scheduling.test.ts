import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../electron/core/db/database';
import { makeTempDir, removeDir } from '../electron/core/testing/fixtures';
import { databaseAt, migrateTo } from './test-support';

describe('0002 scheduling', () => {
  let dir: string;
  let db: ClinicDatabase;
  beforeEach(() => {
    dir = makeTempDir('helssa-m0002');
    db = databaseAt(dir, 1);
    // Rows as the foundation stored them: a user, a patient, two visits.
    db.raw
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
         VALUES ('u1', 'dr', 'دکتر', 'doctor', 'scrypt$x', 'now', 'now', 'now')`,
      )
      .run();
    db.raw
      .prepare(
        `INSERT INTO patients (id, mrn_bidx, demographics, clinical, created_at, created_by, updated_at, updated_by)
         VALUES ('p1', randomblob(16), randomblob(40), randomblob(30), 'now', 'u1', 'now', 'u1')`,
      )
      .run();
    const insertEncounter = db.raw.prepare(
      `INSERT INTO encounters (id, patient_id, doctor_id, type, status, chief_complaint, scheduled_at,
         duration_minutes, encryption_key, metadata, created_at, created_by, updated_at, updated_by)
       VALUES (?, 'p1', 'u1', 'in_person', ?, randomblob(20), ?, ?, randomblob(50), randomblob(20),
         'now', 'u1', 'now', 'u1')`,
    );
    insertEncounter.run('e1', 'scheduled', '2026-11-22T08:00:00Z', 30);
    insertEncounter.run('e2', 'completed', '2026-11-22T23:45:00.000Z', 20);
    migrateTo(db, dir, 2);
  });
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  it('gives existing visits an end time and one stored form of instants', () => {
    const rows = db.raw
      .prepare(
        'SELECT id, scheduled_at, ends_at, is_walk_in, late_cancel FROM encounters ORDER BY id',
      )
      .all();
    expect(rows).toEqual([
      {
        id: 'e1',
        scheduled_at: '2026-11-22T08:00:00.000Z',
        ends_at: '2026-11-22T08:30:00.000Z',
        is_walk_in: 0,
        late_cancel: 0,
      },
      {
        id: 'e2',
        scheduled_at: '2026-11-22T23:45:00.000Z',
        ends_at: '2026-11-23T00:05:00.000Z',
        is_walk_in: 0,
        late_cancel: 0,
      },
    ]);
  });

  it('adds the arrived state between confirmed and in progress', () => {
    const codes = db.raw
      .prepare('SELECT code FROM encounter_statuses ORDER BY sort_order')
      .all()
      .map((row) => (row as { code: string }).code);
    expect(codes.slice(0, 5)).toEqual([
      'scheduled',
      'confirmed',
      'arrived',
      'in_progress',
      'completed',
    ]);
    expect(() =>
      db.raw.prepare("UPDATE encounters SET status = 'arrived' WHERE id = 'e1'").run(),
    ).not.toThrow();
  });

  it('gives the visit types a colour, a default length and a fee, and checks them', () => {
    const types = db.raw
      .prepare(
        'SELECT code, color, default_duration_minutes, default_fee, is_active FROM encounter_types ORDER BY sort_order',
      )
      .all();
    expect(types).toContainEqual({
      code: 'follow_up',
      color: '#c26a00',
      default_duration_minutes: 15,
      default_fee: 0,
      is_active: 1,
    });
    expect(() =>
      db.raw.prepare("UPDATE encounter_types SET color = 'red' WHERE code = 'chat'").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.raw
        .prepare("UPDATE encounter_types SET default_duration_minutes = 1 WHERE code = 'chat'")
        .run(),
    ).toThrow(/CHECK/);
  });

  it('checks weekly periods, exceptions and the waitlist', () => {
    const period = db.raw.prepare(
      "INSERT INTO schedule_periods (doctor_id, weekday, start_minute, end_minute, kind) VALUES ('u1', ?, ?, ?, ?)",
    );
    expect(() => period.run(6, 480, 780, 'work')).not.toThrow();
    expect(() => period.run(7, 480, 780, 'work')).toThrow(/CHECK/);
    expect(() => period.run(6, 780, 480, 'work')).toThrow(/CHECK/);
    expect(() => period.run(6, 480, 500, 'lunch')).toThrow(/CHECK/);
    const exception = db.raw.prepare(
      "INSERT INTO schedule_exceptions (id, doctor_id, date, kind, created_at, created_by) VALUES (?, NULL, ?, 'closed', 'now', 'u1')",
    );
    expect(() => exception.run('x1', '2026-12-22')).not.toThrow();
    expect(() => exception.run('x2', '1405/10/01')).toThrow(/CHECK/);
    const waitlist = db.raw.prepare(
      `INSERT INTO waitlist (id, patient_id, type, status, created_at, created_by, updated_at)
       VALUES (?, 'p1', 'in_person', ?, 'now', 'u1', 'now')`,
    );
    expect(() => waitlist.run('w1', 'waiting')).not.toThrow();
    expect(() => waitlist.run('w2', 'maybe')).toThrow(/CHECK/);
  });
});
