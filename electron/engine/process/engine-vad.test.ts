// Voice-activity detection in the real engine process: a child forked by Node (tsx), the real
// whisper.cpp addon, a weightless tiny whisper model and weightless Silero VAD models written by
// the test, espeak-ng speech. No mocks. Expect empty text: the whisper model has no weights.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../protocol/messages';
import { writeWeightlessModel } from '../speech/testing/weightless-model';
import { weightlessVadModel, writeWeightlessVadModel } from '../speech/testing/weightless-vad';
import {
  addWhiteNoise,
  coverage,
  PERSIAN_SHORT,
  place,
  requireTools,
  SAMPLE_RATE,
  speak,
  tone,
} from '../speech/vad/testing/test-audio';
import { EngineError, EngineHost } from './engine-host';
import { nodeProcessLauncher } from './node-launcher';

requireTools();

const THREADS = 2;
const ms = (samples: number) => Math.round((samples / SAMPLE_RATE) * 1000);

let dir: string;
let modelPath: string;
let vadSpeech: string;
let vadSilence: string;
let speech: Float32Array;
let host: EngineHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-engine-vad-'));
  modelPath = path.join(dir, 'weightless-tiny.bin');
  writeWeightlessModel(modelPath, 'tiny');
  vadSpeech = path.join(dir, 'vad-speech.bin');
  writeWeightlessVadModel(vadSpeech, { verdict: 'speech' });
  vadSilence = path.join(dir, 'vad-silence.bin');
  writeWeightlessVadModel(vadSilence, { verdict: 'silence' });
  speech = await speak(PERSIAN_SHORT, 'fa');
  host = new EngineHost({
    launcher: nodeProcessLauncher(),
    restart: { backoffMs: 50 },
    heartbeat: false,
  });
  const ready = await host.start();
  expect(ready.engines.speech.available).toBe(true);
  await host.request('speech.load', { modelPath });
});

afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('energy VAD in the engine', () => {
  it('skips a silent chunk without running whisper', async () => {
    const pcm = addWhiteNoise(new Float32Array(20 * SAMPLE_RATE), -60);
    const off = await host.request('speech.transcribe', {
      modelPath,
      pcm,
      threads: THREADS,
      vad: { mode: 'off' },
    });
    expect(off).toMatchObject({
      aborted: false,
      audioMs: 20_000,
      vadMode: 'off',
      skipped: false,
      transcribedMs: 20_000,
    });
    expect(off.voicedMs).toBeUndefined();

    const events: EngineEvent[] = [];
    const started = performance.now();
    const skipped = await host.request(
      'speech.transcribe',
      { modelPath, pcm, threads: THREADS, vad: { mode: 'energy' } },
      { onEvent: (event) => events.push(event) },
    );
    const wall = performance.now() - started;
    expect(skipped).toEqual({
      aborted: false,
      segments: [],
      text: '',
      language: 'fa',
      elapsedMs: skipped.elapsedMs,
      audioMs: 20_000,
      vadMode: 'energy',
      voicedMs: 0,
      voicedRegions: [],
      skipped: true,
      transcribedMs: 0,
    });
    // No progress events: whisper never ran.
    expect(events).toEqual([]);
    expect(skipped.elapsedMs).toBeLessThan(100);
    expect(skipped.elapsedMs * 10).toBeLessThan(off.elapsedMs);
    console.log(
      `[engine-vad] 20 s of low noise: skipped in ${skipped.elapsedMs.toFixed(1)} ms in the engine ` +
        `(${Math.round(wall)} ms round trip) vs ${Math.round(off.elapsedMs)} ms of whisper with VAD off`,
    );

    // Nothing to transcribe, so the model is not even loaded.
    const unloaded = await host.request('speech.transcribe', {
      modelPath: path.join(dir, 'not-loaded.bin'),
      pcm,
      language: 'auto',
      vad: { mode: 'energy' },
    });
    expect(unloaded).toMatchObject({ skipped: true, language: '', voicedMs: 0 });
  });

  it('gives whisper only the voiced audio of 3 s of speech in 20 s of silence', async () => {
    const audio = place(20, [{ at: 8, pcm: speech }]);
    addWhiteNoise(audio.pcm, -55);
    const speechMs = ms(speech.length);
    const events: EngineEvent[] = [];
    const result = await host.request(
      'speech.transcribe',
      { modelPath, pcm: audio.pcm, threads: THREADS, vad: { mode: 'energy' } },
      { onEvent: (event) => events.push(event) },
    );
    expect(result).toMatchObject({ aborted: false, audioMs: 20_000, vadMode: 'energy' });
    expect(result.skipped).toBe(false);
    // The speech plus 250 ms of padding on each side (and up to a 30 ms frame of rounding).
    expect(result.voicedMs).toBeGreaterThanOrEqual(speechMs + 400);
    expect(result.voicedMs).toBeLessThanOrEqual(speechMs + 500 + 60);
    // whisper got exactly the voiced audio, not the 20 s.
    expect(result.transcribedMs).toBe(result.voicedMs);
    expect(events.some((event) => event.kind === 'progress')).toBe(true);
    // The regions are on the chunk's timeline and hold the speech.
    const regions = result.voicedRegions!.map((r) => ({
      start: (r.t0 * SAMPLE_RATE) / 1000,
      end: (r.t1 * SAMPLE_RATE) / 1000,
    }));
    const { speechKept, silenceSkipped } = coverage(audio.pcm.length, audio.speech, regions);
    expect(speechKept).toBeGreaterThanOrEqual(0.99);
    expect(silenceSkipped).toBeGreaterThanOrEqual(0.9);
    // Any segment (the weightless model rarely writes one) lies within the voiced regions.
    for (const segment of result.segments) {
      expect(
        result.voicedRegions!.some((r) => segment.t0 >= r.t0 && segment.t1 <= r.t1),
        JSON.stringify(segment),
      ).toBe(true);
    }
    console.log(
      `[engine-vad] ${speechMs} ms of speech in 20 s: voiced ${result.voicedMs} ms, whisper got ` +
        `${result.transcribedMs} ms, regions ${JSON.stringify(result.voicedRegions)}, ` +
        `${Math.round(result.elapsedMs)} ms in the engine, speech kept ${(100 * speechKept).toFixed(1)} %, ` +
        `silence skipped ${(100 * silenceSkipped).toFixed(1)} %`,
    );
  });
});

