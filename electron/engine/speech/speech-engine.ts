// The speech engine's typed interface. Implementations: whisper-addon.ts (the project's own
// Node-API addon over whisper.cpp). A prebuilt fallback will implement the same interface.
// Plain Node; nothing here may import Electron.

/** Whisper language code ('fa', 'en', …) or 'auto' to detect it. */
export type SpeechLanguage = 'fa' | 'en' | 'auto' | (string & {});

export interface VadOptions {
  /** whisper.cpp's ggml Silero VAD model (e.g. ggml-silero-v6.2.0.bin). */
  modelPath: string;
  threshold?: number;
  minSpeechDurationMs?: number;
  minSilenceDurationMs?: number;
  maxSpeechDurationS?: number;
  speechPadMs?: number;
  samplesOverlap?: number;
}

export interface TranscribeOptions {
  /** Default 'fa'. */
  language?: SpeechLanguage;
  /** Medical vocabulary and the like, to bias the decoder. */
  initialPrompt?: string;
  /** Default: min(4, CPU count). */
  threads?: number;
  /** Default false: segments carry start and end times. */
  noTimestamps?: boolean;
  /** whisper.cpp's built-in VAD; off unless given. */
  vad?: VadOptions;
  /** Aborting it aborts the job, like TranscriptionJob.abort(). */
  signal?: AbortSignal;
}

export interface SpeechSegment {
  index: number;
  /** Start, in milliseconds from the start of the audio passed in. */
  t0: number;
  /** End, in milliseconds. */
  t1: number;
  text: string;
  /** Mean probability of the segment's text tokens, 0..1 (0 when it has none). */
  confidence: number;
}

export interface TranscriptionResult {
  /** True when the job was aborted; segments are then empty or partial. */
  aborted: boolean;
  segments: SpeechSegment[];
  text: string;
  /** Language used or detected ('' when aborted early). */
  language: string;
  elapsedMs: number;
  audioMs: number;
}

export interface TranscribeCallbacks {
  /** 0..100, called on the event loop while the job runs. */
  onProgress?: (percent: number) => void;
  /** Each new segment as soon as it is decoded. */
  onSegment?: (segment: SpeechSegment) => void;
}

export interface TranscriptionJob {
  /** Settles when the job ends: resolves (aborted or not), rejects on failure. */
  readonly result: Promise<TranscriptionResult>;
  /** Stops the job within milliseconds; the model stays usable. */
  abort(): void;
}

export interface SpeechModelInfo {
  path: string;
  loaded: boolean;
  busy: boolean;
  type?: string;
  multilingual?: boolean;
  vocabularySize?: number;
  audioLayers?: number;
  audioState?: number;
  textLayers?: number;
  mels?: number;
}

export interface SpeechModel {
  readonly path: string;
  info(): SpeechModelInfo;
  /** 16 kHz mono PCM in [-1, 1]. One job at a time per model. */
  transcribe(
    pcm: Float32Array,
    options?: TranscribeOptions,
    callbacks?: TranscribeCallbacks,
  ): TranscriptionJob;
  /** Releases the model (after aborting a running job). */
  free(): void;
}

export type SpeechEngineAvailability =
  | {
      available: true;
      engine: string;
      whisperVersion: string;
      systemInfo: string;
      binding: string;
      /** The slow prebuilt fallback (@fugood/whisper.node), used when our addon is missing. */
      fallback?: boolean;
    }
  | { available: false; engine: string; reason: string };

export interface SpeechEngine {
  readonly availability: SpeechEngineAvailability;
  loadModel(path: string, options?: { useGpu?: boolean }): Promise<SpeechModel>;
}

export type SpeechErrorCode =
  | 'ENGINE_UNAVAILABLE'
  | 'MODEL_LOAD_FAILED'
  | 'TRANSCRIPTION_FAILED'
  | 'MODEL_BUSY'
  | 'MODEL_FREED';

export class SpeechEngineError extends Error {
  override readonly name = 'SpeechEngineError';
  constructor(
    readonly code: SpeechErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
