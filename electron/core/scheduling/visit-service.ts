import { addDays, formatMinute, toInstant, toLocal } from '../../shared/dates/clinic-time';
import type { FieldError } from '../../shared/errors';
import { sql } from 'kysely';
import type { Actor, Permission } from '../../shared/roles';
import {
  bookVisitSchema,
  cancelVisitSchema,
  moveVisitSchema,
  setPaidSchema,
  visitActionVerbs,
  visitStatusNames,
  walkInSchema,
  type BookVisitInput,
  type CancelResult,
  type CancelVisitInput,
  type MoveVisitInput,
  type OverrideReason,
  type SetPaidInput,
  type Visit,
  type VisitAction,
  type VisitStatus,
  type WalkInInput,
} from '../../shared/scheduling';
import { q, type WriteTx } from '../db/database';
import type { EncounterChanges, EncounterRecord } from '../encounters/encounter-repository';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import type { CalendarDeps } from './calendar-service';
import { findConflicts, MAX_DURATION_MINUTES } from './conflicts';
import { clinicTimeZone } from './visit-records';
import { requireLivePatient, type WaitlistService } from './waitlist-service';

/** A visit may be started from this long before its time (seed 000: start_visit). */
export const EARLY_START_MINUTES = 10;
/** A patient's cancellation closer than this to the visit is a late cancel. */
export const LATE_CANCEL_HOURS = 24;

interface VisitDeps extends CalendarDeps {
  readonly waitlist: WaitlistService;
}

interface Override {
  readonly reason: OverrideReason;
  readonly note: string | null;
}

/**
 * Visits that began before `startOfDay` and still wait for the patient or the doctor. Reads the
 * partial index of open visits by end time: a visit that began before the day started ended at
 * most MAX_DURATION_MINUTES into it.
 */
export function openVisitsStartedBefore(startOfDay: string) {
  const bound = new Date(
    new Date(startOfDay).getTime() + MAX_DURATION_MINUTES * 60_000,
  ).toISOString();
  return (
    q
      .selectFrom('encounters')
      .select(['id', 'status'])
      // Spelled as in the index's WHERE clause: SQLite matches a partial index by the text of the
      // condition, and a bound parameter would not match.
      .where(sql<boolean>`status IN ('scheduled', 'confirmed', 'arrived')`)
      .where('ends_at', '<', bound)
      .where('scheduled_at', '<', startOfDay)
  );
}

function transitionError(status: string, action: VisitAction): AppError {
  const names = visitStatusNames[status as VisitStatus] ?? { fa: status, en: status };
  const verb = visitActionVerbs[action];
  return new AppError('conflict', 'visit.transition', {
    params: { statusFa: names.fa, statusEn: names.en, actionFa: verb.fa, actionEn: verb.en },
    detail: `${action} from ${status}`,
  });
}

function conflictError(fields: readonly FieldError[]): AppError {
  return new AppError('conflict', 'scheduling.conflict', {
    fields,
    detail: fields.map((field) => field.messageKey).join(','),
  });
}

/**
 * Booking and the life of a visit: scheduled → confirmed → arrived → in progress → completed, or
 * cancelled (by the patient or the clinic) or no-show. Conflicts with the doctor's hours, the
 * doctor's other visits and the patient's other visits refuse a booking unless someone allowed
 * to override gives a reason. Every change is a row in the visit's history and an access-log
 * entry, in the transaction that makes it.
 */
export class VisitService {
  private readonly deps: VisitDeps;

  constructor(deps: VisitDeps) {
    this.deps = deps;
  }

