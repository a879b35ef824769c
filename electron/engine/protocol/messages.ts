// The one typed message protocol between the host (the core, in the Electron main process or plain
// Node) and the engine process (Electron utilityProcess, or a child forked by Node). The speech
// engine (whisper.cpp) and the drafting engine (node-llama-cpp) share it: each request kind names
// the lane it queues on, so a long draft never holds up a transcription, nor the other way round.
//
// Framing (every message is a plain object sent by structured clone: Electron's postMessage, or
// child_process.fork with `serialization: 'advanced'`, so a Float32Array of PCM crosses as is):
//
//   host → engine   { type: 'request', id, kind, payload }       kind ∈ requestKinds
//                   { type: 'cancel', id }
//   engine → host   { type: 'ready', protocolVersion, pid, engines: { speech, llm } }   once
//                   { type: 'event', id, kind, payload }         kind ∈ eventKinds, for request id
//                   { type: 'result', id, ok: true, value }      value per the request's kind
//                   { type: 'result', id, ok: false, error: { code, message } }
//                   { type: 'log', level, message }
//
// Every message is validated by the sender before it goes and by the receiver when it arrives
// (parse* below). Plain zod, no Node and no Electron: usable on both sides.
import { z } from 'zod';

/** 2: the LLM lane (llm.* kinds, llm.progress, `engines.llm` in ready). */
export const PROTOCOL_VERSION = 2;

/** 16 kHz mono: at most an hour per request (a chunk is ~30 s). */
export const SAMPLE_RATE = 16_000;
export const MAX_PCM_SAMPLES = 60 * 60 * SAMPLE_RATE;

// --- Errors ------------------------------------------------------------------------------------

export const engineErrorCodes = [
  /** The request did not validate (either side). */
  'invalid_request',
  /** A message from the other side did not validate. */
  'protocol_error',
  /** The request kind is not handled by this engine. */
  'unsupported',
  /** Cancelled before it ran (a transcription cancelled while running resolves as aborted). */
  'cancelled',
  'engine_unavailable',
  'model_load_failed',
  'transcription_failed',
  'model_busy',
  'model_freed',
  /** The LLM failed while generating. */
  'generation_failed',
  /** The prompt does not fit the model's context (the host splits the transcript to avoid it). */
  'prompt_too_long',
  /** The engine process died while the request was pending. Retryable. */
  'engine_crashed',
  /** The engine process stopped answering and was killed. Retryable. */
  'engine_hung',
  /** The host was stopped. */
  'engine_stopped',
  /** The engine process failed too often and is no longer restarted. */
  'engine_failed',
  'internal',
] as const;
export const engineErrorCodeSchema = z.enum(engineErrorCodes);
export type EngineErrorCode = z.infer<typeof engineErrorCodeSchema>;

export const engineErrorSchema = z.strictObject({
  code: engineErrorCodeSchema,
  message: z.string().max(10_000),
});
export type EngineErrorPayload = z.infer<typeof engineErrorSchema>;

// --- Shared value schemas ----------------------------------------------------------------------

const requestId = z.string().min(1).max(64);
const modelPath = z.string().min(1).max(4096);

export const speechSegmentSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  t0: z.number().nonnegative(),
  t1: z.number().nonnegative(),
  text: z.string(),
  confidence: z.number().min(0).max(1),
});

export const vadModes = ['off', 'energy', 'silero'] as const;
export type VadModeName = (typeof vadModes)[number];

/** A voiced stretch of the audio, in ms from its start. */
export const vadRegionSchema = z.strictObject({
  t0: z.number().nonnegative(),
  t1: z.number().nonnegative(),
});

