/**
 * `npm run bench` — performance benchmarks of the encrypted patient registry against the issue's
 * targets. Prints ONE JSON document on stdout (progress goes to stderr) and writes the same to
 * .bench/results-<timestamp>.json.
 *
 *   --quick          10 000 patients (smoke run)
 *   --patients N     registry size (default 100 000)
 *   --only LIST      comma-separated subset of: insert,search,cold-open (default: all)
 *   --seed N         dataset seed (default 1405)
 *
 * Everything runs on real code paths with real keys in a temporary folder under os.tmpdir(),
 * removed at the end. Nothing here is a test: no assertion on timings, vitest never loads it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClinicDatabase } from '../electron/core/db/database';
import type { TestClinic } from '../electron/core/testing/fixtures';
import {
  benchColdOpen,
  benchPreMigrationBackup,
  type BackupCopyReport,
  type ColdOpenReport,
} from './cold-open';
import { generateDataset } from './dataset';
import {
  benchRepositoryInsert,
  buildServiceDatabase,
  insertReport,
  type InsertReport,
} from './insert';
import { metadata } from './meta';
import { benchSearch, type SearchReport } from './search';
import { round } from './stats';
import { formatJson, progress, timed } from './util';

const BENCHMARKS = ['insert', 'search', 'cold-open'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

interface TargetLine {
  readonly benchmark: string;
  readonly figure: string;
  readonly value: number;
  readonly target: string;
  readonly pass: boolean;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      patients: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string', default: '1405' },
    },
    strict: true,
  });
  const patients = values.patients ? Number(values.patients) : values.quick ? 10_000 : 100_000;
  if (!Number.isInteger(patients) || patients < 1000) {
    throw new Error('--patients must be an integer of at least 1000');
  }
  const only = (values.only ?? BENCHMARKS.join(',')).split(',').map((name) => name.trim());
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) {
      throw new Error(`unknown benchmark in --only: ${name} (known: ${BENCHMARKS.join(', ')})`);
    }
  }
  return {
    quick: values.quick,
    patients,
    only: new Set(only as Benchmark[]),
    seed: Number(values.seed),
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = performance.now();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-bench-'));
  const cleanUp = () => fs.rmSync(root, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });

  const counts = { name: 1000, phone: 600, nationalId: 600, warmup: 100 };
  const coldRuns = options.quick ? 3 : 5;
  const backupRuns = 3;
  let clinic: TestClinic | null = null;
  let plainDb: ClinicDatabase | null = null;
  try {
    const meta = metadata(path.join(root, 'meta.db'));
    const loadAtStart = os.loadavg().map((v) => round(v, 2));
    progress(
      `${options.patients} patients, benchmarks: ${[...options.only].join(', ')}, scratch ${root}`,
    );

    const { value: dataset, ms: generationMs } = timed(() =>
      generateDataset(options.patients, options.seed),
    );
    progress(`dataset generated in ${Math.round(generationMs)} ms`);

    progress('building the registry through patients.importMany (service path)');
    const serviceDir = path.join(root, 'clinic');
    const built = await buildServiceDatabase(serviceDir, dataset);
    clinic = built.clinic;
    progress(
      `service path: ${built.figures.rows} patients in ${(built.figures.totalMs / 1000).toFixed(1)} s (${built.figures.rowsPerSecond}/s)`,
    );

    let insert: InsertReport | null = null;
    if (options.only.has('insert') || options.only.has('search')) {
      const run = await benchRepositoryInsert(root, dataset, {
        encrypted: options.only.has('insert'),
      });
      plainDb = run.plainSearchDb;
      if (run.encrypted && run.plaintext) {
        insert = insertReport(
          { ...run, encrypted: run.encrypted, plaintext: run.plaintext },
          built.figures,
        );
        progress(
          `repository insert: encrypted ${Math.round(run.encrypted.totalMs)} ms, plaintext ${Math.round(run.plaintext.totalMs)} ms, ratio ${insert.repository.ratio} (median of batches ${insert.repository.ratioMedianOfBatches})`,
        );
      }
    }

    let search: SearchReport | null = null;
    if (options.only.has('search') && plainDb) {
      search = benchSearch(clinic, plainDb, dataset, counts);
      progress(
        `search p95: name ${search.name.oursMs.p95} ms, phone ${search.phone.oursMs.p95} ms, national ID ${search.nationalId.oursMs.p95} ms`,
      );
    }
    plainDb?.close();
    plainDb = null;

    const databaseFile = clinic.core.paths.database;
    clinic.core.close();
    clinic = null;

    let coldOpen: ColdOpenReport | null = null;
    let backup: BackupCopyReport | null = null;
    if (options.only.has('cold-open')) {
      backup = benchPreMigrationBackup(databaseFile, root, backupRuns);
      coldOpen = benchColdOpen(serviceDir, databaseFile, coldRuns);
    }

    const targets: TargetLine[] = [];
    if (search) {
      for (const [label, kind] of [
        ['name prefix', search.name],
        ['phone', search.phone],
        ['national ID', search.nationalId],
      ] as const) {
        targets.push({
          benchmark: `search (${label})`,
          figure: 'p95 ms, services.patients.search incl. access-log commit',
          value: kind.oursMs.p95,
          target: `<= ${search.target.p95Ms} ms`,
          pass: kind.target?.pass ?? false,
        });
      }
    }
    if (insert) {
      targets.push({
        benchmark: 'insert (repository level)',
        figure: 'encrypted / plaintext wall time, same rows',
        value: insert.repository.ratio,
        target: `<= ${insert.repository.target}x`,
        pass: insert.repository.pass,
      });
    }
    if (coldOpen) {
      targets.push({
        benchmark: 'cold open + migrate + unlock',
        figure: 'median openMigrateUnlockExcludingKdfMs',
        value: coldOpen.median.openMigrateUnlockExcludingKdfMs,
        target: `<= ${coldOpen.target.ms} ms`,
        pass: coldOpen.target.pass,
      });
    }

    const document = {
      meta: {
        ...meta,
        patients: options.patients,
        quick: options.quick,
        seed: options.seed,
        loadAverage: {
          note:
            'os.loadavg() 1/5/15 min. The machine may be shared (other test runs); contenders that are ' +
            'compared are interleaved so such load hits them alike.',
          atStart: loadAtStart,
          atEnd: os.loadavg().map((v) => round(v, 2)),
        },
      },
      config: {
        benchmarks: [...options.only],
        searchQueries: counts,
        coldOpenRuns: coldRuns,
        backupCopyRuns: backupRuns,
      },
      targets,
      allTargetsPass: targets.every((line) => line.pass),
      dataset: { ...dataset.stats, seed: dataset.seed, generationMs: round(generationMs, 1) },
      serviceBuild: built.figures,
      search,
      insert,
      coldOpen,
      preMigrationBackup: backup,
      totalRunSeconds: round((performance.now() - startedAt) / 1000, 1),
    };
    const json = formatJson(document);
    const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.bench');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `results-${meta.date.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(outFile, `${json}\n`);
    process.stdout.write(`${json}\n`);
    progress(`written to ${outFile}`);
  } finally {
    plainDb?.close();
    clinic?.core.close();
    cleanUp();
  }
}

await main();
