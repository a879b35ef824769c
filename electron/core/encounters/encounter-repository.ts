import crypto from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { ColumnCipher } from '../crypto/column-cipher';
import { q, type ReadTx, type WriteTx } from '../db/database';
import type { EncountersTable, Flag } from '../db/schema';
import { encounterColumns } from './encounter-columns';

/** An encounter (visit) with its sealed fields opened. Field names follow HELSSA's Encounter. */
export interface EncounterRecord {
  readonly id: string;
  readonly patientId: string;
  readonly doctorId: string;
  readonly type: string;
  readonly status: string;
  readonly chiefComplaint: string;
  readonly scheduledAt: string;
  readonly endsAt: string;
  readonly durationMinutes: number;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly videoRoomId: string | null;
  readonly patientJoinUrl: string | null;
  readonly doctorJoinUrl: string | null;
  readonly isRecordingEnabled: boolean;
  readonly recordingConsent: boolean;
  readonly recordingUrl: string | null;
  /** Rials. */
  readonly feeAmount: number;
  readonly isPaid: boolean;
  readonly paymentTransaction: string | null;
  readonly patientNotes: string | null;
  readonly doctorNotes: string | null;
  readonly accessCode: string | null;
  readonly metadata: Record<string, unknown>;
  readonly isWalkIn: boolean;
  readonly seriesId: string | null;
  readonly confirmedAt: string | null;
  readonly arrivedAt: string | null;
  readonly cancelledAt: string | null;
  readonly cancelParty: 'patient' | 'clinic' | null;
  readonly lateCancel: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

type Defaulted =
  | 'status'
  | 'endsAt'
  | 'startedAt'
  | 'endedAt'
  | 'videoRoomId'
  | 'patientJoinUrl'
  | 'doctorJoinUrl'
  | 'isRecordingEnabled'
  | 'recordingConsent'
  | 'recordingUrl'
  | 'isPaid'
  | 'paymentTransaction'
  | 'patientNotes'
  | 'doctorNotes'
  | 'accessCode'
  | 'metadata'
  | 'isWalkIn'
  | 'seriesId'
  | 'confirmedAt'
  | 'arrivedAt'
  | 'cancelledAt'
  | 'cancelParty'
  | 'lateCancel';

/** A new encounter: what booking decides; everything else takes the seed's defaults. */
export type NewEncounter = Omit<EncounterRecord, Defaulted> &
  Partial<Pick<EncounterRecord, Defaulted>>;

/** Plain (unsealed) columns a state change may set. */
export type EncounterChanges = Omit<
  Updateable<EncountersTable>,
  | 'id'
  | 'patient_id'
  | 'chief_complaint'
  | 'patient_notes'
  | 'doctor_notes'
  | 'encryption_key'
  | 'metadata'
>;

const flag = (value: boolean): Flag => (value ? 1 : 0);

export function endOf(scheduledAt: string, durationMinutes: number): string {
  return new Date(new Date(scheduledAt).getTime() + durationMinutes * 60_000).toISOString();
}

/**
 * Encounter rows. Each visit gets its own random key here, sealed by the data key, for its audio
 * — deleting the row shreds the audio.
 */
export class EncounterRepository {
  private readonly cipher: ColumnCipher;

  constructor(cipher: ColumnCipher) {
    this.cipher = cipher;
  }

  insert(tx: WriteTx, encounter: NewEncounter): void {
    const { id } = encounter;
    const c = this.cipher;
    const sealText = (column: 'patientNotes' | 'doctorNotes', value: string | null | undefined) =>
      value === null || value === undefined ? null : c.seal(encounterColumns[column], id, value);
    tx.run(
      q.insertInto('encounters').values({
        id,
        patient_id: encounter.patientId,
        doctor_id: encounter.doctorId,
        type: encounter.type,
        status: encounter.status ?? 'scheduled',
        chief_complaint: c.seal(encounterColumns.chiefComplaint, id, encounter.chiefComplaint),
        scheduled_at: encounter.scheduledAt,
        ends_at: endOf(encounter.scheduledAt, encounter.durationMinutes),
        duration_minutes: encounter.durationMinutes,
        started_at: encounter.startedAt ?? null,
        ended_at: encounter.endedAt ?? null,
        video_room_id: encounter.videoRoomId ?? null,
        patient_join_url: encounter.patientJoinUrl ?? null,
        doctor_join_url: encounter.doctorJoinUrl ?? null,
        is_recording_enabled: flag(encounter.isRecordingEnabled ?? true),
        recording_consent: flag(encounter.recordingConsent ?? false),
        recording_url: encounter.recordingUrl ?? null,
        fee_amount: encounter.feeAmount,
        is_paid: flag(encounter.isPaid ?? false),
        payment_transaction: encounter.paymentTransaction ?? null,
        patient_notes: sealText('patientNotes', encounter.patientNotes),
        doctor_notes: sealText('doctorNotes', encounter.doctorNotes),
        access_code: encounter.accessCode ?? null,
        encryption_key: c.seal(encounterColumns.encryptionKey, id, crypto.randomBytes(32)),
        metadata: c.seal(encounterColumns.metadata, id, encounter.metadata ?? {}),
        is_walk_in: flag(encounter.isWalkIn ?? false),
        series_id: encounter.seriesId ?? null,
        confirmed_at: encounter.confirmedAt ?? null,
        arrived_at: encounter.arrivedAt ?? null,
        cancelled_at: encounter.cancelledAt ?? null,
        cancel_party: encounter.cancelParty ?? null,
        late_cancel: flag(encounter.lateCancel ?? false),
        created_at: encounter.createdAt,
        created_by: encounter.createdBy,
        updated_at: encounter.updatedAt,
        updated_by: encounter.updatedBy,
      }),
    );
  }

