import { dayAvailability } from '../electron/core/scheduling/availability';
import { addDays, toLocal, weekdayOf } from '../electron/shared/dates/clinic-time';
import type { ScheduleException, SchedulePeriod } from '../electron/shared/scheduling';
import { Rng } from './dataset';
import { LAST_NAMES } from './names';

/**
 * A deterministic, seeded plan of a clinic's calendar over several years: doctors with their
 * weekly hours, public holidays and doctors' leave, and every visit (doctor, patient, local date
 * and minute, type, final state). Only the shape is planned here; scheduling-build.ts writes it
 * through the real services and repositories. Visits never overlap for a doctor or a patient and
 * lie inside the doctor's hours on open days, so the database is one the app could have made.
 */

/** The visit types the plan books, with the length and fee the build gives them. */
export const PLAN_VISIT_TYPES = [
  { code: 'in_person', minutes: 15, fee: 1_500_000, share: 0.65 },
  { code: 'follow_up', minutes: 10, fee: 800_000, share: 0.2 },
  { code: 'video', minutes: 15, fee: 1_200_000, share: 0.15 },
] as const;

/** Visits start on this grid inside each work period (every visit type fits in one step). */
export const SLOT_MINUTES = 15;

/** Final state of a planned visit (the row's `status`). */
export const PLAN_STATUSES = [
  'scheduled',
  'confirmed',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
const STATUS_CODE = Object.fromEntries(PLAN_STATUSES.map((s, i) => [s, i])) as Record<
  PlanStatus,
  number
>;

export const CHIEF_COMPLAINTS: readonly string[] = [
  'سردرد',
  'تب و سرفه',
  'گلودرد',
  'درد شکم',
  'کمردرد',
  'پیگیری فشار خون',
  'پیگیری قند خون',
  'سرگیجه',
  'تنگی نفس هنگام فعالیت',
  'درد قفسه سینه',
  'خارش و بثورات پوستی',
  'بی‌خوابی',
  'درد زانو',
  'معاینه دوره‌ای',
  'تجدید نسخه',
  'نتیجه آزمایش',
  'حالت تهوع',
  'درد گوش',
  'آبریزش بینی',
  'خستگی مزمن',
];

const SPECIALTIES = [
  'پزشک عمومی',
  'داخلی',
  'اطفال',
  'زنان و زایمان',
  'قلب و عروق',
  'پوست',
  'ارتوپدی',
  'گوش و حلق و بینی',
  'غدد',
  'اعصاب',
];

const work = (weekday: number, from: string, to: string): SchedulePeriod => ({
  weekday,
  startMinute: minuteOf(from),
  endMinute: minuteOf(to),
  kind: 'work',
});
const pause = (weekday: number, from: string, to: string): SchedulePeriod => ({
  ...work(weekday, from, to),
  kind: 'break',
});

function minuteOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

// Weekdays as Date.getDay: 0 = Sunday … 6 = Saturday; Friday (5) is the weekend.
const SAT_TO_WED = [6, 0, 1, 2, 3];

/** Four kinds of week a doctor may work; doctors take them in turn. */
const WEEK_TEMPLATES: readonly { name: string; periods: readonly SchedulePeriod[] }[] = [
  {
    name: 'Sat–Wed 08:00–13:00 (break 10:30–10:45) and 16:00–20:00, Thu 08:00–12:00',
    periods: [
      ...SAT_TO_WED.flatMap((d) => [
        work(d, '08:00', '13:00'),
        pause(d, '10:30', '10:45'),
        work(d, '16:00', '20:00'),
      ]),
      work(4, '08:00', '12:00'),
    ],
  },
  {
    name: 'Sat–Wed 09:00–14:00 (break 11:30–11:45), Sat/Mon/Wed also 17:00–21:00',
    periods: [
      ...SAT_TO_WED.flatMap((d) => [work(d, '09:00', '14:00'), pause(d, '11:30', '11:45')]),
      ...[6, 1, 3].map((d) => work(d, '17:00', '21:00')),
    ],
  },
  {
    name: 'Sat–Thu 15:00–21:00 (break 18:00–18:15)',
    periods: [6, 0, 1, 2, 3, 4].flatMap((d) => [
      work(d, '15:00', '21:00'),
      pause(d, '18:00', '18:15'),
    ]),
  },
  {
    name: 'Sun–Thu 08:00–14:00 (break 11:00–11:20), Tue also 16:00–19:00',
    periods: [
      ...[0, 1, 2, 3, 4].flatMap((d) => [work(d, '08:00', '14:00'), pause(d, '11:00', '11:20')]),
      work(2, '16:00', '19:00'),
    ],
  },
];

export interface PlannedDoctor {
  readonly username: string;
  readonly displayName: string;
  readonly specialty: string;
  readonly template: string;
  readonly weekly: readonly SchedulePeriod[];
}

export interface PlannedException {
  /** Index into the plan's doctors; null: the whole clinic (a public holiday). */
  readonly doctor: number | null;
  readonly date: string;
  readonly note: string;
}

/** The visits, column by column (half a million objects would cost far more memory). */
export interface PlannedVisits {
  readonly count: number;
  readonly doctor: Uint8Array;
  readonly patient: Int32Array;
  /** Index of the local date in the plan's `dates`. */
  readonly day: Int32Array;
  /** Local start minute. */
  readonly minute: Int16Array;
  /** Index into PLAN_VISIT_TYPES. */
  readonly type: Uint8Array;
  /** Index into PLAN_STATUSES. */
  readonly status: Uint8Array;
}

export interface SchedulingPlanOptions {
  readonly visits: number;
  readonly doctors: number;
  readonly patients: number;
  readonly seed: number;
  readonly now: Date;
  readonly timeZone: string;
  /** Length of the calendar; half of it lies before `now`, half after. */
  readonly years: number;
}

export interface SchedulingPlan {
  readonly options: SchedulingPlanOptions;
  readonly today: string;
  readonly nowMinute: number;
  /** Every local date of the calendar, first to last. */
  readonly dates: readonly string[];
  readonly doctors: readonly PlannedDoctor[];
  readonly exceptions: readonly PlannedException[];
  readonly visits: PlannedVisits;
  readonly stats: SchedulingPlanStats;
}

export interface SchedulingPlanStats {
  readonly visits: number;
  readonly doctors: number;
  readonly patients: number;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly openDoctorDays: number;
  /** Bookable 20-minute steps in all doctors' hours over the calendar. */
  readonly slotCapacity: number;
  /** visits / slotCapacity. */
  readonly occupancy: number;
  readonly visitsPerOpenDay: { readonly mean: number; readonly max: number };
  readonly visitsPerDoctorDay: { readonly mean: number; readonly max: number };
  readonly past: number;
  readonly future: number;
  readonly byStatus: Record<PlanStatus, number>;
  readonly byType: Record<string, number>;
  readonly exceptions: { readonly clinicWide: number; readonly doctorLeave: number };
  /** Share of visits booked for the tenth of patients who come most (chronic patients). */
  readonly regularPatientsShare: number;
  readonly maxVisitsOfOnePatient: number;
}

function holidays(dates: readonly string[], rng: Rng): PlannedException[] {
  const out: PlannedException[] = [];
  const years = [...new Set(dates.map((date) => date.slice(0, 4)))];
  for (const year of years) {
    // Nowruz (1–4 Farvardin) and Sizdah Bedar (13 Farvardin), near enough on the Gregorian side.
    for (const day of ['03-21', '03-22', '03-23', '03-24']) {
      out.push({ doctor: null, date: `${year}-${day}`, note: 'تعطیلات نوروز' });
    }
    out.push({ doctor: null, date: `${year}-04-02`, note: 'سیزده‌به‌در' });
    // Other public holidays move with the lunar calendar: a few seeded dates a year.
    for (let i = 0; i < 8; i += 1) {
      const month = String(rng.between(1, 12)).padStart(2, '0');
      const day = String(rng.between(1, 28)).padStart(2, '0');
      out.push({ doctor: null, date: `${year}-${month}-${day}`, note: 'تعطیل رسمی' });
    }
  }
  const first = dates[0]!;
  const last = dates.at(-1)!;
  const seen = new Set<string>();
  return out.filter((h) => {
    if (h.date < first || h.date > last || seen.has(h.date)) return false;
    seen.add(h.date);
    return true;
  });
}

function leaves(dates: readonly string[], doctors: number, rng: Rng): PlannedException[] {
  const out: PlannedException[] = [];
  const years = Math.max(1, Math.round(dates.length / 365));
  for (let doctor = 0; doctor < doctors; doctor += 1) {
    const seen = new Set<string>();
    const add = (date: string, note: string) => {
      if (seen.has(date)) return;
      seen.add(date);
      out.push({ doctor, date, note });
    };
    for (let y = 0; y < years; y += 1) {
      // One week of leave a year, and a couple of single days off.
      const start = rng.int(dates.length - 7);
      for (let k = 0; k < 5; k += 1) add(dates[start + k]!, 'مرخصی');
      for (let k = 0; k < 2; k += 1) add(dates[rng.int(dates.length)]!, 'عدم حضور');
    }
  }
  return out;
}

function asException(e: PlannedException, doctorIds: readonly string[]): ScheduleException {
  return {
    id: '',
    doctorId: e.doctor === null ? null : doctorIds[e.doctor]!,
    date: e.date,
    kind: 'closed',
    periods: [],
    note: e.note,
  };
}

/**
 * Plans the calendar. Slots are the SLOT_MINUTES steps of each open doctor-day's periods (the
 * real dayAvailability decides the periods: weekly hours minus breaks, holidays, leave); exactly
 * `visits` of them are chosen by selection sampling, so the load is even across the years. Each
 * visit's patient is drawn from the pool (30% from the tenth who come most), redrawn when that
 * patient already has a visit at an overlapping time that day.
 */
export function planScheduling(options: SchedulingPlanOptions): SchedulingPlan {
  const rng = new Rng(options.seed);
  const local = toLocal(options.now, options.timeZone);
  const half = Math.round((options.years * 365.25) / 2);
  const first = addDays(local.date, -half);
  const dates = Array.from({ length: 2 * half }, (_, i) => addDays(first, i));

  if (options.doctors > LAST_NAMES.length) throw new Error('too many doctors for the name list');
  const doctors: PlannedDoctor[] = Array.from({ length: options.doctors }, (_, i) => {
    const name = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    const template = WEEK_TEMPLATES[i % WEEK_TEMPLATES.length]!;
    const latin = name.latin.toLowerCase().replace(/[^a-z]/g, '');
    return {
      username: `dr${String(i + 1).padStart(2, '0')}.${latin}`.slice(0, 32),
      displayName: `دکتر ${name.fa}`,
      specialty: SPECIALTIES[i % SPECIALTIES.length]!,
      template: template.name,
      weekly: template.periods,
    };
  });
  const exceptions = [...holidays(dates, rng), ...leaves(dates, options.doctors, rng)];
  const fakeIds = doctors.map((_, i) => String(i));
  const exceptionsByDate = new Map<string, ScheduleException[]>();
  for (const e of exceptions) {
    const list = exceptionsByDate.get(e.date) ?? [];
    list.push(asException(e, fakeIds));
    exceptionsByDate.set(e.date, list);
  }

  // Pass 1: the slots of every open doctor-day.
  const periodsOf = (day: number, doctor: number) => {
    const date = dates[day]!;
    const own = (exceptionsByDate.get(date) ?? []).filter(
      (e) => e.doctorId === null || e.doctorId === fakeIds[doctor],
    );
    return dayAvailability(
      date,
      doctors[doctor]!.weekly.filter((p) => p.weekday === weekdayOf(date)),
      own,
    ).periods;
  };
  let capacity = 0;
  let openDoctorDays = 0;
  const slotsOf = new Uint16Array(dates.length * options.doctors);
  for (let day = 0; day < dates.length; day += 1) {
    for (let doctor = 0; doctor < options.doctors; doctor += 1) {
      let slots = 0;
      for (const p of periodsOf(day, doctor)) {
        slots += Math.floor((p.endMinute - p.startMinute) / SLOT_MINUTES);
      }
      slotsOf[day * options.doctors + doctor] = slots;
      capacity += slots;
      if (slots > 0) openDoctorDays += 1;
    }
  }
  if (options.visits > 0.9 * capacity) {
    throw new Error(
      `${options.visits} visits do not fit ${options.doctors} doctors' hours over ${options.years} years (${capacity} slots); use fewer visits or more doctors`,
    );
  }

  // Pass 2: choose exactly `visits` slots, in time order.
  const n = options.visits;
  const visits: PlannedVisits = {
    count: n,
    doctor: new Uint8Array(n),
    patient: new Int32Array(n),
    day: new Int32Array(n),
    minute: new Int16Array(n),
    type: new Uint8Array(n),
    status: new Uint8Array(n),
  };
  const regulars = Math.max(1, Math.floor(options.patients / 10));
  const perPatient = new Uint16Array(options.patients);
  let regularVisits = 0;
  let remaining = n;
  let left = capacity;
  let v = 0;
  let pastCount = 0;
  const todayIndex = dates.indexOf(local.date);
  const perDay: number[] = [];
  let maxDoctorDay = 0;
  for (let day = 0; day < dates.length; day += 1) {
    // Patient → busy [start, end) pairs of this day, so one patient is never in two places.
    const busy = new Map<number, number[]>();
    const dayStart = v;
    for (let doctor = 0; doctor < options.doctors; doctor += 1) {
      if (slotsOf[day * options.doctors + doctor] === 0) continue;
      const doctorStart = v;
      for (const p of periodsOf(day, doctor)) {
        for (let m = p.startMinute; m + SLOT_MINUTES <= p.endMinute; m += SLOT_MINUTES) {
          const take = rng.next() * left < remaining;
          left -= 1;
          if (!take) continue;
          remaining -= 1;
          const u = rng.next();
          let type = 0;
          for (let acc = 0; type < PLAN_VISIT_TYPES.length - 1; type += 1) {
            acc += PLAN_VISIT_TYPES[type]!.share;
            if (u < acc) break;
          }
          const end = m + PLAN_VISIT_TYPES[type]!.minutes;
          let patient = -1;
          for (let attempt = 0; attempt < 20 && patient < 0; attempt += 1) {
            const regular = rng.chance(0.3);
            const candidate = regular ? rng.int(regulars) : rng.int(options.patients);
            const ranges = busy.get(candidate);
            let free = true;
            for (let k = 0; ranges && k < ranges.length; k += 2) {
              if (m < ranges[k + 1]! && ranges[k]! < end) free = false;
            }
            if (free) {
              patient = candidate;
              if (regular) regularVisits += 1;
              if (ranges) ranges.push(m, end);
              else busy.set(candidate, [m, end]);
            }
          }
          if (patient < 0) throw new Error('no free patient found (pool too small)');
          perPatient[patient] = Math.min(65_535, perPatient[patient]! + 1);
          const date = dates[day]!;
          const past = date < local.date || (date === local.date && end <= local.minute);
          const r = rng.next();
          let status: PlanStatus;
          if (past) {
            pastCount += 1;
            status = r < 0.8 ? 'completed' : r < 0.9 ? 'cancelled' : 'no_show';
          } else if (r < 0.1) status = 'cancelled';
          else {
            const soon = day - todayIndex <= 2;
            status = rng.chance(soon ? 0.6 : 0.15) ? 'confirmed' : 'scheduled';
          }
          visits.doctor[v] = doctor;
          visits.patient[v] = patient;
          visits.day[v] = day;
          visits.minute[v] = m;
          visits.type[v] = type;
          visits.status[v] = STATUS_CODE[status];
          v += 1;
        }
      }
      maxDoctorDay = Math.max(maxDoctorDay, v - doctorStart);
    }
    if (v > dayStart) perDay.push(v - dayStart);
  }
  if (v !== n) throw new Error(`planned ${v} of ${n} visits`);

  const byStatus = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<
    PlanStatus,
    number
  >;
  for (let i = 0; i < n; i += 1) byStatus[PLAN_STATUSES[visits.status[i]!]!] += 1;
  const byType: Record<string, number> = {};
  for (let i = 0; i < n; i += 1) {
    const code = PLAN_VISIT_TYPES[visits.type[i]!]!.code;
    byType[code] = (byType[code] ?? 0) + 1;
  }
  let maxVisitsOfOnePatient = 0;
  for (const count of perPatient) maxVisitsOfOnePatient = Math.max(maxVisitsOfOnePatient, count);
  return {
    options,
    today: local.date,
    nowMinute: local.minute,
    dates,
    doctors,
    exceptions,
    visits,
    stats: {
      visits: n,
      doctors: options.doctors,
      patients: options.patients,
      from: dates[0]!,
      to: dates.at(-1)!,
      days: dates.length,
      openDoctorDays,
      slotCapacity: capacity,
      occupancy: Math.round((n / capacity) * 1000) / 1000,
      visitsPerOpenDay: {
        mean: Math.round((n / Math.max(1, perDay.length)) * 10) / 10,
        max: Math.max(0, ...perDay),
      },
      visitsPerDoctorDay: {
        mean: Math.round((n / Math.max(1, openDoctorDays)) * 10) / 10,
        max: maxDoctorDay,
      },
      past: pastCount,
      future: n - pastCount,
      byStatus,
      byType,
      exceptions: {
        clinicWide: exceptions.filter((e) => e.doctor === null).length,
        doctorLeave: exceptions.filter((e) => e.doctor !== null).length,
      },
      regularPatientsShare: Math.round((regularVisits / n) * 1000) / 1000,
      maxVisitsOfOnePatient,
    },
  };
}

/** Whether a planned visit still holds its time (the statuses the conflict rules count). */
export function holdsTime(plan: SchedulingPlan, index: number): boolean {
  const status = PLAN_STATUSES[plan.visits.status[index]!];
  return status === 'scheduled' || status === 'confirmed';
}

export function planStatus(plan: SchedulingPlan, index: number): PlanStatus {
  return PLAN_STATUSES[plan.visits.status[index]!]!;
}
