import { BlindIndexer } from '../electron/core/crypto/blind-index';
import { ManualClock } from '../electron/core/clock';
import type { WriteTx } from '../electron/core/db/database';
import type { NewEncounter } from '../electron/core/encounters/encounter-repository';
import { uuidv7 } from '../electron/core/ids';
import { PatientRepository } from '../electron/core/patients/patient-repository';
import { clinicTimeZone, VisitRecords } from '../electron/core/scheduling/visit-records';
import { addUser, setUpTestClinic, type TestClinic } from '../electron/core/testing/fixtures';
import { toInstant } from '../electron/shared/dates/clinic-time';
import type { Actor } from '../electron/shared/roles';
import type { VisitAction, VisitStatus } from '../electron/shared/scheduling';
import { generateDataset, Rng } from './dataset';
import {
  CHIEF_COMPLAINTS,
  planStatus,
  PLAN_VISIT_TYPES,
  type SchedulingPlan,
} from './scheduling-dataset';
import { round, summarize, type Summary } from './stats';
import {
  databaseSize,
  progress,
  rowsPerSecond,
  timed,
  timedAsync,
  type DatabaseSize,
} from './util';

/** Visits written per write transaction during the bulk build. */
export const VISIT_BATCH = 5000;
const PATIENT_CHUNK = 10_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface SchedulingClinic {
  readonly clinic: TestClinic;
  readonly clock: ManualClock;
  readonly timeZone: string;
  /** The receptionist who books and looks at the calendar in the benchmark. */
  readonly staff: Actor;
  readonly doctorIds: readonly string[];
  readonly patientIds: readonly string[];
  readonly records: VisitRecords;
}

export interface SchedulingBuildFigures {
  readonly totalMs: number;
  readonly setupMs: number;
  /** 20 doctors through accounts.createUser (password hashing), plus the receptionist. */
  readonly usersMs: number;
  /** setWeekly for every doctor, visit-type fees, addException for holidays and leave. */
  readonly hoursAndExceptionsMs: number;
  readonly patientImportMs: number;
  readonly patientsPerSecond: number;
  readonly visitInsertMs: number;
  readonly visitsPerSecond: number;
  readonly visitBatch: number;
  readonly visitBatchMs: Summary;
  readonly rows: Record<string, number>;
  readonly size: DatabaseSize;
}

/** 'YYYY-MM-DD' + minute → epoch ms, through the clinic's zone (one Intl round trip a day). */
function dayInstants(plan: SchedulingPlan, timeZone: string): Float64Array {
  const starts = new Float64Array(plan.dates.length);
  plan.dates.forEach((date, i) => {
    starts[i] = new Date(toInstant(date, 0, timeZone)).getTime();
  });
  return starts;
}

