import path from 'node:path';
import Database from 'better-sqlite3';
import type { Compilable, CompiledQuery } from 'kysely';
import type { ReadTx } from '../electron/core/db/database';
import { AppError } from '../electron/core/errors';
import {
  findConflicts,
  instantRange,
  MAX_DURATION_MINUTES,
  overlappingVisit,
} from '../electron/core/scheduling/conflicts';
import { addDays, formatMinute, toInstant } from '../electron/shared/dates/clinic-time';
import { activeVisitStatuses } from '../electron/shared/scheduling';
import { Rng } from './dataset';
import { buildSchedulingClinic, type SchedulingBuildFigures } from './scheduling-build';
import {
  holdsTime,
  planScheduling,
  PLAN_VISIT_TYPES,
  type SchedulingPlan,
  type SchedulingPlanStats,
} from './scheduling-dataset';
import { ratio, round, summarize, type Summary } from './stats';
import { progress, timed } from './util';

/** The targets, in milliseconds (p95 of each measure). */
export const SCHEDULING_TARGETS = {
  conflictP95Ms: 10,
  dayViewP95Ms: 50,
  /** The issue says "free-slot search for a week ≤ 50 ms" without a percentile: p95 is used. */
  freeSlotsWeekP95Ms: 50,
} as const;

/**
 * The fixed "now" of the run: Saturday 2026-12-19, 07:30 in Tehran (1405/09/28), before the
 * first period of the day. Half the calendar lies before it, half after.
 */
export const SCHEDULING_NOW = '2026-12-19T04:00:00.000Z';
export const SCHEDULING_TIME_ZONE = 'Asia/Tehran';

export interface SchedulingCounts {
  readonly bookRefused: number;
  readonly findConflicts: number;
  readonly dayView: number;
  readonly freeSlots: number;
  readonly bookAccepted: number;
  readonly accessLogCommit: number;
  readonly warmup: number;
}

export function schedulingCounts(quick: boolean): SchedulingCounts {
  return quick
    ? {
        bookRefused: 300,
        findConflicts: 600,
        dayView: 100,
        freeSlots: 300,
        bookAccepted: 50,
        accessLogCommit: 100,
        warmup: 20,
      }
    : {
        bookRefused: 1000,
        findConflicts: 2000,
        dayView: 300,
        freeSlots: 1000,
        bookAccepted: 200,
        accessLogCommit: 300,
        warmup: 50,
      };
}

export interface SchedulingOptions {
  readonly visits: number;
  readonly doctors: number;
  readonly patients: number;
  readonly years: number;
  readonly seed: number;
  readonly counts: SchedulingCounts;
}

/** Ours against the raw library on the same inputs, interleaved sample by sample. */
export interface Compared {
  readonly samples: number;
  readonly oursMs: Summary;
  readonly rawMs: Summary;
  /** ours p50 / raw p50. */
  readonly ratioP50: number;
  /** ours p95 / raw p95. */
  readonly ratioP95: number;
}

function compared(ours: readonly number[], raw: readonly number[]): Compared {
  const o = summarize(ours);
  const r = summarize(raw);
  return {
    samples: ours.length,
    oursMs: o,
    rawMs: r,
    ratioP50: ratio(o.p50, r.p50),
    ratioP95: ratio(o.p95, r.p95),
  };
}

interface Target {
  readonly p95Ms: number;
  readonly pass: boolean;
}

const target = (summary: Summary, p95Ms: number): Target => ({
  p95Ms,
  pass: summary.p95 <= p95Ms,
});

export interface QueryPlan {
  /** The SQL the core runs, compiled by Kysely from the real code path (parameters bound). */
  readonly sql: string;
  readonly plan: readonly string[];
  readonly indexes: readonly string[];
  readonly intended: readonly string[];
  readonly usesIntendedIndex: boolean;
  /** A SCAN of the table without an index (every row read). */
  readonly fullScan: boolean;
}

