import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/roles';
import { ManualClock } from '../clock';
import {
  addUser,
  makeTempDir,
  removeDir,
  setUpTestClinic,
  type TestClinic,
} from '../testing/fixtures';
import type { PatientAccessReport, SuspiciousFlag } from '../../shared/access';
import { appError, lastSeq, logRows } from '../testing/assertions';

/**
 * The per-patient access report and its suspicious-activity flags, on entries made by real
 * service calls at times set with a ManualClock. The clinic's time zone is Asia/Tehran
 * (UTC+03:30, no daylight saving since 2022), so 23:30 there is 20:00 UTC.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function tehran(day: string, time: string): Date {
  return new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+03:30`);
}

const FIRST_NAMES = [
  'علی',
  'زهرا',
  'حسین',
  'فاطمه',
  'محمد',
  'مریم',
  'رضا',
  'سارا',
  'مهدی',
  'نرگس',
  'امیر',
  'لیلا',
  'حمید',
  'شیرین',
  'کاوه',
  'پریسا',
  'بهرام',
  'نازنین',
  'سینا',
  'مینا',
];

/** Runs a call that must write exactly one log entry, and returns that entry's seq. */
function seqOf(clinic: TestClinic, fn: () => unknown): number {
  const before = lastSeq(clinic);
  fn();
  const rows = logRows(clinic, before);
  expect(rows).toHaveLength(1);
  return rows[0]!.seq;
}

function flagsOf(report: PatientAccessReport | readonly SuspiciousFlag[], actor: Actor) {
  const flags = 'flags' in report ? report.flags : report;
  return flags.filter((flag) => flag.userId === actor.userId);
}