export const transcriptionResultSchema = z.strictObject({
  aborted: z.boolean(),
  segments: z.array(speechSegmentSchema),
  text: z.string(),
  language: z.string().max(16),
  elapsedMs: z.number().nonnegative(),
  /** The length of the audio in the request (segment times are on its timeline). */
  audioMs: z.number().nonnegative(),
  // Voice-activity detection (speech.transcribe; absent from older engines).
  /** The VAD the engine applied. */
  vadMode: z.enum(vadModes).optional(),
  /** Energy VAD: the audio the detector judged voiced, padding included (0: no speech). */
  voicedMs: z.number().nonnegative().optional(),
  /** Energy VAD: the voiced regions, on the request's timeline. */
  voicedRegions: z.array(vadRegionSchema).max(100_000).optional(),
  /** True when the VAD found no speech and whisper did not run (no segments, empty text). */
  skipped: z.boolean().optional(),
  /**
   * The audio handed to whisper.cpp: the compacted voiced audio in energy mode (at least 1.1 s),
   * 0 when skipped, otherwise audioMs (whisper.cpp's Silero VAD cuts internally).
   */
  transcribedMs: z.number().nonnegative().optional(),
});

export const speechModelInfoSchema = z.strictObject({
  path: z.string(),
  loaded: z.boolean(),
  busy: z.boolean(),
  type: z.string().optional(),
  multilingual: z.boolean().optional(),
  vocabularySize: z.number().int().optional(),
  audioLayers: z.number().int().optional(),
  audioState: z.number().int().optional(),
  textLayers: z.number().int().optional(),
  mels: z.number().int().optional(),
});

export const speechAvailabilitySchema = z.discriminatedUnion('available', [
  z.strictObject({
    available: z.literal(true),
    engine: z.string(),
    whisperVersion: z.string(),
    systemInfo: z.string(),
    binding: z.string(),
    /** The slow prebuilt fallback runs (the project's own engine could not be built). */
    fallback: z.boolean().optional(),
  }),
  z.strictObject({ available: z.literal(false), engine: z.string(), reason: z.string() }),
]);

// --- LLM (drafting) -----------------------------------------------------------------------------

/**
 * Strings under a JSON-schema grammar are limited to the Basic Multilingual Plane and carry no
 * \uXXXX escapes, so a string of n characters takes at most 3n bytes (and so at most 3n tokens,
 * whatever the vocabulary): the host bounds a draft's length from its schema with this.
 */
export const LLM_STRING_MAX_BYTES_PER_CHAR = 3;

/** The model, and the context it runs in; the engine keeps one loaded and reloads on a change. */
export const llmModelSchema = z.strictObject({
  modelPath,
  /** Tokens of context (prompt + output). */
  contextSize: z.number().int().min(128).max(1_048_576),
  threads: z.number().int().min(1).max(256),
  /** Layers offloaded to a GPU; 0 or absent: CPU only. */
  gpuLayers: z.number().int().min(0).max(10_000).optional(),
});
export type LlmModelSpec = z.infer<typeof llmModelSchema>;

export const llmModelInfoSchema = z.strictObject({
  path: z.string(),
  /** The context actually allocated (the model may allow less than asked). */
  contextSize: z.number().int().positive(),
  trainContextSize: z.number().int().nonnegative(),
  threads: z.number().int().positive(),
  gpuLayers: z.number().int().nonnegative(),
  vocabularySize: z.number().int().nonnegative(),
  /** node-llama-cpp's chat wrapper for the model's template (e.g. "ChatML"). */
  chatWrapper: z.string(),
  /** 0 when it was loaded already. */
  loadMs: z.number().nonnegative(),
});

export const llmAvailabilitySchema = z.discriminatedUnion('available', [
  z.strictObject({
    available: z.literal(true),
    engine: z.string(),
    version: z.string(),
    /**
     * Whether the native binding is loaded yet: it is loaded on the first LLM request (about a
     * second), not at start-up, so the speech engine is ready without waiting for it.
     */
    bindingLoaded: z.boolean(),
  }),
  z.strictObject({ available: z.literal(false), engine: z.string(), reason: z.string() }),
]);
export type LlmAvailability = z.infer<typeof llmAvailabilitySchema>;

export const llmStopReasons = ['eog', 'grammar', 'maxTokens', 'aborted'] as const;

