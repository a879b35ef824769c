import type { TranscriptionBlocker, TranscriptionLanguage } from '../../shared/recording';
import type { HeardSegment } from './merge';

/**
 * What the transcription worker needs from a speech engine. The app's implementation is
 * EngineTranscriber (the engine process over whisper.cpp); the worker knows nothing of processes.
 */
export type VadMode = 'off' | 'energy' | 'silero';

export interface TranscribeJob {
  /** 16 kHz mono signed 16-bit PCM. */
  readonly pcm: Int16Array;
  readonly language: TranscriptionLanguage;
  readonly initialPrompt: string;
  readonly vad: VadMode;
  readonly signal: AbortSignal;
  readonly onProgress: (percent: number) => void;
}

export interface TranscribeOutcome {
  readonly segments: HeardSegment[];
  /** The language used or detected. */
  readonly language: string;
  /** The model's manifest id (or file name). */
  readonly model: string;
  readonly engine: string;
  readonly processingMs: number;
  readonly audioMs: number;
  readonly voicedMs: number;
  /** The detector that actually ran ('energy' when silero was asked for but is not installed). */
  readonly vad: VadMode;
}

export interface TranscriberState {
  /** Why jobs cannot run now; null when they can (or will once the engine has started). */
  readonly blocker: TranscriptionBlocker | null;
  /** The engine is the slow prebuilt fallback. */
  readonly slowEngine: boolean;
  readonly detail: string | null;
}

export interface Transcriber {
  state(): TranscriberState;
  /** Resolves null when the job was aborted through its signal. */
  transcribe(job: TranscribeJob): Promise<TranscribeOutcome | null>;
  /** Looks again for what state() reports missing (a model installed meanwhile). */
  refresh(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A job that did not complete. `blocker`: nothing can run until something changes (a model is
 * installed) — the chunk waits and is not charged an attempt. `retryable`: the engine died or hung
 * and was restarted — try again, a bounded number of times.
 */
export class TranscriberError extends Error {
  override readonly name = 'TranscriberError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly blocker: TranscriptionBlocker | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
