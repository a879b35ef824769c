import { EngineError, type EngineHost } from '../../../engine/process/engine-host';
import type {
  EventPayload,
  LlmModelSpec,
  RequestPayloadInput,
  ResultValue,
} from '../../../engine/protocol/messages';
import { DraftingError } from './errors';

/** The model as the drafting pipeline asks for it (paths and sizes from settings and hardware). */
export interface LlmModelOptions {
  readonly path: string;
  readonly contextSize: number;
  readonly threads: number;
  readonly gpuLayers?: number;
}

export type LlmModelInfo = ResultValue<'llm.load'>;
export type LlmCompletion = ResultValue<'llm.complete'>;
export type LlmGenerationProgress = EventPayload<'llm.progress'>;

function toDraftingError(error: unknown): DraftingError {
  if (error instanceof DraftingError) return error;
  if (error instanceof EngineError) {
    switch (error.code) {
      case 'cancelled':
        return new DraftingError('cancelled', error.message, { cause: error });
      case 'engine_unavailable':
        return new DraftingError('engine_unavailable', error.message, { cause: error });
      case 'model_load_failed':
        return new DraftingError('model_load_failed', error.message, { cause: error });
      case 'prompt_too_long':
        return new DraftingError('context_too_small', error.message, { cause: error });
      case 'engine_failed':
      case 'engine_stopped':
        return new DraftingError('engine_failed', error.message, { cause: error });
      // The process died or hung and is being restarted: the same draft may succeed.
      case 'engine_crashed':
      case 'engine_hung':
        return new DraftingError('engine_crashed', error.message, { cause: error });
      case 'generation_failed':
      case 'internal':
      case 'invalid_request':
      case 'model_busy':
      case 'model_freed':
      case 'protocol_error':
      case 'transcription_failed':
      case 'unsupported':
        return new DraftingError('internal', `${error.code}: ${error.message}`, { cause: error });
    }
  }
  return new DraftingError('internal', error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}

const cancelled = () => new DraftingError('cancelled', 'the draft was cancelled');

/**
 * Settles with `work`, or rejects as cancelled the moment `signal` aborts: the engine is told to
 * stop (the request's own signal), but the caller does not wait for it to acknowledge.
 */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The LLM requests of the engine protocol, typed, with failures as DraftingError. */
export class LlmClient {
  readonly spec: LlmModelSpec;

  constructor(
    private readonly host: EngineHost,
    model: LlmModelOptions,
    private readonly signal?: AbortSignal,
  ) {
    this.spec = {
      modelPath: model.path,
      contextSize: model.contextSize,
      threads: model.threads,
      ...(model.gpuLayers !== undefined ? { gpuLayers: model.gpuLayers } : {}),
    };
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    if (this.signal?.aborted) throw cancelled();
    try {
      return await abortable(work(), this.signal);
    } catch (error) {
      throw toDraftingError(error);
    }
  }

  async load(): Promise<LlmModelInfo> {
    return this.call(async () => {
      const ready = await this.host.start();
      if (!ready.engines.llm.available) {
        throw new DraftingError('engine_unavailable', ready.engines.llm.reason);
      }
      return this.host.request('llm.load', { model: this.spec }, this.options());
    });
  }

  /** Token counts of `texts`, and what the chat template adds around system + user. */
  countTokens(texts: readonly string[]): Promise<ResultValue<'llm.tokenize'>> {
    return this.call(() =>
      this.host.request('llm.tokenize', { model: this.spec, texts: [...texts] }, this.options()),
    );
  }

  async complete(
    request: Omit<RequestPayloadInput<'llm.complete'>, 'model'>,
    onProgress?: (progress: LlmGenerationProgress) => void,
  ): Promise<LlmCompletion> {
    const result = await this.call(() =>
      this.host.request(
        'llm.complete',
        { ...request, model: this.spec },
        {
          ...this.options(),
          onEvent: (event) => {
            if (event.kind === 'llm.progress') onProgress?.(event.payload);
          },
        },
      ),
    );
    if (result.aborted) throw cancelled();
    return result;
  }

  private options(): { signal?: AbortSignal } {
    return this.signal ? { signal: this.signal } : {};
  }
}