  /** Books one visit, or a series at the same time every `repeat.intervalDays` days. */
  book(actor: Actor, input: BookVisitInput): Visit[] {
    const { access, db, clock, schedule, records, encounters, waitlist } = this.deps;
    access.require(actor, 'encounter.manage', {
      action: 'create',
      resourceType: 'encounter',
      patientId: input.patientId,
    });
    const data = parseInput(bookVisitSchema, input);
    this.requireOverride(actor, data.override, data.patientId);
    return db.write((tx) => {
      requireLivePatient(tx, data.patientId);
      const doctor = schedule.requireDoctor(tx, data.doctorId);
      const type = schedule.requireVisitType(tx, data.type);
      const duration = data.durationMinutes ?? type.defaultDurationMinutes;
      const timeZone = clinicTimeZone(tx);
      const count = data.repeat?.visits ?? 1;
      const dates = Array.from({ length: count }, (_, index) =>
        addDays(data.date, index * (data.repeat?.intervalDays ?? 7)),
      );
      this.assertBookable(data.date, data.time, duration, timeZone);

      const found: FieldError[] = [];
      dates.forEach((date, index) => {
        const conflicts = findConflicts(tx, schedule, {
          doctorId: doctor.id,
          doctorName: doctor.name,
          patientId: data.patientId,
          date,
          startMinute: data.time,
          durationMinutes: duration,
          timeZone,
        });
        if (conflicts.length === 0) return;
        if (count > 1) {
          found.push({
            field: 'series',
            messageKey: 'scheduling.conflict.series',
            params: { index: index + 1, date },
          });
        }
        found.push(...conflicts);
      });
      if (found.length > 0 && !data.override) throw conflictError(found);

      const now = clock.now();
      const at = now.toISOString();
      let seriesId: string | null = null;
      if (count > 1) {
        seriesId = uuidv7(now.getTime());
        tx.run(
          q.insertInto('encounter_series').values({
            id: seriesId,
            patient_id: data.patientId,
            doctor_id: doctor.id,
            type: type.code,
            visits: count,
            interval_days: data.repeat?.intervalDays ?? 7,
            created_at: at,
            created_by: actor.userId,
          }),
        );
      }
      const booked: EncounterRecord[] = dates.map((date) => {
        const id = uuidv7(now.getTime());
        encounters.insert(tx, {
          id,
          patientId: data.patientId,
          doctorId: doctor.id,
          type: type.code,
          chiefComplaint: data.chiefComplaint ?? '',
          scheduledAt: toInstant(date, data.time, timeZone),
          durationMinutes: duration,
          feeAmount: data.feeAmount ?? type.defaultFee,
          seriesId,
          createdAt: at,
          createdBy: actor.userId,
          updatedAt: at,
          updatedBy: actor.userId,
        });
        const overridden = found.length > 0 ? data.override : undefined;
        this.record(tx, actor, {
          id,
          patientId: data.patientId,
          action: 'book',
          from: null,
          to: 'scheduled',
          override: overridden,
          detail: seriesId ? { series: seriesId } : null,
        });
        return records.require(tx, id);
      });
      if (found.length > 0 && data.override) {
        this.logOverride(tx, actor, booked[0]!, data.override, found, 'book');
      }
      if (data.waitlistId) waitlist.markBooked(tx, data.waitlistId, data.patientId);
      return records.present(tx, booked, timeZone);
    });
  }

