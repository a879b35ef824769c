// The slow fallback behind the SpeechEngine interface: the prebuilt whisper.cpp binding of
// `@fugood/whisper.node`, for a machine where our own addon could not be built (no compiler).
//
// What is loaded: the plain CPU platform package `@fugood/node-whisper-<platform>-<arch>` (the
// binary `@fugood/whisper.node` itself loads by default), declared as an exact-pinned optional
// dependency. The wrapper package is not used: its JavaScript only picks that binary, and installing
// it pulls in the CUDA and Vulkan variants of every platform (about 250 MB on linux-x64).
//
// Measured here (README "Speech engine"): its Linux build has no AVX at all and is ~30× slower than
// the addon, so availability carries `fallback: true, warning: 'slow'` for the UI to say so.
//
// Differences from the addon, and how this file covers them:
// - No model check: whisper.cpp's loader does not check its reads, so a truncated or foreign file
//   could crash the process. `inspectWhisperModel` walks the file (header, mel filters,
//   vocabulary, tensor headers and sizes) first and refuses it with MODEL_LOAD_FAILED.
// - The model loads synchronously, on the calling thread (the engine process's event loop).
// - No abort: its `stop()` does not interrupt whisper.cpp, and the job's promise then never settles
//   (its native error path calls back with one argument; the JavaScript side waits for two). The
//   same holds when whisper.cpp fails. So `stop()` is never called: `abort()` settles the job at once
//   as aborted, the native call runs on to its end in the background, and the next job on that
//   model starts after it. A native call that reports nothing (no progress, no segment) for
//   `stallTimeoutMs` fails its job.
// - No confidence (0), no `noTimestamps` and no built-in VAD (both ignored: the whole input is
//   transcribed, with timestamps); language, initial prompt and threads are passed through.
// - Its native log is routed here while a model is loaded (errors become the messages of failed
//   loads; the rest is dropped unless HELSSA_WHISPER_LOG is set). The route keeps Node's event loop
//   alive, so it is closed when the last model is freed.
//
// Plain Node; nothing here may import Electron.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import {
  SpeechEngineError,
  type SpeechEngine,
  type SpeechEngineAvailability,
  type SpeechModel,
  type SpeechModelInfo,
  type SpeechSegment,
  type TranscribeCallbacks,
  type TranscribeOptions,
  type TranscriptionJob,
  type TranscriptionResult,
} from './speech-engine';

/** The exact version pinned in package.json (optionalDependencies). */
export const FALLBACK_PACKAGE_VERSION = '1.1.3';
/** whisper.cpp inside that binary (its version string, read from the 1.1.3 linux-x64 build). */
const FALLBACK_WHISPER_VERSION = '1.9.3-dev';
export const FALLBACK_ENGINE = `@fugood/whisper.node ${FALLBACK_PACKAGE_VERSION} prebuilt (slow fallback)`;
const SAMPLE_RATE = 16_000;
const DEFAULT_STALL_TIMEOUT_MS = 20 * 60_000;

/** Marks the availability of the slow fallback, so the UI can warn that transcription is slow. */
export interface SlowFallbackMark {
  readonly fallback: true;
  readonly warning: 'slow';
}
export type FallbackAvailability = SpeechEngineAvailability & SlowFallbackMark;

export function isSlowFallback(
  availability: SpeechEngineAvailability,
): availability is FallbackAvailability {
  return (availability as Partial<SlowFallbackMark>).fallback === true;
}

/** whisper.cpp 1.9's language codes (src/whisper.cpp g_lang); 'auto' detects. */
const WHISPER_LANGUAGES = new Set(
  (
    'en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur ' +
    'hr bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si ' +
    'km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ' +
    'ha ba jw su yue'
  ).split(' '),
);

// --- The native module's shape (@fugood/node-whisper-*/index.node, whisper.node 1.1.3) -----------

interface NativeSegment {
  text: string;
  t0: number;
  t1: number;
}

interface NativeResult {
  result: string;
  language?: string;
  segments: NativeSegment[];
  isAborted: boolean;
}

interface NativeNewSegments {
  nNew: number;
  totalNNew: number;
  result: string;
  segments: NativeSegment[];
}

interface NativeTranscribeOptions {
  language?: string;
  maxThreads?: number;
  prompt?: string;
  onProgress?: (progress: number) => void;
  onNewSegments?: (result: NativeNewSegments) => void;
}

