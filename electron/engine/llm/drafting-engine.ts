// What the engine process needs from an LLM: load a model into a context, count tokens, and complete
// one chat turn under a JSON-schema grammar with progress and cancellation. The implementation over
// node-llama-cpp is llama-drafting-engine.ts; the engine service only sees this interface. Plain
// Node; nothing here may import Electron.
import type { z } from 'zod';
import type {
  LlmAvailability,
  LlmModelSpec,
  llmCompletionSchema,
  llmModelInfoSchema,
} from '../protocol/messages';

export type { LlmAvailability, LlmModelSpec };
export type LlmModelInfo = z.infer<typeof llmModelInfoSchema>;
export type LlmCompletion = z.infer<typeof llmCompletionSchema>;

export type DraftingEngineErrorCode =
  | 'engine_unavailable'
  | 'model_load_failed'
  | 'generation_failed'
  | 'prompt_too_long'
  | 'invalid_request';

export class DraftingEngineError extends Error {
  override readonly name = 'DraftingEngineError';
  constructor(
    readonly code: DraftingEngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface CompletionRequest {
  readonly system: string;
  readonly user: string;
  /** node-llama-cpp's JSON-schema subset; absent: free text. */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
  readonly maxTokens: number;
  readonly temperature?: number;
  readonly seed?: number;
  readonly topK?: number;
  readonly topP?: number;
  readonly reusePrefix?: boolean;
  /** Measure the chosen tokens' probabilities (slower; see the protocol's llm.complete). */
  readonly confidence?: boolean;
}

export interface CompletionProgress {
  readonly phase: 'prompt' | 'generate';
  readonly promptTokens: number;
  readonly promptTokensDone: number;
  readonly generatedTokens: number;
  readonly maxTokens: number;
}

export interface CompletionCallbacks {
  /** Aborting it ends the job promptly; the result then has `aborted: true`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CompletionProgress) => void;
  /** Minimum spacing of onProgress calls (the first and the last always come). Default 250. */
  readonly progressIntervalMs?: number;
}

export interface DraftingEngine {
  /** Known without loading the native binding (see llama-drafting-engine.ts). */
  readonly availability: LlmAvailability;
  load(spec: LlmModelSpec): Promise<LlmModelInfo>;
  countTokens(
    spec: LlmModelSpec,
    texts: readonly string[],
  ): Promise<{ counts: number[]; chatOverhead: number }>;
  complete(
    spec: LlmModelSpec,
    request: CompletionRequest,
    callbacks?: CompletionCallbacks,
  ): Promise<LlmCompletion>;
  /** Frees the model and its context; returns the freed model's path, if any. */
  unload(): Promise<string[]>;
  /** Frees everything, the binding included. */
  close(): Promise<void>;
}
