/** Why an LLM draft did not complete, for program logic; the drafting service picks the message. */
export type DraftingFailure =
  /** The signal aborted it. */
  | 'cancelled'
  /** node-llama-cpp or its binding is missing on this PC. */
  | 'engine_unavailable'
  /** The model file did not load (damaged, or not a GGUF llama.cpp can run). */
  | 'model_load_failed'
  /** The engine process died or hung mid-draft and was restarted: the draft may succeed again. */
  | 'engine_crashed'
  /** The engine process keeps failing, or was stopped. */
  | 'engine_failed'
  /** The context is too small for the prompt and the smallest draft. */
  | 'context_too_small'
  /** The model's answer was not a draft (which the grammar should make impossible). */
  | 'invalid_output'
  | 'internal';

/**
 * An LLM draft that did not complete. `retryable`: the engine died or hung and has been restarted;
 * the same draft may succeed if run again (the caller decides how often).
 */
export class DraftingError extends Error {
  override readonly name = 'DraftingError';
  constructor(
    readonly reason: DraftingFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.reason === 'engine_crashed';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof DraftingError && error.reason === 'cancelled';
}