interface NativeContext {
  transcribeData(
    pcm16: ArrayBuffer,
    options: NativeTranscribeOptions,
  ): { stop(): Promise<void>; promise: Promise<NativeResult> };
  release(): Promise<void>;
}

interface NativeModule {
  WhisperContext: {
    new (options: { filePath: string; useGpu?: boolean; useFlashAttn?: boolean }): NativeContext;
    toggleNativeLog(enable: boolean, callback?: (level: string, text: string) => void): void;
  };
}

// --- Model file check ----------------------------------------------------------------------------

/** What a whisper.cpp ggml model file says about itself (its hyperparameters). */
export interface WhisperModelHeader {
  vocabularySize: number;
  audioState: number;
  audioLayers: number;
  textLayers: number;
  mels: number;
  ftype: number;
  tensors: number;
}

/** ggml types whisper models use: [block size, bytes per block]. */
const GGML_TYPES: Record<number, readonly [number, number]> = {
  0: [1, 4], // f32
  1: [1, 2], // f16
  2: [32, 18], // q4_0
  3: [32, 20], // q4_1
  6: [32, 22], // q5_0
  7: [32, 24], // q5_1
  8: [32, 34], // q8_0
  9: [32, 36], // q8_1
  10: [256, 84], // q2_K
  11: [256, 110], // q3_K
  12: [256, 144], // q4_K
  13: [256, 176], // q5_K
  14: [256, 210], // q6_K
  15: [256, 292], // q8_K
  24: [1, 1], // i8
  25: [1, 2], // i16
  26: [1, 4], // i32
  27: [1, 8], // i64
  28: [1, 8], // f64
  30: [1, 2], // bf16
};

const GGML_MAGIC = 0x67676d6c;
const GGML_QNT_VERSION_FACTOR = 1000;

class ModelFileReader {
  private readonly fd: number;
  readonly size: number;
  position = 0;
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Reads `bytes` at the current position, or undefined at the end of the file. */
  read(bytes: number): Buffer | undefined {
    if (this.position + bytes > this.size) return undefined;
    const offset = this.position - this.bufferStart;
    if (offset < 0 || offset + bytes > this.buffer.length) {
      this.bufferStart = this.position;
      this.buffer = Buffer.alloc(Math.max(bytes, 1 << 20));
      const got = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
      this.buffer = this.buffer.subarray(0, got);
      if (got < bytes) return undefined;
    }
    const start = this.position - this.bufferStart;
    this.position += bytes;
    return this.buffer.subarray(start, start + bytes);
  }

  i32(): number | undefined {
    return this.read(4)?.readInt32LE(0);
  }

  skip(bytes: number): boolean {
    if (bytes < 0 || this.position + bytes > this.size) return false;
    this.position += bytes;
    return true;
  }
}

const inRange = (value: number | undefined, low: number, high: number): value is number =>
  value !== undefined && value >= low && value <= high;

/**
 * Walks a whisper.cpp ggml model file the way whisper.cpp reads it (hyperparameters, mel filters,
 * vocabulary, tensors) without loading it: the same check as the addon's (speech_engine.cc), because
 * the prebuilt has none. Throws a SpeechEngineError MODEL_LOAD_FAILED naming the problem.
 */
