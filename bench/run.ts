/**
 * `npm run bench` — performance benchmarks of the encrypted patient registry against the issue's
 * targets. Prints ONE JSON document on stdout (progress goes to stderr) and writes the same to
 * .bench/results-<timestamp>.json.
 *
 *   --quick          10 000 patients, 50 000 visits, fewer samples (smoke run)
 *   --patients N     registry size (default 100 000)
 *   --only LIST      comma-separated subset of: insert,search,cold-open,scheduling,speech,capture,pdf,
 *                    extractors (default: all but speech and capture, which are opt-in)
 *   --seed N         dataset seed (default 1405)
 *
 * Scheduling (its own clinic, built after the registry benchmarks are done):
 *   --visits N                 visits over the calendar (default 500 000; --quick 50 000)
 *   --doctors N                doctors (default 20)
 *   --scheduling-patients N    patient pool the visits are booked for (default 30 000;
 *                              --quick 10 000)
 *   --years N                  length of the calendar, half before "now" (default 5)
 *
 * Speech (opt-in, `--only speech`, ~15 min on the 2-core VM; bench/speech.ts): our pipeline (chunk
 * store + engine process) against whisper.cpp's own whisper-cli built from the same source with the
 * same flags (scripts/build-whisper-cli.mjs, run by the benchmark), and the @fugood/whisper.node
 * fallback; needs espeak-ng and ffmpeg.
 *   --speech-models LIST       weightless models (default tiny,base,small)
 *   --speech-seconds N         audio for the comparison (default 600)
 *   --speech-threads N         whisper threads (default 2)
 *   --fallback-seconds N       audio for the fallback comparison (default 60; 0 skips it)
 *   --speech-rounds N          rounds of every contender per model, median reported (default 1)
 *   --speech-matched-only      skip the whisper-cli runs with rolling context and with its
 *                              default decoding (5 beams); keep ours, the matched whisper-cli
 *                              (-bs 1 -mc 0) and the addon in-process
 *
 * Capture (opt-in, `--only capture`, ~3 min; bench/capture.ts): frames → journal → encrypted
 * chunks, CPU per minute of audio and peak memory, against a raw AES-GCM + fsync baseline.
 *   --capture-minutes N        audio fed as fast as possible (default 10)
 *   --capture-runs N           runs per contender of that (default 3)
 *   --capture-paced-seconds N  audio fed at real time (default 60; 0 skips it)
 *
 * PDF report (bench/pdf.ts, ~10 s): a 3-page visit report through renderReportPdf (bidi layer +
 * pdfmake) against stock pdfmake on the same document, alternating, medians after warm-up.
 *   --pdf-runs N               timed runs per contender (default 20)
 *
 * Extractors (bench/extractors.ts, seconds): extractor draft + evidence check + checklist on a
 * generated 60-minute transcript (~900 segments), median of runs; target <= 100 ms.
 *
 * LLM drafting (opt-in, `--only llm`, ~4 min; bench/llm.ts): a random-weight Q4_0 model of Llama
 * 3.2 1B shapes (~0.8 GB, written to the scratch folder), the drafting prompt and grammar through
 * the engine process against raw node-llama-cpp in this process; target tokens/s ratio >= 0.90.
 *   --llm-runs N               runs per contender, medians reported (default 5)
 *   --llm-max-tokens N         tokens generated per run, the same for both (default 96)
 *   --llm-threads N            threads (default 2)
 *   --llm-full-draft           also time one whole draftWithLlm on the transcript
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
import {
  benchScheduling,
  SCHEDULING_TARGETS,
  schedulingCounts,
  type SchedulingReport,
} from './scheduling';
import { benchSearch, type SearchReport } from './search';
import { benchSpeech, SPEECH_TARGET_RATIO, type SpeechReport } from './speech';
import { benchCapture, type CaptureReport } from './capture';
import { benchPdf, PDF_TARGET_MS, type PdfReport } from './pdf';
import { benchLlm, LLM_TARGET_RATIO, type LlmReport } from './llm';
import { benchExtractors, EXTRACTORS_TARGET_MS, type ExtractorsReport } from './extractors';
import type { WeightlessModelSize } from '../electron/engine/speech/testing/weightless-model';
import { round } from './stats';
import { formatJson, progress, timed } from './util';

const BENCHMARKS = [
  'insert',
  'search',
  'cold-open',
  'scheduling',
  'speech',
  'capture',
  'pdf',
  'llm',
  'extractors',
] as const;
/** Run only when named in --only (they take minutes and need native tools). */
const OPT_IN_BENCHMARKS: readonly Benchmark[] = ['speech', 'capture', 'llm'];
const SPEECH_MODELS: readonly WeightlessModelSize[] = ['tiny', 'base', 'small'];
/** The benchmarks that need the patient registry built through patients.importMany. */
const REGISTRY_BENCHMARKS: readonly Benchmark[] = ['insert', 'search', 'cold-open'];
type Benchmark = (typeof BENCHMARKS)[number];
const BENCH_OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.bench');

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
      visits: { type: 'string' },
      doctors: { type: 'string', default: '20' },
      'scheduling-patients': { type: 'string' },
      years: { type: 'string', default: '5' },
      'speech-models': { type: 'string', default: SPEECH_MODELS.join(',') },
      'speech-seconds': { type: 'string', default: '600' },
      'speech-threads': { type: 'string', default: '2' },
      'fallback-seconds': { type: 'string', default: '60' },
      'speech-matched-only': { type: 'boolean', default: false },
      'speech-rounds': { type: 'string', default: '1' },
      'capture-minutes': { type: 'string', default: '10' },
      'capture-runs': { type: 'string', default: '3' },
      'capture-paced-seconds': { type: 'string', default: '60' },
      'pdf-runs': { type: 'string', default: '20' },
      'llm-runs': { type: 'string', default: '5' },
      'llm-max-tokens': { type: 'string', default: '96' },
      'llm-threads': { type: 'string', default: '2' },
      'llm-full-draft': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const patients = values.patients ? Number(values.patients) : values.quick ? 10_000 : 100_000;
  if (!Number.isInteger(patients) || patients < 1000) {
    throw new Error('--patients must be an integer of at least 1000');
  }
  const only = (
    values.only ?? BENCHMARKS.filter((name) => !OPT_IN_BENCHMARKS.includes(name)).join(',')
  )
    .split(',')
    .map((name) => name.trim());
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) {
      throw new Error(`unknown benchmark in --only: ${name} (known: ${BENCHMARKS.join(', ')})`);
    }
  }
  const integer = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const scheduling = {
    visits: integer('visits', values.visits ?? (values.quick ? '50000' : '500000'), 1000, 5e6),
    doctors: integer('doctors', values.doctors, 2, 200),
    patients: integer(
      'scheduling-patients',
      values['scheduling-patients'] ?? (values.quick ? '10000' : '30000'),
      1000,
      1e6,
    ),
    years: integer('years', values.years, 1, 20),
  };
  const speechModels = values['speech-models'].split(',').map((name) => name.trim());
  for (const name of speechModels) {
    if (!(SPEECH_MODELS as readonly string[]).includes(name)) {
      throw new Error(
        `unknown model in --speech-models: ${name} (known: ${SPEECH_MODELS.join(', ')})`,
      );
    }
  }
  const speech = {
    models: speechModels as WeightlessModelSize[],
    seconds: integer('speech-seconds', values['speech-seconds'], 30, 7200),
    threads: integer('speech-threads', values['speech-threads'], 1, 64),
    fallbackSeconds: integer('fallback-seconds', values['fallback-seconds'], 0, 3600),
    cliDefault: !values['speech-matched-only'],
    rounds: integer('speech-rounds', values['speech-rounds'], 1, 20),
  };
  const capture = {
    fastMinutes: integer('capture-minutes', values['capture-minutes'], 1, 600),
    fastRuns: integer('capture-runs', values['capture-runs'], 1, 20),
    pacedSeconds: integer('capture-paced-seconds', values['capture-paced-seconds'], 0, 3600),
  };
  const pdf = { runs: integer('pdf-runs', values['pdf-runs'], 1, 1000), warmup: 3 };
  const llm = {
    runs: integer('llm-runs', values['llm-runs'], 1, 50),
    maxTokens: integer('llm-max-tokens', values['llm-max-tokens'], 2, 4096),
    threads: integer('llm-threads', values['llm-threads'], 1, 64),
    contextSize: 8192,
    segments: 24,
    fullDraft: values['llm-full-draft'],
  };
  return {
    quick: values.quick,
    patients,
    only: new Set(only as Benchmark[]),
    seed: Number(values.seed),
    scheduling,
    speech,
    capture,
    pdf,
    llm,
  };
}