export interface SchedulingReport {
  readonly description: string;
  readonly now: string;
  readonly timeZone: string;
  readonly dataset: SchedulingPlanStats & {
    readonly seed: number;
    readonly planMs: number;
    readonly doctorWeeks: readonly string[];
    readonly visitTypes: readonly { code: string; minutes: number; share: number }[];
  };
  readonly build: SchedulingBuildFigures;
  readonly conflict: {
    readonly description: string;
    /** services.visits.book refused with a conflict: the whole public path, tx rolled back. */
    readonly bookRefused: Compared & {
      readonly refusedFor: Record<string, number>;
      readonly unexpectedlyAccepted: number;
    };
    /** findConflicts inside db.read for random slots (free and busy), across the calendar. */
    readonly findConflicts: Compared & { readonly outcomes: Record<string, number> };
    /** Two calls of the overlap query alone (doctor, patient) inside db.read. */
    readonly overlapQueries: Compared;
    readonly usesIntendedIndex: boolean;
    readonly target: Target;
  };
  readonly dayView: Compared & {
    readonly description: string;
    /** listBetween + present (decrypt, names) in a read tx: no access check, hours or log. */
    readonly loadOnlyMs: Summary;
    readonly loadOnlyRatioP50: number;
    readonly visitsShown: { readonly mean: number; readonly min: number; readonly max: number };
    readonly target: Target;
  };
  readonly freeSlots: Compared & {
    readonly description: string;
    readonly days: number;
    readonly durationMinutes: number;
    readonly meanSlotsFound: number;
    readonly meanBusyVisits: number;
    readonly target: Target & { readonly note: string };
  };
  readonly bookAccepted: {
    readonly description: string;
    readonly oursMs: Summary;
    readonly retriedForPatientConflict: number;
  };
  /** One access-log entry in its own committed write transaction (WAL, synchronous=FULL). */
  readonly accessLogCommitMs: Summary;
  readonly queryPlans: Record<string, QueryPlan>;
  readonly rawBaselinePlans: Record<string, readonly string[]>;
  readonly target: { readonly pass: boolean };
}

/** The queries a core function runs, compiled but not executed (a ReadTx that only records). */
function compiledBy(run: (tx: ReadTx) => unknown): CompiledQuery<unknown>[] {
  const out: CompiledQuery<unknown>[] = [];
  const tx: ReadTx = {
    all<O>(query: Compilable<O>): O[] {
      out.push(query.compile());
      return [];
    },
    first<O>(query: Compilable<O>): O | undefined {
      out.push(query.compile());
      return undefined;
    },
  };
  run(tx);
  return out;
}

function explain(raw: Database.Database, sql: string, parameters: readonly unknown[]): string[] {
  return (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map(
    (row) => row.detail,
  );
}

function queryPlan(
  raw: Database.Database,
  query: CompiledQuery<unknown>,
  intended: readonly string[],
): QueryPlan {
  const plan = explain(raw, query.sql, query.parameters);
  const indexes = [
    ...new Set(
      plan.flatMap((d) => [...d.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1]!)),
    ),
  ];
  return {
    sql: query.sql,
    plan,
    indexes,
    intended,
    usesIntendedIndex: indexes.some((index) => intended.includes(index)),
    fullScan: plan.some((d) => /^SCAN encounters\b/.test(d) && !/USING/.test(d)),
  };
}

const ACTIVE = activeVisitStatuses.map((s) => `'${s}'`).join(', ');

/**
 * The raw-library baseline: plain better-sqlite3 on the same database file (a second, read-only
 * connection with the same page cache size), hand-written SQL on the same indexes, parameters
 * computed beforehand. No access check, no decryption, no log entry, no transaction.
 */
