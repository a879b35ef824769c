import path from 'node:path';
import { BlindIndexer } from '../electron/core/crypto/blind-index';
import { ClinicDatabase } from '../electron/core/db/database';
import { uuidv7 } from '../electron/core/ids';
import {
  newPatientRecord,
  PatientRepository,
  type NewPatientRecord,
} from '../electron/core/patients/patient-repository';
import { removeDir, setUpTestClinic, type TestClinic } from '../electron/core/testing/fixtures';
import { newPatientSchema } from '../electron/shared/patients/patient-input';
import type { Dataset } from './dataset';
import { createPlainSchema, PlainPatientWriter } from './plain-db';
import { median, ratio, round, summarize, type Summary } from './stats';
import { databaseSize, progress, rowsPerSecond, timed, type DatabaseSize } from './util';

export const BATCH_SIZE = 1000;
/** Service-path imports are handed over in chunks this size (progress reporting, memory). */
export const IMPORT_CHUNK = 10_000;
/** Insert (a) target: encrypted repository path at most this many times the plaintext one. */
export const INSERT_RATIO_TARGET = 3;

export interface InsertFigures {
  readonly rows: number;
  readonly totalMs: number;
  readonly rowsPerSecond: number;
  readonly perPatientUs: number;
  /** Wall time of each write transaction (BATCH_SIZE patients); repository level only. */
  readonly batchMs?: Summary;
  /**
   * Mean batch time over the first and the last tenth of the batches: how the cost of a batch
   * grows with the tables (random-key index inserts dirty ever more pages per commit).
   */
  readonly batchTrend?: { readonly firstTenthMeanMs: number; readonly lastTenthMeanMs: number };
  /** Wall time of each importMany call (IMPORT_CHUNK patients); service path only. */
  readonly chunkMs?: Summary;
  readonly size: DatabaseSize;
  /** Name-lookup rows written per patient (prefix hashes, or whole plaintext tokens). */
  readonly nameIndexRowsPerPatient: number;
}

function trend(batchMs: readonly number[]): { firstTenthMeanMs: number; lastTenthMeanMs: number } {
  const tenth = Math.max(1, Math.floor(batchMs.length / 10));
  const mean = (values: readonly number[]) => values.reduce((a, v) => a + v, 0) / values.length;
  return {
    firstTenthMeanMs: round(mean(batchMs.slice(0, tenth)), 1),
    lastTenthMeanMs: round(mean(batchMs.slice(-tenth)), 1),
  };
}

function figures(
  rows: number,
  totalMs: number,
  timings: { batchMs: number[] } | { chunkMs: number[] },
  size: DatabaseSize,
  nameRows: number,
): InsertFigures {
  return {
    rows,
    totalMs: round(totalMs, 1),
    rowsPerSecond: rowsPerSecond(rows, totalMs),
    perPatientUs: round((totalMs / rows) * 1000, 1),
    ...('batchMs' in timings
      ? { batchMs: summarize(timings.batchMs), batchTrend: trend(timings.batchMs) }
      : { chunkMs: summarize(timings.chunkMs) }),
    size,
    nameIndexRowsPerPatient: round(nameRows / rows, 2),
  };
}

