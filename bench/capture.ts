/**
 * `npm run bench -- --only capture` (opt-in): the capture path — 20 ms frames → fsynced encrypted
 * journal → 30 s encrypted chunk files with their database rows — against a raw baseline measured
 * in the same run: the same bytes through plain AES-256-GCM, writes and fsyncs at the same cadence,
 * without the store (capture-child.ts has both). Each measurement runs in a fresh process
 * (capture-child.ts) so its memory figures are its own; store and raw alternate, and a third
 * contender ("feed") only makes and drops the frames: its CPU is the harness's (and, paced, the 50
 * wake-ups a second an audio port causes too), and "net" figures subtract it from both.
 *
 * - fast: N minutes of audio (default 10) fed as fast as possible (one yield per second of audio
 *   so timers run): the cost of the work itself, several runs each, medians reported.
 * - paced: M seconds (default 60) fed at real time, one 20 ms frame every 20 ms: what a
 *   consultation costs (journal fsync every second, a chunk every 30 s), one run each.
 *
 * Figures: CPU ms (process.cpuUsage, user + system) per minute of audio (and net of the feed), wall
 * time, peak RSS and
 * heap sampled every second of audio (and their rise over the baseline taken after set-up and a
 * GC), process.resourceUsage().maxRSS, bytes on disk; ratio store / raw.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureChildConfig, CaptureChildResult } from './capture-child';
import { generateSpeechAudio } from './speech-audio';
import { median, round } from './stats';
import { progress } from './util';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

export interface CaptureBenchOptions {
  /** Audio fed as fast as possible, in minutes (default 10). */
  readonly fastMinutes: number;
  /** Runs per contender in fast mode (default 3). */
  readonly fastRuns: number;
  /** Audio fed at real time, in seconds (default 60; 0 skips). */
  readonly pacedSeconds: number;
}

interface ContenderFigures {
  readonly runs: number;
  readonly audioSeconds: number;
  /** CPU (user + system) per minute of audio, ms (median of runs). */
  readonly cpuMsPerAudioMinute: number;
  readonly cpuUserMsPerAudioMinute: number;
  readonly cpuSystemMsPerAudioMinute: number;
  /** CPU as a share of one core over the wall time. */
  readonly cpuShareOfOneCore: number;
  readonly wallMs: number;
  readonly chunks: number;
  readonly journalFlushes: number | null;
  readonly bytesOnDisk: number;
  readonly peakRssMiB: number;
  readonly peakRssRiseMiB: number;
  readonly peakHeapUsedMiB: number;
  readonly peakHeapRiseMiB: number;
  readonly peakArrayBuffersRiseMiB: number;
  readonly maxRssMiB: number;
  readonly lateMs: CaptureChildResult['lateMs'];
  readonly perRun: { cpuMs: number; wallMs: number }[];
}

export interface CaptureModeReport {
  readonly mode: 'fast' | 'paced';
  readonly store: ContenderFigures;
  readonly raw: ContenderFigures;
  /** Frames made and dropped: the harness's own cost. */
  readonly feed: ContenderFigures;
  /** CPU ms per minute of audio minus the feed's. */
  readonly netCpuMsPerAudioMinute: { readonly store: number; readonly raw: number };
  readonly ratio: {
    readonly cpu: number;
    /** store / raw, each net of the feed. */
    readonly netCpu: number;
    readonly wall: number;
    readonly peakRssRise: number;
  };
  readonly loadAverage: { atStart: number[]; atEnd: number[] };
}

export interface CaptureReport {
  readonly config: CaptureBenchOptions & {
    frameSamples: number;
    chunkSeconds: number;
    flushIntervalMs: number;
  };
  readonly fast: CaptureModeReport;
  readonly paced: CaptureModeReport | null;
}

const load = () => os.loadavg().map((v) => round(v, 2));
const mib = (bytes: number) => round(bytes / MiB, 2);

function runChild(config: CaptureChildConfig): CaptureChildResult {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      path.join(BENCH_DIR, 'capture-child.ts'),
      JSON.stringify(config),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, cwd: path.resolve(BENCH_DIR, '..') },
  );
  if (child.status !== 0) {
    throw new Error(`capture-child failed (${child.status}): ${child.stderr.slice(-3000)}`);
  }
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as CaptureChildResult;
}

