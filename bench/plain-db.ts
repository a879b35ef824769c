import type Database from 'better-sqlite3';
import type { ClinicDatabase } from '../electron/core/db/database';
import {
  MIN_PREFIX,
  nameMatches,
  nameMatchScore,
  nameTokens,
} from '../electron/core/patients/name-index';
import type { NewPatientRecord } from '../electron/core/patients/patient-repository';
import { MAX_CANDIDATES_SCANNED } from '../electron/core/patients/patient-service';
import { normalizeNationalId } from '../electron/shared/patients/national-id';
import { normalizePhone } from '../electron/shared/patients/phone';
import { searchTokens, toAsciiDigits } from '../electron/shared/text/normalize';

/**
 * The raw-library baseline: the same patient rows in plaintext columns, on better-sqlite3 with
 * ordinary indexes — unique MRN, unique live national ID, phone, and a name-token table holding
 * each whole search token once (prefix search is a range query `token >= ? AND token < ?`). The
 * same foreign keys as the real schema (users, patients) so constraint checks cost the same.
 */
const SCHEMA = `
CREATE TABLE users (id TEXT PRIMARY KEY) STRICT;
CREATE TABLE patients (
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  mrn TEXT NOT NULL,
  national_id TEXT,
  phone TEXT,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  first_name_latin TEXT,
  last_name_latin TEXT,
  father_name TEXT,
  birth_date TEXT,
  sex TEXT,
  address TEXT,
  helssa_ref TEXT,
  allergies TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  deleted_at TEXT,
  deleted_by TEXT REFERENCES users(id)
) STRICT;
CREATE UNIQUE INDEX patients_mrn ON patients (mrn);
CREATE UNIQUE INDEX patients_national_id ON patients (national_id)
  WHERE national_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX patients_phone ON patients (phone) WHERE phone IS NOT NULL;
CREATE TABLE patient_name_tokens (
  token TEXT NOT NULL,
  patient_pk INTEGER NOT NULL REFERENCES patients(pk),
  PRIMARY KEY (token, patient_pk)
) STRICT, WITHOUT ROWID;
`;

/**
 * Multi-word search checks the other words per candidate (EXISTS … WHERE patient_pk = ?), which
 * needs this index; the encrypted schema does not (its lookups are exact token = ? on the primary
 * key). Created only when `withSearchIndex` is set, so the strict insert baseline is not slowed by
 * an index the encrypted path does not have.
 */
const SEARCH_INDEX = 'CREATE INDEX patient_name_tokens_patient ON patient_name_tokens (patient_pk)';

export function createPlainSchema(
  db: ClinicDatabase,
  userId: string,
  withSearchIndex: boolean,
): void {
  db.raw.exec(SCHEMA);
  if (withSearchIndex) db.raw.exec(SEARCH_INDEX);
  db.raw.prepare('INSERT INTO users (id) VALUES (?)').run(userId);
}

export class PlainPatientWriter {
  private readonly insertPatient: Database.Statement;
  private readonly insertToken: Database.Statement;