function count(db: ClinicDatabase, table: string): number {
  return (db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * Builds the benchmark registry through the real service path: `patients.importMany` with the
 * administrator of a real test clinic (real keys, passphrase vault, password hash). Validation,
 * MRN allocation, duplicate-ID check, sealing, blind indexes and one access-log entry per patient.
 */
export async function buildServiceDatabase(
  dir: string,
  dataset: Dataset,
): Promise<{ clinic: TestClinic; figures: InsertFigures & { chunkSize: number } }> {
  const clinic = await setUpTestClinic(dir);
  const { patients } = dataset;
  const chunkMs: number[] = [];
  let totalMs = 0;
  for (let start = 0; start < patients.length; start += IMPORT_CHUNK) {
    const inputs = patients.slice(start, start + IMPORT_CHUNK).map((p) => p.input);
    const { ms } = timed(() =>
      clinic.services.patients.importMany(clinic.adminActor, inputs, BATCH_SIZE),
    );
    chunkMs.push(ms);
    totalMs += ms;
    progress(
      `service import: ${Math.min(start + IMPORT_CHUNK, patients.length)}/${patients.length} (${Math.round(ms)} ms for this chunk)`,
    );
  }
  const db = clinic.core.db;
  const rows = count(db, 'patients');
  if (rows !== patients.length) throw new Error(`imported ${rows} of ${patients.length} patients`);
  return {
    clinic,
    figures: {
      ...figures(rows, totalMs, { chunkMs }, databaseSize(db), count(db, 'patient_name_index')),
      chunkSize: IMPORT_CHUNK,
    },
  };
}

/**
 * The rows the repository benchmark writes, prepared outside the timed section: validated and
 * normalised by the shared schema, with ids, MRNs and timestamps as the service would give them.
 */
export function prepareRecords(dataset: Dataset, userId: string): NewPatientRecord[] {
  const now = new Date().toISOString();
  return dataset.patients.map((patient, index) =>
    newPatientRecord(newPatientSchema.parse(patient.input), {
      id: uuidv7(),
      mrn: `1405-${String(index + 1).padStart(5, '0')}`,
      at: now,
      userId,
    }),
  );
}

type ContenderKey = 'encrypted' | 'plaintext' | 'plaintextWithSearchIndex';

interface Contender {
  readonly key: ContenderKey;
  readonly db: ClinicDatabase;
  readonly nameTable: string;
  readonly write: (index: number) => void;
  readonly batchMs: number[];
  readonly close: () => void;
}

export interface RepositoryInsertRun {
  readonly encrypted: InsertFigures | null;
  readonly plaintext: InsertFigures | null;
  readonly plaintextWithSearchIndex: InsertFigures;
  /** Median over batches of (encrypted batch ms / plaintext batch ms). */
  readonly ratioMedianOfBatches: number | null;
  /** The plaintext database with the search index, left open for the search baseline. */
  readonly plainSearchDb: ClinicDatabase;
}

/**
 * Insert benchmark (a): `PatientRepository.insert` (two sealed values, three exact blind indexes,
 * the name-prefix index rows) against the same rows in plaintext tables, same batching and same
 * pragmas (all opened by ClinicDatabase.open). Every contender writes
 * into its own database; they run INTERLEAVED — batch k of each, in an order rotated every batch —
 * so load from other processes on the machine hits them alike.
 */
export async function benchRepositoryInsert(
  root: string,
  dataset: Dataset,
  options: { readonly encrypted: boolean },
): Promise<RepositoryInsertRun> {
  const contenders: Contender[] = [];
  const clinics: { clinic: TestClinic; dir: string }[] = [];
  const newClinic = async (label: string) => {
    const dir = path.join(root, label);
    const clinic = await setUpTestClinic(dir);
    clinics.push({ clinic, dir });
    return clinic;
  };

  const main = await newClinic('repository-insert');
  const userId = main.admin.id;
  const base = prepareRecords(dataset, userId);
  const rows = base.length;
  const plainContender = (key: ContenderKey, withSearchIndex: boolean): Contender => {
    const db = ClinicDatabase.open({ file: path.join(root, `${key}.db`) });
    createPlainSchema(db, userId, withSearchIndex);
    const writer = new PlainPatientWriter(db);
    return {
      key,
      db,
      nameTable: 'patient_name_tokens',
      write: (index) => writer.insert(base[index]!),
      batchMs: [],
      close: () => db.close(),
    };
  };
  const clinicContender = (
    key: ContenderKey,
    clinic: TestClinic,
    write: (index: number) => void,
  ): Contender => ({
    key,
    db: clinic.core.db,
    nameTable: 'patient_name_index',
    write,
    batchMs: [],
    close: () => clinic.core.close(),
  });

  if (options.encrypted) {
    const repository = new PatientRepository(
      main.services.cipher,
      new BlindIndexer(main.services.ring),
    );
    const db = main.core.db;
    contenders.push(
      clinicContender('encrypted', main, (index) => repository.insert(db, base[index]!)),
    );
    contenders.push(plainContender('plaintext', false));
  }
  const plainSearch = plainContender('plaintextWithSearchIndex', true);
  contenders.push(plainSearch);
  progress(`insert: ${rows} patients into ${contenders.map((c) => c.key).join(', ')}, interleaved`);
  const batchCount = Math.ceil(rows / BATCH_SIZE);
  for (let b = 0; b < batchCount; b += 1) {
    const start = b * BATCH_SIZE;
    const end = Math.min(rows, start + BATCH_SIZE);
    for (let k = 0; k < contenders.length; k += 1) {
      const contender = contenders[(b + k) % contenders.length]!;
      const { ms } = timed(() =>
        contender.db.write(() => {
          for (let i = start; i < end; i += 1) contender.write(i);
        }),
      );
      contender.batchMs.push(ms);
    }
    if (b % 20 === 19) progress(`insert: ${end}/${rows}`);
  }

  const results = new Map<ContenderKey, InsertFigures>();
  for (const contender of contenders) {
    const total = contender.batchMs.reduce((a, v) => a + v, 0);
    results.set(
      contender.key,
      figures(
        rows,
        total,
        { batchMs: contender.batchMs },
        databaseSize(contender.db),
        count(contender.db, contender.nameTable),
      ),
    );
  }
  const batchRatio = (key: ContenderKey): number => {
    const ours = contenders.find((c) => c.key === key)!.batchMs;
    const plain = contenders.find((c) => c.key === 'plaintext')!.batchMs;
    return round(median(ours.map((ms, i) => ms / plain[i]!)), 2);
  };
  for (const contender of contenders) if (contender !== plainSearch) contender.close();
  for (const { clinic, dir } of clinics) {
    clinic.core.close();
    removeDir(dir);
  }

  return {
    encrypted: results.get('encrypted') ?? null,
    plaintext: results.get('plaintext') ?? null,
    plaintextWithSearchIndex: results.get('plaintextWithSearchIndex')!,
    ratioMedianOfBatches: results.has('encrypted') ? batchRatio('encrypted') : null,
    plainSearchDb: plainSearch.db,
  };
}

export interface InsertReport {
  readonly description: string;
  readonly batchSize: number;
  readonly repository: {
    readonly encrypted: InsertFigures;
    readonly plaintext: InsertFigures;
    /** encrypted / plaintext wall time (sums over all batches). */
    readonly ratio: number;
    /** Median over batches of encrypted / plaintext: robust to bursts of load from elsewhere. */
    readonly ratioMedianOfBatches: number;
    readonly target: number;
    readonly pass: boolean;
    /** The plaintext table with the extra patient_id index the baseline's multi-word search needs. */
    readonly plaintextWithSearchIndex: InsertFigures;
    readonly ratioVsPlaintextWithSearchIndex: number;
  };
  readonly servicePath: InsertFigures & {
    readonly chunkSize: number;
    readonly note: string;
    /** service importMany / plaintext repository-level insert. */
    readonly ratioVsPlaintext: number;
  };
}

export function insertReport(
  run: RepositoryInsertRun & { encrypted: InsertFigures; plaintext: InsertFigures },
  service: InsertFigures & { chunkSize: number },
): InsertReport {
  const r = ratio(run.encrypted.totalMs, run.plaintext.totalMs);
  return {
    description:
      'Same rows, same run, same pragmas (ClinicDatabase.open: WAL, synchronous=FULL, cache 32 MiB), ' +
      `${BATCH_SIZE} patients per write transaction, each contender in its own database, batches ` +
      'interleaved in rotating order. Repository level: PatientRepository.insert (seal demographics ' +
      '+ clinical with AES-256-GCM, 3 exact HMAC blind indexes, name-prefix HMAC rows, statements ' +
      'compiled once) versus one prepared plaintext INSERT plus one row per whole name token; both ' +
      'schemas key the name table by the integer patient row key. Record preparation (validation, ' +
      'ids, MRNs) is outside the timing.',
    batchSize: BATCH_SIZE,
    repository: {
      encrypted: run.encrypted,
      plaintext: run.plaintext,
      ratio: r,
      ratioMedianOfBatches: run.ratioMedianOfBatches ?? Number.NaN,
      target: INSERT_RATIO_TARGET,
      pass: r <= INSERT_RATIO_TARGET,
      plaintextWithSearchIndex: run.plaintextWithSearchIndex,
      ratioVsPlaintextWithSearchIndex: ratio(
        run.encrypted.totalMs,
        run.plaintextWithSearchIndex.totalMs,
      ),
    },
    servicePath: {
      ...service,
      note:
        'patients.importMany with the admin actor: validation (zod + normalisation), MRN allocation, ' +
        'national-ID duplicate check, PatientRepository.insert and one hash-chained access-log entry ' +
        `per patient; handed over ${service.chunkSize} inputs per call, ${BATCH_SIZE} per transaction. ` +
        'This run also builds the database the search and cold-open benchmarks use. Not interleaved ' +
        '(it runs alone, first), so compare it with the plaintext figure with care.',
      ratioVsPlaintext: ratio(service.totalMs, run.plaintext.totalMs),
    },
  };
}
