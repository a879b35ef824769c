// The real addon (built by `npm ci` / `npm run build:speech`) on weightless models that the tests
// write themselves. No mocks. Expect empty text: the models have no weights.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SpeechEngineError,
  type SpeechEngine,
  type SpeechModel,
  type SpeechSegment,
} from './speech-engine';
import { writeWeightlessModel } from './testing/weightless-model';
import { createWhisperAddonEngine, WHISPER_VERSION } from './whisper-addon';

const SAMPLE_RATE = 16_000;
const THREADS = 2;

function tone(seconds: number, frequency = 440, amplitude = 0.1): Float32Array {
  const pcm = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < pcm.length; i++) {
    pcm[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE);
  }
  return pcm;
}

let dir: string;
let tinyPath: string;
let engine: SpeechEngine;
let model: SpeechModel;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-speech-'));
  tinyPath = path.join(dir, 'weightless-tiny.bin');
  writeWeightlessModel(tinyPath, 'tiny');
  engine = createWhisperAddonEngine();
  if (!engine.availability.available) {
    throw new Error(`speech engine unavailable: ${engine.availability.reason}`);
  }
  model = await engine.loadModel(tinyPath);
});

afterAll(() => {
  model?.free();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('whisper.cpp addon', () => {
  it('is built from whisper.cpp 1.9.1 and loads a model of real dimensions', () => {
    expect(engine.availability).toMatchObject({ available: true, whisperVersion: WHISPER_VERSION });
    expect(model.info()).toMatchObject({
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
  });

  it('transcribes silence and a tone to empty text, with progress callbacks', async () => {
    const pcm = new Float32Array(6 * SAMPLE_RATE);
    pcm.set(tone(3), 3 * SAMPLE_RATE);
    const progress: number[] = [];
    const segments: SpeechSegment[] = [];
    const result = await model.transcribe(
      pcm,
      { threads: THREADS, initialPrompt: 'فشار خون، قند خون' },
      { onProgress: (p) => progress.push(p), onSegment: (s) => segments.push(s) },
    ).result;
    expect(result.aborted).toBe(false);
    expect(result.text.trim()).toBe('');
    expect(result.language).toBe('fa');
    expect(result.audioMs).toBe(6000);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toBe(0);
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);
    // Segment callbacks, if any, are the same segments the result holds, with times in ms.
    expect(segments).toEqual(result.segments);
    for (const s of result.segments) {
      expect(s.t1).toBeGreaterThanOrEqual(s.t0);
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('accepts English, auto and no-timestamps', async () => {
    for (const language of ['en', 'auto'] as const) {
      const result = await model.transcribe(tone(2), {
        threads: THREADS,
        language,
        noTimestamps: true,
      }).result;
      expect(result.aborted).toBe(false);
      expect(result.language).toMatch(/^[a-z]{2,3}$/);
      if (language === 'en') expect(result.language).toBe('en');
    }
    expect(() => model.transcribe(tone(1), { language: 'xx' })).toThrow(/unknown language/);
  });

  it('aborts mid-transcription promptly and the model transcribes again', async () => {
    const pcm = tone(30);
    const started = performance.now();
    let firstProgressAt = 0;
    const job = model.transcribe(
      pcm,
      { threads: THREADS },
      {
        onProgress: () => {
          if (!firstProgressAt) {
            firstProgressAt = performance.now();
            job.abort();
          }
        },
      },
    );
    const aborted = await job.result;
    const abortLatency = performance.now() - firstProgressAt;
    expect(aborted.aborted).toBe(true);
    expect(firstProgressAt).toBeGreaterThan(0);
    // ggml checks the abort flag between graph nodes (see the patch in addon/CMakeLists.txt).
    expect(abortLatency).toBeLessThan(500);

    const full = await model.transcribe(pcm, { threads: THREADS }).result;
    expect(full.aborted).toBe(false);
    expect(full.elapsedMs).toBeGreaterThan(3 * abortLatency);
    console.log(
      `[speech] 30 s tone, tiny, ${THREADS} threads: full run ${Math.round(full.elapsedMs)} ms; ` +
        `aborted run settled ${Math.round(abortLatency)} ms after abort() ` +
        `(${Math.round(performance.now() - started)} ms total)`,
    );
  });

  it('aborts through an AbortSignal, also one aborted before the start', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await model.transcribe(tone(10), { threads: THREADS, signal: controller.signal })
      .result;
    expect(result.aborted).toBe(true);

    const later = new AbortController();
    const job = model.transcribe(tone(30), { threads: THREADS, signal: later.signal });
    setTimeout(() => later.abort(), 200);
    const startedAt = performance.now();
    expect((await job.result).aborted).toBe(true);
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('runs one job at a time per model', async () => {
    const job = model.transcribe(tone(10), { threads: THREADS });
    expect(() => model.transcribe(tone(1))).toThrow(SpeechEngineError);
    expect(() => model.transcribe(tone(1))).toThrow(/one job at a time/);
    job.abort();
    await job.result;
    expect(model.info().busy).toBe(false);
  });

  it('never blocks the event loop while transcribing', async () => {
    let ticks = 0;
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      const result = await model.transcribe(tone(30), { threads: THREADS }).result;
      expect(result.aborted).toBe(false);
      expect(ticks).toBeGreaterThan(result.elapsedMs / 10 / 4);
      expect(longestGap).toBeLessThan(250);
    } finally {
      clearInterval(timer);
    }
  });

  it('rejects a throwing callback with its error and stays usable', async () => {
    const boom = new Error('callback failed');
    await expect(
      model.transcribe(
        tone(5),
        { threads: THREADS },
        {
          onProgress: () => {
            throw boom;
          },
        },
      ).result,
    ).rejects.toBe(boom);
    expect((await model.transcribe(tone(1), { threads: THREADS }).result).aborted).toBe(false);
  });

  describe('bad model files give clear errors, not crashes', () => {
    const loadError = async (file: string) => {
      try {
        const loaded = await engine.loadModel(file);
        loaded.free();
      } catch (error) {
        expect(error).toBeInstanceOf(SpeechEngineError);
        expect((error as SpeechEngineError).code).toBe('MODEL_LOAD_FAILED');
        return (error as Error).message;
      }
      throw new Error(`${file} loaded`);
    };
    const write = (name: string, bytes: Uint8Array) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      return file;
    };

    it('missing file', async () => {
      expect(await loadError(path.join(dir, 'no-such-model.bin'))).toMatch(
        /cannot open the model file: No such file/,
      );
    });

    it('empty file, random bytes, GGUF', async () => {
      expect(await loadError(write('empty.bin', new Uint8Array()))).toMatch(/empty or too short/);
      const random = new Uint8Array(64 * 1024);
      for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
      expect(await loadError(write('random.bin', random))).toMatch(/bad magic/);
      expect(await loadError(write('gguf.bin', Buffer.from('GGUF\x03\0\0\0')))).toMatch(/GGUF/);
    });

    it('truncated at every part of the file', async () => {
      const full = fs.readFileSync(tinyPath);
      for (const size of [10, 56, 30_000, 64_390, 300_000, full.length - 1]) {
        expect(await loadError(write(`cut-${size}.bin`, full.subarray(0, size)))).toMatch(
          /truncated|too short/,
        );
      }
    });

    it('garbage hyperparameters', async () => {
      const bytes = Buffer.from(fs.readFileSync(tinyPath));
      bytes.writeInt32LE(-7, 4 * 4); // n_audio_head
      expect(await loadError(write('bad-hparams.bin', bytes))).toMatch(/invalid hyperparameters/);
    });

    it('a tensor with a bad header after the vocabulary', async () => {
      const tail = Buffer.alloc(12);
      tail.writeInt32LE(9, 0); // n_dims
      const bytes = Buffer.concat([fs.readFileSync(tinyPath), tail]);
      expect(await loadError(write('bad-tensor.bin', bytes))).toMatch(/invalid tensor header/);
    });
  });

  it('frees a model; a freed model refuses work', async () => {
    const second = await engine.loadModel(tinyPath);
    second.free();
    expect(second.info().loaded).toBe(false);
    expect(() => second.transcribe(tone(1))).toThrow(/freed/);
  });
});

describe('unavailable engine', () => {
  it('reports the reason instead of throwing', async () => {
    const missing = createWhisperAddonEngine({
      bindingPath: path.join(os.tmpdir(), 'helssa-no-such-dir', 'speech_engine.node'),
    });
    expect(missing.availability.available).toBe(false);
    if (!missing.availability.available) {
      expect(missing.availability.reason).toMatch(/not built/);
    }
    await expect(missing.loadModel('x.bin')).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });
});
