// The engine process's work, independent of how it talks to its host: validates each message from
// the host, runs queued jobs one at a time per lane (speech, llm: a long draft never delays a
// transcription; ping is answered at once, even mid-job), keeps one speech model cache and the
// drafting engine's model, forwards progress and segments, cancels through abort signals, and
// replies. The entry (engine-main.ts) connects it to the parent: process.send under Node,
// parentPort under Electron.
// Plain Node; nothing here may import Electron.
import { DraftingEngineError, type DraftingEngine } from '../llm/drafting-engine';
import {
  assertValidEngineMessage,
  engineLanes,
  type EngineLane,
  parseHostMessage,
  parseResultValue,
  PROTOCOL_VERSION,
  type EngineErrorCode,
  type EngineMessage,
  type EngineRequest,
  type EventKind,
  type EventPayload,
  type RequestKind,
  type RequestPayload,
  requestKinds,
  type ResultValue,
} from '../protocol/messages';
import {
  SpeechEngineError,
  type SpeechEngine,
  type SpeechModel,
  type TranscribeOptions,
  type TranscriptionResult,
  type VadOptions,
} from '../speech/speech-engine';
import { compactRegions, mapSegmentTimes } from '../speech/vad/compact';
import { detectSpeech, type EnergyVadOptions } from '../speech/vad/energy-vad';
import { inspectSileroVadModel, SileroModelError } from '../speech/vad/silero-model';

