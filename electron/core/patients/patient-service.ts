import {
  newPatientSchema,
  patientSearchSchema,
  patientUpdateSchema,
  type NewPatient,
  type NewPatientInput,
  type PatientSearchInput,
  type PatientUpdateInput,
} from '../../shared/patients/patient-input';
import type {
  Patient,
  PatientListItem,
  PatientMatchKind,
  PatientSearchResult,
} from '../../shared/patients/patient';
import { normalizeNationalId } from '../../shared/patients/national-id';
import { normalizePhone } from '../../shared/patients/phone';
import type { Actor } from '../../shared/roles';
import { searchTokens, toAsciiDigits } from '../../shared/text/normalize';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import type { BlindIndexer } from '../crypto/blind-index';
import type { ClinicDatabase, ReadTx, WriteTx } from '../db/database';
import type { PatientDemographics } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import { allocateMrn } from './mrn';
import { lookupPrefix, MIN_PREFIX, nameMatches, nameMatchScore, nameTokens } from './name-index';
import {
  newPatientRecord,
  toListItem,
  toPatient,
  type PatientRecord,
  type PatientRepository,
  type PatientSummaryRecord,
} from './patient-repository';

interface PatientDeps {
  readonly db: ClinicDatabase;
  readonly repository: PatientRepository;
  readonly indexer: BlindIndexer;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
}

/**
 * Candidates decrypted per name search at most (about 15 ms of work); a query whose words match
 * more than this is cut short and says so (`truncated`), asking for more letters.
 */
export const MAX_CANDIDATES_SCANNED = 1000;

/**
 * The patient registry. Every call takes the acting user, is checked against the permission
 * matrix, and leaves an access-log entry in the same transaction as what it did.
 */
export class PatientService {
  private readonly deps: PatientDeps;

  constructor(deps: PatientDeps) {
    this.deps = deps;
  }

  create(actor: Actor, input: NewPatientInput): Patient {
    const { db } = this.deps;
    this.authorizeCreate(actor, [input]);
    const data = parseInput(newPatientSchema, input);
    return db.write((tx) => this.insert(tx, actor, data));
  }