  constructor(db: ClinicDatabase) {
    this.insertPatient = db.raw.prepare(`INSERT INTO patients (
      id, mrn, national_id, phone, first_name, last_name, first_name_latin, last_name_latin,
      father_name, birth_date, sex, address, helssa_ref, allergies, notes,
      created_at, created_by, updated_at, updated_by, deleted_at, deleted_by
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertToken = db.raw.prepare(
      'INSERT INTO patient_name_tokens (token, patient_pk) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** One patient row plus one row per whole name token (same tokens the app derives). */
  insert(record: NewPatientRecord): void {
    const d = record.demographics;
    const { lastInsertRowid } = this.insertPatient.run(
      record.id,
      d.mrn,
      d.nationalId,
      d.phone,
      d.firstName,
      d.lastName,
      d.firstNameLatin,
      d.lastNameLatin,
      d.fatherName,
      d.birthDate,
      d.sex,
      d.address,
      d.helssaRef,
      record.clinical.allergies,
      record.clinical.notes,
      record.createdAt,
      record.createdBy,
      record.updatedAt,
      record.updatedBy,
      null,
      null,
    );
    for (const token of nameTokens(d)) this.insertToken.run(token, lastInsertRowid);
  }
}

interface PlainRow {
  pk: number;
  id: string;
  mrn: string;
  national_id: string | null;
  phone: string | null;
  first_name: string;
  last_name: string;
  first_name_latin: string | null;
  last_name_latin: string | null;
  father_name: string | null;
  birth_date: string | null;
  sex: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlainSearchResult {
  readonly count: number;
  readonly truncated: boolean;
}

/** The smallest string greater than every string starting with `prefix` (BMP text). */
function upperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function listItem(row: PlainRow) {
  return {
    id: row.id,
    mrn: row.mrn,
    nationalId: row.national_id,
    firstName: row.first_name,
    lastName: row.last_name,
    firstNameLatin: row.first_name_latin,
    lastNameLatin: row.last_name_latin,
    fatherName: row.father_name,
    birthDate: row.birth_date,
    sex: row.sex,
    phone: row.phone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The same search the patient service runs — same query classification, tokenisation, candidate
 * paging (pages of 64, at most MAX_CANDIDATES_SCANNED scanned), match check, ranking and locale sort — on the
 * plaintext tables. No access-log entry is written: this is the bare lookup.
 */
export class PlainPatientSearch {
  private readonly raw: Database.Database;
  private readonly candidateStatements = new Map<number, Database.Statement>();
  private readonly rowStatements = new Map<number, Database.Statement>();
  private readonly exact: Record<'national_id' | 'phone' | 'mrn', Database.Statement>;

  constructor(db: ClinicDatabase) {
    this.raw = db.raw;
    const exact = (column: string) =>
      this.raw.prepare(
        `SELECT * FROM patients WHERE ${column} = ? AND deleted_at IS NULL ORDER BY pk DESC LIMIT ?`,
      );
    this.exact = { national_id: exact('national_id'), phone: exact('phone'), mrn: exact('mrn') };
  }

  search(query: string, limit = 50): PlainSearchResult {
    const compact = toAsciiDigits(query).replace(/[\s\-()./]/g, '');
    if (/^\+?\d+$/.test(compact) || /^\d{4}-\d+$/.test(toAsciiDigits(query).trim())) {
      return this.findByIdentifier(query, limit);
    }
    const tokens = searchTokens(query);
    const lookup = tokens.filter((token) => [...token].length >= MIN_PREFIX);
    if (lookup.length === 0) throw new Error('query too short');
    let found = this.findByName(lookup, tokens, limit);
    if (tokens.length > 1 && found.items.length < limit) {
      const joinedTokens = [tokens.join('')];
      const joined = this.findByName(joinedTokens, joinedTokens, limit - found.items.length);
      const seen = new Set(found.items.map((item) => item.id));
      found = {
        items: [...found.items, ...joined.items.filter((item) => !seen.has(item.id))],
        truncated: found.truncated || joined.truncated,
      };
    }
    return { count: found.items.length, truncated: found.truncated };
  }

  /** Explains how SQLite runs the candidate query for `words` tokens (for the report). */
  candidatePlan(words: number): string[] {
    const statement = this.candidates(words - 1);
    const params = [...Array<string>(3 + 2 * (words - 1)).fill('x'), 64];
    return (
      this.raw.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...params) as {
        detail: string;
      }[]
    ).map((row) => row.detail);
  }

  private candidates(others: number): Database.Statement {
    let statement = this.candidateStatements.get(others);
    if (!statement) {
      const exists = Array.from(
        { length: others },
        () =>
          'AND EXISTS (SELECT 1 FROM patient_name_tokens AS m WHERE m.patient_pk = n.patient_pk AND m.token >= ? AND m.token < ?)',
      ).join(' ');
      statement = this.raw.prepare(
        `SELECT n.token AS token, n.patient_pk AS patient_pk FROM patient_name_tokens AS n
         WHERE (n.token, n.patient_pk) > (?, ?) AND n.token < ? ${exists}
         ORDER BY n.token, n.patient_pk LIMIT ?`,
      );
      this.candidateStatements.set(others, statement);
    }
    return statement;
  }

  private rows(pks: readonly number[]): PlainRow[] {
    let statement = this.rowStatements.get(pks.length);
    if (!statement) {
      statement = this.raw.prepare(
        `SELECT * FROM patients WHERE pk IN (${pks.map(() => '?').join(', ')}) AND deleted_at IS NULL`,
      );
      this.rowStatements.set(pks.length, statement);
    }
    const rows = statement.all(...pks) as PlainRow[];
    const byPk = new Map(rows.map((row) => [row.pk, row]));
    return pks.flatMap((pk) => {
      const row = byPk.get(pk);
      return row ? [row] : [];
    });
  }

  private findByName(
    lookupTokens: readonly string[],
    queryTokens: readonly string[],
    limit: number,
  ): { items: ReturnType<typeof listItem>[]; truncated: boolean } {
    const ordered = [...new Set(lookupTokens)].sort((a, b) => [...b].length - [...a].length);
    const [driver, ...others] = ordered;
    if (!driver) return { items: [], truncated: false };
    const otherBounds = others.flatMap((token) => [token, upperBound(token)]);
    const statement = this.candidates(others.length);
    const driverEnd = upperBound(driver);
    const matches: { row: PlainRow; score: number }[] = [];
    const seen = new Set<number>();
    let cursor: [string, number] = [driver, 0];
    let scanned = 0;
    let exhausted = false;
    while (matches.length <= limit && scanned < MAX_CANDIDATES_SCANNED) {
      const batch = statement.all(
        cursor[0],
        cursor[1],
        driverEnd,
        ...otherBounds,
        Math.max(limit + 1, 64),
      ) as { token: string; patient_pk: number }[];
      if (batch.length === 0) {
        exhausted = true;
        break;
      }
      scanned += batch.length;
      const lastRow = batch.at(-1)!;
      cursor = [lastRow.token, lastRow.patient_pk];
      const ids = batch.map((row) => row.patient_pk).filter((id) => !seen.has(id));
      for (const id of ids) seen.add(id);
      if (ids.length === 0) continue;
      for (const row of this.rows([...new Set(ids)])) {
        const tokens = nameTokens({
          firstName: row.first_name,
          lastName: row.last_name,
          firstNameLatin: row.first_name_latin,
          lastNameLatin: row.last_name_latin,
        });
        if (nameMatches(queryTokens, tokens)) {
          matches.push({ row, score: nameMatchScore(queryTokens, tokens) });
        }
      }
    }
    const items = matches
      .slice(0, limit)
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.row.last_name.localeCompare(b.row.last_name, 'fa') ||
          a.row.first_name.localeCompare(b.row.first_name, 'fa'),
      )
      .map(({ row }) => listItem(row));
    return { items, truncated: matches.length > limit || !exhausted };
  }

  private findByIdentifier(query: string, limit: number): PlainSearchResult {
    const found = new Map<string, ReturnType<typeof listItem>>();
    const collect = (
      kind: 'national_id' | 'phone' | 'mrn',
      value: string | null,
      check: (row: PlainRow) => boolean,
    ) => {
      if (value === null) return;
      const rows = (this.exact[kind].all(value, limit + 1) as PlainRow[]).filter(check);
      for (const row of rows) found.set(row.id, listItem(row));
    };
    const nationalId = normalizeNationalId(query);
    collect('national_id', nationalId, (row) => row.national_id === nationalId);
    const phone = normalizePhone(query);
    collect('phone', phone, (row) => row.phone === phone);
    const mrn = toAsciiDigits(query).trim().toUpperCase();
    collect('mrn', mrn, (row) => row.mrn === mrn);
    return { count: Math.min(found.size, limit), truncated: found.size > limit };
  }
}