export const llmCompletionSchema = z.strictObject({
  aborted: z.boolean(),
  /** The generated text (trailing whitespace trimmed); what was generated so far when aborted. */
  text: z.string(),
  stopReason: z.enum(llmStopReasons),
  promptTokens: z.number().int().nonnegative(),
  /** Prompt tokens actually evaluated (the rest were reused from the previous prompt's cache). */
  promptTokensEvaluated: z.number().int().nonnegative(),
  generatedTokens: z.number().int().nonnegative(),
  /** Prompt evaluation up to the first generated token (time to first token). */
  promptMs: z.number().nonnegative(),
  /** From the first generated token to the last. */
  generateMs: z.number().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** Mean probability of the chosen tokens (null when not asked for, or none was generated). */
  meanConfidence: z.number().min(0).max(1).nullable(),
});

/** whisper.cpp's Silero VAD parameters (see VadOptions in speech/speech-engine.ts). */
const sileroParams = {
  modelPath,
  threshold: z.number().min(0).max(1).optional(),
  minSpeechDurationMs: z.number().int().nonnegative().optional(),
  minSilenceDurationMs: z.number().int().nonnegative().optional(),
  maxSpeechDurationS: z.number().positive().optional(),
  speechPadMs: z.number().int().nonnegative().optional(),
  samplesOverlap: z.number().nonnegative().optional(),
};

/**
 * Voice-activity detection for speech.transcribe (absent: off, as in benchmarks):
 * - `{ mode: 'off' }`: whisper gets the whole chunk;
 * - `{ mode: 'energy', ...EnergyVadOptions }`: the engine's own detector (speech/vad/energy-vad.ts)
 *   cuts the voiced regions out, whisper gets only those, segment times are mapped back; no speech
 *   at all → `skipped: true` without loading the model or running whisper;
 * - `{ mode: 'silero', modelPath, ... }`: whisper.cpp's built-in Silero VAD (the model file is
 *   checked before whisper.cpp reads it);
 * - the older form without `mode` (`{ modelPath, ... }`) still means Silero.
 */
export const vadSchema = z.union([
  z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('off') }),
    z.strictObject({
      mode: z.literal('energy'),
      frameMs: z.number().min(5).max(100).optional(),
      highPassHz: z.number().min(0).max(1000).optional(),
      thresholdDb: z.number().min(0).max(60).optional(),
      absoluteThresholdDb: z.number().min(-120).max(0).optional(),
      noisePercentile: z.number().min(0).max(100).optional(),
      noiseWindowMs: z.number().min(100).max(3_600_000).optional(),
      maxNoiseFloorDb: z.number().min(-120).max(0).optional(),
      minSilenceMs: z.number().min(0).max(60_000).optional(),
      minSpeechMs: z.number().min(0).max(60_000).optional(),
      padStartMs: z.number().min(0).max(10_000).optional(),
      padEndMs: z.number().min(0).max(10_000).optional(),
    }),
    z.strictObject({ mode: z.literal('silero'), ...sileroParams }),
  ]),
  z.strictObject(sileroParams),
]);
export type VadRequest = z.output<typeof vadSchema>;

const pcmSchema = z
  .custom<Float32Array>((value) => value instanceof Float32Array, {
    message: 'PCM must be a Float32Array',
  })
  .refine((pcm) => pcm.length > 0 && pcm.length <= MAX_PCM_SAMPLES, {
    message: `PCM must hold 1 to ${MAX_PCM_SAMPLES} samples (16 kHz mono)`,
  });

// --- Request kinds: payload and result value of each -------------------------------------------

/** Each lane runs its jobs one at a time, independently of the other lane. */
export const engineLanes = ['speech', 'llm'] as const;
export type EngineLane = (typeof engineLanes)[number];

interface RequestKindSpec {
  readonly payload: z.ZodType;
  readonly value: z.ZodType;
  /** The queue the job waits in; null: answered at once (ping), even while jobs run. */
  readonly lane: EngineLane | null;
}

