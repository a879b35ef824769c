import type { Patient, PatientListItem } from '../../shared/patients/patient';
import type { BlindIndexer } from '../crypto/blind-index';
import type { ColumnCipher } from '../crypto/column-cipher';
import { q, type ReadTx, type WriteTx } from '../db/database';
import type { PatientClinical, PatientDemographics, PatientsTable } from '../db/schema';
import type { BlindIndex } from '../db/sealed';
import { nameIndexEntries } from './name-index';
import { patientColumns } from './patient-columns';

export interface PatientRecord {
  readonly id: string;
  readonly demographics: PatientDemographics;
  readonly clinical: PatientClinical;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly deletedAt: string | null;
}

/**
 * Reads and writes patient rows. Callers see plain values; sealing, opening and the blind
 * indexes happen here, so no other module handles a patient ciphertext.
 */
export class PatientRepository {
  private readonly cipher: ColumnCipher;
  private readonly indexer: BlindIndexer;

  constructor(cipher: ColumnCipher, indexer: BlindIndexer) {
    this.cipher = cipher;
    this.indexer = indexer;
  }

  insert(tx: WriteTx, record: PatientRecord): void {
    const { id, demographics } = record;
    tx.run(
      q.insertInto('patients').values({
        id,
        ...this.lookupKeys(demographics),
        demographics: this.cipher.seal(patientColumns.demographics, id, demographics),
        clinical: this.cipher.seal(patientColumns.clinical, id, record.clinical),
        created_at: record.createdAt,
        created_by: record.createdBy,
        updated_at: record.updatedAt,
        updated_by: record.updatedBy,
        deleted_at: null,
        deleted_by: null,
      }),
    );
    this.addNameIndex(tx, id, demographics);
  }

  /** Replaces a patient's data; `previous` is the record as read in the same transaction. */
  update(tx: WriteTx, previous: PatientRecord, next: PatientRecord): void {
    const { id } = next;
    tx.run(
      q
        .updateTable('patients')
        .set({
          ...this.lookupKeys(next.demographics),
          demographics: this.cipher.seal(patientColumns.demographics, id, next.demographics),
          clinical: this.cipher.seal(patientColumns.clinical, id, next.clinical),
          updated_at: next.updatedAt,
          updated_by: next.updatedBy,
        })
        .where('id', '=', id),
    );
    this.removeNameIndex(tx, id, previous.demographics);
    this.addNameIndex(tx, id, next.demographics);
  }

  softDelete(tx: WriteTx, record: PatientRecord, at: string, by: string): void {
    tx.run(
      q
        .updateTable('patients')
        .set({ deleted_at: at, deleted_by: by, updated_at: at, updated_by: by })
        .where('id', '=', record.id),
    );
    this.removeNameIndex(tx, record.id, record.demographics);
  }

  get(tx: ReadTx, id: string): PatientRecord | undefined {
    const row = tx.first(q.selectFrom('patients').selectAll().where('id', '=', id));
    return row ? this.open(row) : undefined;
  }

  /** Live patients whose national ID, phone or MRN hash equals the given one. */
  findByExact(
    tx: ReadTx,
    kind: 'national_id' | 'phone' | 'mrn',
    value: string,
    limit: number,
  ): PatientRecord[] {
    const key = this.indexer.exact(kind, value);
    const column = `${kind}_bidx` as const;
    const rows = tx.all(
      q
        .selectFrom('patients')
        .selectAll()
        .where(column, '=', key)
        .where('deleted_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(limit),
    );
    return rows.map((row) => this.open(row));
  }

  /** Whether an MRN was ever used (deleted patients keep theirs). */
  mrnTaken(tx: ReadTx, mrn: string): boolean {
    return (
      tx.first(
        q
          .selectFrom('patients')
          .select('id')
          .where('mrn_bidx', '=', this.indexer.exact('mrn', mrn)),
      ) !== undefined
    );
  }

  /**
   * Candidates for a name search: ids having every given prefix token, newest first, below
   * `beforeId` (for paging).
   */
  nameCandidates(
    tx: ReadTx,
    tokens: readonly BlindIndex[],
    limit: number,
    beforeId: string | null,
  ): string[] {
    const [first, ...rest] = tokens;
    if (!first) return [];
    let query = q
      .selectFrom('patient_name_index as n')
      .select('n.patient_id')
      .where('n.token', '=', first);
    for (const token of rest) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('patient_name_index as m')
            .select('m.patient_id')
            .whereRef('m.patient_id', '=', 'n.patient_id')
            .where('m.token', '=', token),
        ),
      );
    }
    if (beforeId !== null) query = query.where('n.patient_id', '<', beforeId);
    return tx.all(query.orderBy('n.patient_id', 'desc').limit(limit)).map((row) => row.patient_id);
  }

  getMany(tx: ReadTx, ids: readonly string[]): PatientRecord[] {
    if (ids.length === 0) return [];
    const rows = tx.all(
      q.selectFrom('patients').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [this.open(row)] : [];
    });
  }

  private open(row: PatientsTable): PatientRecord {
    return {
      id: row.id,
      demographics: this.cipher.open(patientColumns.demographics, row.id, row.demographics),
      clinical: this.cipher.open(patientColumns.clinical, row.id, row.clinical),
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      deletedAt: row.deleted_at,
    };
  }

  private lookupKeys(
    d: PatientDemographics,
  ): Pick<PatientsTable, 'mrn_bidx' | 'national_id_bidx' | 'phone_bidx'> {
    return {
      mrn_bidx: this.indexer.exact('mrn', d.mrn),
      national_id_bidx: d.nationalId ? this.indexer.exact('national_id', d.nationalId) : null,
      phone_bidx: d.phone ? this.indexer.exact('phone', d.phone) : null,
    };
  }

  private addNameIndex(tx: WriteTx, id: string, d: PatientDemographics): void {
    for (const token of nameIndexEntries(this.indexer, d)) {
      tx.run(
        q
          .insertInto('patient_name_index')
          .values({ token, patient_id: id })
          .onConflict((oc) => oc.doNothing()),
      );
    }
  }

  private removeNameIndex(tx: WriteTx, id: string, d: PatientDemographics): void {
    for (const token of nameIndexEntries(this.indexer, d)) {
      tx.run(
        q.deleteFrom('patient_name_index').where('token', '=', token).where('patient_id', '=', id),
      );
    }
  }
}

export function toPatient(record: PatientRecord, withClinical: boolean): Patient {
  return {
    id: record.id,
    ...record.demographics,
    clinical: withClinical ? { ...record.clinical } : null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toListItem(record: PatientRecord): PatientListItem {
  const { address: _address, helssaRef: _helssaRef, ...rest } = record.demographics;
  return { id: record.id, ...rest, createdAt: record.createdAt, updatedAt: record.updatedAt };
}