export function inspectWhisperModel(path: string): WhisperModelHeader {
  const refuse = (message: string): never => {
    throw new SpeechEngineError('MODEL_LOAD_FAILED', message);
  };
  let file: ModelFileReader;
  try {
    file = new ModelFileReader(path);
  } catch (error) {
    return refuse(`cannot open the model file: ${(error as Error).message}`);
  }
  try {
    const truncated = 'the model file is truncated or corrupt';
    const magic = file.read(4);
    if (!magic) return refuse('the model file is empty or too short');
    if (magic.readUInt32LE(0) !== GGML_MAGIC) {
      return refuse(
        magic.toString('latin1') === 'GGUF'
          ? 'the model file is GGUF; the speech engine needs a whisper.cpp ggml model (ggml-*.bin)'
          : 'not a whisper.cpp ggml model (bad magic)',
      );
    }
    const h: number[] = [];
    for (let i = 0; i < 11; i++) {
      const value = file.i32();
      if (value === undefined) return refuse(truncated);
      h.push(value);
    }
    const [vocab, audioCtx, audioState, audioHead, audioLayer, textCtx, textState, textHead] = h;
    const [textLayer, mels, ftype] = h.slice(8);
    const sane =
      inRange(vocab, 1, 1 << 20) &&
      inRange(audioCtx, 1, 1 << 16) &&
      inRange(audioState, 1, 1 << 16) &&
      inRange(audioHead, 1, 1024) &&
      inRange(audioLayer, 1, 256) &&
      inRange(textCtx, 1, 1 << 16) &&
      inRange(textState, 1, 1 << 16) &&
      inRange(textHead, 1, 1024) &&
      inRange(textLayer, 1, 256) &&
      inRange(mels, 1, 1024) &&
      ftype !== undefined &&
      audioState === textState &&
      audioState % audioHead === 0 &&
      textState % textHead === 0 &&
      inRange(ftype % GGML_QNT_VERSION_FACTOR, 0, 64);
    if (!sane) {
      return refuse('the model file has invalid hyperparameters (corrupt or not a whisper model)');
    }
    const nMel = file.i32();
    const nFft = file.i32();
    if (nMel === undefined || nFft === undefined) return refuse(truncated);
    if (!inRange(nMel, 1, 1024) || !inRange(nFft, 1, 1 << 16)) {
      return refuse('the model file has an invalid mel filter bank');
    }
    if (!file.skip(nMel * nFft * 4)) return refuse(truncated);
    const words = file.i32();
    if (words === undefined) return refuse(truncated);
    if (!inRange(words, 0, 1 << 20)) return refuse('the model file has an invalid vocabulary');
    for (let i = 0; i < words; i++) {
      const length = file.i32();
      if (length === undefined) return refuse(truncated);
      if (!inRange(length, 0, 1 << 20)) return refuse('the model file has an invalid vocabulary');
      if (!file.skip(length)) return refuse(truncated);
    }
    // Tensors: none at all is whisper.cpp's "empty model for testing"; otherwise each must be whole.
    let tensors = 0;
    while (file.position < file.size) {
      const dims = file.i32();
      const nameLength = file.i32();
      const type = file.i32();
      if (dims === undefined || nameLength === undefined || type === undefined) {
        return refuse(truncated);
      }
      const layout = GGML_TYPES[type];
      if (!inRange(dims, 1, 4) || !inRange(nameLength, 1, 1024) || !layout) {
        return refuse('the model file has an invalid tensor header (corrupt)');
      }
      const ne = [1, 1, 1, 1];
      for (let d = 0; d < dims; d++) {
        const value = file.i32();
        if (value === undefined) return refuse(truncated);
        if (!inRange(value, 1, 1 << 24)) {
          return refuse('the model file has an invalid tensor shape (corrupt)');
        }
        ne[d] = value;
      }
      if (!file.skip(nameLength)) return refuse(truncated);
      const [block, blockBytes] = layout;
      const [n0 = 1, n1 = 1, n2 = 1, n3 = 1] = ne;
      if (n0 % block !== 0) return refuse('the model file has an invalid tensor shape (corrupt)');
      if (!file.skip((n0 / block) * blockBytes * n1 * n2 * n3)) return refuse(truncated);
      tensors += 1;
    }
    return {
      vocabularySize: vocab,
      audioState,
      audioLayers: audioLayer,
      textLayers: textLayer,
      mels,
      ftype,
      tensors,
    };
  } finally {
    file.close();
  }
}

/** whisper.cpp's model type names, by audio layer count (whisper_model_type_readable). */
function modelType(audioLayers: number): string {
  return (
    ({ 4: 'tiny', 6: 'base', 12: 'small', 24: 'medium', 32: 'large' } as Record<number, string>)[
      audioLayers
    ] ?? 'unknown'
  );
}

// --- Native log ----------------------------------------------------------------------------------

/** One route for the process: whisper.cpp's log callback is global. */
const nativeLog = {
  users: 0,
  errors: [] as string[],
  verbose: ((value) => value !== undefined && value !== '' && value !== '0')(
    process.env['HELSSA_WHISPER_LOG'],
  ),
};