class RawScheduling {
  readonly db: Database.Database;
  readonly overlapDoctor: Database.Statement;
  readonly overlapPatient: Database.Statement;
  readonly day: Database.Statement;
  readonly busy: Database.Statement;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true });
    this.db.pragma('cache_size = -32768');
    const overlap = (column: string) =>
      this.db.prepare(
        `SELECT id, doctor_id, scheduled_at, ends_at FROM encounters
         WHERE ${column} = ? AND scheduled_at > ? AND scheduled_at < ? AND ends_at > ?
           AND status IN (${ACTIVE})
         ORDER BY scheduled_at LIMIT 1`,
      );
    this.overlapDoctor = overlap('doctor_id');
    this.overlapPatient = overlap('patient_id');
    this.day = this.db.prepare(
      `SELECT e.*, p.demographics FROM encounters AS e JOIN patients AS p ON p.id = e.patient_id
       WHERE e.scheduled_at >= ? AND e.scheduled_at < ? ORDER BY e.scheduled_at`,
    );
    this.busy = this.db.prepare(
      `SELECT scheduled_at, duration_minutes FROM encounters
       WHERE doctor_id = ? AND scheduled_at >= ? AND scheduled_at < ? AND status IN (${ACTIVE})`,
    );
  }

  conflicts(doctorId: string, patientId: string, range: { start: string; end: string }): number {
    const earliest = new Date(
      new Date(range.start).getTime() - MAX_DURATION_MINUTES * 60_000,
    ).toISOString();
    const doctor = this.overlapDoctor.get(doctorId, earliest, range.end, range.start);
    const patient = this.overlapPatient.get(patientId, earliest, range.end, range.start);
    return (doctor ? 1 : 0) + (patient ? 1 : 0);
  }

  plans(): Record<string, string[]> {
    const now = SCHEDULING_NOW;
    return {
      overlapDoctor: explain(this.db, this.overlapDoctor.source, ['d', now, now, now]),
      overlapPatient: explain(this.db, this.overlapPatient.source, ['p', now, now, now]),
      day: explain(this.db, this.day.source, [now, now]),
      busy: explain(this.db, this.busy.source, ['d', now, now]),
    };
  }
}

/** Times one call of each contender, in an order rotated every sample. */
function interleaved(index: number, contenders: readonly (() => void)[]): number[] {
  const ms = new Array<number>(contenders.length).fill(0);
  for (let k = 0; k < contenders.length; k += 1) {
    const which = (index + k) % contenders.length;
    const start = performance.now();
    contenders[which]!();
    ms[which] = performance.now() - start;
  }
  return ms;
}

/**
 * Scheduling benchmark: builds a clinic with years of visits (scheduling-build.ts), then times
 * the three things the issue sets targets for on the real services — a booking refused for a
 * conflict, the day view, a week's free slots — each against plain better-sqlite3 queries on the
 * same file, plus findConflicts alone, an accepted booking and the query plans.
 */
