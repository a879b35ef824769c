import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeValidNationalId } from '../../shared/patients/national-id';
import type { Actor } from '../../shared/roles';
import { ManualClock } from '../clock';
import type { AccessLogTable } from '../db/schema';
import { AppError } from '../errors';
import {
  TEAM_STAFF_USERNAME,
  type TestClinic,
  closeTestClinic,
  makeTempDir,
  removeDir,
  setUpTestClinic,
  setUpTestTeam,
} from '../testing/fixtures';
import { lastSeq, logRows } from '../testing/assertions';

/**
 * The access log against a real clinic: entries arise from real patient-service calls, and
 * tampering is done the way someone with the file would do it — through a second SQLite
 * connection that first drops the append-only triggers.
 */
const MINUTE = 60_000;

/** Runs `fn` and returns the log entries it added. */
function entriesOf(clinic: TestClinic, fn: () => unknown): AccessLogTable[] {
  const before = lastSeq(clinic);
  fn();
  return logRows(clinic, before);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call returned normally');
}

/** Opens the clinic's database file with a second connection, as an outside editor would. */
function withOutsideConnection<T>(clinic: TestClinic, fn: (db: Database.Database) => T): T {
  const db = new Database(clinic.core.paths.database);
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}

function dropTriggers(db: Database.Database): void {
  db.exec('DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;');
}

function patientCount(clinic: TestClinic): number {
  return (clinic.core.db.raw.prepare('SELECT count(*) AS n FROM patients').get() as { n: number })
    .n;
}