function openNativeLog(native: NativeModule): void {
  if (nativeLog.users++ > 0) return;
  native.WhisperContext.toggleNativeLog(true, (level, text) => {
    if (level === 'error' && text.trim()) {
      nativeLog.errors.push(text.trim());
      if (nativeLog.errors.length > 20) nativeLog.errors.shift();
    }
    if (nativeLog.verbose) process.stderr.write(text);
  });
}

function closeNativeLog(native: NativeModule): void {
  if (nativeLog.users === 0 || --nativeLog.users > 0) return;
  native.WhisperContext.toggleNativeLog(false);
}

/** Error lines logged since `mark`, after the callbacks queued so far have run. */
async function loggedErrorsSince(mark: number): Promise<string> {
  await new Promise((resolve) => setImmediate(resolve));
  return nativeLog.errors.slice(mark).join('; ');
}

// --- Model -----------------------------------------------------------------------------------------

function toPcm16(pcm: Float32Array): ArrayBuffer {
  const out = new Int16Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) {
    const sample = pcm[i] ?? 0;
    out[i] = sample >= 1 ? 32767 : sample <= -1 ? -32768 : Math.round(sample * 32767);
  }
  return out.buffer;
}

class FugoodModel implements SpeechModel {
  private context: NativeContext | undefined;
  private busy = false;
  private freePending = false;
  /** Settles when the native call of the last job has returned (it may outlive an aborted job). */
  private native: Promise<void> = Promise.resolve();
  /** Aborts the job that has not settled yet, if any. */
  private abortRunning: (() => void) | undefined;

  constructor(
    readonly path: string,
    context: NativeContext,
    private readonly header: WhisperModelHeader,
    private readonly module: NativeModule,
    private readonly stallTimeoutMs: number,
  ) {
    this.context = context;
  }

  info(): SpeechModelInfo {
    const loaded = this.context !== undefined && !this.freePending;
    return {
      path: this.path,
      loaded,
      busy: this.busy,
      type: modelType(this.header.audioLayers),
      multilingual: this.header.vocabularySize >= 51865,
      vocabularySize: this.header.vocabularySize,
      audioLayers: this.header.audioLayers,
      audioState: this.header.audioState,
      textLayers: this.header.textLayers,
      mels: this.header.mels,
    };
  }

  transcribe(
    pcm: Float32Array,
    options: TranscribeOptions = {},
    callbacks: TranscribeCallbacks = {},
  ): TranscriptionJob {
    if (!this.context || this.freePending) {
      throw new SpeechEngineError('MODEL_FREED', 'the model has been freed');
    }
    if (this.busy) {
      throw new SpeechEngineError(
        'MODEL_BUSY',
        'the model is already transcribing; one job at a time per model',
      );
    }
    if (!(pcm instanceof Float32Array)) {
      throw new SpeechEngineError(
        'TRANSCRIPTION_FAILED',
        'pcm must be a Float32Array of 16 kHz mono samples',
      );
    }
    const language = options.language ?? 'fa';
    if (language !== 'auto' && !WHISPER_LANGUAGES.has(language)) {
      throw new SpeechEngineError('TRANSCRIPTION_FAILED', `unknown language '${language}'`);
    }
    const threads = options.threads ?? Math.min(4, Math.max(1, cpus().length));
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
      throw new SpeechEngineError('TRANSCRIPTION_FAILED', 'threads must be 1..256');
    }

    const startedAt = performance.now();
    const audioMs = (pcm.length / SAMPLE_RATE) * 1000;
    const pcm16 = toPcm16(pcm);
    const delivered: SpeechSegment[] = [];
    let settled = false;
    let lastProgress = -1;
    let resolveResult!: (value: TranscriptionResult) => void;
    let rejectResult!: (error: unknown) => void;
    const result = new Promise<TranscriptionResult>((resolve, reject) => {
      resolveResult = resolve;
      rejectResult = reject;
    });
    const { signal } = options;
    const onAbort = () => abortJob();