const laneStateSchema = z.strictObject({
  busy: z.boolean(),
  queued: z.number().int().nonnegative(),
});

export const requestKinds = {
  /** Liveness and load; answered at once even while a job runs. */
  ping: {
    payload: z.strictObject({}),
    value: z.strictObject({
      pid: z.number().int(),
      uptimeMs: z.number().nonnegative(),
      /** Any lane is running a job. */
      busy: z.boolean(),
      /** Jobs waiting, all lanes. */
      queued: z.number().int().nonnegative(),
      rssBytes: z.number().nonnegative(),
      lanes: z.strictObject({ speech: laneStateSchema, llm: laneStateSchema }).optional(),
    }),
    lane: null,
  },
  /** Loads a model into the engine's cache (one model at a time) and returns its description. */
  'speech.load': {
    payload: z.strictObject({ modelPath, useGpu: z.boolean().optional() }),
    value: speechModelInfoSchema,
    lane: 'speech',
  },
  /** Transcribes 16 kHz mono PCM, loading the model first if needed. Events: progress, segment. */
  'speech.transcribe': {
    payload: z.strictObject({
      modelPath,
      useGpu: z.boolean().optional(),
      pcm: pcmSchema,
      language: z
        .string()
        .regex(/^(auto|[a-z]{2,3})$/)
        .optional(),
      initialPrompt: z.string().max(4000).optional(),
      threads: z.number().int().min(1).max(256).optional(),
      noTimestamps: z.boolean().optional(),
      vad: vadSchema.optional(),
    }),
    value: transcriptionResultSchema,
    lane: 'speech',
  },
  /** Frees one cached model, or all of them. */
  'speech.unload': {
    payload: z.strictObject({ modelPath: modelPath.optional() }),
    value: z.strictObject({ freed: z.array(z.string()) }),
    lane: 'speech',
  },
  /** Loads the LLM and its context (one at a time; another spec replaces it). */
  'llm.load': {
    payload: z.strictObject({ model: llmModelSchema }),
    value: llmModelInfoSchema,
    lane: 'llm',
  },
  /**
   * Counts the tokens of each text with the model's tokenizer (loading it first if needed), and the
   * tokens the chat template adds around a system and a user message.
   */
  'llm.tokenize': {
    payload: z.strictObject({
      model: llmModelSchema,
      texts: z.array(z.string().max(2_000_000)).max(100_000),
    }),
    value: z.strictObject({
      counts: z.array(z.number().int().nonnegative()),
      chatOverhead: z.number().int().nonnegative(),
    }),
    lane: 'llm',
  },
  /**
   * One chat turn (system + user, formatted with the model's chat template), optionally under a
   * JSON-schema grammar. Events: llm.progress. Cancelled while running, it resolves with
   * `aborted: true`.
   */
  'llm.complete': {
    payload: z.strictObject({
      model: llmModelSchema,
      system: z.string().max(200_000),
      user: z.string().max(2_000_000),
      /** A JSON schema in node-llama-cpp's subset (GbnfJsonSchema); absent: free text. */
      jsonSchema: z.record(z.string(), z.unknown()).optional(),
      maxTokens: z.number().int().min(1).max(1_048_576),
      /** 0 (the default): greedy. */
      temperature: z.number().min(0).max(2).optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .optional(),
      topK: z.number().int().min(0).max(1_000_000).optional(),
      topP: z.number().min(0).max(1).optional(),
      /** Keep the KV cache of the previous prompt's common prefix (default true). */
      reusePrefix: z.boolean().optional(),
      /**
       * Report the mean probability of the chosen tokens (default false). It costs: llama.cpp
       * then applies the grammar to the whole vocabulary at every step, about 40% of the
       * generation speed with a 128k vocabulary (bench/llm.ts).
       */
      confidence: z.boolean().optional(),
      /** At most one llm.progress event per this many ms (default 250). */
      progressIntervalMs: z.number().int().min(0).max(60_000).optional(),
    }),
    value: llmCompletionSchema,
    lane: 'llm',
  },
  /** Frees the LLM (and its context). */
  'llm.unload': {
    payload: z.strictObject({}),
    value: z.strictObject({ freed: z.array(z.string()) }),
    lane: 'llm',
  },
} as const satisfies Record<string, RequestKindSpec>;