interface RegistryRun {
  readonly dataset: ReturnType<typeof generateDataset>;
  readonly generationMs: number;
  readonly serviceBuild: Awaited<ReturnType<typeof buildServiceDatabase>>['figures'];
  readonly insert: InsertReport | null;
  readonly search: SearchReport | null;
  readonly coldOpen: ColdOpenReport | null;
  readonly backup: BackupCopyReport | null;
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
  // A long run (speech) stopped from outside: its scratch folder (models, audio) goes too.
  process.once('SIGTERM', () => {
    cleanUp();
    process.exit(143);
  });

  const counts = { name: 1000, phone: 600, nationalId: 600, warmup: 100 };
  const coldRuns = options.quick ? 3 : 5;
  const backupRuns = 3;
  const sched = schedulingCounts(options.quick);
  const needsRegistry = REGISTRY_BENCHMARKS.some((name) => options.only.has(name));
  let clinic: TestClinic | null = null;
  let plainDb: ClinicDatabase | null = null;
  try {
    const meta = metadata(path.join(root, 'meta.db'));
    const loadAtStart = os.loadavg().map((v) => round(v, 2));
    progress(
      `${needsRegistry ? `${options.patients} patients, ` : ''}benchmarks: ${[...options.only].join(', ')}, scratch ${root}`,
    );

    let registry: RegistryRun | null = null;
    if (needsRegistry) {
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
      // The registry's files are not needed any more: free the disk before the scheduling build.
      fs.rmSync(serviceDir, { recursive: true, force: true });
      registry = {
        dataset,
        generationMs,
        serviceBuild: built.figures,
        insert,
        search,
        coldOpen,
        backup,
      };
    }

    let scheduling: SchedulingReport | null = null;
    if (options.only.has('scheduling')) {
      scheduling = await benchScheduling(root, {
        ...options.scheduling,
        seed: options.seed,
        counts: sched,
      });
      progress(
        `scheduling p95: conflict (book refused) ${scheduling.conflict.bookRefused.oursMs.p95} ms, day view ${scheduling.dayView.oursMs.p95} ms, free slots (week) ${scheduling.freeSlots.oursMs.p95} ms`,
      );
    }

    let speech: SpeechReport | null = null;
    if (options.only.has('speech')) {
      // Figures so far, after each model: a run cut short still leaves them in .bench/.
      const partialFile = path.join(
        BENCH_OUT_DIR,
        `speech-partial-${meta.date.replace(/[:.]/g, '-')}.json`,
      );
      speech = await benchSpeech(root, options.speech, (partial) => {
        fs.mkdirSync(BENCH_OUT_DIR, { recursive: true });
        fs.writeFileSync(
          partialFile,
          `${formatJson({ meta, loadAverage: os.loadavg(), config: options.speech, ...partial })}\n`,
        );
      });
      progress(
        `speech ratio ours/whisper-cli: ${speech.models.map((m) => `${m.model} ${m.ratio.oursVsCli}`).join(', ')}`,
      );
    }

    let capture: CaptureReport | null = null;
    if (options.only.has('capture')) {
      capture = benchCapture(root, options.capture);
    }

    let pdf: PdfReport | null = null;
    if (options.only.has('pdf')) {
      pdf = await benchPdf(options.pdf);
    }

    let extractors: ExtractorsReport | null = null;
    if (options.only.has('extractors')) {
      extractors = benchExtractors({
        seed: options.seed,
        minutes: 60,
        runs: options.quick ? 5 : 15,
      });
      progress(
        `extractors + evidence check + checklist (60 min): median ${extractors.coldMs.total.p50} ms cold, ${extractors.warmTotalMs.p50} ms warm`,
      );
    }

    let llm: LlmReport | null = null;
    if (options.only.has('llm')) {
      llm = await benchLlm(root, options.llm);
      progress(
        `llm ours/raw tokens/s: prompt ${llm.ratio.promptTokensPerSecond}, generated ${llm.ratio.generatedTokensPerSecond}`,
      );
    }

    const { search, insert, coldOpen, backup } = registry ?? {};
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
    if (scheduling) {
      const visits = `${scheduling.dataset.visits} visits`;
      targets.push(
        {
          benchmark: 'scheduling: conflict check',
          figure: `p95 ms, services.visits.book refused for a conflict (whole public path, rolled back), ${visits}`,
          value: scheduling.conflict.bookRefused.oursMs.p95,
          target: `<= ${SCHEDULING_TARGETS.conflictP95Ms} ms`,
          pass: scheduling.conflict.target.pass,
        },
        {
          benchmark: 'scheduling: day view load',
          figure: `p95 ms, services.calendar.day incl. decryption and access-log commit, ${visits}`,
          value: scheduling.dayView.oursMs.p95,
          target: `<= ${SCHEDULING_TARGETS.dayViewP95Ms} ms`,
          pass: scheduling.dayView.target.pass,
        },
        {
          benchmark: 'scheduling: free-slot search (week)',
          figure: `p95 ms (issue gives no percentile), services.calendar.freeSlots 7 days x 20 min, ${visits}`,
          value: scheduling.freeSlots.oursMs.p95,
          target: `<= ${SCHEDULING_TARGETS.freeSlotsWeekP95Ms} ms`,
          pass: scheduling.freeSlots.target.pass,
        },
      );
    }

    for (const model of speech?.models ?? []) {
      targets.push({
        benchmark: `speech: ${model.model} model, ${model.audioSeconds} s`,
        figure:
          'ours (chunk store + engine process, model load included) / whisper-cli -bs 1 -mc 0 wall time: same source, build flags, audio, decoding, threads',
        value: model.ratio.oursVsCli,
        target: `<= ${SPEECH_TARGET_RATIO}`,
        pass: model.target.pass,
      });
    }
    if (pdf) {
      targets.push({
        benchmark: `pdf: ${pdf.document.pages}-page visit report`,
        figure: `p50 ms, renderReportPdf (bidi layer + pdfmake); stock pdfmake ratio ${pdf.ratio}`,
        value: pdf.oursMs.p50,
        target: `<= ${PDF_TARGET_MS} ms`,
        pass: pdf.target.pass,
      });
    }

    if (extractors) {
      targets.push({
        benchmark: 'extractors + evidence check + checklist',
        figure: `median ms, ${extractors.transcript.segments}-segment 60-minute transcript, caches cleared each run`,
        value: extractors.coldMs.total.p50,
        target: `<= ${EXTRACTORS_TARGET_MS} ms`,
        pass: extractors.target.pass,
      });
    }

    if (llm) {
      for (const [label, key] of [
        ['prompt', 'promptTokensPerSecond'],
        ['generated', 'generatedTokensPerSecond'],
      ] as const) {
        targets.push({
          benchmark: `llm drafting: ${label} tokens/s`,
          figure: `ours (engine process + protocol + grammar) / raw node-llama-cpp, median of ${llm.config.runs}, ${llm.model.name}`,
          value: llm.ratio[key],
          target: `>= ${LLM_TARGET_RATIO}`,
          pass: llm.ratio[key] >= LLM_TARGET_RATIO,
        });
      }
    }

    const document = {
      meta: {
        ...meta,
        patients: registry ? options.patients : null,
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
        ...(registry
          ? { searchQueries: counts, coldOpenRuns: coldRuns, backupCopyRuns: backupRuns }
          : {}),
        ...(scheduling ? { scheduling: { ...options.scheduling, samples: sched } } : {}),
        ...(speech ? { speech: options.speech } : {}),
        ...(capture ? { capture: options.capture } : {}),
        ...(pdf ? { pdf: options.pdf } : {}),
        ...(llm ? { llm: options.llm } : {}),
        ...(extractors ? { extractors: { minutes: 60, runs: extractors.runs } } : {}),
      },
      targets,
      allTargetsPass: targets.every((line) => line.pass),
      dataset: registry
        ? {
            ...registry.dataset.stats,
            seed: registry.dataset.seed,
            generationMs: round(registry.generationMs, 1),
          }
        : null,
      serviceBuild: registry?.serviceBuild ?? null,
      search: search ?? null,
      insert: insert ?? null,
      coldOpen: coldOpen ?? null,
      preMigrationBackup: backup ?? null,
      scheduling,
      speech,
      capture,
      pdf,
      extractors,
      llm,
      totalRunSeconds: round((performance.now() - startedAt) / 1000, 1),
    };
    const json = formatJson(document);
    const outDir = BENCH_OUT_DIR;
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