    const settle = (outcome: { value: TranscriptionResult } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      this.busy = false;
      if (this.abortRunning === abortJob) this.abortRunning = undefined;
      signal?.removeEventListener('abort', onAbort);
      if ('value' in outcome) resolveResult(outcome.value);
      else rejectResult(outcome.error);
    };
    const aborted = (): TranscriptionResult => ({
      aborted: true,
      segments: delivered,
      text: delivered.map((segment) => segment.text).join(''),
      language: '',
      elapsedMs: performance.now() - startedAt,
      audioMs,
    });
    /** A callback of ours threw: the job fails with its error (the native call runs on). */
    const guarded =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        if (settled) return;
        try {
          fn(...args);
        } catch (error) {
          settle({ error });
        }
      };

    const abortJob = () => {
      if (!settled) settle({ value: aborted() });
    };
    const job: TranscriptionJob = { result, abort: abortJob };
    if (signal) {
      if (signal.aborted) abortJob();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    this.busy = !settled;
    if (!settled) this.abortRunning = abortJob;

    const previous = this.native;
    const run = async (): Promise<void> => {
      await previous;
      const context = this.context;
      if (settled || !context) return;
      // The watchdog belongs to the native call (which outlives an aborted job): whatever
      // whisper.cpp reports re-arms it; silence for stallTimeoutMs gives the call up.
      let watchdog: NodeJS.Timeout | undefined;
      let stalled: () => void = () => undefined;
      const armWatchdog = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => stalled(), this.stallTimeoutMs);
        watchdog.unref();
      };
      const nativeOptions: NativeTranscribeOptions = {
        language,
        maxThreads: threads,
        onProgress: (progress) => {
          armWatchdog();
          guarded(() => {
            const percent = Math.min(100, Math.max(0, Math.round(progress)));
            if (percent === lastProgress) return;
            lastProgress = percent;
            callbacks.onProgress?.(percent);
          })();
        },
        onNewSegments: (update) => {
          armWatchdog();
          guarded(() => {
            update.segments.forEach((segment, i) => {
              const mapped = toSegment(segment, update.totalNNew - update.nNew + i);
              delivered.push(mapped);
              callbacks.onSegment?.(mapped);
            });
          })();
        },
      };
      if (options.initialPrompt) nativeOptions.prompt = options.initialPrompt;
      let call: { promise: Promise<NativeResult> };
      try {
        call = context.transcribeData(pcm16, nativeOptions);
      } catch (error) {
        settle({ error: asSpeechError(error, 'TRANSCRIPTION_FAILED') });
        return;
      }
      const outcome = await new Promise<
        { value: NativeResult } | { error: unknown } | { stalled: true }
      >((resolve) => {
        stalled = () => resolve({ stalled: true });
        armWatchdog();
        call.promise.then(
          (value) => resolve({ value }),
          (error: unknown) => resolve({ error }),
        );
      });
      clearTimeout(watchdog);
      if (settled) return;
      if ('stalled' in outcome) {
        // whisper.cpp failed (the prebuilt then never settles) or hangs. Its session lock queues
        // the next call behind this one, so the model stays usable if it ever returns.
        settle({
          error: new SpeechEngineError(
            'TRANSCRIPTION_FAILED',
            `the fallback speech engine reported nothing for ${Math.round(this.stallTimeoutMs / 1000)} s; the job was given up`,
          ),
        });
      } else if ('error' in outcome) {
        settle({ error: asSpeechError(outcome.error, 'TRANSCRIPTION_FAILED') });
      } else {
        const segments = outcome.value.segments.map((segment, i) => toSegment(segment, i));
        if (lastProgress < 100) guarded(() => callbacks.onProgress?.(100))();
        settle({
          value: {
            aborted: false,
            segments,
            text: segments.map((segment) => segment.text).join(''),
            language: outcome.value.language ?? (language === 'auto' ? '' : language),
            elapsedMs: performance.now() - startedAt,
            audioMs,
          },
        });
      }
    };
    this.native = run()
      .catch((error: unknown) => settle({ error: asSpeechError(error, 'TRANSCRIPTION_FAILED') }))
      .finally(() => {
        if (this.freePending) this.release();
      });
    return job;
  }

  free(): void {
    if (!this.context || this.freePending) return;
    this.freePending = true;
    // The job settles now, as aborted. A native call still running keeps the context until it
    // returns (the prebuilt's release() would stop it, and a stopped call never settles).
    this.abortRunning?.();
    void this.native.then(() => this.release());
  }

  private release(): void {
    const context = this.context;
    if (!context) return;
    this.context = undefined;
    context.release().then(
      () => closeNativeLog(this.module),
      () => closeNativeLog(this.module),
    );
  }
}

