import { sql } from 'kysely';
import { accessDetailSchema, type AccessDetail } from '../../shared/access';
import { toLocal } from '../../shared/dates/clinic-time';
import type { Actor } from '../../shared/roles';
import type { Visit, VisitAction, VisitEvent, VisitStatus } from '../../shared/scheduling';
import { readClinicProfile } from '../clinic/clinic-service';
import { textColumn, type ColumnCipher } from '../crypto/column-cipher';
import { q, type ReadTx, type WriteTx } from '../db/database';
import type { EncounterRecord, EncounterRepository } from '../encounters/encounter-repository';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import type { PatientRepository } from '../patients/patient-repository';

export const schedulingColumns = {
  eventNote: textColumn('encounter_events', 'note'),
  waitlistNote: textColumn('waitlist', 'note'),
};

/** The clinic's time zone: working hours, "today" and day ends are read in it. */
export function clinicTimeZone(tx: ReadTx): string {
  return readClinicProfile(tx)?.timeZone ?? 'Asia/Tehran';
}

export function userNames(tx: ReadTx): Map<string, string> {
  return new Map(
    tx
      .all(q.selectFrom('users').select(['id', 'display_name']))
      .map((user) => [user.id, user.display_name]),
  );
}

export interface VisitEventInput {
  readonly encounterId: string;
  readonly actor: Pick<Actor, 'userId'> | null;
  readonly at: string;
  readonly action: VisitAction;
  readonly from: VisitStatus | null;
  readonly to: VisitStatus | null;
  readonly detail?: AccessDetail | null;
  readonly note?: string | null;
}

/**
 * Visits as the calendars show them (patient and doctor names, local date and minute), and each
 * visit's history of changes. Only this module opens the sealed event notes.
 */
export class VisitRecords {
  private readonly encounters: EncounterRepository;
  private readonly patients: PatientRepository;
  private readonly cipher: ColumnCipher;

  constructor(deps: {
    encounters: EncounterRepository;
    patients: PatientRepository;
    cipher: ColumnCipher;
  }) {
    this.encounters = deps.encounters;
    this.patients = deps.patients;
    this.cipher = deps.cipher;
  }

  require(tx: ReadTx, id: string): EncounterRecord {
    const record = this.encounters.get(tx, id);
    if (!record) throw new AppError('not_found', 'visit.notFound');
    return record;
  }

  present(tx: ReadTx, records: readonly EncounterRecord[], timeZone = clinicTimeZone(tx)): Visit[] {
    if (records.length === 0) return [];
    const doctors = userNames(tx);
    const patients = this.patients.identities(
      tx,
      records.map((record) => record.patientId),
    );
    return records.map((record) => {
      const local = toLocal(record.scheduledAt, timeZone);
      const patient = patients.get(record.patientId);
      return {
        id: record.id,
        patientId: record.patientId,
        patientName: patient?.name ?? '',
        patientMrn: patient?.mrn ?? '',
        doctorId: record.doctorId,
        doctorName: doctors.get(record.doctorId) ?? '',
        type: record.type,
        status: record.status as VisitStatus,
        scheduledAt: record.scheduledAt,
        endsAt: record.endsAt,
        date: local.date,
        startMinute: local.minute,
        durationMinutes: record.durationMinutes,
        isWalkIn: record.isWalkIn,
        seriesId: record.seriesId,
        confirmedAt: record.confirmedAt,
        arrivedAt: record.arrivedAt,
        startedAt: record.startedAt,
        endedAt: record.endedAt,
        cancelledAt: record.cancelledAt,
        cancelParty: record.cancelParty,
        lateCancel: record.lateCancel,
        feeAmount: record.feeAmount,
        isPaid: record.isPaid,
        chiefComplaint: record.chiefComplaint,
      };
    });
  }

  presentOne(tx: ReadTx, record: EncounterRecord): Visit {
    return this.present(tx, [record])[0]!;
  }

  addEvent(tx: WriteTx, event: VisitEventInput): void {
    const id = uuidv7(new Date(event.at).getTime());
    tx.run(
      q.insertInto('encounter_events').values({
        id,
        encounter_id: event.encounterId,
        at: event.at,
        user_id: event.actor?.userId ?? null,
        action: event.action,
        from_status: event.from,
        to_status: event.to,
        detail: event.detail ? JSON.stringify(event.detail) : null,
        note: event.note ? this.cipher.seal(schedulingColumns.eventNote, id, event.note) : null,
      }),
    );
  }

  events(tx: ReadTx, encounterId: string): VisitEvent[] {
    const names = userNames(tx);
    return tx
      .all(
        q
          .selectFrom('encounter_events')
          .selectAll()
          .where('encounter_id', '=', encounterId)
          // Insertion order: changes made in the same millisecond keep their order.
          .orderBy(sql`rowid`),
      )
      .map((row) => ({
        id: row.id,
        at: row.at,
        userName: row.user_id === null ? null : (names.get(row.user_id) ?? null),
        action: row.action,
        fromStatus: row.from_status,
        toStatus: row.to_status,
        detail: row.detail === null ? null : accessDetailSchema.parse(JSON.parse(row.detail)),
        note:
          row.note === null
            ? null
            : this.cipher.open(schedulingColumns.eventNote, row.id, row.note),
      }));
  }
}
