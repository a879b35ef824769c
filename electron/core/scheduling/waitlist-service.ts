import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../shared/roles';
import {
  waitlistAddSchema,
  type WaitlistAddInput,
  type WaitlistEntry,
} from '../../shared/scheduling';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import type { ColumnCipher } from '../crypto/column-cipher';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { WaitlistTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import type { PatientRepository } from '../patients/patient-repository';
import { parseInput } from '../validation';
import type { ScheduleService } from './schedule-service';
import { schedulingColumns, userNames } from './visit-records';

const offerSchema = z.strictObject({
  doctorId: z.string(),
  date: z.string(),
  startMinute: z.number().int(),
});
export type FreedSlot = z.infer<typeof offerSchema>;

interface WaitlistDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly cipher: ColumnCipher;
  readonly patients: PatientRepository;
  readonly schedule: ScheduleService;
}

/**
 * Patients waiting for an earlier or any slot. When a visit is cancelled, the freed slot is offered
 * to the longest-waiting entry that fits it (that doctor or any, inside the entry's dates); staff
 * then book the offer or release it back to waiting.
 */
export class WaitlistService {
  private readonly deps: WaitlistDeps;

  constructor(deps: WaitlistDeps) {
    this.deps = deps;
  }

  add(actor: Actor, input: WaitlistAddInput): WaitlistEntry {
    const { access, db, log, clock, cipher, schedule } = this.deps;
    access.require(actor, 'encounter.manage', {
      action: 'create',
      resourceType: 'waitlist',
      patientId: input.patientId,
    });
    const data = parseInput(waitlistAddSchema, input);
    if (data.earliestDate && data.latestDate && data.latestDate < data.earliestDate) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: 'latestDate', messageKey: 'waitlist.dateOrder' }],
      });
    }
    return db.write((tx) => {
      requireLivePatient(tx, data.patientId);
      if (data.doctorId !== null) schedule.requireDoctor(tx, data.doctorId);
      schedule.requireVisitType(tx, data.type);
      const now = clock.now().toISOString();
      const id = uuidv7(clock.now().getTime());
      tx.run(
        q.insertInto('waitlist').values({
          id,
          patient_id: data.patientId,
          doctor_id: data.doctorId,
          type: data.type,
          earliest_date: data.earliestDate,
          latest_date: data.latestDate,
          status: 'waiting',
          offer: null,
          note: data.note ? cipher.seal(schedulingColumns.waitlistNote, id, data.note) : null,
          created_at: now,
          created_by: actor.userId,
          updated_at: now,
        }),
      );
      log.append(tx, {
        actor,
        action: 'create',
        resourceType: 'waitlist',
        resourceId: id,
        patientId: data.patientId,
        granted: true,
      });
      return this.present(tx, [this.row(tx, id)])[0]!;
    });
  }

  /** Entries still waiting or holding an offer, longest-waiting first. */
  list(actor: Actor): WaitlistEntry[] {
    const { access, db, log } = this.deps;
    const target = { action: 'view', resourceType: 'waitlist' } as const;
    access.require(actor, 'encounter.view', target);
    return db.write((tx) => {
      const rows = tx.all(
        q
          .selectFrom('waitlist')
          .selectAll()
          .where('status', 'in', ['waiting', 'offered'])
          .orderBy('created_at'),
      );
      log.append(tx, { actor, ...target, granted: true, detail: { entries: rows.length } });
      return this.present(tx, rows);
    });
  }

  remove(actor: Actor, id: string): void {
    this.change(actor, id, 'delete', (tx, row) => {
      tx.run(
        q
          .updateTable('waitlist')
          .set({ status: 'removed', offer: null, updated_at: this.deps.clock.now().toISOString() })
          .where('id', '=', row.id),
      );
    });
  }

  /** The patient declined the offered slot: back to waiting, first in line as before. */
  release(actor: Actor, id: string): WaitlistEntry {
    return this.change(actor, id, 'update', (tx, row) => {
      tx.run(
        q
          .updateTable('waitlist')
          .set({ status: 'waiting', offer: null, updated_at: this.deps.clock.now().toISOString() })
          .where('id', '=', row.id),
      );
      return this.present(tx, [this.row(tx, row.id)])[0]!;
    });
  }

  /** Offers a freed slot to the first entry it suits; returns that entry, or null. */
  offerFreedSlot(tx: WriteTx, actor: Actor, slot: FreedSlot): WaitlistEntry | null {
    const row = tx.first(
      q
        .selectFrom('waitlist')
        .selectAll()
        .where('status', '=', 'waiting')
        .where((eb) =>
          eb.and([
            eb.or([eb('doctor_id', 'is', null), eb('doctor_id', '=', slot.doctorId)]),
            eb.or([eb('earliest_date', 'is', null), eb('earliest_date', '<=', slot.date)]),
            eb.or([eb('latest_date', 'is', null), eb('latest_date', '>=', slot.date)]),
          ]),
        )
        .orderBy('created_at')
        .limit(1),
    );
    if (!row) return null;
    tx.run(
      q
        .updateTable('waitlist')
        .set({
          status: 'offered',
          offer: JSON.stringify(slot),
          updated_at: this.deps.clock.now().toISOString(),
        })
        .where('id', '=', row.id),
    );
    this.deps.log.append(tx, {
      actor,
      action: 'update',
      resourceType: 'waitlist',
      resourceId: row.id,
      patientId: row.patient_id,
      granted: true,
      detail: { offered: true },
    });
    return this.present(tx, [this.row(tx, row.id)])[0]!;
  }

  /** Marks an entry booked, in the booking's transaction. */
  markBooked(tx: WriteTx, id: string, patientId: string): void {
    const row = this.openRow(tx, id);
    if (row.patient_id !== patientId) {
      throw new AppError('validation', 'waitlist.otherPatient');
    }
    tx.run(
      q
        .updateTable('waitlist')
        .set({ status: 'booked', updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', id),
    );
  }

  private change<T>(
    actor: Actor,
    id: string,
    action: 'update' | 'delete',
    apply: (tx: WriteTx, row: Selectable<WaitlistTable>) => T,
  ): T {
    const { access, db, log } = this.deps;
    access.require(actor, 'encounter.manage', { action, resourceType: 'waitlist', resourceId: id });
    return db.write((tx) => {
      const row = this.openRow(tx, id);
      const result = apply(tx, row);
      log.append(tx, {
        actor,
        action,
        resourceType: 'waitlist',
        resourceId: id,
        patientId: row.patient_id,
        granted: true,
      });
      return result;
    });
  }

  private row(tx: ReadTx, id: string): Selectable<WaitlistTable> {
    const row = tx.first(q.selectFrom('waitlist').selectAll().where('id', '=', id));
    if (!row) throw new AppError('not_found', 'waitlist.notFound');
    return row;
  }

  /** An entry that can still be booked, released or removed. */
  private openRow(tx: ReadTx, id: string): Selectable<WaitlistTable> {
    const row = this.row(tx, id);
    if (row.status !== 'waiting' && row.status !== 'offered') {
      throw new AppError('conflict', 'waitlist.closed');
    }
    return row;
  }

  private present(tx: ReadTx, rows: readonly Selectable<WaitlistTable>[]): WaitlistEntry[] {
    const { cipher, patients } = this.deps;
    const names = userNames(tx);
    const identities = patients.identities(
      tx,
      rows.map((row) => row.patient_id),
    );
    return rows.map((row) => ({
      id: row.id,
      patientId: row.patient_id,
      patientName: identities.get(row.patient_id)?.name ?? '',
      patientMrn: identities.get(row.patient_id)?.mrn ?? '',
      doctorId: row.doctor_id,
      doctorName: row.doctor_id === null ? null : (names.get(row.doctor_id) ?? null),
      type: row.type,
      earliestDate: row.earliest_date,
      latestDate: row.latest_date,
      status: row.status,
      offer: row.offer === null ? null : offerSchema.parse(JSON.parse(row.offer)),
      note:
        row.note === null ? null : cipher.open(schedulingColumns.waitlistNote, row.id, row.note),
      createdAt: row.created_at,
    }));
  }
}

/** A patient that exists and is not deleted; visits and waitlist entries need one. */
export function requireLivePatient(tx: ReadTx, patientId: string): void {
  const patient = tx.first(
    q
      .selectFrom('patients')
      .select('id')
      .where('id', '=', patientId)
      .where('deleted_at', 'is', null),
  );
  if (!patient) throw new AppError('not_found', 'patient.notFound');
}