function figures(results: readonly CaptureChildResult[]): ContenderFigures {
  const first = results[0]!;
  const minutes = first.audioSeconds / 60;
  const cpu = results.map((r) => r.cpuUserMs + r.cpuSystemMs);
  const pick = (values: number[]) => median(values);
  return {
    runs: results.length,
    audioSeconds: first.audioSeconds,
    cpuMsPerAudioMinute: round(pick(cpu) / minutes, 1),
    cpuUserMsPerAudioMinute: round(pick(results.map((r) => r.cpuUserMs)) / minutes, 1),
    cpuSystemMsPerAudioMinute: round(pick(results.map((r) => r.cpuSystemMs)) / minutes, 1),
    cpuShareOfOneCore: round(pick(results.map((r) => (r.cpuUserMs + r.cpuSystemMs) / r.wallMs)), 4),
    wallMs: round(pick(results.map((r) => r.wallMs)), 1),
    chunks: first.chunks,
    journalFlushes: first.flushes,
    bytesOnDisk: first.bytesOnDisk,
    peakRssMiB: mib(Math.max(...results.map((r) => r.memory.peak.rss))),
    peakRssRiseMiB: mib(pick(results.map((r) => r.memory.peak.rss - r.memory.baseline.rss))),
    peakHeapUsedMiB: mib(Math.max(...results.map((r) => r.memory.peak.heapUsed))),
    peakHeapRiseMiB: mib(
      pick(results.map((r) => r.memory.peak.heapUsed - r.memory.baseline.heapUsed)),
    ),
    peakArrayBuffersRiseMiB: mib(
      pick(results.map((r) => r.memory.peak.arrayBuffers - r.memory.baseline.arrayBuffers)),
    ),
    maxRssMiB: mib(Math.max(...results.map((r) => r.memory.maxRssBytes))),
    lateMs: first.lateMs
      ? {
          p50: round(pick(results.map((r) => r.lateMs?.p50 ?? 0)), 2),
          max: round(Math.max(...results.map((r) => r.lateMs?.max ?? 0)), 2),
        }
      : null,
    perRun: results.map((r) => ({
      cpuMs: round(r.cpuUserMs + r.cpuSystemMs, 1),
      wallMs: round(r.wallMs, 1),
    })),
  };
}

function runMode(
  root: string,
  sourceWav: string,
  mode: 'fast' | 'paced',
  seconds: number,
  runs: number,
): CaptureModeReport {
  const atStart = load();
  const results: Record<'store' | 'raw' | 'none', CaptureChildResult[]> = {
    store: [],
    raw: [],
    none: [],
  };
  for (let run = 0; run < runs; run++) {
    const order =
      run % 2 === 0 ? (['store', 'raw', 'none'] as const) : (['none', 'raw', 'store'] as const);
    for (const contender of order) {
      const dataDir = path.join(root, `capture-${mode}-${contender}-${run}`);
      const result = runChild({
        contender,
        mode,
        seconds,
        dataDir,
        sourceWav,
        chunkSeconds: 30,
        flushIntervalMs: 1000,
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
      results[contender].push(result);
      progress(
        `capture ${mode} ${contender} run ${run + 1}/${runs}: ${Math.round(result.cpuUserMs + result.cpuSystemMs)} ms CPU, ${Math.round(result.wallMs)} ms wall for ${result.audioSeconds} s of audio`,
      );
    }
  }
  const store = figures(results.store);
  const raw = figures(results.raw);
  const feed = figures(results.none);
  const net = {
    store: round(store.cpuMsPerAudioMinute - feed.cpuMsPerAudioMinute, 1),
    raw: round(raw.cpuMsPerAudioMinute - feed.cpuMsPerAudioMinute, 1),
  };
  return {
    mode,
    store,
    raw,
    feed,
    netCpuMsPerAudioMinute: net,
    ratio: {
      cpu: round(store.cpuMsPerAudioMinute / raw.cpuMsPerAudioMinute, 2),
      netCpu: net.raw > 0 ? round(net.store / net.raw, 2) : Number.NaN,
      wall: round(store.wallMs / raw.wallMs, 2),
      peakRssRise:
        raw.peakRssRiseMiB > 0 ? round(store.peakRssRiseMiB / raw.peakRssRiseMiB, 2) : Number.NaN,
    },
    loadAverage: { atStart, atEnd: load() },
  };
}

export function benchCapture(root: string, options: CaptureBenchOptions): CaptureReport {
  progress('capture: generating the speech the frames are cut from');
  // About a minute of unique speech, looped by the child.
  const audio = generateSpeechAudio(path.join(root, 'capture-audio'), 60);
  const fast = runMode(root, audio.wavFile, 'fast', options.fastMinutes * 60, options.fastRuns);
  progress(
    `capture fast: store ${fast.store.cpuMsPerAudioMinute} ms CPU per audio minute, raw ${fast.raw.cpuMsPerAudioMinute}, feed ${fast.feed.cpuMsPerAudioMinute} (net ×${fast.ratio.netCpu})`,
  );
  let paced: CaptureModeReport | null = null;
  if (options.pacedSeconds > 0) {
    progress(`capture paced: ${options.pacedSeconds} s of audio at real time, store, raw, feed`);
    paced = runMode(root, audio.wavFile, 'paced', options.pacedSeconds, 1);
    progress(
      `capture paced: store ${paced.store.cpuMsPerAudioMinute} ms CPU per audio minute, raw ${paced.raw.cpuMsPerAudioMinute}, feed ${paced.feed.cpuMsPerAudioMinute} (net ×${paced.ratio.netCpu})`,
    );
  }
  return {
    config: { ...options, frameSamples: 320, chunkSeconds: 30, flushIntervalMs: 1000 },
    fast,
    paced,
  };
}
