// The slow fallback for real: the prebuilt @fugood/node-whisper-<platform>-<arch> binary (an
// optional dependency) on a weightless tiny model the test writes. Expect empty text (no weights).
// The prebuilt is ~30× slower than the addon (a 30 s window of tiny takes ~12 s here), so the test
// runs whisper.cpp twice only: once aborted mid-run, once to the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FALLBACK_ENGINE,
  createFugoodWhisperEngine,
  inspectWhisperModel,
  isSlowFallback,
} from './fugood-whisper';
import { SpeechEngineError, type SpeechModel, type SpeechSegment } from './speech-engine';
import { weightlessModelBytes, writeWeightlessModel } from './testing/weightless-model';

const SAMPLE_RATE = 16_000;

function tone(seconds: number, frequency = 440, amplitude = 0.1): Float32Array {
  const pcm = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < pcm.length; i++) {
    pcm[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE);
  }
  return pcm;
}

async function loadError(promise: Promise<unknown>): Promise<SpeechEngineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpeechEngineError) return error;
    throw error;
  }
  throw new Error('expected the load to fail');
}

const engine = createFugoodWhisperEngine();
let dir: string;
let tinyPath: string;
let model: SpeechModel | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-fallback-'));
  tinyPath = path.join(dir, 'weightless-tiny.bin');
  writeWeightlessModel(tinyPath, 'tiny');
});

afterAll(() => {
  // Frees once the native call has returned (the prebuilt cannot be interrupted).
  model?.free();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('@fugood/whisper.node fallback', () => {
  it('is available, names itself and is marked as the slow fallback', () => {
    const { availability } = engine;
    if (!availability.available) throw new Error(`fallback unavailable: ${availability.reason}`);
    expect(availability.engine).toBe(FALLBACK_ENGINE);
    expect(availability.engine).toMatch(/@fugood\/whisper\.node .*slow fallback/);
    expect(availability).toMatchObject({ fallback: true, warning: 'slow' });
    expect(isSlowFallback(availability)).toBe(true);
    expect(fs.existsSync(availability.binding)).toBe(true);
  });

  it('refuses a missing, empty, truncated, foreign or GGUF model with MODEL_LOAD_FAILED', async () => {
    const bytes = weightlessModelBytes('tiny');
    const write = (name: string, content: Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };
    const cases: [string, string, RegExp][] = [
      ['missing', path.join(dir, 'nope.bin'), /cannot open the model file/],
      ['empty', write('empty.bin', Buffer.alloc(0)), /empty or too short/],
      ['header only', write('header.bin', bytes.subarray(0, 30)), /truncated or corrupt/],
      ['half', write('half.bin', bytes.subarray(0, bytes.length >> 1)), /truncated or corrupt/],
      ['text', write('text.bin', Buffer.from('not a model at all, just text')), /bad magic/],
      ['gguf', write('gguf.bin', Buffer.concat([Buffer.from('GGUF'), bytes.subarray(4)])), /GGUF/],
      [
        'tensor cut short',
        write(
          'tensor.bin',
          Buffer.concat([
            bytes,
            // one f32 tensor of 384 values named "x", with 8 of its 1,536 bytes
            Buffer.from(new Int32Array([1, 1, 0, 384]).buffer),
            Buffer.from('x'),
            Buffer.alloc(8),
          ]),
        ),
        /truncated or corrupt/,
      ],
    ];
    for (const [label, file, message] of cases) {
      const error = await loadError(engine.loadModel(file));
      expect(error.code, label).toBe('MODEL_LOAD_FAILED');
      expect(error.message, label).toMatch(message);
    }
    expect(inspectWhisperModel(tinyPath)).toMatchObject({
      vocabularySize: 51865,
      audioState: 384,
      audioLayers: 4,
      textLayers: 4,
      mels: 80,
      tensors: 0,
    });
  });

  it('loads a weightless tiny model, aborts a job at once, then transcribes to the end', async () => {
    let started = performance.now();
    model = await engine.loadModel(tinyPath);
    const loadMs = performance.now() - started;
    expect(model.info()).toMatchObject({
      path: tinyPath,
      loaded: true,
      busy: false,
      type: 'tiny',
      multilingual: true,
      vocabularySize: 51865,
      audioLayers: 4,
      audioState: 384,
      textLayers: 4,
      mels: 80,
    });
    expect(() => model!.transcribe(tone(1), { language: 'xx' })).toThrow(/unknown language/);

    // Aborted while whisper.cpp runs: settles at once; the native call runs on in the background.
    const controller = new AbortController();
    let aborted!: Promise<unknown>;
    const firstProgress = new Promise<void>((resolve) => {
      const job = model!.transcribe(
        tone(2),
        { language: 'fa', threads: 2, signal: controller.signal },
        { onProgress: () => resolve() },
      );
      aborted = job.result;
    });
    expect(model.info().busy).toBe(true);
    expect(() => model!.transcribe(tone(1))).toThrow(
      expect.objectContaining({ code: 'MODEL_BUSY' }),
    );
    await firstProgress;
    started = performance.now();
    controller.abort();
    await expect(aborted).resolves.toMatchObject({ aborted: true, segments: [], audioMs: 2000 });
    const abortMs = performance.now() - started;
    expect(abortMs).toBeLessThan(200);
    expect(model.info().busy).toBe(false);

    // The next job waits for the aborted call's native work, then runs to the end.
    const progress: number[] = [];
    const segments: SpeechSegment[] = [];
    started = performance.now();
    const job = model.transcribe(
      tone(2),
      { language: 'fa', threads: 2, initialPrompt: 'سردرد' },
      { onProgress: (percent) => progress.push(percent), onSegment: (s) => segments.push(s) },
    );
    const result = await job.result;
    const runMs = performance.now() - started;
    expect(result).toMatchObject({ aborted: false, text: '', language: 'fa', audioMs: 2000 });
    expect(result.segments).toEqual(segments);
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(model.info()).toMatchObject({ loaded: true, busy: false });
    console.log(
      `[fallback] load ${Math.round(loadMs)} ms, abort settled in ${abortMs.toFixed(1)} ms, ` +
        `next job (after the aborted one's native work) ${(runMs / 1000).toFixed(1)} s`,
    );

    // free() settles a job that has not finished as aborted.
    const last = model.transcribe(tone(1));
    model.free();
    await expect(last.result).resolves.toMatchObject({ aborted: true });
    expect(model.info().loaded).toBe(false);
    expect(() => model!.transcribe(tone(1))).toThrow(
      expect.objectContaining({ code: 'MODEL_FREED' }),
    );
  }, 180_000);
});
