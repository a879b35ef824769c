import { formatMinute, toInstant, toLocal } from '../../shared/dates/clinic-time';
import type { FieldError } from '../../shared/errors';
import { activeVisitStatuses } from '../../shared/scheduling';
import { q, type ReadTx } from '../db/database';
import { covers } from './availability';
import type { ScheduleService } from './schedule-service';
import { userNames } from './visit-records';

/** The longest visit a booking allows; bounds how far back an overlapping visit can start. */
export const MAX_DURATION_MINUTES = 480;

export interface ProposedVisit {
  readonly doctorId: string;
  readonly doctorName: string;
  readonly patientId: string;
  /** Clinic-local calendar date and start minute. */
  readonly date: string;
  readonly startMinute: number;
  readonly durationMinutes: number;
  /** The visit being moved: it does not conflict with itself. */
  readonly excludeId?: string | null;
  readonly timeZone: string;
}

/** One instant range in UTC ISO form, as stored. */
export function instantRange(
  date: string,
  startMinute: number,
  durationMinutes: number,
  timeZone: string,
): { start: string; end: string } {
  const start = toInstant(date, startMinute, timeZone);
  const end = new Date(new Date(start).getTime() + durationMinutes * 60_000).toISOString();
  return { start, end };
}

/**
 * An active visit of one doctor or one patient overlapping [start, end). Ranges that only touch
 * do not overlap. The index on (doctor_id | patient_id, scheduled_at) bounds the scan to visits
 * starting in the MAX_DURATION_MINUTES before `end`; `ends_at` then decides.
 */
export function overlappingVisit(
  tx: ReadTx,
  by: 'doctor_id' | 'patient_id',
  ownerId: string,
  range: { start: string; end: string },
  excludeId: string | null = null,
) {
  const earliest = new Date(
    new Date(range.start).getTime() - MAX_DURATION_MINUTES * 60_000,
  ).toISOString();
  let query = q
    .selectFrom('encounters')
    .select(['id', 'doctor_id', 'scheduled_at', 'ends_at'])
    .where(by, '=', ownerId)
    .where('scheduled_at', '>', earliest)
    .where('scheduled_at', '<', range.end)
    .where('ends_at', '>', range.start)
    .where('status', 'in', activeVisitStatuses);
  if (excludeId !== null) query = query.where('id', '!=', excludeId);
  return tx.first(query.orderBy('scheduled_at').limit(1));
}

/**
 * Everything wrong with booking a visit at a time, as field errors a form can show: the doctor's
 * day is closed, the time is outside the doctor's hours (breaks included), the doctor or the
 * patient already has a visit then. Empty when the time is free.
 */
export function findConflicts(
  tx: ReadTx,
  schedule: ScheduleService,
  visit: ProposedVisit,
): FieldError[] {
  const conflicts: FieldError[] = [];
  const endMinute = visit.startMinute + visit.durationMinutes;
  const [day] = schedule.availability(tx, visit.doctorId, [visit.date]);
  if (day?.closed) {
    conflicts.push(
      day.note
        ? {
            field: 'date',
            messageKey: 'scheduling.conflict.closedBecause',
            params: { doctor: visit.doctorName, note: day.note },
          }
        : {
            field: 'date',
            messageKey: 'scheduling.conflict.closed',
            params: { doctor: visit.doctorName },
          },
    );
  } else if (!day || !covers(day.periods, visit.startMinute, endMinute)) {
    conflicts.push({
      field: 'time',
      messageKey: 'scheduling.conflict.outsideHours',
      params: { doctor: visit.doctorName },
    });
  }

  const range = instantRange(visit.date, visit.startMinute, visit.durationMinutes, visit.timeZone);
  const excludeId = visit.excludeId ?? null;
  const timeOf = (instant: string) => formatMinute(toLocal(instant, visit.timeZone).minute);
  const doctorBusy = overlappingVisit(tx, 'doctor_id', visit.doctorId, range, excludeId);
  if (doctorBusy) {
    conflicts.push({
      field: 'doctor',
      messageKey: 'scheduling.conflict.doctor',
      params: {
        doctor: visit.doctorName,
        from: timeOf(doctorBusy.scheduled_at),
        to: timeOf(doctorBusy.ends_at),
      },
    });
  }
  const patientBusy = overlappingVisit(tx, 'patient_id', visit.patientId, range, excludeId);
  if (patientBusy) {
    conflicts.push({
      field: 'patient',
      messageKey: 'scheduling.conflict.patient',
      params: {
        doctor: userNames(tx).get(patientBusy.doctor_id) ?? '',
        from: timeOf(patientBusy.scheduled_at),
        to: timeOf(patientBusy.ends_at),
      },
    });
  }
  return conflicts;
}
