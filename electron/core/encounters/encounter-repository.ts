import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
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
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type NewEncounter = Omit<EncounterRecord, 'status' | 'startedAt' | 'endedAt'> & {
  readonly status?: string;
};

const flag = (value: boolean): Flag => (value ? 1 : 0);

/**
 * Encounter rows. Scheduling (a later issue) builds its rules on this; each visit gets its own
 * random key here, sealed by the data key, for its audio — deleting the row shreds the audio.
 */
export class EncounterRepository {
  private readonly cipher: ColumnCipher;

  constructor(cipher: ColumnCipher) {
    this.cipher = cipher;
  }

  insert(tx: WriteTx, encounter: NewEncounter): void {
    const { id } = encounter;
    const c = this.cipher;
    tx.run(
      q.insertInto('encounters').values({
        id,
        patient_id: encounter.patientId,
        doctor_id: encounter.doctorId,
        type: encounter.type,
        status: encounter.status ?? 'scheduled',
        chief_complaint: c.seal(encounterColumns.chiefComplaint, id, encounter.chiefComplaint),
        scheduled_at: encounter.scheduledAt,
        duration_minutes: encounter.durationMinutes,
        started_at: null,
        ended_at: null,
        video_room_id: encounter.videoRoomId,
        patient_join_url: encounter.patientJoinUrl,
        doctor_join_url: encounter.doctorJoinUrl,
        is_recording_enabled: flag(encounter.isRecordingEnabled),
        recording_consent: flag(encounter.recordingConsent),
        recording_url: encounter.recordingUrl,
        fee_amount: encounter.feeAmount,
        is_paid: flag(encounter.isPaid),
        payment_transaction: encounter.paymentTransaction,
        patient_notes:
          encounter.patientNotes === null
            ? null
            : c.seal(encounterColumns.patientNotes, id, encounter.patientNotes),
        doctor_notes:
          encounter.doctorNotes === null
            ? null
            : c.seal(encounterColumns.doctorNotes, id, encounter.doctorNotes),
        access_code: encounter.accessCode,
        encryption_key: c.seal(encounterColumns.encryptionKey, id, crypto.randomBytes(32)),
        metadata: c.seal(encounterColumns.metadata, id, encounter.metadata),
        created_at: encounter.createdAt,
        created_by: encounter.createdBy,
        updated_at: encounter.updatedAt,
        updated_by: encounter.updatedBy,
      }),
    );
  }

  get(tx: ReadTx, id: string): EncounterRecord | undefined {
    const row = tx.first(q.selectFrom('encounters').selectAll().where('id', '=', id));
    return row ? this.open(row) : undefined;
  }

  /** A patient's visits, newest first (the patient detail screen's visit history). */
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
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }
}
