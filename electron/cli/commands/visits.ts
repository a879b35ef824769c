import type { UserSummary } from '../../shared/accounts';
import { formatMinute, localToday } from '../../shared/dates/clinic-time';
import { formatJalaliDate } from '../../shared/dates/jalali';
import type { Message } from '../../shared/messages';
import { normalizeNationalId } from '../../shared/patients/national-id';
import type { Actor } from '../../shared/roles';
import {
  overrideReasons,
  visitStatusNames,
  type BookVisitInput,
  type OverrideReason,
  type DayAvailability,
  type Visit,
} from '../../shared/scheduling';
import { toAsciiDigits } from '../../shared/text/normalize';
import type { ClinicServices } from '../../core/clinic-core';
import { asSignedInUser } from '../clinic';
import type { CommandArgs } from '../args';
import { defineCommand } from '../command';
import { CliError, EXIT, usageError } from '../errors';
import type { Output } from '../output';

const text = (fa: string, en: string) => ({ fa, en });

/** Whole weeks: `--repeat N` books N visits seven days apart. */
const REPEAT_INTERVAL_DAYS = 7;

const dateHelp = text(
  'تاریخ شمسی (۱۴۰۵/۰۹/۲۸) یا میلادی (2026-12-19).',
  'The date, Jalali (1405/09/28) or ISO Gregorian (2026-12-19).',
);

