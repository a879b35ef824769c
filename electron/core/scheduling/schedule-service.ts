import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../shared/roles';
import {
  scheduleExceptionInputSchema,
  visitTypeUpdateSchema,
  weeklyScheduleSchema,
  workPeriodSchema,
  type DayAvailability,
  type DoctorSummary,
  type ScheduleException,
  type ScheduleExceptionInput,
  type SchedulePeriod,
  type VisitType,
  type VisitTypeUpdate,
  type WeeklySchedule,
} from '../../shared/scheduling';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { q, type ClinicDatabase, type ReadTx } from '../db/database';
import type { EncounterTypesTable, ScheduleExceptionsTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import { dayAvailability } from './availability';

export type { DoctorSummary };

interface ScheduleDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
}

function toVisitType(row: Selectable<EncounterTypesTable>): VisitType {
  return {
    code: row.code,
    nameFa: row.name_fa,
    nameEn: row.name_en,
    color: row.color,
    defaultDurationMinutes: row.default_duration_minutes,
    defaultFee: row.default_fee,
    isActive: row.is_active === 1,
    sortOrder: row.sort_order,
  };
}

const storedPeriods = z.array(workPeriodSchema);

function toException(row: Selectable<ScheduleExceptionsTable>): ScheduleException {
  return {
    id: row.id,
    doctorId: row.doctor_id,
    date: row.date,
    kind: row.kind,
    periods: storedPeriods.parse(JSON.parse(row.periods)),
    note: row.note,
  };
}

/** Doctors' weekly hours and exceptions, and the clinic's visit types. No patient data here. */
export class ScheduleService {
  private readonly deps: ScheduleDeps;

  constructor(deps: ScheduleDeps) {
    this.deps = deps;
  }

  doctors(tx: ReadTx): DoctorSummary[] {
    return tx
      .all(
        q
          .selectFrom('users')
          .select(['id', 'display_name', 'specialty'])
          .where('role', '=', 'doctor')
          .where('is_active', '=', 1)
          .orderBy('display_name'),
      )
      .map((row) => ({ id: row.id, name: row.display_name, specialty: row.specialty }));
  }

  listDoctors(actor: Actor): DoctorSummary[] {
    this.deps.access.require(actor, 'schedule.view', { action: 'view', resourceType: 'schedule' });
    return this.deps.db.read((tx) => this.doctors(tx));
  }

  requireDoctor(tx: ReadTx, doctorId: string): DoctorSummary {
    const doctor = this.doctors(tx).find((candidate) => candidate.id === doctorId);
    if (!doctor) throw new AppError('validation', 'scheduling.doctor.unknown');
    return doctor;
  }

  weekly(actor: Actor, doctorId: string): WeeklySchedule {
    this.deps.access.require(actor, 'schedule.view', { action: 'view', resourceType: 'schedule' });
    return this.deps.db.read((tx) => ({ doctorId, periods: this.periodsOf(tx, doctorId) }));
  }

