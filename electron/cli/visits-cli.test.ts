import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday } from '../shared/dates/clinic-time';
import { formatJalaliDate } from '../shared/dates/jalali';
import { visitStatusNames, type DayAvailability, type Visit } from '../shared/scheduling';
import { addUser, makeTempDir, removeDir, setUpTestClinic } from '../core/testing/fixtures';
import { runCli, secrets, STACK_LINE } from './test-helpers';

// Real processes, real scrypt: a generous timeout per scenario (see cli.test.ts).
const SLOW = 120_000;
const NATIONAL_ID = '0499370899';
const TIME_ZONE = 'Asia/Tehran';

/**
 * `visits book` and `visits day` on a real clinic. The tool runs on the system clock and refuses
 * bookings in the past, so the visits go two weeks ahead; both doctors work every day of the
 * week (08:00–13:00, break 10:30–10:45), so any weekday will do.
 */
describe('visits book and visits day', () => {
  let dir: string;
  const day = addDays(localToday(new Date(), TIME_ZONE), 14);
  const jalaliDay = formatJalaliDate(day, 'latin');
  const patients = { zahra: { id: '', mrn: '' }, ali: { id: '', mrn: '' } };
  let staffPassword = '';
  let doctorPassword = '';

  const as = (user: string, ...args: string[]) => [...args, '--data-dir', dir, '--user', user];
  const asAdmin = (...args: string[]) => runCli(as('admin', ...args), secrets);
  const asStaff = (...args: string[]) =>
    runCli(as('monshi', ...args), { ...secrets, HELSSA_PASSWORD: staffPassword });
  const asDoctor = (...args: string[]) =>
    runCli(as('dr.karimi', ...args), { ...secrets, HELSSA_PASSWORD: doctorPassword });

  interface DayDocument {
    ok: boolean;
    date: string;
    jalaliDate: string;
    doctors: {
      id: string;
      name: string;
      username: string;
      availability: DayAvailability | null;
      visits: Visit[];
    }[];
  }

  beforeAll(async () => {
    dir = makeTempDir('helssa-cli-visits');
    // The same clinic `init` makes (the passphrase and admin password of test-helpers' secrets);
    // the doctors' hours are set through the core, as the settings screen does.
    const clinic = await setUpTestClinic(dir);
    try {
      const karimi = await addUser(clinic, {
        username: 'dr.karimi',
        displayName: 'دکتر کریمی',
        role: 'doctor',
      });
      doctorPassword = karimi.password;
      const ahmadi = await addUser(clinic, {
        username: 'dr.ahmadi',
        displayName: 'دکتر احمدی',
        role: 'doctor',
      });
      staffPassword = (
        await addUser(clinic, { username: 'monshi', displayName: 'منشی', role: 'staff' })
      ).password;
      for (const doctorId of [karimi.user.id, ahmadi.user.id]) {
        clinic.services.schedule.setWeekly(clinic.adminActor, {
          doctorId,
          periods: [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => [
            { weekday, startMinute: 480, endMinute: 780, kind: 'work' as const },
            { weekday, startMinute: 630, endMinute: 645, kind: 'break' as const },
          ]),
        });
      }
      const zahra = clinic.services.patients.create(clinic.adminActor, {
        firstName: 'زهرا',
        lastName: 'محمدی',
        nationalId: NATIONAL_ID,
      });
      const ali = clinic.services.patients.create(clinic.adminActor, {
        firstName: 'علی',
        lastName: 'رضایی',
      });
      patients.zahra = { id: zahra.id, mrn: zahra.mrn };
      patients.ali = { id: ali.id, mrn: ali.mrn };
    } finally {
      clinic.core.close();
    }
  }, SLOW);
  afterAll(() => removeDir(dir));

  it(
    'books a visit by MRN with a Jalali date, and visits day shows it (text and JSON)',
    async () => {
      const booked = await asStaff(
        'visits',
        'book',
        '--mrn',
        patients.zahra.mrn,
        '--doctor',
        'dr.karimi',
        '--date',
        jalaliDay,
        '--time',
        '09:00',
        '--complaint',
        'سردرد',
      );
      expect(booked.stderr).toBe('');
      expect(booked.code).toBe(0);
      expect(booked.stdout).toContain('1 نوبت رزرو شد.');
      expect(booked.stdout).toContain('1 visit(s) booked.');
      expect(booked.stdout).toContain(`${jalaliDay} (${day})`);
      expect(booked.stdout).toContain('09:00–09:20');
      expect(booked.stdout).toContain('زهرا محمدی');
      expect(booked.stdout).toContain('حضوری / In person');

      const text = await asStaff('visits', 'day', '--date', day);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`Visits on ${jalaliDay} (${day}): 1`);
      expect(text.stdout).toContain(
        'دکتر کریمی (dr.karimi): 1 visit(s); working hours 08:00–10:30, 10:45–13:00',
      );
      expect(text.stdout).toContain('Fee (rials)');
      expect(text.stdout).toContain('هزینه (ریال)');
      const row = text.stdout.split('\n').find((line) => line.includes(patients.zahra.mrn));
      expect(row).toContain('09:00–09:20');
      expect(row).toContain('زهرا محمدی');
      expect(row).toContain(`${visitStatusNames.scheduled.fa} / Scheduled`);
      expect(row).toContain('خیر / no');
      // Dr Ahmadi works that day too and has no visits yet.
      expect(text.stdout).toContain('دکتر احمدی (dr.ahmadi): 0 visit(s)');
      expect(text.stdout).toContain('No visits.');

      const english = await asStaff('visits', 'day', '--date', jalaliDay, '--lang', 'en');
      expect(english.code).toBe(0);
      expect(english.stdout).toMatch(/09:00–09:20 +زهرا محمدی +\S+ +In person +Scheduled +0 +no /);
      expect(english.stdout).not.toContain('رزرو');

      const json = await asStaff('visits', 'day', '--date', day, '--json');
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const document = JSON.parse(json.stdout) as DayDocument;
      expect(document).toMatchObject({ ok: true, date: day, jalaliDate: jalaliDay });
      const karimi = document.doctors.find((doctor) => doctor.username === 'dr.karimi')!;
      expect(karimi.availability).toMatchObject({ closed: false });
      expect(karimi.visits).toEqual([
        expect.objectContaining({
          patientId: patients.zahra.id,
          patientMrn: patients.zahra.mrn,
          patientName: 'زهرا محمدی',
          doctorName: 'دکتر کریمی',
          type: 'in_person',
          status: 'scheduled',
          date: day,
          startMinute: 540,
          durationMinutes: 20,
          feeAmount: 0,
          isPaid: false,
          chiefComplaint: 'سردرد',
        }),
      ]);
    },
    SLOW,
  );

  it(
    'refuses a booking over the doctor’s visit (3), naming the conflict in Persian and English',
    async () => {
      const run = await asStaff(
        'visits',
        'book',
        '--mrn',
        patients.ali.mrn,
        '--doctor',
        'dr.karimi',
        '--date',
        day,
        '--time',
        '09:10',
      );
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('این نوبت با برنامه تداخل دارد.');
      expect(run.stderr).toContain('This booking conflicts with the schedule.');
      expect(run.stderr).toContain(
        'doctor: دکتر کریمی در این زمان ویزیت دیگری دارد (09:00 تا 09:20).',
      );
      expect(run.stderr).toContain(
        'doctor: دکتر کریمی already has a visit at this time (09:00–09:20).',
      );
      expect(run.stderr).not.toMatch(STACK_LINE);

      const json = await asStaff(
        'visits',
        'book',
        '--national-id',
        NATIONAL_ID,
        '--doctor',
        'dr.karimi',
        '--date',
        day,
        '--time',
        '09:10',
        '--json',
      );
      expect(json.code).toBe(3);
      const document = JSON.parse(json.stdout) as {
        error: { code: string; fields: { field: string; messageKey: string }[] };
      };
      expect(document).toMatchObject({ ok: false, exitCode: 3, error: { code: 'conflict' } });
      expect(document.error.fields.map((field) => field.messageKey).sort()).toEqual([
        'scheduling.conflict.doctor',
        'scheduling.conflict.patient',
      ]);
    },
    SLOW,
  );

  it(
    'books over the conflict with an override reason (a doctor may; reception may not)',
    async () => {
      const override = [
        'visits',
        'book',
        '--patient',
        patients.ali.id,
        '--doctor',
        'dr.karimi',
        '--date',
        day,
        '--time',
        '09:10',
        '--override',
        'urgent',
        '--override-note',
        'درد قفسهٔ سینه',
      ];
      const staff = await asStaff(...override, '--lang', 'en');
      expect(staff.code).toBe(4);
      expect(staff.stderr).toContain('You are not allowed to do this.');

      const doctor = await asDoctor(...override, '--json');
      expect(doctor.stderr).toBe('');
      expect(doctor.code).toBe(0);
      const { visits } = JSON.parse(doctor.stdout) as { visits: Visit[] };
      expect(visits).toEqual([
        expect.objectContaining({
          patientId: patients.ali.id,
          startMinute: 550,
          status: 'scheduled',
        }),
      ]);

      const listed = await asStaff(
        'visits',
        'day',
        '--date',
        day,
        '--doctor',
        'dr.karimi',
        '--json',
      );
      const document = JSON.parse(listed.stdout) as DayDocument;
      expect(document.doctors.map((entry) => entry.username)).toEqual(['dr.karimi']);
      expect(
        document.doctors[0]!.visits.map((visit) => [visit.startMinute, visit.patientMrn]),
      ).toEqual([
        [540, patients.zahra.mrn],
        [550, patients.ali.mrn],
      ]);

      const badReason = await asDoctor(...override.slice(0, -3), 'because', '--lang', 'en');
      expect(badReason.code).toBe(2);
      expect(badReason.stderr).toContain(
        '--override must be one of these reasons: urgent, doctor_approved, patient_request, other',
      );
    },
    SLOW,
  );

  it(
    'books a weekly series with --repeat, one visit a week at the same time',
    async () => {
      const run = await asStaff(
        'visits',
        'book',
        '--national-id',
        NATIONAL_ID,
        '--doctor',
        'dr.ahmadi',
        '--date',
        day,
        '--time',
        '11:00',
        '--type',
        'follow_up',
        '--repeat',
        '3',
        '--json',
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { visits } = JSON.parse(run.stdout) as { visits: Visit[] };
      expect(visits.map((visit) => [visit.date, visit.startMinute, visit.durationMinutes])).toEqual(
        [
          [day, 660, 15],
          [addDays(day, 7), 660, 15],
          [addDays(day, 14), 660, 15],
        ],
      );
      expect(new Set(visits.map((visit) => visit.seriesId)).size).toBe(1);
      expect(visits[0]!.seriesId).not.toBeNull();

      const week = await asStaff(
        'visits',
        'day',
        '--date',
        formatJalaliDate(addDays(day, 7), 'latin'),
        '--doctor',
        'dr.ahmadi',
        '--lang',
        'en',
      );
      expect(week.code).toBe(0);
      expect(week.stdout).toContain('دکتر احمدی (dr.ahmadi): 1 visit(s)');
      expect(week.stdout).toMatch(/11:00–11:15 +زهرا محمدی +\S+ +Follow-up +Scheduled/);
      expect(week.stdout).not.toContain('dr.karimi');
    },
    SLOW,
  );

  it(
    'names a bad date, a bad time and a time in the past by their flags (3)',
    async () => {
      const book = (date: string, time: string) =>
        asStaff(
          'visits',
          'book',
          '--mrn',
          patients.ali.mrn,
          '--doctor',
          'dr.karimi',
          '--date',
          date,
          '--time',
          time,
        );
      const bad = await book('1405/13/40', '25:00');
      expect(bad.code).toBe(3);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('date (--date): تاریخ معتبر نیست؛ به شکل ۱۴۰۵/۰۹/۰۱ وارد کنید.');
      expect(bad.stderr).toContain('date (--date): The date is not valid; enter it as 1405/09/01.');
      expect(bad.stderr).toContain('time (--time): The time is not valid; enter it as 10:30.');
      expect(bad.stderr).not.toMatch(STACK_LINE);

      const past = await book(addDays(localToday(new Date(), TIME_ZONE), -1), '09:00');
      expect(past.code).toBe(3);
      expect(past.stderr).toContain(
        'time (--time): This time has passed; choose a time in the future.',
      );

      const badDay = await asStaff('visits', 'day', '--date', '2026-02-30', '--lang', 'en');
      expect(badDay.code).toBe(3);
      expect(badDay.stderr).toContain('date (--date): The date is not valid');
    },
    SLOW,
  );

  it(
    'says clearly when the doctor or the patient is unknown',
    async () => {
      const book = (...patient: string[]) =>
        asStaff(
          'visits',
          'book',
          ...patient,
          '--doctor',
          'dr.karimi',
          '--date',
          day,
          '--time',
          '12:00',
          '--lang',
          'en',
        );
      const doctor = await asStaff(
        'visits',
        'book',
        '--mrn',
        patients.ali.mrn,
        '--doctor',
        'dr.nobody',
        '--date',
        day,
        '--time',
        '12:00',
      );
      expect(doctor.code).toBe(3);
      expect(doctor.stderr).toContain(
        'No active doctor has the user name given with --doctor. Active doctors: dr.ahmadi, dr.karimi',
      );
      expect(doctor.stderr).toContain('پزشک فعالی با نام کاربری داده‌شده در --doctor نیست.');
      // The receptionist is a user, but not a doctor.
      const notDoctor = await asStaff('visits', 'day', '--doctor', 'monshi', '--lang', 'en');
      expect(notDoctor.code).toBe(3);
      expect(notDoctor.stderr).toContain('No active doctor has the user name given with --doctor.');

      const mrn = await book('--mrn', '1400-999999');
      expect(mrn.code).toBe(3);
      expect(mrn.stderr).toContain('No patient was found with the given --mrn.');
      expect(mrn.stderr).not.toContain('1400-999999');

      const nationalId = await book('--national-id', '0013542419');
      expect(nationalId.code).toBe(3);
      expect(nationalId.stderr).toContain('No patient was found with the given --national-id.');

      const id = await book('--patient', 'no-such-patient');
      expect(id.code).toBe(3);
      expect(id.stderr).toContain('The patient was not found.');

      const two = await book('--mrn', patients.ali.mrn, '--patient', patients.ali.id);
      expect(two.code).toBe(2);
      expect(two.stderr).toContain(
        'Name the patient with exactly one of --mrn, --national-id or --patient.',
      );
      for (const run of [doctor, mrn, nationalId, id, two]) {
        expect(run.stdout).toBe('');
        expect(run.stderr).not.toMatch(STACK_LINE);
      }
    },
    SLOW,
  );

  it(
    'visits day without --date shows today in the clinic’s time zone',
    async () => {
      const before = localToday(new Date(), TIME_ZONE);
      const run = await asAdmin('visits', 'day', '--json');
      const after = localToday(new Date(), TIME_ZONE);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const document = JSON.parse(run.stdout) as DayDocument;
      expect([before, after]).toContain(document.date);
    },
    SLOW,
  );
});
