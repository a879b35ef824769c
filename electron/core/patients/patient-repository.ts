import type { Patient, PatientListItem } from '../../shared/patients/patient';
import type { NewPatient } from '../../shared/patients/patient-input';
import type { BlindIndexer } from '../crypto/blind-index';
import type { ColumnCipher } from '../crypto/column-cipher';
import type { Selectable } from 'kysely';
import { preparedInsert, q, type ReadTx, type WriteTx } from '../db/database';
import type { PatientClinical, PatientDemographics, PatientsTable } from '../db/schema';
import type { BlindIndex } from '../db/sealed';
import { nameIndexEntries } from './name-index';
import { patientColumns } from './patient-columns';

export interface PatientRecord {
  readonly id: string;
  /** The row's integer key (name index). Never leaves the core. */
  readonly pk: number;
  readonly demographics: PatientDemographics;
  readonly clinical: PatientClinical;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly deletedAt: string | null;
}

export interface PatientIdentity {
  readonly name: string;
  readonly mrn: string;
}

export type NewPatientRecord = Omit<PatientRecord, 'pk'>;

/** What lists and searches need: identity only, the clinical column stays sealed. */
export type PatientSummaryRecord = Pick<
  PatientRecord,
  'id' | 'pk' | 'demographics' | 'createdAt' | 'updatedAt'
>;

const SUMMARY_COLUMNS = ['id', 'pk', 'demographics', 'created_at', 'updated_at'] as const;

type PatientRow = Selectable<PatientsTable>;