  /** Changes plain columns (times, status, flags); ends_at follows scheduled_at and duration. */
  update(tx: WriteTx, id: string, changes: EncounterChanges): void {
    const set: EncounterChanges = { ...changes };
    if (changes.scheduled_at !== undefined || changes.duration_minutes !== undefined) {
      const current = tx.first(
        q
          .selectFrom('encounters')
          .select(['scheduled_at', 'duration_minutes'])
          .where('id', '=', id),
      );
      if (current) {
        set.ends_at = endOf(
          changes.scheduled_at ?? current.scheduled_at,
          changes.duration_minutes ?? current.duration_minutes,
        );
      }
    }
    tx.run(q.updateTable('encounters').set(set).where('id', '=', id));
  }

  get(tx: ReadTx, id: string): EncounterRecord | undefined {
    const row = tx.first(q.selectFrom('encounters').selectAll().where('id', '=', id));
    return row ? this.open(row) : undefined;
  }

  /** A patient's visits, newest first (the patient's page). */
  listForPatient(tx: ReadTx, patientId: string, limit = 100): EncounterRecord[] {
    return tx
      .all(
        q
          .selectFrom('encounters')
          .selectAll()
          .where('patient_id', '=', patientId)
          .orderBy('scheduled_at', 'desc')
          .limit(limit),
      )
      .map((row) => this.open(row));
  }

  /** Visits starting in [from, to), optionally of some doctors, in time order. */
  listBetween(
    tx: ReadTx,
    from: string,
    to: string,
    doctorIds?: readonly string[],
  ): EncounterRecord[] {
    let query = q
      .selectFrom('encounters')
      .selectAll()
      .where('scheduled_at', '>=', from)
      .where('scheduled_at', '<', to);
    if (doctorIds && doctorIds.length > 0) query = query.where('doctor_id', 'in', doctorIds);
    return tx.all(query.orderBy('scheduled_at')).map((row) => this.open(row));
  }

  /** Start and length of a doctor's visits that hold their time, starting in [from, to). */
  busyBetween(
    tx: ReadTx,
    doctorId: string,
    from: string,
    to: string,
  ): { scheduledAt: string; durationMinutes: number }[] {
    return tx
      .all(
        q
          .selectFrom('encounters')
          .select(['scheduled_at', 'duration_minutes'])
          .where('doctor_id', '=', doctorId)
          .where('scheduled_at', '>=', from)
          .where('scheduled_at', '<', to)
          .where('status', 'in', ['scheduled', 'confirmed', 'arrived', 'in_progress']),
      )
      .map((row) => ({ scheduledAt: row.scheduled_at, durationMinutes: row.duration_minutes }));
  }

  /** The visit's own key, for its audio chunks; the caller wipes it after use. */
  visitKey(tx: ReadTx, id: string): Buffer | undefined {
    const row = tx.first(q.selectFrom('encounters').select('encryption_key').where('id', '=', id));
    return row
      ? this.cipher.open(encounterColumns.encryptionKey, id, row.encryption_key)
      : undefined;
  }

  private open(row: Selectable<EncountersTable>): EncounterRecord {
    const c = this.cipher;
    return {
      id: row.id,
      patientId: row.patient_id,
      doctorId: row.doctor_id,
      type: row.type,
      status: row.status,
      chiefComplaint: c.open(encounterColumns.chiefComplaint, row.id, row.chief_complaint),
      scheduledAt: row.scheduled_at,
      endsAt: row.ends_at,
      durationMinutes: row.duration_minutes,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      videoRoomId: row.video_room_id,
      patientJoinUrl: row.patient_join_url,
      doctorJoinUrl: row.doctor_join_url,
      isRecordingEnabled: row.is_recording_enabled === 1,
      recordingConsent: row.recording_consent === 1,
      recordingUrl: row.recording_url,
      feeAmount: row.fee_amount,
      isPaid: row.is_paid === 1,
      paymentTransaction: row.payment_transaction,
      patientNotes:
        row.patient_notes === null
          ? null
          : c.open(encounterColumns.patientNotes, row.id, row.patient_notes),
      doctorNotes:
        row.doctor_notes === null
          ? null
          : c.open(encounterColumns.doctorNotes, row.id, row.doctor_notes),
      accessCode: row.access_code,
      metadata: c.open(encounterColumns.metadata, row.id, row.metadata),
      isWalkIn: row.is_walk_in === 1,
      seriesId: row.series_id,
      confirmedAt: row.confirmed_at,
      arrivedAt: row.arrived_at,
      cancelledAt: row.cancelled_at,
      cancelParty: row.cancel_party,
      lateCancel: row.late_cancel === 1,
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }
}