describe('patient access report', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let admin: Actor;
  let staff: Actor;
  let doctor: Actor;

  beforeAll(async () => {
    clock = new ManualClock(tehran('2026-01-10', '08:00'));
    clinic = await setUpTestClinic(makeTempDir('helssa-access-report'), { clock });
    admin = clinic.adminActor;
    staff = (await addUser(clinic, { username: 'paziresh', displayName: 'پذیرش', role: 'staff' }))
      .actor;
    doctor = (
      await addUser(clinic, { username: 'dr.karimi', displayName: 'دکتر کریمی', role: 'doctor' })
    ).actor;
  }, 120_000);

  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  const patients = () => clinic.services.patients;
  const audit = () => clinic.services.audit;

  /** Registers patients one minute apart, as reception would. */
  function register(count: number, lastName: string): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      ids.push(patients().create(staff, { firstName: FIRST_NAMES[i % 20]!, lastName }).id);
      clock.advance(MINUTE);
    }
    return ids;
  }

  it("counts a patient's entries by user, action and resource", () => {
    clock.set(tehran('2026-01-10', '09:00'));
    const [p] = register(1, 'شمارشی');
    const id = p!;
    clock.set(tehran('2026-01-10', '09:01'));
    patients().get(doctor, id);
    clock.set(tehran('2026-01-10', '09:02'));
    patients().get(doctor, id);
    clock.set(tehran('2026-01-10', '09:03'));
    patients().update(staff, id, { phone: '09121234567' });
    clock.set(tehran('2026-01-10', '09:04'));
    expect(appError(() => patients().remove(staff, id)).code).toBe('permission_denied');
    clock.set(tehran('2026-01-10', '09:05'));
    patients().get(admin, id);
    clock.set(tehran('2026-01-10', '09:06'));

    const report = audit().patientReport(admin, id);
    expect(report.patientId).toBe(id);
    expect(report.summary).toEqual({ total: 6, uniqueUsers: 3, granted: 5, denied: 1 });
    expect(report.byUser).toEqual([
      {
        userId: staff.userId,
        username: 'paziresh',
        role: 'staff',
        count: 3,
        lastAt: tehran('2026-01-10', '09:04').toISOString(),
      },
      {
        userId: doctor.userId,
        username: 'dr.karimi',
        role: 'doctor',
        count: 2,
        lastAt: tehran('2026-01-10', '09:02').toISOString(),
      },
      {
        userId: admin.userId,
        username: 'admin',
        role: 'admin',
        count: 1,
        lastAt: tehran('2026-01-10', '09:05').toISOString(),
      },
    ]);
    expect(Object.fromEntries(report.byAction.map((row) => [row.action, row.count]))).toEqual({
      view: 3,
      create: 1,
      update: 1,
      delete: 1,
    });
    expect(report.byAction[0]).toEqual({ action: 'view', count: 3 });
    expect(report.byResource).toEqual([{ resourceType: 'patient', count: 6, granted: 5 }]);
    expect(report.recent.map((entry) => [entry.action, entry.username, entry.granted])).toEqual([
      ['view', 'admin', true],
      ['delete', 'paziresh', false],
      ['update', 'paziresh', true],
      ['view', 'dr.karimi', true],
      ['view', 'dr.karimi', true],
      ['create', 'paziresh', true],
    ]);
    expect(report.flags).toEqual([]);
  });

  it('logs every look at the log as a view of the access log', () => {
    clock.set(tehran('2026-01-10', '12:00'));
    const [id] = register(1, 'بازبینی');
    const before = lastSeq(clinic);
    const first = audit().patientReport(admin, id!);
    expect(first.summary.total).toBe(1);
    expect(logRows(clinic, before)).toMatchObject([
      {
        action: 'view',
        resource_type: 'access_log',
        resource_id: null,
        patient_id: id,
        user_id: admin.userId,
        granted: 1,
        detail: JSON.stringify({ report: 'patient' }),
      },
    ]);
    // The next report shows the earlier look.
    const second = audit().patientReport(admin, id!);
    expect(second.summary.total).toBe(2);
    expect(second.byResource).toEqual([
      { resourceType: 'patient', count: 1, granted: 1 },
      { resourceType: 'access_log', count: 1, granted: 1 },
    ]);

    const listed = lastSeq(clinic);
    const page = audit().list(admin, { patientId: id!, limit: 10 });
    expect(page.entries.map((entry) => entry.resourceType)).toEqual([
      'access_log',
      'access_log',
      'patient',
    ]);
    expect(logRows(clinic, listed)).toMatchObject([
      {
        action: 'view',
        resource_type: 'access_log',
        patient_id: id,
        user_id: admin.userId,
        detail: JSON.stringify({ entries: 3 }),
      },
    ]);
  });

  it('flags access between 22:00 and 06:00 Tehran time, not access during the day', () => {
    clock.set(tehran('2026-01-11', '10:00'));
    const [night] = register(1, 'شبانه');
    clock.set(tehran('2026-01-11', '10:05'));
    patients().get(doctor, night!);
    clock.set(tehran('2026-01-11', '23:30'));
    expect(clock.now().toISOString()).toBe('2026-01-11T20:00:00.000Z');
    const lateSeq = seqOf(clinic, () => patients().get(doctor, night!));
    clock.advance(MINUTE);
    expect(audit().patientReport(admin, night!).flags).toEqual([
      {
        kind: 'after_hours_access',
        userId: doctor.userId,
        username: 'dr.karimi',
        seqs: [lateSeq],
        firstAt: '2026-01-11T20:00:00.000Z',
        lastAt: '2026-01-11T20:00:00.000Z',
        count: 1,
      },
    ]);

    clock.set(tehran('2026-01-12', '10:00'));
    expect(clock.now().toISOString()).toBe('2026-01-12T06:30:00.000Z');
    const [day] = register(1, 'روزانه');
    patients().get(doctor, day!);
    patients().update(doctor, day!, { phone: '09120001122' });
    expect(audit().patientReport(admin, day!).flags).toEqual([]);
  });

  it('puts the after-hours boundaries at 22:00 and 06:00', () => {
    clock.set(tehran('2026-01-12', '12:00'));
    const [id] = register(1, 'مرزی');
    const seqAt = (day: string, time: string) => {
      clock.set(tehran(day, time));
      return seqOf(clinic, () => patients().get(doctor, id!));
    };
    seqAt('2026-01-12', '21:59:59');
    const ten = seqAt('2026-01-12', '22:00:00');
    const beforeSix = seqAt('2026-01-13', '05:59:59');
    seqAt('2026-01-13', '06:00:00');
    clock.set(tehran('2026-01-13', '09:00'));
    const flags = audit().patientReport(admin, id!).flags;
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'after_hours_access',
        userId: doctor.userId,
        seqs: [ten, beforeSix],
        count: 2,
      }),
    ]);
  });

  describe('rapid access', () => {
    let ids: string[];

    beforeAll(() => {
      clock.set(tehran('2026-01-14', '07:00'));
      ids = register(20, 'سریع');
    });

    /** `actor` opens the first `count` patients, `spacing` apart. */
    function openMany(actor: Actor, count: number, spacing: number): number[] {
      const seqs: number[] = [];
      for (const id of ids.slice(0, count)) {
        seqs.push(seqOf(clinic, () => patients().get(actor, id)));
        clock.advance(spacing);
      }
      return seqs;
    }

    it('flags one user opening 20 different patients within 10 minutes', async () => {
      const fast = (
        await addUser(clinic, { username: 'dr.fast', displayName: 'دکتر الف', role: 'doctor' })
      ).actor;
      clock.set(tehran('2026-01-14', '09:00'));
      const seqs = openMany(fast, 20, 30 * SECOND);
      const expected: SuspiciousFlag = {
        kind: 'rapid_access',
        userId: fast.userId,
        username: 'dr.fast',
        seqs,
        firstAt: tehran('2026-01-14', '09:00:00').toISOString(),
        lastAt: tehran('2026-01-14', '09:09:30').toISOString(),
        count: 20,
      };
      // Reception registered the 20 a minute apart: that is not a burst.
      expect(audit().patientReport(admin, ids[0]!).flags).toEqual([expected]);
      expect(audit().patientReport(admin, ids[19]!).flags).toEqual([expected]);
    });

    it('does not flag 19 patients within 10 minutes', async () => {
      const nineteen = (
        await addUser(clinic, { username: 'dr.nineteen', displayName: 'دکتر ب', role: 'doctor' })
      ).actor;
      clock.set(tehran('2026-01-14', '10:00'));
      openMany(nineteen, 19, 30 * SECOND);
      const report = audit().patientReport(admin, ids[0]!);
      expect(report.byUser.map((row) => row.userId)).toContain(nineteen.userId);
      expect(flagsOf(report, nineteen)).toEqual([]);
    });

    it('does not flag 20 patients opened over just over 10 minutes', async () => {
      const steady = (
        await addUser(clinic, { username: 'dr.steady', displayName: 'دکتر پ', role: 'doctor' })
      ).actor;
      clock.set(tehran('2026-01-14', '11:00'));
      // 32 s apart: the 20 span 10 min 8 s, and no 10-minute window holds more than 19.
      openMany(steady, 20, 32 * SECOND);
      const report = audit().patientReport(admin, ids[0]!);
      expect(report.byUser.map((row) => row.userId)).toContain(steady.userId);
      expect(flagsOf(report, steady)).toEqual([]);
    });
  });

  describe('bulk export', () => {
    let id: string;

    beforeAll(() => {
      clock.set(tehran('2026-01-15', '08:00'));
      id = register(1, 'چاپی')[0]!;
    });

    /** A user (one real hash, no session needed) prints the patient's record `count` times. */
    async function printMany(
      username: string,
      count: number,
      spacing: number,
    ): Promise<{ actor: Actor; seqs: number[] }> {
      const user = await clinic.services.accounts.createUser(admin, {
        username,
        displayName: username,
        role: 'doctor',
        password: `Ramz-e ${username} 1405`,
      });
      const actor: Actor = {
        userId: user.id,
        username: user.username,
        role: user.role,
        sessionId: 'print-test',
      };
      const seqs: number[] = [];
      for (let i = 0; i < count; i += 1) {
        seqs.push(
          clinic.services.accessLog.record(clinic.core.db, {
            actor,
            action: 'print',
            resourceType: 'patient',
            resourceId: id,
            patientId: id,
            granted: true,
          }).seq,
        );
        clock.advance(spacing);
      }
      return { actor, seqs };
    }

    it('flags 10 prints by one user within an hour', async () => {
      clock.set(tehran('2026-01-15', '09:00'));
      const { actor, seqs } = await printMany('dr.printer', 10, 5 * MINUTE);
      expect(flagsOf(audit().patientReport(admin, id), actor)).toEqual([
        {
          kind: 'bulk_export',
          userId: actor.userId,
          username: 'dr.printer',
          seqs,
          firstAt: tehran('2026-01-15', '09:00').toISOString(),
          lastAt: tehran('2026-01-15', '09:45').toISOString(),
          count: 10,
        },
      ]);
    });

    it('does not flag 9 prints within an hour', async () => {
      clock.set(tehran('2026-01-15', '11:00'));
      const { actor } = await printMany('dr.nine-prints', 9, 5 * MINUTE);
      const report = audit().patientReport(admin, id);
      expect(report.byUser.map((row) => row.userId)).toContain(actor.userId);
      expect(flagsOf(report, actor)).toEqual([]);
    });

    it('does not flag 10 prints spread over just over an hour', async () => {
      clock.set(tehran('2026-01-15', '13:00'));
      // 6 min 41 s apart: the 10 span 60 min 9 s, and no 60-minute window holds more than 9.
      const { actor } = await printMany('dr.slow-printer', 10, 6 * MINUTE + 41 * SECOND);
      const report = audit().patientReport(admin, id);
      expect(report.byUser.map((row) => row.userId)).toContain(actor.userId);
      expect(flagsOf(report, actor)).toEqual([]);
    });
  });

  it('shows every flag of a period in the administrator overview, and logs the look', () => {
    clock.set(tehran('2026-01-16', '09:00'));
    const before = lastSeq(clinic);
    const flags = audit().suspiciousActivity(admin, {
      from: tehran('2026-01-14', '00:00').toISOString(),
      to: tehran('2026-01-16', '00:00').toISOString(),
    });
    expect(flags.map((flag) => [flag.kind, flag.username, flag.count]).sort()).toEqual([
      ['bulk_export', 'dr.printer', 10],
      ['rapid_access', 'dr.fast', 20],
    ]);
    expect(logRows(clinic, before)).toMatchObject([
      {
        action: 'view',
        resource_type: 'access_log',
        patient_id: null,
        user_id: admin.userId,
        granted: 1,
        detail: JSON.stringify({ report: 'suspicious', flags: 2 }),
      },
    ]);
  });

  it('shows reports to administrators only, and logs the refusals', () => {
    clock.set(tehran('2026-01-16', '10:00'));
    const [id] = register(1, 'محرمانه');
    for (const actor of [doctor, staff]) {
      const before = lastSeq(clinic);
      const error = appError(() => audit().patientReport(actor, id!));
      expect([error.code, error.messageKey]).toEqual(['permission_denied', 'access.denied']);
      expect(appError(() => audit().list(actor, {})).code).toBe('permission_denied');
      expect(appError(() => audit().suspiciousActivity(actor)).code).toBe('permission_denied');
      const rows = logRows(clinic, before);
      expect(rows).toMatchObject([
        {
          action: 'view',
          resource_type: 'access_log',
          patient_id: id,
          user_id: actor.userId,
          granted: 0,
          reason: `role ${actor.role} lacks access_log.view`,
        },
        { action: 'view', resource_type: 'access_log', user_id: actor.userId, granted: 0 },
        { action: 'view', resource_type: 'access_log', user_id: actor.userId, granted: 0 },
      ]);
    }
  });

  it('compares a period as instants: ends written without milliseconds are inclusive, exactly', () => {
    clock.set(tehran('2026-01-16', '11:00'));
    expect(clock.now().toISOString()).toBe('2026-01-16T07:30:00.000Z');
    const [id] = register(1, 'بازه');
    clock.set(new Date('2026-01-16T07:35:00.000Z'));
    patients().get(doctor, id!);
    clock.set(new Date('2026-01-16T07:35:00.500Z'));
    patients().get(doctor, id!);
    clock.set(tehran('2026-01-16', '12:00'));
    // ISO 8601 allows the milliseconds to be left out; the schema accepts it.
    const report = audit().patientReport(admin, id!, {
      from: '2026-01-16T07:30:00Z',
      to: '2026-01-16T07:35:00Z',
    });
    expect(report.recent.map((entry) => [entry.action, entry.at])).toEqual([
      ['view', '2026-01-16T07:35:00.000Z'],
      ['create', '2026-01-16T07:30:00.000Z'],
    ]);
  });
});