const insertPatient = preparedInsert('patients', [
  'id',
  'mrn_bidx',
  'national_id_bidx',
  'phone_bidx',
  'demographics',
  'clinical',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
  'deleted_by',
]);
const insertNameToken = preparedInsert('patient_name_index', ['token', 'patient_pk'], {
  onConflictDoNothing: true,
});

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

  /** Inserts a new patient; returns the row's integer key. */
  insert(tx: WriteTx, record: NewPatientRecord): number {
    const { id, demographics } = record;
    const { lastInsertRowid: pk } = tx.insert(insertPatient, {
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
    });
    this.addNameIndex(tx, pk, demographics);
    return pk;
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
    this.removeNameIndex(tx, previous.pk, previous.demographics);
    this.addNameIndex(tx, previous.pk, next.demographics);
  }

  softDelete(tx: WriteTx, record: PatientRecord, at: string, by: string): void {
    tx.run(
      q
        .updateTable('patients')
        .set({ deleted_at: at, deleted_by: by, updated_at: at, updated_by: by })
        .where('id', '=', record.id),
    );
    this.removeNameIndex(tx, record.pk, record.demographics);
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
  ): PatientSummaryRecord[] {
    const key = this.indexer.exact(kind, value);
    const column = `${kind}_bidx` as const;
    const rows = tx.all(
      q
        .selectFrom('patients')
        .select(SUMMARY_COLUMNS)
        .where(column, '=', key)
        .where('deleted_at', 'is', null)
        .orderBy('pk', 'desc')
        .limit(limit),
    );
    return rows.map((row) => this.openSummary(row));
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
   * Candidates for a name search: keys of patients having every given prefix token, newest
   * first, below `beforePk` (for paging).
   */
  nameCandidates(
    tx: ReadTx,
    tokens: readonly BlindIndex[],
    limit: number,
    beforePk: number | null,
  ): number[] {
    const [first, ...rest] = tokens;
    if (!first) return [];
    let query = q
      .selectFrom('patient_name_index as n')
      .select('n.patient_pk')
      .where('n.token', '=', first);
    for (const token of rest) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('patient_name_index as m')
            .select('m.patient_pk')
            .whereRef('m.patient_pk', '=', 'n.patient_pk')
            .where('m.token', '=', token),
        ),
      );
    }
    if (beforePk !== null) query = query.where('n.patient_pk', '<', beforePk);
    return tx.all(query.orderBy('n.patient_pk', 'desc').limit(limit)).map((row) => row.patient_pk);
  }

  /** Live patients by integer key, in the order given (identity only). */
  summaries(tx: ReadTx, pks: readonly number[]): PatientSummaryRecord[] {
    if (pks.length === 0) return [];
    const rows = tx.all(
      q
        .selectFrom('patients')
        .select(SUMMARY_COLUMNS)
        .where('pk', 'in', pks)
        .where('deleted_at', 'is', null),
    );
    const byPk = new Map(rows.map((row) => [row.pk, row]));
    return pks.flatMap((pk) => {
      const row = byPk.get(pk);
      return row ? [this.openSummary(row)] : [];
    });
  }

  /**
   * Who the given patients are (deleted ones too: past visits keep their names), by id. Calendars
   * and queues show many visits at once, so this opens only the identity column.
   */
  identities(tx: ReadTx, ids: readonly string[]): Map<string, PatientIdentity> {
    const result = new Map<string, PatientIdentity>();
    const unique = [...new Set(ids)];
    for (let at = 0; at < unique.length; at += 500) {
      const rows = tx.all(
        q
          .selectFrom('patients')
          .select(['id', 'demographics'])
          .where('id', 'in', unique.slice(at, at + 500)),
      );
      for (const row of rows) {
        const d = this.cipher.open(patientColumns.demographics, row.id, row.demographics);
        result.set(row.id, { name: `${d.firstName} ${d.lastName}`, mrn: d.mrn });
      }
    }
    return result;
  }

  private openSummary(
    row: Pick<PatientRow, (typeof SUMMARY_COLUMNS)[number]>,
  ): PatientSummaryRecord {
    return {
      id: row.id,
      pk: row.pk,
      demographics: this.cipher.open(patientColumns.demographics, row.id, row.demographics),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private open(row: PatientRow): PatientRecord {
    return {
      id: row.id,
      pk: row.pk,
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
  ): Pick<PatientRow, 'mrn_bidx' | 'national_id_bidx' | 'phone_bidx'> {
    return {
      mrn_bidx: this.indexer.exact('mrn', d.mrn),
      national_id_bidx: d.nationalId ? this.indexer.exact('national_id', d.nationalId) : null,
      phone_bidx: d.phone ? this.indexer.exact('phone', d.phone) : null,
    };
  }

  private addNameIndex(tx: WriteTx, pk: number, d: PatientDemographics): void {
    for (const token of nameIndexEntries(this.indexer, d)) {
      tx.insert(insertNameToken, { token, patient_pk: pk });
    }
  }

  private removeNameIndex(tx: WriteTx, pk: number, d: PatientDemographics): void {
    for (const token of nameIndexEntries(this.indexer, d)) {
      tx.run(
        q.deleteFrom('patient_name_index').where('token', '=', token).where('patient_pk', '=', pk),
      );
    }
  }
}

/** A new patient's record from validated form data and the ids the service assigned. */
export function newPatientRecord(
  data: NewPatient,
  assigned: {
    readonly id: string;
    readonly mrn: string;
    readonly at: string;
    readonly userId: string;
  },
): NewPatientRecord {
  const { mrn: _typedMrn, allergies, notes, ...identity } = data;
  return {
    id: assigned.id,
    demographics: { ...identity, mrn: assigned.mrn },
    clinical: { allergies: allergies ?? '', notes: notes ?? '' },
    createdAt: assigned.at,
    createdBy: assigned.userId,
    updatedAt: assigned.at,
    updatedBy: assigned.userId,
    deletedAt: null,
  };
}

export function toPatient(record: NewPatientRecord, withClinical: boolean): Patient {
  return {
    id: record.id,
    ...record.demographics,
    clinical: withClinical ? { ...record.clinical } : null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toListItem(record: PatientSummaryRecord): PatientListItem {
  const { address: _address, helssaRef: _helssaRef, ...rest } = record.demographics;
  return { id: record.id, ...rest, createdAt: record.createdAt, updatedAt: record.updatedAt };
}