export type RequestKind = keyof typeof requestKinds;
export const requestKindNames = Object.keys(requestKinds) as [RequestKind, ...RequestKind[]];
export type RequestPayload<K extends RequestKind> = z.output<(typeof requestKinds)[K]['payload']>;
export type RequestPayloadInput<K extends RequestKind> = z.input<
  (typeof requestKinds)[K]['payload']
>;
export type ResultValue<K extends RequestKind> = z.output<(typeof requestKinds)[K]['value']>;

// --- Event kinds -------------------------------------------------------------------------------

export const eventKinds = {
  /** 0..100. */
  progress: z.strictObject({ percent: z.number().min(0).max(100) }),
  segment: speechSegmentSchema,
  /** llm.complete: evaluating the prompt, then generating (throttled; a last one at the end). */
  'llm.progress': z.strictObject({
    phase: z.enum(['prompt', 'generate']),
    promptTokens: z.number().int().nonnegative(),
    promptTokensDone: z.number().int().nonnegative(),
    generatedTokens: z.number().int().nonnegative(),
    maxTokens: z.number().int().nonnegative(),
  }),
} as const satisfies Record<string, z.ZodType>;

export type EventKind = keyof typeof eventKinds;
export const eventKindNames = Object.keys(eventKinds) as [EventKind, ...EventKind[]];
export type EventPayload<K extends EventKind> = z.output<(typeof eventKinds)[K]>;

// --- Envelopes ---------------------------------------------------------------------------------

export type EngineRequest = {
  [K in RequestKind]: { type: 'request'; id: string; kind: K; payload: RequestPayload<K> };
}[RequestKind];
export type EngineEvent = {
  [K in EventKind]: { type: 'event'; id: string; kind: K; payload: EventPayload<K> };
}[EventKind];

const requestEnvelope = z.strictObject({
  type: z.literal('request'),
  id: requestId,
  kind: z.enum(requestKindNames),
  payload: z.unknown(),
});
const cancelSchema = z.strictObject({ type: z.literal('cancel'), id: requestId });
export type EngineCancel = z.infer<typeof cancelSchema>;
export type HostMessage = EngineRequest | EngineCancel;

export const readySchema = z.strictObject({
  type: z.literal('ready'),
  protocolVersion: z.number().int(),
  pid: z.number().int(),
  engines: z.strictObject({ speech: speechAvailabilitySchema, llm: llmAvailabilitySchema }),
});
export type EngineReady = z.infer<typeof readySchema>;

const eventEnvelope = z.strictObject({
  type: z.literal('event'),
  id: requestId,
  kind: z.enum(eventKindNames),
  payload: z.unknown(),
});
const resultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    type: z.literal('result'),
    id: requestId,
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.strictObject({
    type: z.literal('result'),
    id: requestId,
    ok: z.literal(false),
    error: engineErrorSchema,
  }),
]);
/** The value is validated against the request's kind by parseResultValue (only the host knows it). */
export type EngineResult = z.infer<typeof resultSchema>;
const logSchema = z.strictObject({
  type: z.literal('log'),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string().max(10_000),
});
export type EngineLog = z.infer<typeof logSchema>;
export type EngineMessage = EngineReady | EngineEvent | EngineResult | EngineLog;

// --- Parsing (both sides) ----------------------------------------------------------------------

export type Parsed<T> =
  | { ok: true; message: T }
  | {
      ok: false;
      /** The id, when the message carried a readable one (so the sender can be answered). */
      id: string | undefined;
      error: string;
    };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(message)'}: ${issue.message}`)
    .join('; ');
}