function instantOf(
  plan: SchedulingPlan,
  timeZone: string,
  dayStarts: Float64Array,
  day: number,
  minute: number,
): number {
  const linear = dayStarts[day]! + minute * MINUTE;
  // A day with a clock change (historic daylight saving) is not 24 hours long: ask Intl.
  const next = dayStarts[day + 1];
  if (next !== undefined && next - dayStarts[day]! !== DAY) {
    return new Date(toInstant(plan.dates[day]!, minute, timeZone)).getTime();
  }
  return linear;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Builds the clinic the scheduling benchmark measures, all through real code with real keys:
 * a test clinic on a ManualClock fixed at the plan's `now`; the doctors through
 * accounts.createUser; their weeks through schedule.setWeekly; holidays and leave through
 * schedule.addException; the patients through patients.importMany; then every visit in bulk,
 * VISIT_BATCH per db.write transaction, through the same three calls visits.book makes per
 * visit: EncounterRepository.insert (sealed chief complaint, metadata and per-visit key,
 * ends_at), VisitRecords.addEvent ('book'), AccessLog.append (hash-chained 'create' entry).
 * Visits in a final state also get the history entry of that last change (confirm, complete,
 * cancel, no-show) with its timestamps on the row; the intermediate steps of a past visit
 * (check-in, start) are on the row, not replayed as history entries.
 */
export async function buildSchedulingClinic(
  dir: string,
  plan: SchedulingPlan,
): Promise<{ built: SchedulingClinic; figures: SchedulingBuildFigures }> {
  const started = performance.now();
  const { options } = plan;
  const clock = new ManualClock(options.now);

  const { value: clinic, ms: setupMs } = await timedAsync(() => setUpTestClinic(dir, { clock }));
  const { services, adminActor: admin } = clinic;
  const db = clinic.core.db;
  const timeZone = db.read((tx) => clinicTimeZone(tx));
  if (timeZone !== options.timeZone) {
    throw new Error(`clinic time zone ${timeZone}, plan made for ${options.timeZone}`);
  }

  const { value: team, ms: usersMs } = await timedAsync(async () => {
    // Password hashing runs off the main thread: the accounts are created side by side.
    const users = await Promise.all(
      plan.doctors.map((doctor) =>
        services.accounts.createUser(admin, {
          username: doctor.username,
          displayName: doctor.displayName,
          specialty: doctor.specialty,
          role: 'doctor',
          password: `Gozarvazheh-${doctor.username}-1405`,
        }),
      ),
    );
    const doctorIds = users.map((user) => user.id);
    const staff = await addUser(clinic, {
      username: 'monshi',
      displayName: 'منشی پذیرش',
      role: 'staff',
    });
    return { doctorIds, staff: staff.actor };
  });
  progress(`scheduling build: ${plan.doctors.length} doctors and a receptionist`);

  const { ms: hoursAndExceptionsMs } = timed(() => {
    for (const type of PLAN_VISIT_TYPES) {
      services.schedule.updateVisitType(admin, {
        code: type.code,
        defaultDurationMinutes: type.minutes,
        defaultFee: type.fee,
      });
    }
    plan.doctors.forEach((doctor, i) => {
      services.schedule.setWeekly(admin, {
        doctorId: team.doctorIds[i]!,
        periods: [...doctor.weekly],
      });
    });
    for (const e of plan.exceptions) {
      services.schedule.addException(admin, {
        doctorId: e.doctor === null ? null : team.doctorIds[e.doctor]!,
        date: e.date,
        kind: 'closed',
        note: e.note,
      });
    }
  });
  progress(
    `scheduling build: weekly hours and ${plan.exceptions.length} holidays/leave days in ${Math.round(hoursAndExceptionsMs)} ms`,
  );

  const dataset = generateDataset(options.patients, options.seed + 1);
  const patientIds: string[] = [];
  const { ms: patientImportMs } = timed(() => {
    for (let start = 0; start < dataset.patients.length; start += PATIENT_CHUNK) {
      const inputs = dataset.patients.slice(start, start + PATIENT_CHUNK).map((p) => p.input);
      for (const patient of services.patients.importMany(admin, inputs)) {
        patientIds.push(patient.id);
      }
    }
  });
  progress(
    `scheduling build: ${patientIds.length} patients through patients.importMany in ${(patientImportMs / 1000).toFixed(1)} s`,
  );

  const records = new VisitRecords({
    encounters: services.encounters,
    patients: new PatientRepository(services.cipher, new BlindIndexer(services.ring)),
    cipher: services.cipher,
  });
  const staff = team.staff;
  const doctorActors = team.doctorIds.map((userId, i) => ({
    userId,
    username: plan.doctors[i]!.username,
    role: 'doctor' as const,
  }));
  const dayStarts = dayInstants(plan, timeZone);
  const nowMs = options.now.getTime();
  const rng = new Rng(options.seed + 2);
  const { visits } = plan;
  const batchMs: number[] = [];

  const writeVisit = (tx: WriteTx, i: number) => {
    const type = PLAN_VISIT_TYPES[visits.type[i]!]!;
    const status = planStatus(plan, i);
    const startMs = instantOf(plan, timeZone, dayStarts, visits.day[i]!, visits.minute[i]!);
    const endMs = startMs + type.minutes * MINUTE;
    // Booked 1–45 days ahead (never after "now"); walk-ins come in on the day.
    const walkIn = status === 'completed' && rng.chance(0.03);
    const createdMs = walkIn
      ? startMs - rng.between(5, 40) * MINUTE
      : Math.min(nowMs - rng.between(1, 600) * MINUTE, startMs - rng.between(1, 45) * DAY);
    const id = uuidv7(createdMs);
    const doctorId = team.doctorIds[visits.doctor[i]!]!;
    const patientId = patientIds[visits.patient[i]!]!;
    const encounter: {
      -readonly [K in keyof NewEncounter]: NewEncounter[K];
    } = {
      id,
      patientId,
      doctorId,
      type: type.code,
      status,
      chiefComplaint: rng.chance(0.8) ? rng.pick(CHIEF_COMPLAINTS) : '',
      scheduledAt: iso(startMs),
      durationMinutes: type.minutes,
      feeAmount: type.fee,
      isWalkIn: walkIn,
      createdAt: iso(createdMs),
      createdBy: staff.userId,
      updatedAt: iso(createdMs),
      updatedBy: staff.userId,
    };
    let last: {
      action: VisitAction;
      from: VisitStatus;
      actor: Pick<Actor, 'userId'> | null;
      at: number;
      detail?: Record<string, string | boolean>;
    } | null = null;
    if (status === 'confirmed' || status === 'completed') {
      const confirmedMs = Math.max(createdMs, startMs - rng.between(2, 48) * 60 * MINUTE);
      if (!walkIn) encounter.confirmedAt = iso(Math.min(confirmedMs, nowMs));
      if (status === 'confirmed') {
        last = {
          action: 'confirm',
          from: 'scheduled',
          actor: staff,
          at: Math.min(confirmedMs, nowMs),
        };
      }
    }
    if (status === 'completed') {
      const arrivedMs = startMs - rng.between(0, 20) * MINUTE;
      const beganMs = Math.max(arrivedMs, startMs + rng.between(-5, 15) * MINUTE);
      const endedMs = beganMs + rng.between(type.minutes - 5, type.minutes + 5) * MINUTE;
      encounter.arrivedAt = iso(walkIn ? createdMs : arrivedMs);
      encounter.startedAt = iso(beganMs);
      encounter.endedAt = iso(endedMs);
      encounter.isPaid = rng.chance(0.92);
      encounter.updatedAt = iso(endedMs);
      encounter.updatedBy = doctorId;
      last = {
        action: 'complete',
        from: 'in_progress',
        actor: doctorActors[visits.doctor[i]!]!,
        at: endedMs,
      };
    } else if (status === 'cancelled') {
      const patientSide = rng.chance(0.7);
      const cancelledMs = Math.min(
        nowMs,
        createdMs + rng.next() * Math.max(MINUTE, startMs - createdMs),
      );
      encounter.cancelledAt = iso(cancelledMs);
      encounter.cancelParty = patientSide ? 'patient' : 'clinic';
      encounter.lateCancel = patientSide && startMs - cancelledMs < 24 * 60 * MINUTE;
      encounter.updatedAt = iso(cancelledMs);
      last = {
        action: 'cancel',
        from: 'scheduled',
        actor: staff,
        at: cancelledMs,
        detail: { party: encounter.cancelParty, offered: false },
      };
    } else if (status === 'no_show') {
      const sweptMs = dayStarts[visits.day[i]! + 1] ?? endMs;
      encounter.updatedAt = iso(sweptMs);
      last = { action: 'no_show', from: 'scheduled', actor: null, at: sweptMs };
    }

    services.encounters.insert(tx, encounter);
    records.addEvent(tx, {
      encounterId: id,
      actor: staff,
      at: iso(createdMs),
      action: walkIn ? 'walk_in' : 'book',
      from: null,
      to: walkIn ? 'arrived' : 'scheduled',
    });
    services.accessLog.append(tx, {
      actor: staff,
      action: 'create',
      resourceType: 'encounter',
      resourceId: id,
      patientId,
      granted: true,
      detail: { visit: walkIn ? 'walk_in' : 'book', status: walkIn ? 'arrived' : 'scheduled' },
    });
    if (last) {
      records.addEvent(tx, {
        encounterId: id,
        actor: last.actor,
        at: iso(last.at),
        action: last.action,
        from: last.from,
        to: status,
        detail: last.detail ?? null,
      });
    }
  };

  const { ms: visitInsertMs } = timed(() => {
    for (let start = 0; start < visits.count; start += VISIT_BATCH) {
      const end = Math.min(visits.count, start + VISIT_BATCH);
      const { ms } = timed(() =>
        db.write((tx) => {
          for (let i = start; i < end; i += 1) writeVisit(tx, i);
        }),
      );
      batchMs.push(ms);
      if ((batchMs.length % 10 === 0 && end < visits.count) || end === visits.count) {
        progress(`scheduling build: ${end}/${visits.count} visits`);
      }
    }
  });

  const count = (table: string) =>
    (db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const rows = Object.fromEntries(
    [
      'encounters',
      'encounter_events',
      'access_log',
      'patients',
      'users',
      'schedule_periods',
      'schedule_exceptions',
    ].map((table) => [table, count(table)]),
  );
  if (rows['encounters'] !== visits.count) {
    throw new Error(`wrote ${rows['encounters']} of ${visits.count} visits`);
  }
  // What a clinic's database looks like after a while: planner statistics the app does not
  // gather itself are NOT gathered here either (no ANALYZE), so the plans are the app's.
  const size = databaseSize(db);
  return {
    built: {
      clinic,
      clock,
      timeZone,
      staff,
      doctorIds: team.doctorIds,
      patientIds,
      records,
    },
    figures: {
      totalMs: round(performance.now() - started, 1),
      setupMs: round(setupMs, 1),
      usersMs: round(usersMs, 1),
      hoursAndExceptionsMs: round(hoursAndExceptionsMs, 1),
      patientImportMs: round(patientImportMs, 1),
      patientsPerSecond: rowsPerSecond(patientIds.length, patientImportMs),
      visitInsertMs: round(visitInsertMs, 1),
      visitsPerSecond: rowsPerSecond(visits.count, visitInsertMs),
      visitBatch: VISIT_BATCH,
      visitBatchMs: summarize(batchMs),
      rows,
      size,
    },
  };
}