/** How the service reaches its host. */
export interface EnginePort {
  /** Posts a message by structured clone. */
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface EngineServiceOptions {
  speech: SpeechEngine;
  /** The LLM; absent: LLM requests fail as unavailable. */
  llm?: DraftingEngine;
  /** How many models stay loaded; loading another frees the oldest. Default 1. */
  maxCachedModels?: number;
}

export interface EngineService {
  /** Aborts the running job, drops the queue and frees the models. */
  close(): void;
}

class JobError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface JobContext {
  readonly signal: AbortSignal;
  readonly emit: <K extends EventKind>(kind: K, payload: EventPayload<K>) => void;
}

type Handler<K extends RequestKind> = (
  payload: RequestPayload<K>,
  context: JobContext,
) => Promise<ResultValue<K>> | ResultValue<K>;

interface Job {
  request: EngineRequest;
  controller: AbortController;
}

const speechCodes: Record<SpeechEngineError['code'], EngineErrorCode> = {
  ENGINE_UNAVAILABLE: 'engine_unavailable',
  MODEL_LOAD_FAILED: 'model_load_failed',
  TRANSCRIPTION_FAILED: 'transcription_failed',
  MODEL_BUSY: 'model_busy',
  MODEL_FREED: 'model_freed',
};

function toJobError(error: unknown, fallback: EngineErrorCode): JobError {
  if (error instanceof JobError) return error;
  if (error instanceof SpeechEngineError)
    return new JobError(speechCodes[error.code], error.message);
  if (error instanceof DraftingEngineError) return new JobError(error.code, error.message);
  return new JobError(fallback, error instanceof Error ? error.message : String(error));
}

type TranscribeValue = ResultValue<'speech.transcribe'>;
type TranscribePayload = RequestPayload<'speech.transcribe'>;
type VadRequest = NonNullable<TranscribePayload['vad']>;

function abortedResult(audioMs: number): TranscriptionResult {
  return { aborted: true, segments: [], text: '', language: '', elapsedMs: 0, audioMs };
}

/** The request's VAD in one shape: the older form without `mode` is Silero. */
function vadOf(
  vad: VadRequest | undefined,
):
  | { mode: 'off' }
  | { mode: 'energy'; options: EnergyVadOptions }
  | { mode: 'silero'; options: VadOptions } {
  if (vad === undefined) return { mode: 'off' };
  if (!('mode' in vad)) return { mode: 'silero', options: vad };
  switch (vad.mode) {
    case 'off':
      return { mode: 'off' };
    case 'energy': {
      const { mode: _mode, ...options } = vad;
      return { mode: 'energy', options };
    }
    case 'silero': {
      const { mode: _mode, ...options } = vad;
      return { mode: 'silero', options };
    }
  }
}

const msOf = (samples: number) => Math.round((samples / 16_000) * 1000);

const noLlm: DraftingEngine = {
  availability: { available: false, engine: 'none', reason: 'no LLM engine in this process' },
  load: unavailable,
  countTokens: unavailable,
  complete: unavailable,
  unload: () => Promise.resolve([]),
  close: () => Promise.resolve(),
};
function unavailable(): never {
  throw new JobError('engine_unavailable', 'no LLM engine in this process');
}

const failureFallback: Partial<Record<RequestKind, EngineErrorCode>> = {
  'speech.transcribe': 'transcription_failed',
  'speech.load': 'model_load_failed',
  'llm.load': 'model_load_failed',
  'llm.complete': 'generation_failed',
};

export function runEngineService(port: EnginePort, options: EngineServiceOptions): EngineService {
  const { speech } = options;
  const llm = options.llm ?? noLlm;
  const maxCachedModels = Math.max(1, options.maxCachedModels ?? 1);
  const startedAt = performance.now();
  /** Insertion order = load order. */
  const models = new Map<string, SpeechModel>();
  const lanes: Record<EngineLane, { queue: Job[]; running: Job | undefined }> = {
    speech: { queue: [], running: undefined },
    llm: { queue: [], running: undefined },
  };
  const jobs = new Map<string, Job>();
  let closed = false;

  function send(message: EngineMessage): void {
    if (closed) return;
    assertValidEngineMessage(message);
    port.send(message);
  }

  function log(level: 'info' | 'warn' | 'error', message: string): void {
    send({ type: 'log', level, message: message.slice(0, 10_000) });
  }

  async function model(path: string, useGpu: boolean | undefined): Promise<SpeechModel> {
    const cached = models.get(path);
    if (cached) return cached;
    for (const [oldPath, old] of models) {
      if (models.size < maxCachedModels) break;
      old.free();
      models.delete(oldPath);
    }
    const loaded = await speech.loadModel(path, useGpu === undefined ? {} : { useGpu });
    if (closed) {
      loaded.free();
      throw new JobError('engine_stopped', 'the engine is shutting down');
    }
    models.set(path, loaded);
    return loaded;
  }

  /** The Silero model each cached whisper model has used: whisper.cpp keeps the first one. */
  const sileroOf = new WeakMap<SpeechModel, string>();

  async function transcribe(
    { modelPath, useGpu, pcm, vad, ...options }: TranscribePayload,
    { signal, emit }: JobContext,
  ): Promise<TranscribeValue> {
    const audioMs = msOf(pcm.length);
    const startedAt = performance.now();
    const settings = vadOf(vad);
    const vadMode = settings.mode;
    if (signal.aborted) return { ...abortedResult(audioMs), vadMode };

    // Energy VAD: find the voiced regions before anything else (no speech: no model, no whisper).
    let input = pcm;
    let mapTimes = <T extends { t0: number; t1: number }>(segment: T): T => segment;
    let energy: Pick<TranscribeValue, 'voicedMs' | 'voicedRegions'> = {};
    if (settings.mode === 'energy') {
      const detected = detectSpeech(pcm, settings.options);
      energy = {
        voicedMs: msOf(detected.voicedSamples),
        voicedRegions: detected.regions.map((region) => ({
          t0: msOf(region.start),
          t1: msOf(region.end),
        })),
      };
      if (detected.regions.length === 0) {
        return {
          aborted: false,
          segments: [],
          text: '',
          // What whisper would have used: the addon's default is 'fa'; 'auto' detects nothing here.
          language: (options.language ?? 'fa') === 'auto' ? '' : (options.language ?? 'fa'),
          elapsedMs: performance.now() - startedAt,
          audioMs,
          vadMode,
          ...energy,
          skipped: true,
          transcribedMs: 0,
        };
      }
      const compact = compactRegions(pcm, detected.regions);
      input = compact.pcm;
      mapTimes = (segment) => mapSegmentTimes(compact.map, segment);
    }

    let whisperOptions: TranscribeOptions = { ...options, signal };
    if (settings.mode === 'silero') {
      // whisper.cpp trusts the file; a corrupt one can abort the whole process. Refuse it here.
      try {
        inspectSileroVadModel(settings.options.modelPath);
      } catch (error) {
        if (error instanceof SileroModelError) {
          throw new JobError('model_load_failed', error.message);
        }
        throw error;
      }
      whisperOptions = { ...whisperOptions, vad: settings.options };
    }

    let loaded = await model(modelPath, useGpu);
    if (settings.mode === 'silero') {
      // whisper.cpp loads the Silero model once per whisper model and keeps it; another file
      // needs a fresh whisper model.
      const used = sileroOf.get(loaded);
      if (used !== undefined && used !== settings.options.modelPath) {
        loaded.free();
        models.delete(modelPath);
        sileroOf.delete(loaded);
        loaded = await model(modelPath, useGpu);
      }
      sileroOf.set(loaded, settings.options.modelPath);
    }
    if (signal.aborted) return { ...abortedResult(audioMs), vadMode, ...energy };
    const job = loaded.transcribe(input, whisperOptions, {
      onProgress: (percent) => emit('progress', { percent: Math.min(100, Math.max(0, percent)) }),
      onSegment: (segment) => emit('segment', mapTimes(segment)),
    });
    const result = await job.result;
    return {
      ...result,
      segments: result.segments.map(mapTimes),
      elapsedMs: settings.mode === 'energy' ? performance.now() - startedAt : result.elapsedMs,
      audioMs,
      vadMode,
      ...energy,
      skipped: false,
      transcribedMs: msOf(input.length),
    };
  }

  const handlers: { [K in RequestKind]: Handler<K> } = {
    ping: () => {
      const state = (lane: EngineLane) => ({
        busy: lanes[lane].running !== undefined,
        queued: lanes[lane].queue.length,
      });
      return {
        pid: process.pid,
        uptimeMs: performance.now() - startedAt,
        busy: engineLanes.some((lane) => lanes[lane].running !== undefined),
        queued: engineLanes.reduce((sum, lane) => sum + lanes[lane].queue.length, 0),
        rssBytes: process.memoryUsage().rss,
        lanes: { speech: state('speech'), llm: state('llm') },
      };
    },
    'speech.load': async ({ modelPath, useGpu }, { signal }) => {
      if (signal.aborted) throw new JobError('cancelled', 'cancelled before it ran');
      return (await model(modelPath, useGpu)).info();
    },
    'speech.transcribe': (payload, context) => transcribe(payload, context),
    'speech.unload': ({ modelPath }) => {
      const freed: string[] = [];
      for (const [path, loaded] of models) {
        if (modelPath !== undefined && path !== modelPath) continue;
        loaded.free();
        models.delete(path);
        freed.push(path);
      }
      return { freed };
    },
    'llm.load': async ({ model: spec }, { signal }) => {
      if (signal.aborted) throw new JobError('cancelled', 'cancelled before it ran');
      return llm.load(spec);
    },
    'llm.tokenize': async ({ model: spec, texts }, { signal }) => {
      if (signal.aborted) throw new JobError('cancelled', 'cancelled before it ran');
      return llm.countTokens(spec, texts);
    },
    'llm.complete': async ({ model: spec, progressIntervalMs, ...request }, { signal, emit }) => {
      if (signal.aborted) throw new JobError('cancelled', 'cancelled before it ran');
      return llm.complete(spec, request, {
        signal,
        onProgress: (progress) => emit('llm.progress', progress),
        ...(progressIntervalMs !== undefined ? { progressIntervalMs } : {}),
      });
    },
    'llm.unload': async () => ({ freed: await llm.unload() }),
  };

  async function run(job: Job): Promise<void> {
    const { request, controller } = job;
    const context: JobContext = {
      signal: controller.signal,
      emit: (kind, payload) => {
        if (!controller.signal.aborted || kind === 'progress') {
          send({ type: 'event', id: request.id, kind, payload } as EngineMessage);
        }
      },
    };
    try {
      const handler = handlers[request.kind] as Handler<RequestKind>;
      const value = await handler(request.payload, context);
      // The sender validates too: a value that does not match the protocol is a bug here.
      const checked = parseResultValue(request.kind, value);
      if (!checked.ok) throw new JobError('internal', checked.error);
      send({ type: 'result', id: request.id, ok: true, value: checked.value });
    } catch (error) {
      const failure = toJobError(error, failureFallback[request.kind] ?? 'internal');
      send({
        type: 'result',
        id: request.id,
        ok: false,
        error: { code: failure.code, message: failure.message.slice(0, 10_000) },
      });
    } finally {
      jobs.delete(request.id);
    }
  }

  function pump(lane: EngineLane): void {
    const state = lanes[lane];
    if (state.running || closed) return;
    const next = state.queue.shift();
    if (!next) return;
    state.running = next;
    void run(next).finally(() => {
      state.running = undefined;
      pump(lane);
    });
  }

  port.onMessage((raw) => {
    if (closed) return;
    const parsed = parseHostMessage(raw);
    if (!parsed.ok) {
      if (parsed.id !== undefined && !jobs.has(parsed.id)) {
        send({
          type: 'result',
          id: parsed.id,
          ok: false,
          error: { code: 'invalid_request', message: parsed.error },
        });
      } else {
        log('warn', `ignored an invalid message from the host: ${parsed.error}`);
      }
      return;
    }
    const message = parsed.message;
    if (message.type === 'cancel') {
      // A job that already finished or never existed: nothing to do.
      jobs.get(message.id)?.controller.abort();
      return;
    }
    if (jobs.has(message.id)) {
      log('warn', `ignored a request with the id of a pending one (${message.id})`);
      return;
    }
    const job: Job = { request: message, controller: new AbortController() };
    jobs.set(message.id, job);
    const lane = requestKinds[message.kind].lane;
    if (lane) {
      lanes[lane].queue.push(job);
      pump(lane);
    } else {
      void run(job);
    }
  });

  send({
    type: 'ready',
    protocolVersion: PROTOCOL_VERSION,
    pid: process.pid,
    engines: { speech: speech.availability, llm: llm.availability },
  });

  return {
    close() {
      if (closed) return;
      for (const job of jobs.values()) job.controller.abort();
      closed = true;
      for (const lane of engineLanes) lanes[lane].queue.length = 0;
      void llm.close().catch(() => undefined);
      // free() aborts a running transcription first.
      for (const loaded of models.values()) loaded.free();
      models.clear();
    },
  };
}