export const visitsBookCommand = defineCommand({
  path: ['visits', 'book'],
  synopsis:
    '(--mrn <no> | --national-id <id> | --patient <id>) --doctor <username> --date <date> --time HH:MM [--type <code>] [--duration <minutes>] [--complaint <text>] [--repeat <n>] [--override urgent|doctor_approved|patient_request|other [--override-note <text>]]',
  summary: text(
    'رزرو نوبت برای یک بیمار نزد یک پزشک، یا یک مجموعهٔ هفتگی با --repeat. تداخل با ساعات کاری یا ویزیت‌های دیگر رد می‌شود، مگر با --override و دلیل آن (فقط پزشک یا مدیر).',
    'Books a visit for a patient with a doctor, or a weekly series with --repeat. A conflict with working hours or other visits is refused unless --override gives a reason (doctors and administrators only).',
  ),
  options: {
    mrn: {
      type: 'string',
      value: '<no>',
      help: text('بیمار با شمارهٔ پرونده.', 'The patient, by medical record number.'),
    },
    'national-id': {
      type: 'string',
      value: '<id>',
      help: text('بیمار با کد ملی.', 'The patient, by national ID.'),
    },
    patient: {
      type: 'string',
      value: '<id>',
      help: text(
        'بیمار با شناسه (همان که patients search نشان می‌دهد).',
        'The patient, by id (as patients search shows it).',
      ),
    },
    doctor: {
      type: 'string',
      value: '<username>',
      required: true,
      help: text('نام کاربری پزشک.', "The doctor's user name."),
    },
    date: { type: 'string', value: '<date>', required: true, help: dateHelp },
    time: {
      type: 'string',
      value: 'HH:MM',
      required: true,
      help: text('ساعت آغاز، مانند 09:30.', 'Start time, e.g. 09:30.'),
    },
    type: {
      type: 'string',
      value: '<code>',
      help: text(
        'کد نوع ویزیت: in_person، video، audio، chat، follow_up (پیش‌فرض in_person).',
        'Visit type code: in_person, video, audio, chat, follow_up (default in_person).',
      ),
    },
    duration: {
      type: 'string',
      value: '<minutes>',
      help: text(
        'مدت به دقیقه (پیش‌فرض: مدت نوع ویزیت).',
        "Length in minutes (default: the visit type's length).",
      ),
    },
    complaint: {
      type: 'string',
      value: '<text>',
      help: text('شکایت اصلی بیمار.', 'Chief complaint.'),
    },
    repeat: {
      type: 'string',
      value: '<n>',
      help: text(
        'n نوبت در همین ساعت، هر هفته یک نوبت (۲ تا ۵۲).',
        'n visits at the same time, one a week (2 to 52).',
      ),
    },
    override: {
      type: 'string',
      value: 'urgent|doctor_approved|patient_request|other',
      help: text(
        'با وجود تداخل رزرو شود، به این دلیل (در گزارش دسترسی ثبت می‌شود).',
        'Book despite a conflict, for this reason (recorded in the access log).',
      ),
    },
    'override-note': {
      type: 'string',
      value: '<text>',
      help: text('توضیح دلیل، همراه --override.', 'A note on the reason, with --override.'),
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: {
    patientId: '--patient',
    doctorId: '--doctor',
    type: '--type',
    date: '--date',
    time: '--time',
    durationMinutes: '--duration',
    chiefComplaint: '--complaint',
    'repeat.visits': '--repeat',
    'override.reason': '--override',
    'override.note': '--override-note',
  },
  run(context) {
    const { args, out } = context;
    const patient = patientChoice(args);
    const duration = args.integer('duration');
    const repeat = args.integer('repeat');
    const override = args.string('override');
    const overrideNote = args.string('override-note');
    if (overrideNote !== undefined && override === undefined) {
      throw usageError('cli.usage.overrideNoteAlone');
    }
    if (override !== undefined && !isOverrideReason(override)) {
      throw usageError('cli.usage.badOverride', { reasons: overrideReasons.join(', ') });
    }
    return asSignedInUser(context, [], ({ services, actor }) => {
      const doctor = findDoctor(services, actor, args.required('doctor'), true);
      const input: BookVisitInput = {
        patientId: findPatient(services, actor, patient),
        doctorId: doctor.id,
        type: args.string('type') ?? 'in_person',
        date: args.required('date'),
        time: args.required('time'),
        ...(duration === undefined ? {} : { durationMinutes: duration }),
        chiefComplaint: args.string('complaint') ?? null,
        ...(repeat === undefined || repeat === 1
          ? {}
          : { repeat: { visits: repeat, intervalDays: REPEAT_INTERVAL_DAYS } }),
        ...(override === undefined
          ? {}
          : { override: { reason: override, note: overrideNote ?? null } }),
      };
      const visits = services.visits.book(actor, input);
      if (out.json) {
        out.document({ ok: true, visits });
        return EXIT.ok;
      }
      out.say('cli.visits.booked', { count: visits.length });
      const types = visitTypeNames(services, actor);
      out.table(
        [
          { label: 'cli.col.date' },
          { label: 'cli.col.time' },
          { label: 'cli.col.patient' },
          { label: 'cli.col.mrn' },
          { label: 'cli.col.doctor' },
          { label: 'cli.col.type' },
          { label: 'cli.col.status' },
          { label: 'cli.col.fee', align: 'right' },
          { label: 'cli.col.id' },
        ],
        visits.map((visit) => [
          dateText(visit.date),
          timeRange(visit),
          visit.patientName,
          visit.patientMrn,
          visit.doctorName,
          inLanguages(out, types.get(visit.type) ?? text(visit.type, visit.type)),
          inLanguages(out, visitStatusNames[visit.status]),
          rials(visit.feeAmount),
          visit.id,
        ]),
      );
      return EXIT.ok;
    });
  },
});

export const visitsDayCommand = defineCommand({
  path: ['visits', 'day'],
  synopsis: '[--date <date>] [--doctor <username>]',
  summary: text(
    'ویزیت‌های یک روز برای هر پزشک به ترتیب ساعت: ساعت، بیمار، پرونده، نوع، وضعیت، هزینه و پرداخت.',
    "One day's visits for each doctor in time order: time, patient, record number, type, status, fee and whether it is paid.",
  ),
  options: {
    date: {
      type: 'string',
      value: '<date>',
      help: text(
        'تاریخ شمسی (۱۴۰۵/۰۹/۲۸) یا میلادی (2026-12-19)؛ پیش‌فرض امروز به وقت کلینیک.',
        "The date, Jalali (1405/09/28) or ISO Gregorian (2026-12-19); default today in the clinic's time zone.",
      ),
    },
    doctor: {
      type: 'string',
      value: '<username>',
      help: text('فقط ویزیت‌های این پزشک.', "Only this doctor's visits."),
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: { date: '--date' },
  run(context) {
    const { args, out } = context;
    return asSignedInUser(context, [], ({ core, services, actor }) => {
      const username = args.string('doctor');
      const only = username === undefined ? null : findDoctor(services, actor, username, false);
      const date =
        args.string('date') ?? localToday(core.clock.now(), services.clinic.profile().timeZone);
      const day = services.calendar.day(actor, { date });
      const usernames = new Map(
        services.accounts.listUsers(actor).map((user) => [user.id, user.username]),
      );
      const groups = doctorsOfDay(day, only, usernames);
      const count = groups.reduce((sum, group) => sum + group.visits.length, 0);
      if (out.json) {
        out.document({
          ok: true,
          date: day.date,
          jalaliDate: formatJalaliDate(day.date, 'latin'),
          doctors: groups,
        });
        return EXIT.ok;
      }
      out.say('cli.visits.day.title', { date: dateText(day.date), count });
      if (groups.length === 0) {
        out.say('cli.visits.day.noDoctors');
        return EXIT.ok;
      }
      const types = visitTypeNames(services, actor);
      for (const group of groups) {
        out.blank();
        printDoctorHeading(out, group);
        if (group.visits.length === 0) {
          out.say('cli.visits.day.none', undefined, '  ');
          continue;
        }
        out.table(
          [
            { label: 'cli.col.time' },
            { label: 'cli.col.patient' },
            { label: 'cli.col.mrn' },
            { label: 'cli.col.type' },
            { label: 'cli.col.status' },
            { label: 'cli.col.fee', align: 'right' },
            { label: 'cli.col.paid' },
            { label: 'cli.col.id' },
          ],
          group.visits.map((visit) => [
            timeRange(visit),
            visit.patientName,
            visit.patientMrn,
            inLanguages(out, types.get(visit.type) ?? text(visit.type, visit.type)),
            inLanguages(out, visitStatusNames[visit.status]),
            rials(visit.feeAmount),
            inLanguages(out, visit.isPaid ? PAID : UNPAID),
            visit.id,
          ]),
        );
      }
      return EXIT.ok;
    });
  },
});

const PAID = text('بله', 'yes');
const UNPAID = text('خیر', 'no');

function isOverrideReason(value: string): value is OverrideReason {
  return (overrideReasons as readonly string[]).includes(value);
}

// --- Patients and doctors --------------------------------------------------------------------

type PatientChoice =
  | { readonly by: 'id'; readonly value: string }
  | { readonly by: 'mrn'; readonly value: string }
  | { readonly by: 'nationalId'; readonly value: string };

/** Exactly one of --mrn, --national-id and --patient names the patient. */
function patientChoice(args: CommandArgs<'mrn' | 'national-id' | 'patient'>): PatientChoice {
  const given: PatientChoice[] = [];
  const mrn = args.string('mrn');
  const nationalId = args.string('national-id');
  const id = args.string('patient');
  if (mrn !== undefined) given.push({ by: 'mrn', value: mrn });
  if (nationalId !== undefined) given.push({ by: 'nationalId', value: nationalId });
  if (id !== undefined) given.push({ by: 'id', value: id });
  if (given.length !== 1) throw usageError('cli.usage.onePatient');
  return given[0]!;
}

/**
 * The patient's id. An MRN or national ID is looked up with the same search as `patients search`
 * (so the lookup is logged like any other search) and must match exactly; an id goes to the core
 * as given, which refuses one that is unknown.
 */
function findPatient(services: ClinicServices, actor: Actor, choice: PatientChoice): string {
  if (choice.by === 'id') return choice.value;
  const option = choice.by === 'mrn' ? '--mrn' : '--national-id';
  const wanted =
    choice.by === 'mrn' ? searchableMrn(choice.value) : (normalizeNationalId(choice.value) ?? null);
  if (wanted === null) throw new CliError('input', 'cli.visits.patientNotFound', { option });
  const { items } = services.patients.search(actor, { query: wanted, limit: 5 });
  const matches = items.filter((item) =>
    choice.by === 'mrn' ? item.mrn === wanted : item.nationalId === wanted,
  );
  if (matches.length === 0) throw new CliError('input', 'cli.visits.patientNotFound', { option });
  if (matches.length > 1) throw new CliError('input', 'cli.visits.patientAmbiguous', { option });
  return matches[0]!.id;
}

/**
 * An MRN as the search compares it, or null when the search would not look it up as an
 * identifier (it takes a query of digits, or 'YYYY-N', as a number to match exactly).
 */
function searchableMrn(value: string): string | null {
  const mrn = toAsciiDigits(value).trim().toUpperCase();
  return /^\d+$/.test(mrn) || /^\d{4}-\d+$/.test(mrn) ? mrn : null;
}

/** A doctor by user name; booking wants an active one, the day view any (past visits stay). */
function findDoctor(
  services: ClinicServices,
  actor: Actor,
  username: string,
  activeOnly: boolean,
): UserSummary {
  const users = services.accounts.listUsers(actor).filter((user) => user.role === 'doctor');
  const wanted = username.trim().toLowerCase();
  const doctor = users.find((user) => user.username === wanted && (user.isActive || !activeOnly));
  if (doctor) return doctor;
  const active = users.filter((user) => user.isActive).map((user) => user.username);
  throw new CliError('input', 'cli.visits.doctorNotFound', {
    doctors: active.length > 0 ? active.join(', ') : '-',
  });
}

// --- The day ---------------------------------------------------------------------------------

interface DoctorDay {
  readonly id: string;
  readonly name: string;
  readonly username: string | null;
  readonly specialty: string | null;
  /** Null for a doctor no longer active who still has visits that day. */
  readonly availability: DayAvailability | null;
  readonly visits: readonly Visit[];
}

/**
 * The doctors to show, each with their visits in time order: the one asked for, or every doctor
 * who works that day or has visits on it (a doctor no longer active last).
 */
function doctorsOfDay(
  day: ReturnType<ClinicServices['calendar']['day']>,
  only: UserSummary | null,
  usernames: ReadonlyMap<string, string>,
): DoctorDay[] {
  const byDoctor = new Map<string, Visit[]>();
  for (const visit of day.visits) {
    const list = byDoctor.get(visit.doctorId) ?? [];
    list.push(visit);
    byDoctor.set(visit.doctorId, list);
  }
  const inOrder = (visits: readonly Visit[]) =>
    [...visits].sort(
      (a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.endsAt.localeCompare(b.endsAt),
    );
  const groups: DoctorDay[] = day.doctors.map((doctor) => ({
    id: doctor.id,
    name: doctor.name,
    username: usernames.get(doctor.id) ?? null,
    specialty: doctor.specialty,
    availability: doctor.availability,
    visits: inOrder(byDoctor.get(doctor.id) ?? []),
  }));
  const listed = new Set(groups.map((group) => group.id));
  for (const [doctorId, visits] of byDoctor) {
    if (listed.has(doctorId)) continue;
    groups.push({
      id: doctorId,
      name: visits[0]!.doctorName,
      username: usernames.get(doctorId) ?? null,
      specialty: null,
      availability: null,
      visits: inOrder(visits),
    });
  }
  if (only) {
    const found = groups.find((group) => group.id === only.id);
    return [
      found ?? {
        id: only.id,
        name: only.displayName,
        username: only.username,
        specialty: only.specialty,
        availability: null,
        visits: [],
      },
    ];
  }
  return groups.filter((group) => group.visits.length > 0 || works(group.availability));
}

function works(availability: DayAvailability | null): boolean {
  return availability !== null && !availability.closed && availability.periods.length > 0;
}

function printDoctorHeading(out: Output, group: DoctorDay): void {
  const doctor = group.username ? `${group.name} (${group.username})` : group.name;
  const params = { doctor, count: group.visits.length };
  if (works(group.availability)) {
    const hours = group
      .availability!.periods.map(
        (period) => `${formatMinute(period.startMinute)}–${formatMinute(period.endMinute)}`,
      )
      .join(', ');
    out.say('cli.visits.day.doctor', { ...params, hours });
  } else {
    out.say('cli.visits.day.doctorOff', params);
  }
}

// --- Cells -----------------------------------------------------------------------------------

function visitTypeNames(services: ClinicServices, actor: Actor): Map<string, Message> {
  return new Map(
    services.schedule
      .listVisitTypes(actor)
      .map((type) => [type.code, text(type.nameFa, type.nameEn)]),
  );
}

/** A name in the languages shown: 'حضوری / In person', or one of them under --lang. */
function inLanguages(out: Output, name: Message): string {
  return out.languages.map((language) => name[language]).join(' / ');
}

/** Jalali with the ISO date beside it, as `patients` shows dates: 1405/09/28 (2026-12-19). */
function dateText(iso: string): string {
  return `${formatJalaliDate(iso, 'latin')} (${iso})`;
}

function timeRange(visit: Visit): string {
  return `${formatMinute(visit.startMinute)}–${formatMinute(visit.startMinute + visit.durationMinutes)}`;
}

/** Whole rials with thousands separators: 1,500,000. */
function rials(amount: number): string {
  return amount.toLocaleString('en-US');
}