// whisper.cpp 1.9.1 runs the VAD network with 4 threads whatever `threads` says, with a new thread
// pool for every 32 ms window; on a busy 2-core machine that costs 0.2 s or more per window, so the
// audio here is short (whisper needs 1 s of it) and the timeout long.
describe(
  'whisper.cpp’s Silero VAD in the engine (weightless VAD models)',
  { timeout: 240_000 },
  () => {
    it('runs the VAD, then whisper on what it kept, and aborts once whisper runs', async () => {
      // All speech to this VAD: whisper starts on its output (its progress events), and is aborted.
      const pcm = tone(1.05, 300, -20);
      const controller = new AbortController();
      let abortedAt = 0;
      const started = performance.now();
      const aborted = await host.request(
        'speech.transcribe',
        { modelPath, pcm, threads: THREADS, vad: { mode: 'silero', modelPath: vadSpeech } },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.kind === 'progress' && !abortedAt) {
              abortedAt = performance.now();
              controller.abort();
            }
          },
        },
      );
      expect(abortedAt).toBeGreaterThan(0);
      expect(aborted).toMatchObject({ aborted: true, audioMs: 1050, vadMode: 'silero' });
      expect(performance.now() - abortedAt).toBeLessThan(1000);
      console.log(
        `[engine-vad] silero (weightless, all speech), 1.05 s: whisper started after ` +
          `${Math.round(abortedAt - started)} ms (the VAD), aborted ` +
          `${Math.round(performance.now() - abortedAt)} ms after the cancel`,
      );
    });

    it('completes with nothing when the VAD hears no speech, and takes a new VAD file', async () => {
      // The model above has loaded vadSpeech; whisper.cpp would keep it, so the engine reloads.
      const events: EngineEvent[] = [];
      const result = await host.request(
        'speech.transcribe',
        {
          modelPath,
          pcm: tone(0.1, 300, -20),
          threads: THREADS,
          vad: { mode: 'silero', modelPath: vadSilence },
        },
        { onEvent: (event) => events.push(event) },
      );
      expect(result).toMatchObject({
        aborted: false,
        segments: [],
        text: '',
        audioMs: 100,
        vadMode: 'silero',
        skipped: false,
        transcribedMs: 100,
      });
      // Nothing voiced: whisper.cpp returns before decoding.
      expect(events.filter((event) => event.kind === 'segment')).toEqual([]);
    });

    it('refuses a missing or corrupt VAD model with a clear error, and the engine lives on', async () => {
      const pid = host.pid;
      const failure = async (vadModelPath: string) => {
        try {
          await host.request('speech.transcribe', {
            modelPath,
            pcm: tone(1),
            vad: { mode: 'silero', modelPath: vadModelPath },
          });
        } catch (error) {
          expect(error).toBeInstanceOf(EngineError);
          expect((error as EngineError).code).toBe('model_load_failed');
          return (error as Error).message;
        }
        throw new Error(`${vadModelPath} was accepted`);
      };
      expect(await failure(path.join(dir, 'no-such-vad.bin'))).toMatch(
        /cannot open the VAD model: ENOENT/,
      );
      const cut = path.join(dir, 'cut-vad.bin');
      fs.writeFileSync(cut, weightlessVadModel().subarray(0, 300_000));
      expect(await failure(cut)).toMatch(/not a usable Silero VAD model: truncated/);
      // whisper.cpp would build its graph with these and abort the process in a ggml assertion.
      const otherWindow = Buffer.from(weightlessVadModel());
      otherWindow.writeInt32LE(256, 30); // n_window
      const window = path.join(dir, 'window-vad.bin');
      fs.writeFileSync(window, otherWindow);
      expect(await failure(window)).toMatch(/n_window is 256, expected 512/);
      const whisperModel = await failure(modelPath);
      expect(whisperModel).toMatch(/not a usable Silero VAD model/);
      // The older form without `mode` is Silero too, checked the same way.
      await expect(
        host.request('speech.transcribe', {
          modelPath,
          pcm: tone(1),
          vad: { modelPath: cut },
        }),
      ).rejects.toMatchObject({ code: 'model_load_failed' });
      expect((await host.ping()).pid).toBe(pid);
    });
  },
);