function readableId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && requestId.safeParse(id).success ? id : undefined;
}

function messageType(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
}

/** Engine side: a message from the host. */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  const type = messageType(raw);
  if (type === 'cancel') {
    const cancel = cancelSchema.safeParse(raw);
    return cancel.success
      ? { ok: true, message: cancel.data }
      : { ok: false, id: readableId(raw), error: describe(cancel.error) };
  }
  const envelope = requestEnvelope.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, id: readableId(raw), error: describe(envelope.error) };
  }
  const { id, kind } = envelope.data;
  const payload = requestKinds[kind].payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    const issues = describe(payload.error);
    return { ok: false, id, error: `invalid ${kind} payload: ${issues}` };
  }
  return {
    ok: true,
    message: { type: 'request', id, kind, payload: payload.data } as EngineRequest,
  };
}

/** Host side: a message from the engine (a result's value is checked by parseResultValue). */
export function parseEngineMessage(raw: unknown): Parsed<EngineMessage> {
  const type = messageType(raw);
  const fail = (error: z.ZodError) => ({
    ok: false as const,
    id: readableId(raw),
    error: describe(error),
  });
  switch (type) {
    case 'ready': {
      const ready = readySchema.safeParse(raw);
      return ready.success ? { ok: true, message: ready.data } : fail(ready.error);
    }
    case 'event': {
      const envelope = eventEnvelope.safeParse(raw);
      if (!envelope.success) return fail(envelope.error);
      const { id, kind } = envelope.data;
      const payload = eventKinds[kind].safeParse(envelope.data.payload);
      if (!payload.success) {
        return { ok: false, id, error: `invalid ${kind} event: ${describe(payload.error)}` };
      }
      return {
        ok: true,
        message: { type: 'event', id, kind, payload: payload.data } as EngineEvent,
      };
    }
    case 'result': {
      const result = resultSchema.safeParse(raw);
      return result.success ? { ok: true, message: result.data } : fail(result.error);
    }
    case 'log': {
      const log = logSchema.safeParse(raw);
      return log.success ? { ok: true, message: log.data } : fail(log.error);
    }
    default:
      return {
        ok: false,
        id: readableId(raw),
        error: `not an engine message (type ${JSON.stringify(type) ?? typeof raw})`,
      };
  }
}

export function parseRequestPayload<K extends RequestKind>(
  kind: K,
  payload: unknown,
): { ok: true; payload: RequestPayload<K> } | { ok: false; error: string } {
  const parsed = requestKinds[kind].payload.safeParse(payload);
  return parsed.success
    ? { ok: true, payload: parsed.data as RequestPayload<K> }
    : { ok: false, error: `invalid ${kind} payload: ${describe(parsed.error)}` };
}

export function parseResultValue<K extends RequestKind>(
  kind: K,
  value: unknown,
): { ok: true; value: ResultValue<K> } | { ok: false; error: string } {
  const parsed = requestKinds[kind].value.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data as ResultValue<K> }
    : { ok: false, error: `invalid ${kind} result: ${describe(parsed.error)}` };
}

export function parseEventPayload<K extends EventKind>(
  kind: K,
  payload: unknown,
): { ok: true; payload: EventPayload<K> } | { ok: false; error: string } {
  const parsed = eventKinds[kind].safeParse(payload);
  return parsed.success
    ? { ok: true, payload: parsed.data as EventPayload<K> }
    : { ok: false, error: `invalid ${kind} event: ${describe(parsed.error)}` };
}

/** Sender side: validates a whole message before it is posted (throws on a bug in the sender). */
export function assertValidEngineMessage(message: EngineMessage): void {
  const parsed = parseEngineMessage(message);
  if (!parsed.ok) throw new Error(`refusing to send an invalid engine message: ${parsed.error}`);
}

export function assertValidHostMessage(message: HostMessage): void {
  const parsed = parseHostMessage(message);
  if (!parsed.ok) throw new Error(`refusing to send an invalid host message: ${parsed.error}`);
}