export async function benchScheduling(
  root: string,
  options: SchedulingOptions,
): Promise<SchedulingReport> {
  const { counts } = options;
  progress(
    `scheduling: planning ${options.visits} visits, ${options.doctors} doctors, ${options.patients} patients over ${options.years} years`,
  );
  const { value: plan, ms: planMs } = timed(() =>
    planScheduling({
      visits: options.visits,
      doctors: options.doctors,
      patients: options.patients,
      seed: options.seed,
      now: new Date(SCHEDULING_NOW),
      timeZone: SCHEDULING_TIME_ZONE,
      years: options.years,
    }),
  );
  progress(
    `scheduling: plan ready in ${Math.round(planMs)} ms (${plan.stats.visitsPerOpenDay.mean} visits per open day, occupancy ${plan.stats.occupancy})`,
  );
  const { built, figures } = await buildSchedulingClinic(path.join(root, 'scheduling'), plan);
  progress(
    `scheduling: built in ${(figures.totalMs / 1000).toFixed(1)} s (visits ${figures.visitsPerSecond}/s), ${figures.size.fileMiB} MiB`,
  );
  const { clinic, staff, timeZone, doctorIds, patientIds, records } = built;
  const { services } = clinic;
  const db = clinic.core.db;
  const raw = new RawScheduling(db.file);
  try {
    const rng = new Rng(options.seed + 100);
    const { visits, dates } = plan;
    const todayIndex = dates.indexOf(plan.today);
    const dateOf = (i: number) => dates[visits.day[i]!]!;
    const doctorName = (d: number) => plan.doctors[d]!.displayName;
    const dayRange = (date: string, days: number): [string, string] => [
      toInstant(date, 0, timeZone),
      toInstant(addDays(date, days), 0, timeZone),
    ];

    // ---- query plans, from the SQL the core really runs ------------------------------------
    const sampleVisit = futureActiveVisit(plan, rng, todayIndex);
    const sampleRange = instantRange(
      dateOf(sampleVisit),
      visits.minute[sampleVisit]!,
      15,
      timeZone,
    );
    const [dayFrom, dayTo] = dayRange(dateOf(sampleVisit), 1);
    const [weekFrom, weekTo] = dayRange(dateOf(sampleVisit), 7);
    const sampleDoctor = doctorIds[visits.doctor[sampleVisit]!]!;
    const samplePatient = patientIds[visits.patient[sampleVisit]!]!;
    const only = (queries: CompiledQuery<unknown>[]) => {
      if (queries.length !== 1) throw new Error(`expected one query, got ${queries.length}`);
      return queries[0]!;
    };
    const queryPlans: Record<string, QueryPlan> = {
      conflictDoctor: queryPlan(
        raw.db,
        only(compiledBy((tx) => overlappingVisit(tx, 'doctor_id', sampleDoctor, sampleRange))),
        ['encounters_doctor_time'],
      ),
      conflictPatient: queryPlan(
        raw.db,
        only(compiledBy((tx) => overlappingVisit(tx, 'patient_id', samplePatient, sampleRange))),
        ['encounters_patient_time'],
      ),
      dayView: queryPlan(
        raw.db,
        only(compiledBy((tx) => services.encounters.listBetween(tx, dayFrom, dayTo))),
        ['encounters_time'],
      ),
      freeSlotsBusy: queryPlan(
        raw.db,
        only(
          compiledBy((tx) => services.encounters.busyBetween(tx, sampleDoctor, weekFrom, weekTo)),
        ),
        ['encounters_doctor_time', 'encounters_doctor_status_time'],
      ),
    };
    for (const [name, p] of Object.entries(queryPlans)) {
      progress(`scheduling: plan ${name}: ${p.plan.join(' | ')}`);
    }

    // ---- samples ------------------------------------------------------------------------
    interface ConflictSample {
      doctor: number;
      patient: number;
      date: string;
      minute: number;
      duration: number;
      range: { start: string; end: string };
    }
    const sample = (
      doctor: number,
      patient: number,
      date: string,
      minute: number,
      duration: number,
    ): ConflictSample => ({
      doctor,
      patient,
      date,
      minute,
      duration,
      range: instantRange(date, minute, duration, timeZone),
    });

    /** A booking that must be refused: over a doctor's visit, or over the patient's own. */
    const refusedBooking = (k: number): ConflictSample => {
      const i = futureActiveVisit(plan, rng, todayIndex);
      const minute = visits.minute[i]! + (rng.chance(0.5) ? 0 : 5);
      if (k % 2 === 0) {
        // Another patient with the same doctor at (nearly) the same time.
        return sample(visits.doctor[i]!, rng.int(patientIds.length), dateOf(i), minute, 15);
      }
      // The same patient with another doctor at the same time.
      const other = (visits.doctor[i]! + 1 + rng.int(doctorIds.length - 1)) % doctorIds.length;
      return sample(other, visits.patient[i]!, dateOf(i), minute, 15);
    };
    const randomSlot = (): ConflictSample =>
      sample(
        rng.int(doctorIds.length),
        rng.int(patientIds.length),
        dates[rng.int(dates.length)]!,
        7 * 60 + 5 * rng.int(14 * 12),
        15,
      );

    const bookOnce = (s: ConflictSample) =>
      services.visits.book(staff, {
        patientId: patientIds[s.patient]!,
        doctorId: doctorIds[s.doctor]!,
        type: 'in_person',
        date: s.date,
        time: formatMinute(s.minute),
      });
    const refusedFor: Record<string, number> = {};
    let unexpectedlyAccepted = 0;
    const bookRefused = (s: ConflictSample) => {
      try {
        bookOnce(s);
        unexpectedlyAccepted += 1;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
        for (const field of error.fields ?? []) {
          refusedFor[field.field] = (refusedFor[field.field] ?? 0) + 1;
        }
      }
    };
    const outcomes: Record<string, number> = {};
    const checkConflicts = (s: ConflictSample, count: boolean) => {
      const found = db.read((tx) =>
        findConflicts(tx, services.schedule, {
          doctorId: doctorIds[s.doctor]!,
          doctorName: doctorName(s.doctor),
          patientId: patientIds[s.patient]!,
          date: s.date,
          startMinute: s.minute,
          durationMinutes: s.duration,
          timeZone,
        }),
      );
      if (!count) return;
      const key = found.length === 0 ? 'free' : found.map((f) => f.field).join('+');
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    };
    const overlapOnly = (s: ConflictSample) =>
      db.read((tx) => {
        overlappingVisit(tx, 'doctor_id', doctorIds[s.doctor]!, s.range);
        overlappingVisit(tx, 'patient_id', patientIds[s.patient]!, s.range);
      });
    const rawConflicts = (s: ConflictSample) =>
      raw.conflicts(doctorIds[s.doctor]!, patientIds[s.patient]!, s.range);

    const randomVisitDay = () => dateOf(rng.int(visits.count));
    const shown: number[] = [];
    const dayView = (date: string, range: [string, string]) => [
      () => {
        shown.push(services.calendar.day(staff, { date }).visits.length);
      },
      () => {
        db.read((tx) =>
          records.present(tx, services.encounters.listBetween(tx, range[0], range[1]), timeZone),
        );
      },
      () => {
        raw.day.all(range[0], range[1]);
      },
    ];

    const slotsFound: number[] = [];
    const busyFound: number[] = [];
    const freeSlotsFrom = () => dates[todayIndex + rng.int(dates.length - todayIndex - 7)]!;
    const freeSlots = (doctor: number, from: string, range: [string, string]) => [
      () => {
        slotsFound.push(
          services.calendar.freeSlots(staff, {
            doctorId: doctorIds[doctor]!,
            from,
            days: 7,
            durationMinutes: 20,
          }).length,
        );
      },
      () => {
        busyFound.push(raw.busy.all(doctorIds[doctor]!, range[0], range[1]).length);
      },
    ];

    // ---- warm-up: JIT, statement caches, page cache --------------------------------------
    progress('scheduling: warm-up');
    for (let k = 0; k < counts.warmup; k += 1) {
      const refused = refusedBooking(k);
      bookRefused(refused);
      rawConflicts(refused);
      const slot = randomSlot();
      checkConflicts(slot, false);
      overlapOnly(slot);
      rawConflicts(slot);
      if (k < counts.warmup / 2) {
        const date = randomVisitDay();
        for (const run of dayView(date, dayRange(date, 1))) run();
      }
      const from = freeSlotsFrom();
      for (const run of freeSlots(rng.int(doctorIds.length), from, dayRange(from, 7))) run();
    }
    for (const key of Object.keys(refusedFor)) delete refusedFor[key];
    unexpectedlyAccepted = 0;
    shown.length = 0;
    slotsFound.length = 0;
    busyFound.length = 0;

    // ---- 1. conflict check ----------------------------------------------------------------
    progress(`scheduling: ${counts.bookRefused} bookings refused for a conflict`);
    const refusedMs: number[][] = [];
    for (let k = 0; k < counts.bookRefused; k += 1) {
      const s = refusedBooking(k);
      refusedMs.push(interleaved(k, [() => bookRefused(s), () => rawConflicts(s)]));
    }
    progress(`scheduling: ${counts.findConflicts} findConflicts on random slots`);
    const findMs: number[][] = [];
    for (let k = 0; k < counts.findConflicts; k += 1) {
      const s = randomSlot();
      findMs.push(
        interleaved(k, [
          () => checkConflicts(s, true),
          () => overlapOnly(s),
          () => rawConflicts(s),
        ]),
      );
    }

    // ---- 2. day view ----------------------------------------------------------------------
    progress(`scheduling: ${counts.dayView} day views`);
    const dayMs: number[][] = [];
    for (let k = 0; k < counts.dayView; k += 1) {
      const date = randomVisitDay();
      dayMs.push(interleaved(k, dayView(date, dayRange(date, 1))));
    }

    // ---- 3. free slots for a week ---------------------------------------------------------
    progress(`scheduling: ${counts.freeSlots} free-slot searches (7 days, 20 minutes)`);
    const slotMs: number[][] = [];
    for (let k = 0; k < counts.freeSlots; k += 1) {
      const from = freeSlotsFrom();
      slotMs.push(interleaved(k, freeSlots(rng.int(doctorIds.length), from, dayRange(from, 7))));
    }

    // ---- the audit write alone, then accepted bookings (these add rows: last) -------------
    progress('scheduling: access-log commit alone, accepted bookings');
    const logMs: number[] = [];
    for (let k = 0; k < counts.accessLogCommit; k += 1) {
      const start = performance.now();
      services.accessLog.record(db, {
        actor: staff,
        action: 'view',
        resourceType: 'encounter',
        granted: true,
        detail: { view: 'day', date: plan.today, visits: 300 },
      });
      logMs.push(performance.now() - start);
    }
    const acceptedMs: number[] = [];
    let retried = 0;
    while (acceptedMs.length < counts.bookAccepted) {
      const doctor = rng.int(doctorIds.length);
      const date = dates[todayIndex + 1 + rng.int(dates.length - todayIndex - 1)]!;
      const free = services.calendar.freeSlots(staff, {
        doctorId: doctorIds[doctor]!,
        from: date,
        days: 1,
        durationMinutes: 15,
      });
      if (free.length === 0) continue;
      const slot = free[rng.int(free.length)]!;
      const s = sample(doctor, rng.int(patientIds.length), slot.date, slot.startMinute, 15);
      const start = performance.now();
      try {
        bookOnce(s);
      } catch (error) {
        // The random patient may have a visit with another doctor then: try another.
        if (error instanceof AppError && error.code === 'conflict') {
          retried += 1;
          continue;
        }
        throw error;
      }
      acceptedMs.push(performance.now() - start);
    }

    // ---- report ---------------------------------------------------------------------------
    const column = (rows: number[][], k: number) => rows.map((row) => row[k]!);
    const refused = compared(column(refusedMs, 0), column(refusedMs, 1));
    const found = compared(column(findMs, 0), column(findMs, 2));
    const overlap = compared(column(findMs, 1), column(findMs, 2));
    const day = compared(column(dayMs, 0), column(dayMs, 2));
    const loadOnly = summarize(column(dayMs, 1));
    const slots = compared(column(slotMs, 0), column(slotMs, 1));
    const mean = (values: readonly number[]) =>
      round(values.reduce((a, v) => a + v, 0) / Math.max(1, values.length), 1);
    const conflictTarget = target(refused.oursMs, SCHEDULING_TARGETS.conflictP95Ms);
    const dayTarget = target(day.oursMs, SCHEDULING_TARGETS.dayViewP95Ms);
    const slotsTarget = target(slots.oursMs, SCHEDULING_TARGETS.freeSlotsWeekP95Ms);
    return {
      description:
        `A clinic of ${plan.stats.doctors} doctors, ${plan.stats.patients} patients and ` +
        `${plan.stats.visits} visits over ${options.years} years (half before "now", half after), ` +
        'built through the real services and repositories with real keys on a ManualClock ' +
        `fixed at ${SCHEDULING_NOW} (${SCHEDULING_TIME_ZONE}). Every measure calls the public ` +
        'service as the receptionist (staff role) and is interleaved, sample by sample in ' +
        'rotating order, with the same work as plain better-sqlite3 queries on the same file ' +
        '(second read-only connection, same cache size, same indexes, no decryption, no log). ' +
        'Ratios are ours / raw. No ANALYZE is run (the app does not run it).',
      now: SCHEDULING_NOW,
      timeZone,
      dataset: {
        ...plan.stats,
        seed: options.seed,
        planMs: round(planMs, 1),
        doctorWeeks: [...new Set(plan.doctors.map((d) => d.template))],
        visitTypes: PLAN_VISIT_TYPES.map(({ code, minutes, share }) => ({ code, minutes, share })),
      },
      build: figures,
      conflict: {
        description:
          'bookRefused: services.visits.book(staff, …) for a time that overlaps a scheduled or ' +
          "confirmed visit in the future — half over the same doctor's visit (another patient, " +
          "same or +5 min), half over the same patient's visit with another doctor — refused " +
          'with a conflict: access check, validation, the write transaction (IMMEDIATE) with ' +
          'patient, doctor, visit type and time-zone reads, findConflicts, then rollback. Raw: ' +
          'the two overlap queries (doctor, patient). findConflicts: the check alone in db.read ' +
          'for random doctor/patient/date/minute (07:00–21:00, 15 min) anywhere in the calendar.',
        bookRefused: { ...refused, refusedFor, unexpectedlyAccepted },
        findConflicts: { ...found, outcomes },
        overlapQueries: overlap,
        usesIntendedIndex:
          queryPlans['conflictDoctor']!.usesIntendedIndex &&
          queryPlans['conflictPatient']!.usesIntendedIndex,
        target: conflictTarget,
      },
      dayView: {
        description:
          'services.calendar.day(staff, { date }) for dates drawn in proportion to their visits ' +
          `(all ${plan.stats.doctors} doctors' visits of the day): doctors and their hours for the day, the ` +
          "visits by encounters_time, opening each visit's sealed chief complaint and metadata " +
          "and each patient's sealed name, then the access-log entry and the commit. loadOnly: " +
          "listBetween + present in a read tx. Raw: the day's encounter rows joined to the " +
          "patients' (sealed) demographics, ordered by time.",
        ...day,
        loadOnlyMs: loadOnly,
        loadOnlyRatioP50: ratio(loadOnly.p50, day.rawMs.p50),
        visitsShown: {
          mean: mean(shown),
          min: Math.min(...shown),
          max: Math.max(...shown),
        },
        target: dayTarget,
      },
      freeSlots: {
        description:
          'services.calendar.freeSlots(staff, { doctorId, from, days: 7, durationMinutes: 20 }) ' +
          'for a random doctor and a random start from today to the end of the calendar. Raw: ' +
          'the busy-visits query of that doctor and week only (no hours, no slot walk).',
        ...slots,
        days: 7,
        durationMinutes: 20,
        meanSlotsFound: mean(slotsFound),
        meanBusyVisits: mean(busyFound),
        target: {
          ...slotsTarget,
          note: 'The issue gives "≤ 50 ms" without a percentile; p95 is held to it.',
        },
      },
      bookAccepted: {
        description:
          'services.visits.book(staff, …) into a free 15-minute slot (found by freeSlots, not ' +
          'timed) on a future day: the same checks, then insert, history entry, access-log ' +
          'entry and the commit (WAL, synchronous=FULL). Informational, no target.',
        oursMs: summarize(acceptedMs),
        retriedForPatientConflict: retried,
      },
      accessLogCommitMs: summarize(logMs),
      queryPlans,
      rawBaselinePlans: raw.plans(),
      target: { pass: conflictTarget.pass && dayTarget.pass && slotsTarget.pass },
    };
  } finally {
    raw.db.close();
    clinic.core.close();
  }
}

/** A planned visit that still holds its time and starts after "now". */
function futureActiveVisit(plan: SchedulingPlan, rng: Rng, todayIndex: number): number {
  const { visits } = plan;
  for (;;) {
    const i = rng.int(visits.count);
    if (!holdsTime(plan, i)) continue;
    const day = visits.day[i]!;
    if (day > todayIndex || (day === todayIndex && visits.minute[i]! > plan.nowMinute)) return i;
  }
}