  /**
   * Registers many patients (moving a clinic's existing records in), `batchSize` per
   * transaction. Every input is validated before anything is written; each patient still gets
   * its own access-log entry.
   */
  importMany(actor: Actor, inputs: readonly NewPatientInput[], batchSize = 1000): Patient[] {
    const { db } = this.deps;
    this.authorizeCreate(actor, inputs);
    const rows = inputs.map((input, index) => {
      try {
        return parseInput(newPatientSchema, input);
      } catch (error) {
        if (error instanceof AppError && error.fields) {
          throw new AppError('validation', 'validation.failed', {
            fields: error.fields.map((field) => ({ ...field, field: `${index}.${field.field}` })),
          });
        }
        throw error;
      }
    });
    const created: Patient[] = [];
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      db.write((tx) => {
        for (const data of batch) created.push(this.insert(tx, actor, data));
      });
    }
    return created;
  }

  private authorizeCreate(actor: Actor, inputs: readonly NewPatientInput[]): void {
    const { access } = this.deps;
    access.require(actor, 'patient.create', { action: 'create', resourceType: 'patient' });
    if (inputs.some((input) => input.allergies || input.notes)) {
      access.require(actor, 'patient.clinical.update', {
        action: 'create',
        resourceType: 'patient',
      });
    }
  }

  private insert(tx: WriteTx, actor: Actor, data: NewPatient): Patient {
    const { access, repository, log, clock } = this.deps;
    if (data.mrn !== null && repository.mrnTaken(tx, data.mrn)) {
      throw fieldConflict('mrn', 'patient.mrn.duplicate');
    }
    this.assertNationalIdFree(tx, data.nationalId, null);
    const now = clock.now();
    const record = newPatientRecord(data, {
      id: uuidv7(now.getTime()),
      mrn: data.mrn ?? allocateMrn(tx, now, (mrn) => repository.mrnTaken(tx, mrn)),
      at: now.toISOString(),
      userId: actor.userId,
    });
    repository.insert(tx, record);
    log.append(tx, {
      actor,
      action: 'create',
      resourceType: 'patient',
      resourceId: record.id,
      patientId: record.id,
      granted: true,
    });
    return toPatient(record, access.can(actor, 'patient.clinical.view'));
  }

  get(actor: Actor, patientId: string): Patient {
    const { access, db, log } = this.deps;
    const target = {
      action: 'view',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    } as const;
    access.require(actor, 'patient.view', target);
    const withClinical = access.can(actor, 'patient.clinical.view');
    return db.write((tx) => {
      const record = this.requireLive(tx, patientId);
      log.append(tx, { actor, ...target, granted: true, detail: { clinical: withClinical } });
      return toPatient(record, withClinical);
    });
  }

  update(actor: Actor, patientId: string, input: PatientUpdateInput): Patient {
    const { access, db, repository, log, clock } = this.deps;
    const target = {
      action: 'update',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    } as const;
    access.require(actor, 'patient.update', target);
    const data = parseInput(patientUpdateSchema, input);
    if (data.allergies !== undefined || data.notes !== undefined) {
      access.require(actor, 'patient.clinical.update', target);
    }
    return db.write((tx) => {
      const previous = this.requireLive(tx, patientId);
      const changed = (Object.keys(data) as (keyof typeof data)[]).filter(
        (key) => data[key] !== undefined,
      );
      const demographics: PatientDemographics = { ...previous.demographics };
      for (const key of changed) {
        if (key !== 'allergies' && key !== 'notes')
          Object.assign(demographics, { [key]: data[key] });
      }
      if (demographics.nationalId !== previous.demographics.nationalId) {
        this.assertNationalIdFree(tx, demographics.nationalId, patientId);
      }
      const next: PatientRecord = {
        ...previous,
        demographics,
        clinical: {
          allergies:
            data.allergies === undefined ? previous.clinical.allergies : (data.allergies ?? ''),
          notes: data.notes === undefined ? previous.clinical.notes : (data.notes ?? ''),
        },
        updatedAt: clock.now().toISOString(),
        updatedBy: actor.userId,
      };
      repository.update(tx, previous, next);
      log.append(tx, { actor, ...target, granted: true, detail: { fields: changed.join(',') } });
      return toPatient(next, access.can(actor, 'patient.clinical.view'));
    });
  }

  /** Soft delete: the record stays (and keeps its MRN) but leaves every list and search. */
  remove(actor: Actor, patientId: string): void {
    const { access, db, repository, log, clock } = this.deps;
    const target = {
      action: 'delete',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    } as const;
    access.require(actor, 'patient.delete', target);
    db.write((tx) => {
      const record = this.requireLive(tx, patientId);
      repository.softDelete(tx, record, clock.now().toISOString(), actor.userId);
      log.append(tx, { actor, ...target, granted: true });
    });
  }

  /**
   * Finds patients by name prefix (Persian or Latin, any word order), national ID, phone or MRN.
   * The query itself is never stored or logged; the log records what kind of search it was and
   * how many patients it showed.
   */
  search(actor: Actor, input: PatientSearchInput): PatientSearchResult {
    const { access, db, log } = this.deps;
    access.require(actor, 'patient.view', { action: 'search', resourceType: 'patient' });
    const { query, limit } = parseInput(patientSearchSchema, input);
    return db.write((tx) => {
      const result = this.findPatients(tx, query, limit);
      log.append(tx, {
        actor,
        action: 'search',
        resourceType: 'patient',
        granted: true,
        detail: { by: result.matchedBy.join(',') || 'none', results: result.items.length },
      });
      return result;
    });
  }

  private findPatients(tx: ReadTx, query: string, limit: number): PatientSearchResult {
    const compact = toAsciiDigits(query).replace(/[\s\-()./]/g, '');
    if (/^\+?\d+$/.test(compact) || /^\d{4}-\d+$/.test(toAsciiDigits(query).trim())) {
      return this.findByIdentifier(tx, query, limit);
    }
    const tokens = searchTokens(query);
    // Words long enough drive the index lookup; every word, short ones included, must match.
    const lookup = tokens.filter((token) => [...token].length >= MIN_PREFIX);
    if (lookup.length === 0) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: 'query', messageKey: 'patient.search.tooShort' }],
      });
    }
    let found = this.findByName(tx, lookup, tokens, limit);
    if (tokens.length > 1 && found.items.length < limit) {
      // 'محمد رضا' should also find a name written as one word, 'محمدرضا'.
      const joined = [tokens.join('')];
      const more = this.findByName(tx, joined, joined, limit - found.items.length);
      const seen = new Set(found.items.map((item) => item.id));
      found = {
        items: [...found.items, ...more.items.filter((item) => !seen.has(item.id))],
        truncated: found.truncated || more.truncated,
      };
    }
    return { ...found, matchedBy: found.items.length > 0 ? ['name'] : [] };
  }

  private findByName(
    tx: ReadTx,
    lookupTokens: readonly string[],
    queryTokens: readonly string[],
    limit: number,
  ): { items: PatientListItem[]; truncated: boolean } {
    const { repository, indexer } = this.deps;
    // Longest token first: its prefix is the most selective driver of the lookup.
    const ordered = [...lookupTokens].sort((a, b) => [...b].length - [...a].length);
    const keys = [...new Set(ordered.map(lookupPrefix))].map((prefix) =>
      indexer.namePrefix(prefix),
    );
    const matches: { record: PatientSummaryRecord; score: number }[] = [];
    let beforePk: number | null = null;
    let scanned = 0;
    let exhausted = false;
    while (matches.length <= limit && scanned < MAX_CANDIDATES_SCANNED) {
      const batch = repository.nameCandidates(tx, keys, Math.max(limit + 1, 64), beforePk);
      if (batch.length === 0) {
        exhausted = true;
        break;
      }
      scanned += batch.length;
      beforePk = batch.at(-1)!;
      for (const record of repository.summaries(tx, batch)) {
        const tokens = nameTokens(record.demographics);
        if (nameMatches(queryTokens, tokens)) {
          matches.push({ record, score: nameMatchScore(queryTokens, tokens) });
        }
      }
    }
    const items = matches
      .slice(0, limit)
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.record.demographics.lastName.localeCompare(b.record.demographics.lastName, 'fa') ||
          a.record.demographics.firstName.localeCompare(b.record.demographics.firstName, 'fa'),
      )
      .map(({ record }) => toListItem(record));
    return { items, truncated: matches.length > limit || !exhausted };
  }

  private findByIdentifier(tx: ReadTx, query: string, limit: number): PatientSearchResult {
    const { repository } = this.deps;
    const found = new Map<string, PatientListItem>();
    const matchedBy: PatientMatchKind[] = [];
    const collect = (
      kind: Exclude<PatientMatchKind, 'name'>,
      value: string | null,
      check: (d: PatientDemographics) => boolean,
    ) => {
      if (value === null) return;
      const records = repository
        .findByExact(tx, kind, value, limit + 1)
        .filter((r) => check(r.demographics));
      if (records.length > 0) matchedBy.push(kind);
      for (const record of records) found.set(record.id, toListItem(record));
    };
    const nationalId = normalizeNationalId(query);
    collect('national_id', nationalId, (d) => d.nationalId === nationalId);
    const phone = normalizePhone(query);
    collect('phone', phone, (d) => d.phone === phone);
    const mrn = toAsciiDigits(query).trim().toUpperCase();
    collect('mrn', mrn, (d) => d.mrn === mrn);
    const items = [...found.values()];
    return { items: items.slice(0, limit), truncated: items.length > limit, matchedBy };
  }

  private requireLive(tx: ReadTx, patientId: string): PatientRecord {
    const record = this.deps.repository.get(tx, patientId);
    if (!record || record.deletedAt !== null) throw new AppError('not_found', 'patient.notFound');
    return record;
  }

  private assertNationalIdFree(
    tx: ReadTx,
    nationalId: string | null,
    exceptId: string | null,
  ): void {
    if (nationalId === null) return;
    const holders = this.deps.repository
      .findByExact(tx, 'national_id', nationalId, 2)
      .filter((record) => record.id !== exceptId);
    if (holders.length > 0) throw fieldConflict('nationalId', 'patient.nationalId.duplicate');
  }
}

function fieldConflict(
  field: string,
  messageKey: 'patient.mrn.duplicate' | 'patient.nationalId.duplicate',
): AppError {
  return new AppError('conflict', 'validation.failed', { fields: [{ field, messageKey }] });
}