describe('access log entries for patient actions', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let doctor: Actor;
  let staff: Actor;

  beforeAll(async () => {
    clock = new ManualClock('2026-01-15T06:30:00.000Z');
    ({ clinic, doctor, staff } = await setUpTestTeam('helssa-access-log', { clock }));
  }, 120_000);

  afterAll(() => closeTestClinic(clinic));

  const patients = () => clinic.services.patients;

  it('logs a create, a view, an update and a delete as exactly one entry each', () => {
    let id = '';
    const created = entriesOf(clinic, () => {
      id = patients().create(staff, {
        firstName: 'مریم',
        lastName: 'صادقی',
        phone: '09121112233',
      }).id;
    });
    expect(created).toMatchObject([
      {
        action: 'create',
        resource_type: 'patient',
        resource_id: id,
        patient_id: id,
        user_id: staff.userId,
        username: TEAM_STAFF_USERNAME,
        role: 'staff',
        granted: 1,
        at: clock.now().toISOString(),
      },
    ]);

    clock.advance(MINUTE);
    const viewedByDoctor = entriesOf(clinic, () => patients().get(doctor, id));
    expect(viewedByDoctor).toMatchObject([
      {
        action: 'view',
        resource_type: 'patient',
        resource_id: id,
        patient_id: id,
        user_id: doctor.userId,
        granted: 1,
        detail: JSON.stringify({ clinical: true }),
      },
    ]);
    const viewedByStaff = entriesOf(clinic, () => patients().get(staff, id));
    expect(viewedByStaff).toMatchObject([
      {
        action: 'view',
        patient_id: id,
        user_id: staff.userId,
        detail: JSON.stringify({ clinical: false }),
      },
    ]);

    clock.advance(MINUTE);
    const updated = entriesOf(clinic, () => patients().update(staff, id, { phone: '09121112244' }));
    expect(updated).toMatchObject([
      {
        action: 'update',
        resource_type: 'patient',
        resource_id: id,
        patient_id: id,
        user_id: staff.userId,
        granted: 1,
        detail: JSON.stringify({ fields: 'phone' }),
      },
    ]);

    clock.advance(MINUTE);
    const deleted = entriesOf(clinic, () => patients().remove(clinic.adminActor, id));
    expect(deleted).toMatchObject([
      {
        action: 'delete',
        resource_type: 'patient',
        resource_id: id,
        patient_id: id,
        user_id: clinic.admin.id,
        granted: 1,
      },
    ]);
  });

  it('logs a search as one entry that holds neither the query nor the patients found', () => {
    const nationalId = makeValidNationalId('004281937');
    const p = patients().create(staff, {
      firstName: 'کیوان',
      lastName: 'شهبازی',
      nationalId,
      phone: '09127654321',
    });
    const persianDigits = (s: string) =>
      s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const queries = [
      { query: 'شهباز', by: 'name', secrets: ['شهباز', 'شهبازی', 'کیوان'] },
      { query: 'كيوان شهبازي', by: 'name', secrets: ['کیوان', 'كيوان', 'شهباز'] },
      {
        query: persianDigits(
          `${nationalId.slice(0, 3)}-${nationalId.slice(3, 9)}-${nationalId[9]}`,
        ),
        by: 'national_id',
        secrets: [nationalId, persianDigits(nationalId), nationalId.slice(3, 9)],
      },
      { query: '0912 765 4321', by: 'phone', secrets: ['09127654321', '7654321', '765 4321'] },
      { query: 'ناموجود', by: 'none', secrets: ['ناموجود'] },
    ];
    for (const { query, by, secrets } of queries) {
      let found = 0;
      const rows = entriesOf(clinic, () => {
        found = patients().search(doctor, { query }).items.length;
      });
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({
        action: 'search',
        resource_type: 'patient',
        resource_id: null,
        patient_id: null,
        user_id: doctor.userId,
        granted: 1,
        reason: null,
      });
      expect(JSON.parse(row!.detail ?? 'null')).toEqual({ by, results: found });
      expect(found).toBe(by === 'none' ? 0 : 1);
      const { id: _id, hash: _hash, prev_hash: _prev, workstation_id: _ws, ...text } = row!;
      const stored = JSON.stringify(text);
      for (const secret of [query, ...secrets, p.id, p.mrn]) {
        expect(stored).not.toContain(secret);
      }
    }
  });

  it('leaves no update entry when the update fails (a duplicate national ID)', () => {
    const taken = makeValidNationalId('005123764');
    patients().create(staff, { firstName: 'رضا', lastName: 'نوری', nationalId: taken });
    const other = patients().create(staff, { firstName: 'سعید', lastName: 'نوری' });
    const before = lastSeq(clinic);
    const error = thrown(() => patients().update(staff, other.id, { nationalId: taken }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect(logRows(clinic, before)).toEqual([]);
    expect(patients().get(staff, other.id).nationalId).toBeNull();
  });

  it('writes the entry in the same transaction: no entry, no change', () => {
    const p = patients().create(staff, {
      firstName: 'نگار',
      lastName: 'امینی',
      phone: '09123334455',
    });
    // Make the log refuse patient updates and creations, as a full disk or a fault would.
    clinic.core.db.raw.exec(`
      CREATE TRIGGER test_log_refuses BEFORE INSERT ON access_log
      WHEN NEW.resource_type = 'patient' AND NEW.action IN ('update', 'create')
      BEGIN SELECT RAISE(ABORT, 'log refused'); END;`);
    const countBefore = patientCount(clinic);
    const before = lastSeq(clinic);
    try {
      expect(thrown(() => patients().update(staff, p.id, { phone: '09129998877' }))).toMatchObject({
        message: 'log refused',
      });
      expect(
        thrown(() => patients().create(staff, { firstName: 'بی‌نام', lastName: 'بی‌نشان' })),
      ).toMatchObject({ message: 'log refused' });
    } finally {
      clinic.core.db.raw.exec('DROP TRIGGER test_log_refuses');
    }
    expect(patientCount(clinic)).toBe(countBefore);
    expect(logRows(clinic, before)).toEqual([]);
    expect(patients().get(staff, p.id).phone).toBe('09123334455');
  });

  it('verifies an untouched log', () => {
    const rows = logRows(clinic);
    expect(rows.length).toBeGreaterThan(20);
    const report = clinic.services.accessLog.verify(clinic.core.db);
    expect(report).toEqual({
      ok: true,
      entries: rows.length,
      lastSeq: rows.at(-1)!.seq,
      problems: [],
    });
    // Every entry links to the one before it; the first links to 32 zero bytes.
    expect(rows[0]!.prev_hash.equals(Buffer.alloc(32))).toBe(true);
    for (let i = 1; i < rows.length; i += 1) {
      expect(rows[i]!.seq).toBe(rows[i - 1]!.seq + 1);
      expect(rows[i]!.prev_hash.equals(rows[i - 1]!.hash)).toBe(true);
    }
  });

  it('refuses UPDATE and DELETE of entries through SQLite, from any connection', () => {
    const before = logRows(clinic);
    const raw = clinic.core.db.raw;
    expect(() => raw.prepare("UPDATE access_log SET action = 'view' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => raw.prepare('DELETE FROM access_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    withOutsideConnection(clinic, (db) => {
      expect(() => db.prepare("UPDATE access_log SET reason = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM access_log WHERE seq > 1').run()).toThrow(/append-only/);
    });
    expect(logRows(clinic)).toEqual(before);
    expect(clinic.services.accessLog.verify(clinic.core.db).ok).toBe(true);
  });
});

describe('access log tamper detection', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let entries: number;

  beforeEach(async () => {
    clock = new ManualClock('2026-01-15T06:30:00.000Z');
    clinic = await setUpTestClinic(makeTempDir('helssa-access-tamper'), { clock });
    const admin = clinic.adminActor;
    for (const [firstName, lastName] of [
      ['علی', 'کاظمی'],
      ['زهرا', 'احمدی'],
      ['حسن', 'موسوی'],
    ] as const) {
      clock.advance(MINUTE);
      const p = clinic.services.patients.create(admin, { firstName, lastName });
      clock.advance(MINUTE);
      clinic.services.patients.get(admin, p.id);
      clinic.services.patients.update(admin, p.id, { fatherName: 'محمد' });
    }
    entries = lastSeq(clinic);
    expect(entries).toBeGreaterThanOrEqual(10);
    expect(clinic.services.accessLog.verify(clinic.core.db).ok).toBe(true);
  }, 120_000);

  afterEach(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  const verify = () => clinic.services.accessLog.verify(clinic.core.db);
  const kinds = (report: ReturnType<typeof verify>) =>
    report.problems.map(({ seq, kind }) => ({ seq, kind }));

  it("reports an edited entry as 'edited' at its sequence number", () => {
    const target = 6;
    withOutsideConnection(clinic, (db) => {
      dropTriggers(db);
      db.prepare(
        "UPDATE access_log SET action = CASE action WHEN 'view' THEN 'search' ELSE 'view' END WHERE seq = ?",
      ).run(target);
    });
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.entries).toBe(entries);
    expect(kinds(report)).toEqual([{ seq: target, kind: 'edited' }]);
  });

  it("reports a deleted middle entry as 'deleted' at the following sequence number", () => {
    const target = 6;
    withOutsideConnection(clinic, (db) => {
      dropTriggers(db);
      db.prepare('DELETE FROM access_log WHERE seq = ?').run(target);
    });
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.entries).toBe(entries - 1);
    expect(report.lastSeq).toBe(entries);
    expect(kinds(report)).toEqual([{ seq: target + 1, kind: 'deleted' }]);
  });

  it("reports two entries that swapped places as 'reordered'", () => {
    const a = 5;
    const b = 6;
    withOutsideConnection(clinic, (db) => {
      dropTriggers(db);
      const renumber = db.prepare('UPDATE access_log SET seq = ? WHERE seq = ?');
      db.transaction(() => {
        renumber.run(-1, a);
        renumber.run(a, b);
        renumber.run(b, -1);
      })();
    });
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.entries).toBe(entries);
    expect(kinds(report)).toContainEqual({ seq: a, kind: 'reordered' });
    expect(kinds(report)).toContainEqual({ seq: b, kind: 'reordered' });
    expect(report.problems.every((problem) => problem.seq >= a && problem.seq <= b + 1)).toBe(true);
    expect(kinds(report)).not.toContainEqual(expect.objectContaining({ kind: 'deleted' }));
  });

  it('cannot be fooled by re-chaining the log with plain SHA-256 after an edit', () => {
    const target = 6;
    withOutsideConnection(clinic, (db) => {
      dropTriggers(db);
      const rows = db
        .prepare('SELECT * FROM access_log WHERE seq >= ? ORDER BY seq')
        .all(target) as AccessLogTable[];
      const write = db.prepare(
        'UPDATE access_log SET action = ?, prev_hash = ?, hash = ? WHERE seq = ?',
      );
      let previous = (
        db.prepare('SELECT hash FROM access_log WHERE seq = ?').get(target - 1) as {
          hash: Buffer;
        }
      ).hash;
      db.transaction(() => {
        for (const row of rows) {
          const action =
            row.seq === target ? (row.action === 'view' ? 'search' : 'view') : row.action;
          const fields = [
            row.seq,
            row.id,
            row.at,
            row.user_id,
            row.username,
            row.role,
            row.workstation_id,
            action,
            row.resource_type,
            row.resource_id,
            row.patient_id,
            row.granted,
            row.reason,
            row.detail,
          ];
          const hash = crypto
            .createHash('sha256')
            .update(previous)
            .update(JSON.stringify(fields), 'utf8')
            .digest();
          write.run(action, previous, hash, row.seq);
          previous = hash;
        }
      })();
    });
    const report = verify();
    expect(report.ok).toBe(false);
    // The links are consistent, but no forged hash is a valid HMAC under the audit key.
    const expected = [];
    for (let seq = target; seq <= entries; seq += 1) expected.push({ seq, kind: 'edited' });
    expect(kinds(report)).toEqual(expected);
  });

  it("reports an entry appended by hand as 'edited'", () => {
    withOutsideConnection(clinic, (db) => {
      const last = db
        .prepare('SELECT * FROM access_log ORDER BY seq DESC LIMIT 1')
        .get() as AccessLogTable;
      db.prepare(
        `INSERT INTO access_log (seq, id, at, user_id, username, role, workstation_id, action,
           resource_type, resource_id, patient_id, granted, reason, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'view', 'patient', NULL, NULL, 1, NULL, NULL, ?, ?)`,
      ).run(
        last.seq + 1,
        crypto.randomUUID(),
        last.at,
        last.user_id,
        last.username,
        last.role,
        last.workstation_id,
        last.hash,
        crypto.randomBytes(32),
      );
    });
    expect(kinds(verify())).toEqual([{ seq: entries + 1, kind: 'edited' }]);
  });
});