describe('report thresholds from settings', () => {
  let clock: ManualClock;
  let clinic: TestClinic;

  beforeAll(async () => {
    clock = new ManualClock(tehran('2026-02-01', '09:00'));
    clinic = await setUpTestClinic(makeTempDir('helssa-access-thresholds'), { clock });
  }, 120_000);

  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  it('applies changed after-hours, rapid-access and bulk-export thresholds', async () => {
    const admin = clinic.adminActor;
    const { actor: staff } = await addUser(clinic, {
      username: 'paziresh',
      displayName: 'پذیرش',
      role: 'staff',
    });
    const { actor: doctor } = await addUser(clinic, {
      username: 'dr.sadeghi',
      displayName: 'دکتر صادقی',
      role: 'doctor',
    });
    const ids: string[] = [];
    // Three minutes apart, so that registering them is not itself a burst of three in five.
    for (const [time, name] of [
      ['10:00', 'بردیا'],
      ['10:03', 'آرش'],
      ['10:06', 'رامین'],
    ] as const) {
      clock.set(tehran('2026-02-01', time));
      ids.push(clinic.services.patients.create(staff, { firstName: name, lastName: 'آستانه' }).id);
    }
    const views: number[] = [];
    for (const [i, id] of ids.entries()) {
      clock.set(tehran('2026-02-01', `10:1${i}`));
      views.push(seqOf(clinic, () => clinic.services.patients.get(doctor, id)));
    }
    const prints: number[] = [];
    for (const time of ['10:20', '10:25', '10:30']) {
      clock.set(tehran('2026-02-01', time));
      prints.push(
        clinic.services.accessLog.record(clinic.core.db, {
          actor: doctor,
          action: 'print',
          resourceType: 'patient',
          resourceId: ids[0]!,
          patientId: ids[0]!,
          granted: true,
        }).seq,
      );
    }
    clock.set(tehran('2026-02-01', '12:00'));
    expect(clinic.services.audit.patientReport(admin, ids[0]!).flags).toEqual([]);

    const settings = clinic.services.settings;
    settings.set(admin, 'audit.afterHours', { startHour: 10, endHour: 11 });
    settings.set(admin, 'audit.rapidAccess', { patients: 3, windowMinutes: 5 });
    settings.set(admin, 'audit.bulkExport', { actions: 3, windowMinutes: 15 });

    const report = clinic.services.audit.patientReport(admin, ids[0]!);
    expect(flagsOf(report, doctor)).toEqual([
      expect.objectContaining({
        kind: 'after_hours_access',
        seqs: [views[0], ...prints],
        count: 4,
      }),
      expect.objectContaining({ kind: 'rapid_access', seqs: views, count: 3 }),
      expect.objectContaining({ kind: 'bulk_export', seqs: prints, count: 3 }),
    ]);
    expect(flagsOf(report, staff)).toEqual([
      expect.objectContaining({ kind: 'after_hours_access', count: 1 }),
    ]);
    // The reports themselves were looked at at 12:00, outside the new 10–11 window.
    expect(flagsOf(report, admin)).toEqual([]);
  });
});
