import type { ClinicDatabase } from '../electron/core/db/database';
import type { TestClinic } from '../electron/core/testing/fixtures';
import type { Dataset } from './dataset';
import { PlainPatientSearch } from './plain-db';
import { nameQueries, nationalIdQueries, phoneQueries, type NameQueryKind } from './queries';
import { ratio, round, summarize, type Summary } from './stats';
import { progress } from './util';

/** Search target: p95 of each kind of search, in milliseconds. */
export const SEARCH_P95_TARGET_MS = 20;

export interface SearchCounts {
  readonly name: number;
  readonly phone: number;
  readonly nationalId: number;
  readonly warmup: number;
}

interface Sample {
  readonly ours: number;
  readonly raw: number;
  readonly oursResults: number;
  readonly rawResults: number;
  readonly truncated: boolean;
}

export interface KindReport {
  readonly queries: number;
  /** services.patients.search(actor, …): lookup, decryption, ranking AND the access-log commit. */
  readonly oursMs: Summary;
  /** The same lookups on the plaintext tables with better-sqlite3 directly; no log entry. */
  readonly rawMs: Summary;
  /** ours p50 / raw p50. */
  readonly ratioP50: number;
  readonly meanResults: number;
  readonly truncatedQueries: number;
  /** Queries where ours and the baseline returned a different number of patients. */
  readonly resultCountMismatches: number;
  readonly target?: { readonly p95Ms: number; readonly pass: boolean };
}

function kindReport(samples: readonly Sample[], withTarget: boolean): KindReport {
  const ours = summarize(samples.map((s) => s.ours));
  const raw = summarize(samples.map((s) => s.raw));
  return {
    queries: samples.length,
    oursMs: ours,
    rawMs: raw,
    ratioP50: ratio(ours.p50, raw.p50),
    meanResults: round(
      samples.reduce((total, s) => total + s.oursResults, 0) / Math.max(1, samples.length),
      1,
    ),
    truncatedQueries: samples.filter((s) => s.truncated).length,
    resultCountMismatches: samples.filter((s) => s.oursResults !== s.rawResults).length,
    ...(withTarget
      ? { target: { p95Ms: SEARCH_P95_TARGET_MS, pass: ours.p95 <= SEARCH_P95_TARGET_MS } }
      : {}),
  };
}

export interface SearchReport {
  readonly description: string;
  readonly patients: number;
  readonly limit: number;
  readonly name: KindReport & {
    readonly byKind: Record<NameQueryKind, KindReport>;
    /** Single-word Persian prefixes by length in letters. */
    readonly persianByPrefixLength: Record<string, KindReport>;
    readonly examples: Record<NameQueryKind, readonly string[]>;
  };
  readonly phone: KindReport;
  readonly nationalId: KindReport;
  /**
   * One access-log entry appended in its own committed transaction (AccessLog.record): the part
   * of every search that is the audit write, measured alone.
   */
  readonly accessLogCommitMs: Summary;
  readonly baselinePlans: Record<string, readonly string[]>;
  readonly target: { readonly p95Ms: number; readonly pass: boolean };
}

/**
 * Search benchmark. Each query runs through the real service (admin actor), then the same query
 * on the plaintext baseline, alternately, so drift and noise hit both alike.
 */
export function benchSearch(
  clinic: TestClinic,
  plainDb: ClinicDatabase,
  dataset: Dataset,
  counts: SearchCounts,
): SearchReport {
  const { services, adminActor } = clinic;
  const plain = new PlainPatientSearch(plainDb);

  const measure = (query: string): Sample => {
    let start = performance.now();
    const result = services.patients.search(adminActor, { query });
    const ours = performance.now() - start;
    start = performance.now();
    const baseline = plain.search(query);
    const raw = performance.now() - start;
    return {
      ours,
      raw,
      oursResults: result.items.length,
      rawResults: baseline.count,
      truncated: result.truncated,
    };
  };

  // Warm-up on a separate query set: JIT, statement caches, SQLite page cache.
  const warmNames = nameQueries(dataset, counts.warmup, 9001);
  const warmPhones = phoneQueries(dataset, counts.warmup, 9002);
  const warmIds = nationalIdQueries(dataset, counts.warmup, 9003);
  for (let i = 0; i < counts.warmup; i += 1) {
    measure(warmNames[i]!.text);
    measure(warmPhones[i]!);
    measure(warmIds[i]!);
  }

  progress(`search: ${counts.name} name queries`);
  const names = nameQueries(dataset, counts.name, 1);
  const nameSamples = names.map((query) => ({ query, sample: measure(query.text) }));

  progress(`search: ${counts.phone} phone queries`);
  const phoneSamples = phoneQueries(dataset, counts.phone, 2).map(measure);

  progress(`search: ${counts.nationalId} national-ID queries`);
  const idSamples = nationalIdQueries(dataset, counts.nationalId, 3).map(measure);

  progress('search: access-log commit alone');
  const logMs: number[] = [];
  for (let i = 0; i < counts.phone; i += 1) {
    const start = performance.now();
    services.accessLog.record(clinic.core.db, {
      actor: adminActor,
      action: 'search',
      resourceType: 'patient',
      granted: true,
      detail: { by: 'name', results: 50 },
    });
    logMs.push(performance.now() - start);
  }

  const kinds: NameQueryKind[] = ['persian-prefix', 'latin-prefix', 'two-word', 'no-match'];
  const byKind = Object.fromEntries(
    kinds.map((kind) => [
      kind,
      kindReport(
        nameSamples.filter((s) => s.query.kind === kind).map((s) => s.sample),
        false,
      ),
    ]),
  ) as Record<NameQueryKind, KindReport>;
  const persianByPrefixLength: Record<string, KindReport> = {};
  for (let length = 2; length <= 7; length += 1) {
    const samples = nameSamples
      .filter(
        (s) =>
          s.query.kind === 'persian-prefix' &&
          [...s.query.text].filter((ch) => ch !== '\u200c' && ch !== ' ').length === length,
      )
      .map((s) => s.sample);
    if (samples.length > 0) persianByPrefixLength[`${length}`] = kindReport(samples, false);
  }
  const examples = Object.fromEntries(
    kinds.map((kind) => [
      kind,
      names
        .filter((q) => q.kind === kind)
        .slice(0, 6)
        .map((q) => q.text),
    ]),
  ) as Record<NameQueryKind, string[]>;

  const name = kindReport(
    nameSamples.map((s) => s.sample),
    true,
  );
  const phone = kindReport(phoneSamples, true);
  const nationalId = kindReport(idSamples, true);
  return {
    description:
      'p50/p95 over queries run through services.patients.search(adminActor, { query }) with the ' +
      'default limit (50). Each call INCLUDES writing its access-log entry (HMAC-chained) and ' +
      'committing that write transaction (WAL, synchronous=FULL). The raw baseline runs the same ' +
      'classification, tokenisation, paging, match check and locale sort on plaintext tables with ' +
      'ordinary indexes (prefix = range query on a whole-token table), writes no log entry. Ratios ' +
      'are ours/raw of the medians.',
    patients: dataset.patients.length,
    limit: 50,
    name: { ...name, byKind, persianByPrefixLength, examples },
    phone,
    nationalId,
    accessLogCommitMs: summarize(logMs),
    baselinePlans: {
      oneWord: plain.candidatePlan(1),
      twoWords: plain.candidatePlan(2),
    },
    target: {
      p95Ms: SEARCH_P95_TARGET_MS,
      pass: [name, phone, nationalId].every((kind) => kind.target?.pass === true),
    },
  };
}