  /** Moves a visit that has not begun to another time (and doctor); the same rules apply. */
  move(actor: Actor, input: MoveVisitInput): Visit {
    const { access, db, clock, schedule, records, encounters } = this.deps;
    access.require(actor, 'encounter.manage', {
      action: 'update',
      resourceType: 'encounter',
      resourceId: input.id,
    });
    const data = parseInput(moveVisitSchema, input);
    this.requireOverride(actor, data.override, null);
    return db.write((tx) => {
      const visit = records.require(tx, data.id);
      if (visit.status !== 'scheduled' && visit.status !== 'confirmed') {
        throw transitionError(visit.status, 'move');
      }
      const doctor = schedule.requireDoctor(tx, data.doctorId ?? visit.doctorId);
      const timeZone = clinicTimeZone(tx);
      this.assertBookable(data.date, data.time, visit.durationMinutes, timeZone);
      const found = findConflicts(tx, schedule, {
        doctorId: doctor.id,
        doctorName: doctor.name,
        patientId: visit.patientId,
        date: data.date,
        startMinute: data.time,
        durationMinutes: visit.durationMinutes,
        excludeId: visit.id,
        timeZone,
      });
      if (found.length > 0 && !data.override) throw conflictError(found);
      const scheduledAt = toInstant(data.date, data.time, timeZone);
      const at = clock.now().toISOString();
      encounters.update(tx, visit.id, {
        scheduled_at: scheduledAt,
        doctor_id: doctor.id,
        updated_at: at,
        updated_by: actor.userId,
      });
      const overridden = found.length > 0 ? data.override : undefined;
      this.record(tx, actor, {
        id: visit.id,
        patientId: visit.patientId,
        action: 'move',
        from: visit.status,
        to: visit.status,
        override: overridden,
        detail: {
          from: visit.scheduledAt,
          to: scheduledAt,
          doctorChanged: doctor.id !== visit.doctorId,
        },
      });
      if (overridden) this.logOverride(tx, actor, visit, overridden, found, 'move');
      return records.presentOne(tx, records.require(tx, visit.id));
    });
  }

  confirm(actor: Actor, id: string): Visit {
    return this.step(actor, id, 'confirm', {
      permission: 'encounter.manage',
      from: ['scheduled'],
      to: 'confirmed',
      apply: (_visit, at) => ({ confirmed_at: at }),
    });
  }

  /** The patient is at the front desk: they join the doctor's queue. */
  checkIn(actor: Actor, id: string): Visit {
    return this.step(actor, id, 'check_in', {
      permission: 'encounter.manage',
      from: ['scheduled', 'confirmed'],
      to: 'arrived',
      apply: (visit, at, timeZone) => {
        if (toLocal(visit.scheduledAt, timeZone).date !== toLocal(at, timeZone).date) {
          throw new AppError('conflict', 'visit.notToday');
        }
        return { arrived_at: at };
      },
    });
  }

  /** The doctor starts the visit: from 10 minutes before its time. */
  start(actor: Actor, id: string): Visit {
    return this.step(actor, id, 'start', {
      permission: 'encounter.start',
      from: ['confirmed', 'arrived'],
      to: 'in_progress',
      ownVisitOnly: true,
      apply: (visit, at, timeZone) => {
        const earliest = new Date(visit.scheduledAt).getTime() - EARLY_START_MINUTES * 60_000;
        if (new Date(at).getTime() < earliest) {
          throw new AppError('conflict', 'visit.tooEarly', {
            params: { from: formatMinute(toLocal(new Date(earliest), timeZone).minute) },
          });
        }
        return { started_at: at };
      },
    });
  }

  complete(actor: Actor, id: string): Visit {
    return this.step(actor, id, 'complete', {
      permission: 'encounter.start',
      from: ['in_progress'],
      to: 'completed',
      ownVisitOnly: true,
      apply: (_visit, at) => ({ ended_at: at }),
    });
  }

  /**
   * Cancels a visit that has not begun. A patient's cancellation inside 24 hours of the visit is
   * marked late. A freed future slot is offered to the waitlist.
   */
  cancel(actor: Actor, input: CancelVisitInput): CancelResult {
    const data = parseInput(cancelVisitSchema, input);
    let offeredTo: CancelResult['offeredTo'] = null;
    const visit = this.step(actor, data.id, 'cancel', {
      permission: 'encounter.manage',
      from: ['scheduled', 'confirmed', 'arrived'],
      to: 'cancelled',
      note: data.note,
      apply: (record, at) => {
        const untilVisit = new Date(record.scheduledAt).getTime() - new Date(at).getTime();
        const late = data.party === 'patient' && untilVisit < LATE_CANCEL_HOURS * 3_600_000;
        return {
          cancelled_at: at,
          cancel_party: data.party,
          late_cancel: late ? 1 : 0,
        };
      },
      after: (tx, record, at, timeZone) => {
        if (record.scheduledAt <= at) return { party: data.party, offered: false };
        const local = toLocal(record.scheduledAt, timeZone);
        offeredTo = this.deps.waitlist.offerFreedSlot(tx, actor, {
          doctorId: record.doctorId,
          date: local.date,
          startMinute: local.minute,
        });
        return { party: data.party, offered: offeredTo !== null };
      },
    });
    return { visit, offeredTo };
  }

