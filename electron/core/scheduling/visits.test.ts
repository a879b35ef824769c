import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatJalaliDate } from '../../shared/dates/jalali';
import { translate } from '../../shared/messages';
import type { Actor } from '../../shared/roles';
import type { BookVisitInput, Visit } from '../../shared/scheduling';
import { ManualClock } from '../clock';
import { q } from '../db/database';
import { appError, lastSeq, logRows } from '../testing/assertions';
import { openVisitsStartedBefore } from './visit-service';
import { addUser, closeTestClinic, setUpTestTeam, type TestClinic } from '../testing/fixtures';

/**
 * The scheduling rules on a real clinic database: working hours with breaks, days off and
 * exceptions; doctor and patient overlaps at their edges; overrides and their log; series across
 * Jalali months; the states of a visit; the waitlist; no-shows at the end of the day; the clinic's
 * time zone. The clock is a ManualClock in Tehran time; 2026-12-19 is a Saturday (1405/09/28).
 */
const tehran = (day: string, time: string) => new Date(`${day}T${time}:00+03:30`);
const SAT = '2026-12-19';
const SUN = '2026-12-20';
const MON = '2026-12-21';
const FRI = '2026-12-25';

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

describe('scheduling rules', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let admin: Actor;
  let doctor: Actor;
  let staff: Actor;
  let secondDoctor: Actor;
  const patients: string[] = [];

  beforeAll(async () => {
    clock = new ManualClock(tehran(SAT, '07:00'));
    const team = await setUpTestTeam('helssa-visits', { clock });
    clinic = team.clinic;
    admin = clinic.adminActor;
    doctor = team.doctor;
    staff = team.staff;
    secondDoctor = (
      await addUser(clinic, { username: 'dr.ahmadi', displayName: 'دکتر احمدی', role: 'doctor' })
    ).actor;
    for (const [firstName, lastName] of [
      ['سارا', 'رضایی'],
      ['علی', 'محمدی'],
      ['نرگس', 'قاسمی'],
      ['کاوه', 'نوری'],
    ] as const) {
      patients.push(clinic.services.patients.create(staff, { firstName, lastName }).id);
    }
    // Saturday to Wednesday 08:00–13:00 with a break 10:30–10:45; Thursday 16:00–19:00.
    for (const doctorId of [doctor.userId, secondDoctor.userId]) {
      clinic.services.schedule.setWeekly(admin, {
        doctorId,
        periods: [
          ...[6, 0, 1, 2, 3].flatMap((weekday) => [
            { weekday, startMinute: 480, endMinute: 780, kind: 'work' as const },
            { weekday, startMinute: 630, endMinute: 645, kind: 'break' as const },
          ]),
          { weekday: 4, startMinute: 960, endMinute: 1140, kind: 'work' },
        ],
      });
    }
  }, 120_000);

  afterAll(() => closeTestClinic(clinic));

  beforeEach(() => {
    clock.set(tehran(SAT, '07:00'));
    // Each test starts from an empty calendar (history rows first: they reference visits).
    clinic.core.db.write((tx) => {
      tx.run(q.deleteFrom('encounter_events'));
      tx.run(q.updateTable('waitlist').set({ status: 'removed' }));
      tx.run(q.deleteFrom('encounters'));
      tx.run(q.deleteFrom('encounter_series'));
      tx.run(q.deleteFrom('schedule_exceptions'));
    });
  });

  const visits = () => clinic.services.visits;
  const calendar = () => clinic.services.calendar;

  function book(input: Partial<BookVisitInput> & { time: string }, actor: Actor = staff): Visit {
    const [visit] = visits().book(actor, {
      patientId: patients[0]!,
      doctorId: doctor.userId,
      type: 'in_person',
      date: SAT,
      ...input,
    });
    return visit!;
  }

  /** The message keys of a refused booking, by field. */
  function conflictsOf(run: () => unknown): Record<string, string> {
    const error = appError(run);
    expect(error.code).toBe('conflict');
    return Object.fromEntries((error.fields ?? []).map((f) => [f.field, f.messageKey]));
  }

  describe('booking', () => {
    it('takes the duration and fee from the visit type and stores the Tehran time in UTC', () => {
      clinic.services.schedule.updateVisitType(admin, {
        code: 'in_person',
        defaultFee: 1_500_000,
        defaultDurationMinutes: 20,
      });
      const visit = book({ time: '09:00', chiefComplaint: 'سردرد' });
      expect(visit).toMatchObject({
        status: 'scheduled',
        scheduledAt: '2026-12-19T05:30:00.000Z',
        endsAt: '2026-12-19T05:50:00.000Z',
        date: SAT,
        startMinute: 540,
        durationMinutes: 20,
        feeAmount: 1_500_000,
        isPaid: false,
        patientName: 'سارا رضایی',
        doctorName: 'دکتر کریمی',
        chiefComplaint: 'سردرد',
      });
      const history = calendar().history(staff, visit.id);
      expect(history).toEqual([
        expect.objectContaining({
          action: 'book',
          fromStatus: null,
          toStatus: 'scheduled',
          userName: 'منشی',
        }),
      ]);
    });

    it('accepts a Jalali date with Persian digits and a Persian time', () => {
      const visit = book({ date: '۱۴۰۵/۰۹/۲۹', time: '۰۹:۳۰' });
      expect(visit.date).toBe(SUN);
      expect(visit.startMinute).toBe(570);
    });

    it('lets visits touch at their edges but not overlap by a minute', () => {
      const anyString: unknown = expect.any(String);
      book({ time: '09:00' }); // 09:00–09:20
      expect(book({ time: '09:20', patientId: patients[1] }).startMinute).toBe(560);
      expect(book({ time: '08:40', patientId: patients[2] }).startMinute).toBe(520);
      for (const time of ['09:19', '08:41', '09:05']) {
        const error = appError(() => book({ time, patientId: patients[3] }));
        expect(error.fields).toContainEqual({
          field: 'doctor',
          messageKey: 'scheduling.conflict.doctor',
          params: { doctor: 'دکتر کریمی', from: anyString, to: anyString },
        });
      }
      const error = appError(() => book({ time: '09:10', patientId: patients[3] }));
      const doctorConflict = error.fields!.find((field) => field.field === 'doctor')!;
      expect(translate(doctorConflict.messageKey, 'fa', doctorConflict.params)).toBe(
        'دکتر کریمی در این زمان ویزیت دیگری دارد (09:00 تا 09:20).',
      );
      expect(translate(error.messageKey, 'en')).toBe('This booking conflicts with the schedule.');
    });

    it('refuses the patient a second visit at the same time with another doctor, naming the doctor', () => {
      book({ time: '09:00' });
      const error = appError(() => book({ time: '09:10', doctorId: secondDoctor.userId }));
      expect(error.fields).toEqual([
        {
          field: 'patient',
          messageKey: 'scheduling.conflict.patient',
          params: { doctor: 'دکتر کریمی', from: '09:00', to: '09:20' },
        },
      ]);
      // A cancelled visit no longer holds the time.
      const first = calendar().day(staff, { date: SAT }).visits[0]!;
      visits().cancel(staff, { id: first.id, party: 'clinic' });
      expect(book({ time: '09:10', doctorId: secondDoctor.userId }).status).toBe('scheduled');
    });

    it('keeps visits out of breaks and outside working hours', () => {
      expect(conflictsOf(() => book({ time: '10:20' }))).toEqual({
        time: 'scheduling.conflict.outsideHours',
      }); // 10:20–10:40 runs into the break
      expect(book({ time: '10:10' }).startMinute).toBe(610); // ends as the break starts
      expect(book({ time: '10:45', patientId: patients[1] }).startMinute).toBe(645);
      expect(conflictsOf(() => book({ time: '07:50' }))).toEqual({
        time: 'scheduling.conflict.outsideHours',
      });
      expect(conflictsOf(() => book({ time: '12:50' }))).toEqual({
        time: 'scheduling.conflict.outsideHours',
      });
      expect(book({ time: '12:40', patientId: patients[2] }).startMinute).toBe(760);
    });

    it('refuses a day off in the week, a clinic holiday and a doctor’s leave, with the reason', () => {
      expect(conflictsOf(() => book({ date: FRI, time: '09:00' }))).toEqual({
        date: 'scheduling.conflict.closed',
      });
      clinic.services.schedule.addException(admin, {
        doctorId: null,
        date: MON,
        kind: 'closed',
        note: 'تعطیل رسمی',
      });
      const holiday = appError(() => book({ date: MON, time: '09:00' }));
      expect(translate(holiday.fields![0]!.messageKey, 'fa', holiday.fields![0]!.params)).toBe(
        'دکتر کریمی در این روز کار نمی‌کند: تعطیل رسمی.',
      );
      clinic.services.schedule.addException(admin, {
        doctorId: doctor.userId,
        date: SUN,
        kind: 'closed',
      });
      expect(conflictsOf(() => book({ date: SUN, time: '09:00' }))).toEqual({
        date: 'scheduling.conflict.closed',
      });
      expect(book({ date: SUN, time: '09:00', doctorId: secondDoctor.userId }).date).toBe(SUN);
    });

    it('uses a changed day’s hours instead of the week’s', () => {
      clinic.services.schedule.addException(admin, {
        doctorId: doctor.userId,
        date: FRI,
        kind: 'changed',
        periods: [{ startMinute: minutes('14:00'), endMinute: minutes('16:00') }],
        note: 'کشیک جمعه',
      });
      expect(book({ date: FRI, time: '14:00' }).date).toBe(FRI);
      expect(conflictsOf(() => book({ date: FRI, time: '09:00', patientId: patients[1] }))).toEqual(
        {
          time: 'scheduling.conflict.outsideHours',
        },
      );
    });

    it('refuses a time that has passed and a visit running past midnight', () => {
      clock.set(tehran(SAT, '09:30'));
      const past = appError(() => book({ time: '09:00' }));
      expect(past.fields).toEqual([{ field: 'time', messageKey: 'scheduling.past' }]);
      const late = appError(() => book({ date: SUN, time: '23:50' }));
      expect(late.fields).toEqual([{ field: 'time', messageKey: 'scheduling.acrossMidnight' }]);
    });
  });

  describe('overrides', () => {
    it('are refused to reception, and the refusal is logged', () => {
      book({ time: '09:00' });
      const before = lastSeq(clinic);
      const error = appError(() =>
        book({ time: '09:10', patientId: patients[1], override: { reason: 'urgent' } }),
      );
      expect(error.code).toBe('permission_denied');
      expect(logRows(clinic, before)).toEqual([
        expect.objectContaining({ action: 'override', granted: 0, user_id: staff.userId }),
      ]);
    });

    it('book over a conflict with a reason that goes to the access log and a sealed note', () => {
      book({ time: '09:00' });
      const before = lastSeq(clinic);
      const visit = book(
        {
          time: '09:10',
          patientId: patients[1],
          override: { reason: 'urgent', note: 'درد قفسه سینه' },
        },
        doctor,
      );
      const override = logRows(clinic, before).find((row) => row.action === 'override')!;
      expect(override).toMatchObject({
        user_id: doctor.userId,
        granted: 1,
        reason: 'urgent',
        resource_id: visit.id,
        patient_id: patients[1],
      });
      expect(JSON.parse(override.detail!)).toEqual({ visit: 'book', conflicts: 'doctor' });
      const [event] = calendar().history(admin, visit.id);
      expect(event).toMatchObject({ detail: { override: 'urgent' }, note: 'درد قفسه سینه' });
      const raw = clinic.core.db.read((tx) =>
        tx.first(
          q.selectFrom('encounter_events').select('note').where('encounter_id', '=', visit.id),
        ),
      );
      expect(raw!.note!.includes(Buffer.from('قفسه'))).toBe(false);
    });

    it('are not logged when there was nothing to override', () => {
      const before = lastSeq(clinic);
      book({ time: '09:00', override: { reason: 'other' } }, admin);
      expect(logRows(clinic, before).map((row) => row.action)).toEqual(['create']);
    });
  });

  describe('weekly series', () => {
    it('books every week across a Jalali month and a Gregorian year', () => {
      const series = visits().book(staff, {
        patientId: patients[0]!,
        doctorId: doctor.userId,
        type: 'follow_up',
        date: '1405/09/29',
        time: '11:00',
        repeat: { visits: 3, intervalDays: 7 },
      });
      expect(series.map((visit) => visit.date)).toEqual([SUN, '2026-12-27', '2027-01-03']);
      expect(series.map((visit) => formatJalaliDate(visit.date, 'latin'))).toEqual([
        '1405/09/29',
        '1405/10/06',
        '1405/10/13',
      ]);
      expect(new Set(series.map((visit) => visit.seriesId)).size).toBe(1);
      expect(series[0]!.seriesId).not.toBeNull();
      expect(series.every((visit) => visit.startMinute === 660)).toBe(true);
    });

    it('is all or nothing: one conflicting week refuses the series and names it', () => {
      clinic.services.schedule.addException(admin, {
        doctorId: null,
        date: '2027-01-03',
        kind: 'closed',
      });
      const error = appError(() =>
        visits().book(staff, {
          patientId: patients[0]!,
          doctorId: doctor.userId,
          type: 'follow_up',
          date: SUN,
          time: '11:00',
          repeat: { visits: 3 },
        }),
      );
      expect(error.fields).toEqual([
        {
          field: 'series',
          messageKey: 'scheduling.conflict.series',
          params: { index: 3, date: '2027-01-03' },
        },
        {
          field: 'date',
          messageKey: 'scheduling.conflict.closed',
          params: { doctor: 'دکتر کریمی' },
        },
      ]);
      const stored = clinic.core.db.read((tx) => tx.all(q.selectFrom('encounters').select('id')));
      expect(stored).toEqual([]);
    });
  });

  describe('the life of a visit', () => {
    it('goes scheduled → confirmed → arrived → in progress → completed, each step recorded', () => {
      const visit = book({ time: '09:00' });
      visits().confirm(staff, visit.id);
      clock.set(tehran(SAT, '08:40'));
      visits().checkIn(staff, visit.id);
      clock.set(tehran(SAT, '08:49'));
      const early = appError(() => visits().start(doctor, visit.id));
      expect(early.messageKey).toBe('visit.tooEarly');
      expect(translate(early.messageKey, 'fa', early.params)).toBe(
        'این ویزیت از ساعت 08:50 قابل شروع است (۱۰ دقیقه پیش از نوبت).',
      );
      clock.set(tehran(SAT, '08:50'));
      expect(visits().start(doctor, visit.id).status).toBe('in_progress');
      clock.set(tehran(SAT, '09:15'));
      const done = visits().complete(doctor, visit.id);
      expect(done).toMatchObject({
        status: 'completed',
        startedAt: tehran(SAT, '08:50').toISOString(),
        endedAt: tehran(SAT, '09:15').toISOString(),
        arrivedAt: tehran(SAT, '08:40').toISOString(),
      });
      expect(
        calendar()
          .history(staff, visit.id)
          .map((event) => [event.action, event.fromStatus, event.toStatus, event.userName]),
      ).toEqual([
        ['book', null, 'scheduled', 'منشی'],
        ['confirm', 'scheduled', 'confirmed', 'منشی'],
        ['check_in', 'confirmed', 'arrived', 'منشی'],
        ['start', 'arrived', 'in_progress', 'دکتر کریمی'],
        ['complete', 'in_progress', 'completed', 'دکتر کریمی'],
      ]);
    });

    it('refuses steps out of order with the state’s name in Persian and English', () => {
      const visit = book({ time: '09:00' });
      clock.set(tehran(SAT, '09:00'));
      const notConfirmed = appError(() => visits().start(doctor, visit.id));
      expect(translate(notConfirmed.messageKey, 'fa', notConfirmed.params)).toBe(
        'ویزیتی را که «نوبت داده شده» است نمی‌توان شروع کرد.',
      );
      expect(translate(notConfirmed.messageKey, 'en', notConfirmed.params)).toBe(
        'A visit that is “Scheduled” cannot be started.',
      );
      visits().cancel(staff, { id: visit.id, party: 'clinic' });
      expect(appError(() => visits().confirm(staff, visit.id)).messageKey).toBe('visit.transition');
      expect(
        appError(() => visits().move(staff, { id: visit.id, date: SUN, time: '09:00' })).code,
      ).toBe('conflict');
    });

    it('checks in only today’s visits', () => {
      const visit = book({ date: SUN, time: '09:00' });
      expect(appError(() => visits().checkIn(staff, visit.id)).messageKey).toBe('visit.notToday');
    });

    it('lets only doctors and administrators start a visit, and a doctor only their own', () => {
      const visit = book({ time: '09:00' });
      clock.set(tehran(SAT, '09:00'));
      visits().checkIn(staff, visit.id);
      expect(appError(() => visits().start(staff, visit.id)).code).toBe('permission_denied');
      const before = lastSeq(clinic);
      const notYours = appError(() => visits().start(secondDoctor, visit.id));
      expect(notYours.messageKey).toBe('visit.notYours');
      expect(logRows(clinic, before)).toEqual([
        expect.objectContaining({
          granted: 0,
          user_id: secondDoctor.userId,
          patient_id: patients[0],
        }),
      ]);
      expect(visits().start(admin, visit.id).status).toBe('in_progress');
    });

    it('marks a patient’s cancellation inside 24 hours as late, not the clinic’s or an earlier one', () => {
      const soon = book({ date: SUN, time: '09:00' });
      const later = book({ date: MON, time: '09:00' });
      const byClinic = book({ date: SUN, time: '10:00' });
      clock.set(tehran(SUN, '08:00'));
      expect(
        visits().cancel(staff, { id: soon.id, party: 'patient', note: 'مسافرت' }).visit,
      ).toMatchObject({
        status: 'cancelled',
        cancelParty: 'patient',
        lateCancel: true,
      });
      expect(visits().cancel(staff, { id: later.id, party: 'patient' }).visit.lateCancel).toBe(
        false,
      );
      expect(visits().cancel(staff, { id: byClinic.id, party: 'clinic' }).visit.lateCancel).toBe(
        false,
      );
      expect(calendar().history(staff, soon.id).at(-1)).toMatchObject({
        action: 'cancel',
        note: 'مسافرت',
        detail: { party: 'patient', offered: false },
      });
    });

    it('records payment both ways', () => {
      const visit = book({ time: '09:00' });
      expect(visits().setPaid(staff, { id: visit.id, paid: true }).isPaid).toBe(true);
      expect(visits().setPaid(staff, { id: visit.id, paid: false }).isPaid).toBe(false);
      expect(
        calendar()
          .history(staff, visit.id)
          .map((event) => event.action),
      ).toEqual(['book', 'paid', 'unpaid']);
    });
  });

  describe('moving', () => {
    it('moves to a free time or another doctor under the same rules', () => {
      const visit = book({ time: '09:00' });
      book({ time: '11:00', patientId: patients[1] });
      const conflict = conflictsOf(() =>
        visits().move(staff, { id: visit.id, date: SAT, time: '11:10' }),
      );
      expect(conflict).toEqual({ doctor: 'scheduling.conflict.doctor' });
      // Overlapping only itself is no conflict.
      expect(visits().move(staff, { id: visit.id, date: SAT, time: '09:10' }).startMinute).toBe(
        550,
      );
      const moved = visits().move(staff, {
        id: visit.id,
        doctorId: secondDoctor.userId,
        date: MON,
        time: '12:00',
      });
      expect(moved).toMatchObject({ date: MON, startMinute: 720, doctorName: 'دکتر احمدی' });
      expect(moved.endsAt).toBe(tehran(MON, '12:20').toISOString());
      expect(calendar().history(staff, visit.id).at(-1)).toMatchObject({
        action: 'move',
        detail: { doctorChanged: true, to: tehran(MON, '12:00').toISOString() },
      });
    });
  });

  describe('walk-ins and the queue', () => {
    it('orders arrived patients by arrival per doctor and shows how long they have waited', () => {
      const booked = book({ time: '09:00' });
      const coming = book({ time: '11:00', patientId: patients[3] });
      clock.set(tehran(SAT, '08:30'));
      const walkIn = visits().walkIn(staff, {
        patientId: patients[1]!,
        doctorId: doctor.userId,
        type: 'in_person',
        chiefComplaint: 'تب',
      });
      expect(walkIn).toMatchObject({ status: 'arrived', isWalkIn: true, startMinute: 510 });
      clock.set(tehran(SAT, '08:45'));
      visits().checkIn(staff, booked.id);
      visits().walkIn(staff, {
        patientId: patients[2]!,
        doctorId: secondDoctor.userId,
        type: 'in_person',
      });
      clock.set(tehran(SAT, '09:00'));

      const queue = calendar().queue(staff);
      const karimi = queue.doctors.find((d) => d.doctorId === doctor.userId)!;
      expect(
        karimi.waiting.map((entry) => [entry.visit.id, entry.position, entry.waitingMinutes]),
      ).toEqual([
        [walkIn.id, 1, 30],
        [booked.id, 2, 15],
      ]);
      expect(karimi.upcoming.map((visit) => visit.id)).toEqual([coming.id]);
      const ahmadi = queue.doctors.find((d) => d.doctorId === secondDoctor.userId)!;
      expect(ahmadi.waiting).toHaveLength(1);

      // Starting the walk-in from the queue moves it to "with the doctor".
      visits().start(doctor, walkIn.id);
      const after = calendar()
        .queue(staff)
        .doctors.find((d) => d.doctorId === doctor.userId)!;
      expect(after.inProgress.map((visit) => visit.id)).toEqual([walkIn.id]);
      expect(after.waiting.map((entry) => [entry.visit.id, entry.position])).toEqual([
        [booked.id, 1],
      ]);
    });
  });

  describe('no-shows', () => {
    it('are set when the day has ended for visits never started, by the system', () => {
      const never = book({ time: '09:00' });
      const confirmed = book({ time: '10:00', patientId: patients[1] });
      const arrived = book({ time: '11:00', patientId: patients[2] });
      const done = book({ time: '12:00', patientId: patients[3] });
      const tomorrow = book({ date: SUN, time: '09:00' });
      visits().confirm(staff, confirmed.id);
      clock.set(tehran(SAT, '11:00'));
      visits().checkIn(staff, arrived.id);
      clock.set(tehran(SAT, '12:00'));
      visits().checkIn(staff, done.id);
      visits().start(doctor, done.id);
      visits().complete(doctor, done.id);

      clock.set(tehran(SAT, '23:59'));
      expect(visits().sweepNoShows()).toBe(0);
      clock.set(tehran(SUN, '00:01'));
      const before = lastSeq(clinic);
      expect(visits().sweepNoShows()).toBe(3);
      const status = (id: string) => calendar().get(admin, id).status;
      expect([never, confirmed, arrived, done, tomorrow].map((visit) => status(visit.id))).toEqual([
        'no_show',
        'no_show',
        'no_show',
        'completed',
        'scheduled',
      ]);
      expect(calendar().history(admin, never.id).at(-1)).toMatchObject({
        action: 'no_show',
        userName: null,
        fromStatus: 'scheduled',
      });
      const entry = logRows(clinic, before)[0]!;
      expect(entry).toMatchObject({ user_id: null, action: 'update', resource_type: 'encounter' });
      expect(JSON.parse(entry.detail!)).toMatchObject({ noShows: 3 });
      expect(visits().sweepNoShows()).toBe(0);
    });

    it('finds the open visits through the partial index on ends_at', () => {
      const { sql, parameters } = openVisitsStartedBefore(
        tehran(SUN, '00:00').toISOString(),
      ).compile();
      const plan = clinic.core.db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as {
        detail: string;
      }[];
      expect(plan.map((row) => row.detail).join('\n')).toContain('encounters_open_by_end');
    });
  });

  describe('waitlist', () => {
    it('offers a freed slot to the longest-waiting entry that fits, and books it', () => {
      const visit = book({ date: MON, time: '09:00' });
      const otherDoctor = clinic.services.waitlist.add(staff, {
        patientId: patients[1]!,
        doctorId: secondDoctor.userId,
        type: 'in_person',
      });
      clock.advance(60_000);
      const tooLate = clinic.services.waitlist.add(staff, {
        patientId: patients[2]!,
        doctorId: null,
        type: 'in_person',
        earliestDate: '2026-12-25',
      });
      clock.advance(60_000);
      const fits = clinic.services.waitlist.add(staff, {
        patientId: patients[3]!,
        doctorId: doctor.userId,
        type: 'in_person',
        latestDate: '1405/10/01',
        note: 'هر ساعتی صبح',
      });
      const { offeredTo } = visits().cancel(staff, { id: visit.id, party: 'patient' });
      expect(offeredTo).toMatchObject({
        id: fits.id,
        status: 'offered',
        offer: { doctorId: doctor.userId, date: MON, startMinute: 540 },
        note: 'هر ساعتی صبح',
      });
      const waiting = clinic.services.waitlist.list(staff);
      expect(waiting.map((entry) => [entry.id, entry.status])).toEqual([
        [otherDoctor.id, 'waiting'],
        [tooLate.id, 'waiting'],
        [fits.id, 'offered'],
      ]);
      const [booked] = visits().book(staff, {
        patientId: patients[3]!,
        doctorId: doctor.userId,
        type: 'in_person',
        date: MON,
        time: 540,
        waitlistId: fits.id,
      });
      expect(booked!.startMinute).toBe(540);
      expect(clinic.services.waitlist.list(staff).map((entry) => entry.id)).toEqual([
        otherDoctor.id,
        tooLate.id,
      ]);
    });

    it('takes an offer back to waiting when the patient declines', () => {
      const visit = book({ date: MON, time: '09:00' });
      const entry = clinic.services.waitlist.add(staff, {
        patientId: patients[1]!,
        doctorId: null,
        type: 'in_person',
      });
      visits().cancel(staff, { id: visit.id, party: 'clinic' });
      expect(clinic.services.waitlist.release(staff, entry.id)).toMatchObject({
        status: 'waiting',
        offer: null,
      });
      clinic.services.waitlist.remove(staff, entry.id);
      expect(clinic.services.waitlist.list(staff)).toEqual([]);
      expect(appError(() => clinic.services.waitlist.release(staff, entry.id)).messageKey).toBe(
        'waitlist.closed',
      );
    });
  });

  describe('views', () => {
    it('shows the day with one column per doctor and logs one access entry per load', () => {
      book({ time: '09:00' });
      book({ time: '09:00', patientId: patients[1], doctorId: secondDoctor.userId });
      const before = lastSeq(clinic);
      const day = calendar().day(staff, { date: '1405/09/28' });
      expect(day.date).toBe(SAT);
      expect(day.doctors.map((d) => [d.name, d.availability.periods])).toEqual([
        [
          'دکتر احمدی',
          [
            { startMinute: 480, endMinute: 630 },
            { startMinute: 645, endMinute: 780 },
          ],
        ],
        [
          'دکتر کریمی',
          [
            { startMinute: 480, endMinute: 630 },
            { startMinute: 645, endMinute: 780 },
          ],
        ],
      ]);
      expect(day.visits.map((visit) => visit.patientName).sort()).toEqual([
        'سارا رضایی',
        'علی محمدی',
      ]);
      const rows = logRows(clinic, before);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.detail!)).toEqual({ view: 'day', date: SAT, visits: 2 });
    });

    it('shows a doctor’s week from Saturday, across a Jalali month boundary, with Friday closed', () => {
      book({ date: MON, time: '09:00' });
      const week = calendar().week(staff, { doctorId: doctor.userId, date: '1405/10/01' });
      expect(week.weekStart).toBe(SAT);
      expect(week.days.map((day) => formatJalaliDate(day.date, 'latin'))).toEqual([
        '1405/09/28',
        '1405/09/29',
        '1405/09/30',
        '1405/10/01',
        '1405/10/02',
        '1405/10/03',
        '1405/10/04',
      ]);
      expect(week.days.map((day) => day.closed)).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
        true,
      ]);
      expect(week.days[5]!.periods).toEqual([{ startMinute: 960, endMinute: 1140 }]);
      expect(week.visits.map((visit) => visit.date)).toEqual([MON]);
    });

    it('suggests free slots inside hours, around visits and breaks, and not in the past', () => {
      book({ time: '09:00' });
      clock.set(tehran(SAT, '08:15'));
      const slots = calendar().freeSlots(staff, {
        doctorId: doctor.userId,
        from: SAT,
        days: 2,
        durationMinutes: 20,
      });
      const saturday = slots.filter((slot) => slot.date === SAT).map((slot) => slot.startMinute);
      expect(saturday.slice(0, 4)).toEqual([
        minutes('08:20'),
        minutes('08:40'),
        minutes('09:20'),
        minutes('09:40'),
      ]);
      expect(saturday).not.toContain(minutes('10:20')); // would run into the break
      expect(saturday).toContain(minutes('10:45'));
      expect(saturday.at(-1)).toBe(minutes('12:25'));
      const sunday = slots.filter((slot) => slot.date === SUN).map((slot) => slot.startMinute);
      expect(sunday[0]).toBe(minutes('08:00'));
      expect(sunday).toHaveLength(7 + 6); // 08:00–10:20 and 10:45–12:45
    });
  });

  describe('time zones', () => {
    it('keeps Tehran at UTC+3:30 in summer (no daylight saving since 2022)', () => {
      const visit = book({ date: '2027-06-21', time: '09:00' });
      expect(visit.scheduledAt).toBe('2027-06-21T05:30:00.000Z');
      expect(visit.startMinute).toBe(540);
    });

    it('follows the clinic’s zone, daylight saving included, when it is elsewhere', () => {
      const profile = clinic.services.clinic.profile();
      clinic.services.clinic.update(admin, { ...profile, timeZone: 'Europe/Berlin' });
      try {
        // Europe switches to summer time on 2027-03-28: 08:00 is 07:00Z before, 06:00Z after.
        const before = book({ date: '2027-03-27', time: '08:00' });
        const after = book({ date: '2027-03-29', time: '08:00' });
        expect([before.scheduledAt, after.scheduledAt]).toEqual([
          '2027-03-27T07:00:00.000Z',
          '2027-03-29T06:00:00.000Z',
        ]);
        expect([before.startMinute, after.startMinute]).toEqual([480, 480]);
      } finally {
        clinic.services.clinic.update(admin, profile);
      }
    });
  });

  it('lets reception book and move but not change the schedule', () => {
    expect(
      appError(() =>
        clinic.services.schedule.setWeekly(staff, { doctorId: doctor.userId, periods: [] }),
      ).code,
    ).toBe('permission_denied');
  });
});
