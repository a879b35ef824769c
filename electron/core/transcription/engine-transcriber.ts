import {
  EngineError,
  isRetryableEngineError,
  type EngineHost,
} from '../../engine/process/engine-host';
import type { TranscriptionBlocker } from '../../shared/recording';
import {
  TranscriberError,
  type TranscribeJob,
  type TranscribeOutcome,
  type Transcriber,
  type TranscriberState,
  type VadMode,
} from './transcriber';

/** The speech model to use now, or why there is none. */
export type ModelChoice =
  | { readonly ok: true; readonly id: string; readonly path: string }
  | {
      readonly ok: false;
      readonly blocker: Extract<TranscriptionBlocker, 'no_model' | 'model_corrupt'>;
      readonly detail: string;
    };

export interface EngineTranscriberOptions {
  readonly host: EngineHost;
  /** Asked before every job, so a model installed meanwhile is picked up. */
  readonly model: () => Promise<ModelChoice>;
  /** whisper.cpp's Silero VAD model when installed; the energy detector runs otherwise. */
  readonly sileroModel?: () => Promise<string | null>;
  /** Threads and GPU from the hardware (known better once the engine reports its backends). */
  readonly hardware: () => { readonly threads: number; readonly useGpu: boolean };
}

function int16ToFloat(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! / 32768;
  return out;
}

/**
 * Transcriber over the engine process (EngineHost): whisper.cpp in its own process, restarted by
 * the host when it dies or hangs. One attempt per call; the worker decides about retries.
 */
export class EngineTranscriber implements Transcriber {
  private readonly options: EngineTranscriberOptions;
  /** The model found at the last look (`refresh`, or a job); state() must answer at once. */
  private lastChoice: ModelChoice | null = null;

  constructor(options: EngineTranscriberOptions) {
    this.options = options;
  }

  /** Looks for the model again (after an import or a settings change). */
  async refresh(): Promise<ModelChoice> {
    this.lastChoice = await this.options.model();
    return this.lastChoice;
  }

  state(): TranscriberState {
    const { host } = this.options;
    const speech = host.ready?.engines.speech;
    const slowEngine = speech?.available === true && speech.fallback === true;
    if (host.state === 'failed') {
      return { blocker: 'engine_failed', slowEngine, detail: 'the engine process keeps failing' };
    }
    if (speech && !speech.available) {
      return { blocker: 'engine_unavailable', slowEngine: false, detail: speech.reason };
    }
    const model = this.lastChoice;
    if (model && !model.ok) return { blocker: model.blocker, slowEngine, detail: model.detail };
    return { blocker: null, slowEngine, detail: null };
  }

  async transcribe(job: TranscribeJob): Promise<TranscribeOutcome | null> {
    const { host } = this.options;
    const model = await this.refresh();
    if (!model.ok) throw new TranscriberError(model.detail, false, model.blocker);
    let ready;
    try {
      ready = await host.start();
    } catch (error) {
      throw new TranscriberError((error as Error).message, false, 'engine_failed', {
        cause: error,
      });
    }
    if (!ready.engines.speech.available) {
      throw new TranscriberError(ready.engines.speech.reason, false, 'engine_unavailable');
    }
    const { threads, useGpu } = this.options.hardware();
    // The prebuilt fallback has no whisper.cpp VAD: the engine's own detector works with any.
    const fallback = ready.engines.speech.fallback === true;
    const silero =
      job.vad === 'silero' && !fallback ? ((await this.options.sileroModel?.()) ?? null) : null;
    const vad: VadMode = job.vad === 'silero' && !silero ? 'energy' : job.vad;
    const started = Date.now();
    let result;
    try {
      result = await host.transcribe(
        int16ToFloat(job.pcm),
        {
          modelPath: model.path,
          useGpu,
          language: job.language,
          ...(job.initialPrompt ? { initialPrompt: job.initialPrompt } : {}),
          threads,
          ...(vad === 'off'
            ? {}
            : { vad: vad === 'silero' ? { mode: 'silero', modelPath: silero! } : { mode: vad } }),
        },
        { signal: job.signal, onProgress: job.onProgress },
      );
    } catch (error) {
      if (error instanceof EngineError && error.code === 'model_load_failed') {
        throw new TranscriberError(error.message, false, 'model_corrupt', { cause: error });
      }
      throw new TranscriberError((error as Error).message, isRetryableEngineError(error), null, {
        cause: error,
      });
    }
    if (result.aborted) return null;
    return {
      segments: result.segments.map((segment) => ({
        t0: segment.t0,
        t1: segment.t1,
        text: segment.text.trim(),
        confidence: segment.confidence,
      })),
      language: result.language || job.language,
      model: model.id,
      engine: ready.engines.speech.engine,
      processingMs: Date.now() - started,
      audioMs: result.audioMs,
      voicedMs: result.voicedMs ?? result.audioMs,
      vad,
    };
  }

  async close(): Promise<void> {
    await this.options.host.stop();
  }
}