  setPaid(actor: Actor, input: SetPaidInput): Visit {
    const data = parseInput(setPaidSchema, input);
    return this.step(actor, data.id, data.paid ? 'paid' : 'unpaid', {
      permission: 'encounter.manage',
      from: null,
      to: null,
      apply: () => ({ is_paid: data.paid ? 1 : 0 }),
    });
  }

  /** A patient without a booking joins today's queue now; walk-ins skip the conflict rules. */
  walkIn(actor: Actor, input: WalkInInput): Visit {
    const { access, db, clock, schedule, records, encounters } = this.deps;
    access.require(actor, 'encounter.manage', {
      action: 'create',
      resourceType: 'encounter',
      patientId: input.patientId,
    });
    const data = parseInput(walkInSchema, input);
    return db.write((tx) => {
      requireLivePatient(tx, data.patientId);
      const doctor = schedule.requireDoctor(tx, data.doctorId);
      const type = schedule.requireVisitType(tx, data.type);
      const now = clock.now();
      const at = now.toISOString();
      const id = uuidv7(now.getTime());
      encounters.insert(tx, {
        id,
        patientId: data.patientId,
        doctorId: doctor.id,
        type: type.code,
        status: 'arrived',
        chiefComplaint: data.chiefComplaint ?? '',
        scheduledAt: new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString(),
        durationMinutes: type.defaultDurationMinutes,
        feeAmount: type.defaultFee,
        isWalkIn: true,
        arrivedAt: at,
        createdAt: at,
        createdBy: actor.userId,
        updatedAt: at,
        updatedBy: actor.userId,
      });
      this.record(tx, actor, {
        id,
        patientId: data.patientId,
        action: 'walk_in',
        from: null,
        to: 'arrived',
      });
      return records.presentOne(tx, records.require(tx, id));
    });
  }

  /**
   * Marks visits of days that have ended, never started, as no-shows. The host runs this when
   * the clinic opens and every few minutes; it is a system change (no user).
   */
  sweepNoShows(): number {
    const { db, clock, log, records, encounters } = this.deps;
    return db.write((tx) => {
      const timeZone = clinicTimeZone(tx);
      const now = clock.now();
      const startOfToday = toInstant(toLocal(now, timeZone).date, 0, timeZone);
      const open = tx.all(openVisitsStartedBefore(startOfToday));
      if (open.length === 0) return 0;
      const at = now.toISOString();
      for (const visit of open) {
        encounters.update(tx, visit.id, { status: 'no_show', updated_at: at });
        records.addEvent(tx, {
          encounterId: visit.id,
          actor: null,
          at,
          action: 'no_show',
          from: visit.status as VisitStatus,
          to: 'no_show',
        });
      }
      log.append(tx, {
        actor: null,
        action: 'update',
        resourceType: 'encounter',
        granted: true,
        detail: { noShows: open.length, before: startOfToday },
      });
      return open.length;
    });
  }

