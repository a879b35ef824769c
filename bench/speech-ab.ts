/**
 * `npx tsx bench/speech-ab.ts [--model tiny] [--seconds 120] [--pairs 5] [--threads 2]`: a small
 * interleaved A/B behind the speech benchmark (bench/speech.ts), for when the addon and whisper-cli
 * differ. Not part of `npm run bench`. On the same speech and weightless model, rounds of
 *   cli          whisper-cli -bs 1 -mc 0 on the WAV (greedy, no text carried between 30 s windows:
 *                the pipeline's work): its transcription time (total − load, whisper_print_timings)
 *   cliContext   whisper-cli -bs 1 (one whisper_full with the rolling context: addonWhole's work)
 *   addonWhole   our addon in this process, the whole PCM in one whisper_full (elapsedMs)
 *   addonChunks  our addon in this process, 30 s pieces one after the other (Σ elapsedMs): what
 *                the pipeline asks of whisper.cpp, without the chunk store and the engine process
 * in an order that rotates every round; medians of time and of CPU seconds (GNU time for the cli,
 * process.cpuUsage for the addon) and their ratios to the cli's. CPU time is the steadier figure
 * on a shared machine (and with --threads 1 it has no spin-waiting in it). Prints one JSON document.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  writeWeightlessModel,
  type WeightlessModelSize,
} from '../electron/engine/speech/testing/weightless-model';
import { createWhisperAddonEngine } from '../electron/engine/speech/whisper-addon';
import { runCli } from './speech';
import { generateSpeechAudio } from './speech-audio';
import { median, round } from './stats';
import { formatJson, progress } from './util';

const SAMPLE_RATE = 16_000;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** whisper-cli's transcription time (total − load, whisper_print_timings) and CPU seconds. */
async function cliCompute(binary: string, args: string[]): Promise<{ ms: number; cpu: number }> {
  const { stderr, cpuSeconds } = await runCli(binary, args);
  const total = /total time =\s+([\d.]+) ms/.exec(stderr);
  const load = /load time =\s+([\d.]+) ms/.exec(stderr);
  if (!total || !load) throw new Error(`whisper-cli printed no timings: ${stderr.slice(-1000)}`);
  return { ms: Number(total[1]) - Number(load[1]), cpu: cpuSeconds ?? Number.NaN };
}

/** An addon call's elapsedMs and the CPU seconds this process used meanwhile. */
async function addonCompute(run: () => Promise<number>): Promise<{ ms: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const ms = await run();
  const used = process.cpuUsage(cpu);
  return { ms, cpu: (used.user + used.system) / 1e6 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'tiny' },
      seconds: { type: 'string', default: '120' },
      pairs: { type: 'string', default: '5' },
      threads: { type: 'string', default: '2' },
    },
  });
  const size = values.model as WeightlessModelSize;
  const seconds = Number(values.seconds);
  const rounds = Number(values.pairs);
  const threads = Number(values.threads);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-speech-ab-'));
  try {
    spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build-whisper-cli.mjs')], {
      stdio: ['ignore', 2, 2],
    });
    const binary = path.join(REPO, '.native', 'whisper-cli', 'whisper-cli');
    const audio = generateSpeechAudio(path.join(root, 'audio'), seconds);
    const modelPath = path.join(root, `weightless-${size}.bin`);
    writeWeightlessModel(modelPath, size);
    const pcm = new Float32Array(audio.pcm.length);
    for (let i = 0; i < pcm.length; i++) pcm[i] = (audio.pcm[i] ?? 0) / 32768;
    const chunk = 30 * SAMPLE_RATE;
    const pieces: Float32Array[] = [];
    for (let at = 0; at < pcm.length; at += chunk) pieces.push(pcm.slice(at, at + chunk));

    const engine = createWhisperAddonEngine();
    const model = await engine.loadModel(modelPath);
    const options = { language: 'fa', threads };
    const contenders: Record<string, () => Promise<{ ms: number; cpu: number }>> = {
      cli: () =>
        cliCompute(binary, [
          '-t',
          String(threads),
          '-m',
          modelPath,
          '-f',
          audio.wavFile,
          '-l',
          'fa',
          '-bs',
          '1',
          '-mc',
          '0',
        ]),
      cliContext: () =>
        cliCompute(binary, [
          '-t',
          String(threads),
          '-m',
          modelPath,
          '-f',
          audio.wavFile,
          '-l',
          'fa',
          '-bs',
          '1',
        ]),
      addonWhole: () =>
        addonCompute(async () => (await model.transcribe(pcm, options).result).elapsedMs),
      addonChunks: () =>
        addonCompute(async () => {
          let total = 0;
          for (const piece of pieces) {
            total += (await model.transcribe(piece, options).result).elapsedMs;
          }
          return total;
        }),
    };
    const names = Object.keys(contenders);
    const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const cpuSamples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const loads: number[][] = [];
    for (let round_ = 0; round_ < rounds; round_++) {
      const order = names.map((_, i) => names[(i + round_) % names.length]!);
      loads.push(os.loadavg().map((v) => round(v, 2)));
      for (const name of order) {
        const { ms, cpu } = await contenders[name]!();
        samples[name]!.push(round(ms, 1));
        cpuSamples[name]!.push(round(cpu, 2));
        progress(
          `round ${round_ + 1}/${rounds} ${name}: ${(ms / 1000).toFixed(3)} s, CPU ${cpu.toFixed(2)} s`,
        );
      }
    }
    model.free();
    const medians = Object.fromEntries(names.map((n) => [n, round(median(samples[n]!) / 1000, 3)]));
    const cli = medians['cli']!;
    const cpuMedians = Object.fromEntries(names.map((n) => [n, round(median(cpuSamples[n]!), 2)]));
    const cliCpu = cpuMedians['cli']!;
    process.stdout.write(
      `${formatJson({
        model: size,
        audioSeconds: seconds,
        threads,
        rounds,
        loadAverageAtRoundStart: loads,
        samplesMs: samples,
        medianSeconds: medians,
        ratioToCli: Object.fromEntries(names.map((n) => [n, round(medians[n]! / cli, 3)])),
        cpuSeconds: cpuSamples,
        medianCpuSeconds: cpuMedians,
        cpuRatioToCli: Object.fromEntries(names.map((n) => [n, round(cpuMedians[n]! / cliCpu, 3)])),
      })}\n`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