  /** Replaces a doctor's whole week in one step. */
  setWeekly(actor: Actor, input: WeeklySchedule): WeeklySchedule {
    const { access, db, log } = this.deps;
    access.require(actor, 'schedule.manage', {
      action: 'update',
      resourceType: 'schedule',
      resourceId: input.doctorId,
    });
    const data = parseInput(weeklyScheduleSchema, input);
    return db.write((tx) => {
      this.requireDoctor(tx, data.doctorId);
      tx.run(q.deleteFrom('schedule_periods').where('doctor_id', '=', data.doctorId));
      for (const period of data.periods) {
        tx.run(
          q.insertInto('schedule_periods').values({
            doctor_id: data.doctorId,
            weekday: period.weekday,
            start_minute: period.startMinute,
            end_minute: period.endMinute,
            kind: period.kind,
          }),
        );
      }
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'schedule',
        resourceId: data.doctorId,
        granted: true,
        detail: { periods: data.periods.length },
      });
      return { doctorId: data.doctorId, periods: this.periodsOf(tx, data.doctorId) };
    });
  }

  exceptions(actor: Actor, from: string, to: string): ScheduleException[] {
    this.deps.access.require(actor, 'schedule.view', { action: 'view', resourceType: 'schedule' });
    return this.deps.db.read((tx) =>
      tx
        .all(
          q
            .selectFrom('schedule_exceptions')
            .selectAll()
            .where('date', '>=', from)
            .where('date', '<=', to)
            .orderBy('date'),
        )
        .map(toException),
    );
  }

  addException(actor: Actor, input: ScheduleExceptionInput): ScheduleException {
    const { access, db, log, clock } = this.deps;
    access.require(actor, 'schedule.manage', { action: 'create', resourceType: 'schedule' });
    const data = parseInput(scheduleExceptionInputSchema, input);
    return db.write((tx) => {
      if (data.doctorId !== null) this.requireDoctor(tx, data.doctorId);
      const row: Selectable<ScheduleExceptionsTable> = {
        id: uuidv7(clock.now().getTime()),
        doctor_id: data.doctorId,
        date: data.date,
        kind: data.kind,
        periods: JSON.stringify(data.kind === 'changed' ? data.periods : []),
        note: data.note,
        created_at: clock.now().toISOString(),
        created_by: actor.userId,
      };
      tx.run(q.insertInto('schedule_exceptions').values(row));
      log.append(tx, {
        actor,
        action: 'create',
        resourceType: 'schedule',
        resourceId: row.id,
        granted: true,
        detail: { date: row.date, kind: row.kind, clinicWide: row.doctor_id === null },
      });
      return toException(row);
    });
  }

  removeException(actor: Actor, id: string): void {
    const { access, db, log } = this.deps;
    access.require(actor, 'schedule.manage', {
      action: 'delete',
      resourceType: 'schedule',
      resourceId: id,
    });
    db.write((tx) => {
      const { changes } = tx.run(q.deleteFrom('schedule_exceptions').where('id', '=', id));
      if (changes === 0) throw new AppError('not_found', 'notFound.generic');
      log.append(tx, {
        actor,
        action: 'delete',
        resourceType: 'schedule',
        resourceId: id,
        granted: true,
      });
    });
  }

  visitTypes(tx: ReadTx): VisitType[] {
    return tx
      .all(q.selectFrom('encounter_types').selectAll().orderBy('sort_order'))
      .map(toVisitType);
  }

  listVisitTypes(actor: Actor): VisitType[] {
    this.deps.access.require(actor, 'schedule.view', { action: 'view', resourceType: 'schedule' });
    return this.deps.db.read((tx) => this.visitTypes(tx));
  }

  requireVisitType(tx: ReadTx, code: string): VisitType {
    const type = this.visitTypes(tx).find(
      (candidate) => candidate.code === code && candidate.isActive,
    );
    if (!type) throw new AppError('validation', 'scheduling.visitType.unknown');
    return type;
  }

  updateVisitType(actor: Actor, input: VisitTypeUpdate): VisitType {
    const { access, db, log } = this.deps;
    access.require(actor, 'visit_type.manage', {
      action: 'update',
      resourceType: 'schedule',
      resourceId: input.code,
    });
    const data = parseInput(visitTypeUpdateSchema, input);
    return db.write((tx) => {
      const set: Partial<Selectable<EncounterTypesTable>> = {};
      if (data.nameFa !== undefined) set.name_fa = data.nameFa;
      if (data.nameEn !== undefined) set.name_en = data.nameEn;
      if (data.color !== undefined) set.color = data.color;
      if (data.defaultDurationMinutes !== undefined)
        set.default_duration_minutes = data.defaultDurationMinutes;
      if (data.defaultFee !== undefined) set.default_fee = data.defaultFee;
      if (data.isActive !== undefined) set.is_active = data.isActive ? 1 : 0;
      if (Object.keys(set).length > 0) {
        const { changes } = tx.run(
          q.updateTable('encounter_types').set(set).where('code', '=', data.code),
        );
        if (changes === 0) throw new AppError('not_found', 'scheduling.visitType.unknown');
      }
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'schedule',
        resourceId: data.code,
        granted: true,
        detail: { fields: Object.keys(set).join(',') },
      });
      const updated = this.visitTypes(tx).find((type) => type.code === data.code);
      if (!updated) throw new AppError('not_found', 'scheduling.visitType.unknown');
      return updated;
    });
  }

  /** When a doctor can be booked on each of the given days. */
  availability(tx: ReadTx, doctorId: string, dates: readonly string[]): DayAvailability[] {
    if (dates.length === 0) return [];
    const weekly = this.periodsOf(tx, doctorId);
    const exceptions = tx
      .all(
        q
          .selectFrom('schedule_exceptions')
          .selectAll()
          .where('date', 'in', dates)
          .where((eb) => eb.or([eb('doctor_id', '=', doctorId), eb('doctor_id', 'is', null)])),
      )
      .map(toException);
    return dates.map((date) =>
      dayAvailability(
        date,
        weekly,
        exceptions.filter((exception) => exception.date === date),
      ),
    );
  }

  private periodsOf(tx: ReadTx, doctorId: string): SchedulePeriod[] {
    return tx
      .all(
        q
          .selectFrom('schedule_periods')
          .select(['weekday', 'start_minute', 'end_minute', 'kind'])
          .where('doctor_id', '=', doctorId)
          .orderBy('weekday')
          .orderBy('start_minute'),
      )
      .map((row) => ({
        weekday: row.weekday,
        startMinute: row.start_minute,
        endMinute: row.end_minute,
        kind: row.kind,
      }));
  }
}