function toSegment(segment: NativeSegment, index: number): SpeechSegment {
  return {
    index,
    t0: Math.max(0, segment.t0),
    t1: Math.max(0, segment.t1),
    text: segment.text,
    confidence: 0,
  };
}

function asSpeechError(
  error: unknown,
  code: 'MODEL_LOAD_FAILED' | 'TRANSCRIPTION_FAILED',
): SpeechEngineError {
  if (error instanceof SpeechEngineError) return error;
  return new SpeechEngineError(code, error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}

// --- Engine ----------------------------------------------------------------------------------------

export interface FugoodWhisperOptions {
  /** The platform package to load; default `@fugood/node-whisper-<platform>-<arch>`. */
  packageName?: string;
  /**
   * A job whose native call reports no progress or segment for this long fails (the prebuilt never
   * settles a failed call). Default 20 minutes: one 30 s window of a small model takes ~2.5 min
   * here.
   */
  stallTimeoutMs?: number;
}

function loadNative(
  packageName: string,
): { native: NativeModule; binding: string; version: string | undefined } | { reason: string } {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${packageName}/package.json`);
  } catch {
    return {
      reason: `the prebuilt fallback ${packageName} is not installed (an optional dependency: not available for ${process.platform}-${process.arch}, or its install failed)`,
    };
  }
  try {
    const { version, main } = require(manifest) as { version?: string; main?: string };
    const binding = require.resolve(`${dirname(manifest)}/${main ?? 'index.node'}`);
    const native = require(binding) as Partial<NativeModule>;
    if (typeof native.WhisperContext !== 'function') {
      return { reason: `${packageName} does not export WhisperContext` };
    }
    return { native: native as NativeModule, binding, version };
  } catch (error) {
    return {
      reason: `the prebuilt fallback ${packageName} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

class FugoodEngine implements SpeechEngine {
  constructor(
    readonly availability: FallbackAvailability,
    private readonly native: NativeModule | undefined,
    private readonly stallTimeoutMs: number,
  ) {}

  async loadModel(path: string, options: { useGpu?: boolean } = {}): Promise<SpeechModel> {
    const native = this.native;
    if (!native || !this.availability.available) {
      throw new SpeechEngineError(
        'ENGINE_UNAVAILABLE',
        this.availability.available ? 'the speech engine is unavailable' : this.availability.reason,
      );
    }
    const header = inspectWhisperModel(path);
    openNativeLog(native);
    const mark = nativeLog.errors.length;
    let context: NativeContext;
    try {
      // Synchronous: whisper.cpp reads the model on this thread.
      context = new native.WhisperContext({ filePath: path, useGpu: options.useGpu ?? false });
    } catch (error) {
      const logged = await loggedErrorsSince(mark);
      closeNativeLog(native);
      const message = error instanceof Error ? error.message : String(error);
      throw new SpeechEngineError(
        'MODEL_LOAD_FAILED',
        `whisper.cpp could not load the model: ${message}${logged ? ` (${logged})` : ''}`,
        { cause: error },
      );
    }
    return new FugoodModel(path, context, header, native, this.stallTimeoutMs);
  }
}

/** Never throws: when the prebuilt cannot load, `availability.available` is false with the reason. */
export function createFugoodWhisperEngine(options: FugoodWhisperOptions = {}): SpeechEngine & {
  readonly availability: FallbackAvailability;
} {
  const packageName =
    options.packageName ?? `@fugood/node-whisper-${process.platform}-${process.arch}`;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const mark: SlowFallbackMark = { fallback: true, warning: 'slow' };
  const loaded = loadNative(packageName);
  if ('reason' in loaded) {
    return new FugoodEngine(
      { available: false, engine: FALLBACK_ENGINE, reason: loaded.reason, ...mark },
      undefined,
      stallTimeoutMs,
    );
  }
  return new FugoodEngine(
    {
      available: true,
      engine: FALLBACK_ENGINE,
      whisperVersion:
        loaded.version === FALLBACK_PACKAGE_VERSION ? FALLBACK_WHISPER_VERSION : 'unknown',
      systemInfo: `prebuilt generic CPU build of ${packageName}@${loaded.version ?? '?'} (no AVX on x64): transcription is much slower than with the built speech engine`,
      binding: loaded.binding,
      ...mark,
    },
    loaded.native,
    stallTimeoutMs,
  );
}