  /** A state change: checks, the change, its history entry and its access-log entry together. */
  private step(
    actor: Actor,
    id: string,
    action: VisitAction,
    rule: {
      permission: Permission;
      /** States the change may start from; null: any state. */
      from: readonly VisitStatus[] | null;
      /** The new state; null: the state stays. */
      to: VisitStatus | null;
      ownVisitOnly?: boolean;
      note?: string | null;
      apply: (visit: EncounterRecord, at: string, timeZone: string) => EncounterChanges;
      after?: (
        tx: WriteTx,
        visit: EncounterRecord,
        at: string,
        timeZone: string,
      ) => Record<string, string | number | boolean>;
    },
  ): Visit {
    const { access, db, clock, records, encounters, log } = this.deps;
    const target = { action: 'update', resourceType: 'encounter', resourceId: id } as const;
    access.require(actor, rule.permission, target);
    if (rule.ownVisitOnly && actor.role === 'doctor') {
      const visit = db.read((tx) => records.require(tx, id));
      if (visit.doctorId !== actor.userId) {
        log.record(db, {
          actor,
          ...target,
          patientId: visit.patientId,
          granted: false,
          reason: `${action} of another doctor's visit`,
        });
        throw new AppError('permission_denied', 'visit.notYours');
      }
    }
    return db.write((tx) => {
      const visit = records.require(tx, id);
      const status = visit.status as VisitStatus;
      if (rule.from && !rule.from.includes(status)) throw transitionError(status, action);
      const timeZone = clinicTimeZone(tx);
      const at = clock.now().toISOString();
      const changes = rule.apply(visit, at, timeZone);
      encounters.update(tx, id, {
        ...changes,
        ...(rule.to ? { status: rule.to } : {}),
        updated_at: at,
        updated_by: actor.userId,
      });
      const detail = rule.after?.(tx, visit, at, timeZone) ?? null;
      this.record(tx, actor, {
        id,
        patientId: visit.patientId,
        action,
        from: status,
        to: rule.to ?? status,
        detail,
        note: rule.note ?? null,
      });
      return records.presentOne(tx, records.require(tx, id));
    });
  }

  /** The visit's history entry and the access-log entry of one change. */
  private record(
    tx: WriteTx,
    actor: Actor,
    change: {
      id: string;
      patientId: string;
      action: VisitAction;
      from: VisitStatus | null;
      to: VisitStatus | null;
      override?: Override | undefined;
      detail?: Record<string, string | number | boolean> | null;
      note?: string | null;
    },
  ): void {
    const at = this.deps.clock.now().toISOString();
    const detail = {
      ...change.detail,
      ...(change.override ? { override: change.override.reason } : {}),
    };
    this.deps.records.addEvent(tx, {
      encounterId: change.id,
      actor,
      at,
      action: change.action,
      from: change.from,
      to: change.to,
      detail: Object.keys(detail).length > 0 ? detail : null,
      note: change.note ?? change.override?.note ?? null,
    });
    this.deps.log.append(tx, {
      actor,
      action: change.from === null ? 'create' : 'update',
      resourceType: 'encounter',
      resourceId: change.id,
      patientId: change.patientId,
      granted: true,
      detail: { visit: change.action, ...(change.to ? { status: change.to } : {}) },
    });
  }

  private requireOverride(actor: Actor, override: Override | undefined, patientId: string | null) {
    if (!override) return;
    this.deps.access.require(actor, 'encounter.override', {
      action: 'override',
      resourceType: 'encounter',
      patientId,
    });
  }

  /** An override goes to the access log with its reason code and what it overrode. */
  private logOverride(
    tx: WriteTx,
    actor: Actor,
    visit: EncounterRecord,
    override: Override,
    conflicts: readonly FieldError[],
    action: 'book' | 'move',
  ): void {
    this.deps.log.append(tx, {
      actor,
      action: 'override',
      resourceType: 'encounter',
      resourceId: visit.id,
      patientId: visit.patientId,
      granted: true,
      reason: override.reason,
      detail: {
        visit: action,
        conflicts: [
          ...new Set(conflicts.map((c) => c.messageKey.replace('scheduling.conflict.', ''))),
        ]
          .filter((kind) => kind !== 'series')
          .join(','),
      },
    });
  }

  /** A booking must start in the future and end on the day it starts. */
  private assertBookable(date: string, minute: number, duration: number, timeZone: string): void {
    if (minute + duration > 24 * 60) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: 'time', messageKey: 'scheduling.acrossMidnight' }],
      });
    }
    if (toInstant(date, minute, timeZone) < this.deps.clock.now().toISOString()) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: 'time', messageKey: 'scheduling.past' }],
      });
    }
  }
}
