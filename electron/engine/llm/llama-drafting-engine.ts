// The drafting engine over node-llama-cpp (llama.cpp's prebuilt binaries), inside the engine process.
//
// - The native binding is loaded on the first request, not at start-up: importing node-llama-cpp
//   and `getLlama()` take about a second here (0.4–0.6 s + 0.45–0.6 s on the 2-core VM), which the
//   speech engine should not wait for. The ready message reports what is known without it.
// - One model and one context at a time; a request with another spec replaces them.
// - Prompts are formatted with the model's own chat template (node-llama-cpp's chat wrapper for it).
// - Generation is our own loop over `evaluateWithMetadata` rather than LlamaCompletion: it gives the
//   probability of each chosen token (the draft's confidence), progress per token, and a check of
//   the abort signal between prompt batches and between tokens, so cancelling is prompt even while
//   a long prompt is evaluated.
// - JSON-schema grammars come from `llama.createGrammarForJsonSchema`, with strings limited to the
//   Basic Multilingual Plane and without \uXXXX escapes (see LLM_STRING_MAX_BYTES_PER_CHAR): that
//   keeps every character at ≤ 3 bytes, so the host can bound a draft's length from its schema.
// Plain Node; nothing here may import Electron.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type * as NodeLlamaCppModule from 'node-llama-cpp';
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
  Token,
} from 'node-llama-cpp';
import {
  DraftingEngineError,
  type CompletionCallbacks,
  type CompletionRequest,
  type DraftingEngine,
  type LlmAvailability,
  type LlmCompletion,
  type LlmModelInfo,
  type LlmModelSpec,
} from './drafting-engine';

type NodeLlamaCpp = typeof NodeLlamaCppModule;

const ENGINE_NAME = 'node-llama-cpp';
/** Prompt tokens evaluated between two looks at the abort signal. */
const PROMPT_CHUNK_TOKENS = 128;
/** The JSON-schema grammar's end: four new lines (node-llama-cpp's stop trigger for it). */
const GRAMMAR_END_NEWLINES = 4;
const GRAMMAR_CACHE_SIZE = 8;

/**
 * node-llama-cpp 3.22's string character rule, and ours: no \uXXXX escapes, and nothing that takes
 * four bytes. llama.cpp's grammar decodes any F0–FF lead byte as a 4-byte sequence of up to 22
 * bits, hence the range up to U+3FFFFF; surrogates are not characters either.
 */
const STRING_CHAR_RULE =
  'string-char-rule ::= [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" ["\\\\/bfnrt] | "\\\\u" [0-9a-fA-F]{4}';
const BMP_STRING_CHAR_RULE =
  'string-char-rule ::= [^"\\\\\\x7F\\x00-\\x1F\\uD800-\\uDFFF\\U00010000-\\U003FFFFF] | "\\\\" ["\\\\/bfnrt]';

export interface LlamaDraftingEngineOptions {
  /** For tests: how node-llama-cpp is imported. */
  readonly importModule?: () => Promise<NodeLlamaCpp>;
}

/** What can be said without loading the binding: the package is installed, and its version. */
export function llamaAvailability(): LlmAvailability {
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('node-llama-cpp');
    const manifest = path.join(path.dirname(entry), '..', 'package.json');
    const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
    return { available: true, engine: ENGINE_NAME, version, bindingLoaded: false };
  } catch (error) {
    return {
      available: false,
      engine: ENGINE_NAME,
      reason: `node-llama-cpp is not installed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * The grammar text for a JSON schema, as the engine uses it (exported for the benchmark, which runs
 * node-llama-cpp directly under the very same grammar).
 */
export async function jsonSchemaGrammar(
  llama: Llama,
  schema: Readonly<Record<string, unknown>>,
): Promise<LlamaGrammar> {
  const base = await llama.createGrammarForJsonSchema(schema as never);
  if (!base.grammar.includes(STRING_CHAR_RULE)) {
    throw new DraftingEngineError(
      'generation_failed',
      'node-llama-cpp generated an unexpected string rule; the output bound would not hold',
    );
  }
  return llama.createGrammar({
    grammar: base.grammar.replace(STRING_CHAR_RULE, BMP_STRING_CHAR_RULE),
    stopGenerationTriggers: base.stopGenerationTriggers,
    trimWhitespaceSuffix: true,
  });
}

interface Loaded {
  readonly modelKey: string;
  readonly contextKey: string;
  readonly spec: LlmModelSpec;
  readonly model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  readonly chatWrapper: ChatWrapper;
  readonly vocabularySize: number;
}

const modelKeyOf = (spec: LlmModelSpec) =>
  JSON.stringify([path.resolve(spec.modelPath), spec.gpuLayers ?? 0]);
const contextKeyOf = (spec: LlmModelSpec) => JSON.stringify([spec.contextSize, spec.threads]);

async function* mapTokens(tokens: AsyncIterable<Token>): AsyncGenerator<{ token: Token }> {
  for await (const token of tokens) yield { token };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createLlamaDraftingEngine(
  options: LlamaDraftingEngineOptions = {},
): DraftingEngine {
  const importModule = options.importModule ?? (() => import('node-llama-cpp'));
  const initial = llamaAvailability();
  let availability: LlmAvailability = initial;
  let lib: NodeLlamaCpp | undefined;
  let binding: { llama: Llama; gpu: boolean } | undefined;
  let loaded: Loaded | undefined;
  const grammars = new Map<string, LlamaGrammar>();

  async function llamaFor(gpu: boolean): Promise<Llama> {
    if (!initial.available) throw new DraftingEngineError('engine_unavailable', initial.reason);
    if (binding && binding.gpu === gpu) return binding.llama;
    await freeModel();
    await binding?.llama.dispose();
    binding = undefined;
    grammars.clear();
    try {
      lib ??= await importModule();
      // Never build from source or download at run time: the prebuilt binaries or nothing.
      const llama = await lib.getLlama({
        gpu: gpu ? 'auto' : false,
        build: 'never',
        logLevel: lib.LlamaLogLevel.error,
      });
      binding = { llama, gpu };
      if (availability.available) availability = { ...availability, bindingLoaded: true };
      return llama;
    } catch (error) {
      const reason = `the llama.cpp binding did not load: ${message(error)}`;
      availability = { available: false, engine: ENGINE_NAME, reason };
      throw new DraftingEngineError('engine_unavailable', reason, { cause: error });
    }
  }

  async function freeModel(): Promise<string[]> {
    const current = loaded;
    loaded = undefined;
    if (!current) return [];
    await current.context.dispose();
    await current.model.dispose();
    return [current.spec.modelPath];
  }

  async function ensure(
    spec: LlmModelSpec,
    signal?: AbortSignal,
  ): Promise<{ loaded: Loaded; loadMs: number }> {
    const modelKey = modelKeyOf(spec);
    const contextKey = contextKeyOf(spec);
    if (loaded?.modelKey === modelKey && loaded.contextKey === contextKey) {
      return { loaded, loadMs: 0 };
    }
    const started = performance.now();
    const gpuLayers = spec.gpuLayers ?? 0;
    const llama = await llamaFor(gpuLayers > 0);
    if (loaded?.modelKey === modelKey) {
      // Same model, another context (size or threads): keep the weights.
      await loaded.context.dispose();
      const context = await createContext(loaded.model, spec);
      loaded = { ...loaded, contextKey, spec, context, sequence: context.getSequence() };
      return { loaded, loadMs: performance.now() - started };
    }
    await freeModel();
    let model: LlamaModel;
    try {
      // A multi-gigabyte model takes seconds to load: a cancelled draft need not wait for it.
      model = await llama.loadModel({
        modelPath: spec.modelPath,
        gpuLayers,
        ...(signal ? { loadSignal: signal } : {}),
      });
    } catch (error) {
      throw new DraftingEngineError(
        'model_load_failed',
        `could not load ${spec.modelPath}: ${message(error)}`,
        { cause: error },
      );
    }
    try {
      const context = await createContext(model, spec);
      let vocabularySize = 0;
      for (const _token of model.iterateAllTokens()) vocabularySize++;
      loaded = {
        modelKey,
        contextKey,
        spec,
        model,
        context,
        sequence: context.getSequence(),
        chatWrapper: lib!.resolveChatWrapper(model),
        vocabularySize,
      };
    } catch (error) {
      await model.dispose();
      if (error instanceof DraftingEngineError) throw error;
      throw new DraftingEngineError('model_load_failed', message(error), { cause: error });
    }
    return { loaded, loadMs: performance.now() - started };
  }

  async function createContext(model: LlamaModel, spec: LlmModelSpec): Promise<LlamaContext> {
    try {
      return await model.createContext({
        contextSize: spec.contextSize,
        threads: spec.threads,
        sequences: 1,
      });
    } catch (error) {
      throw new DraftingEngineError(
        'model_load_failed',
        `could not create a context of ${spec.contextSize} tokens: ${message(error)}`,
        { cause: error },
      );
    }
  }

  function info(current: Loaded, loadMs: number): LlmModelInfo {
    return {
      path: current.spec.modelPath,
      contextSize: current.context.contextSize,
      trainContextSize: current.model.trainContextSize,
      threads: current.context.currentThreads,
      gpuLayers: current.model.gpuLayers,
      vocabularySize: current.vocabularySize,
      chatWrapper: current.chatWrapper.wrapperName,
      loadMs,
    };
  }

  function chatTokens(current: Loaded, system: string, user: string): Token[] {
    const { LlamaText } = lib!;
    const history: ChatHistoryItem[] = [
      ...(system ? [{ type: 'system' as const, text: LlamaText(system).toJSON() }] : []),
      { type: 'user', text: user },
      { type: 'model', response: [] },
    ];
    const { contextText } = current.chatWrapper.generateContextState({ chatHistory: history });
    return contextText.tokenize(current.model.tokenizer);
  }

  async function grammarFor(schema: Readonly<Record<string, unknown>>): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    const cached = grammars.get(key);
    if (cached) {
      grammars.delete(key);
      grammars.set(key, cached);
      return cached;
    }
    let grammar: LlamaGrammar;
    try {
      grammar = await jsonSchemaGrammar(binding!.llama, schema);
    } catch (error) {
      if (error instanceof DraftingEngineError) throw error;
      throw new DraftingEngineError('invalid_request', `unusable JSON schema: ${message(error)}`, {
        cause: error,
      });
    }
    grammars.set(key, grammar);
    while (grammars.size > GRAMMAR_CACHE_SIZE) grammars.delete(grammars.keys().next().value!);
    return grammar;
  }

  async function complete(
    spec: LlmModelSpec,
    request: CompletionRequest,
    callbacks: CompletionCallbacks = {},
  ): Promise<LlmCompletion> {
    const startedAt = performance.now();
    const { signal, onProgress } = callbacks;
    const interval = callbacks.progressIntervalMs ?? 250;
    const aborted = (partial: Partial<LlmCompletion>): LlmCompletion => ({
      aborted: true,
      text: '',
      stopReason: 'aborted',
      promptTokens: 0,
      promptTokensEvaluated: 0,
      generatedTokens: 0,
      promptMs: 0,
      generateMs: 0,
      meanConfidence: null,
      ...partial,
      elapsedMs: performance.now() - startedAt,
    });
    if (signal?.aborted) return aborted({});
    let current: Loaded;
    try {
      current = (await ensure(spec, signal)).loaded;
    } catch (error) {
      if (signal?.aborted) return aborted({});
      throw error;
    }
    if (signal?.aborted) return aborted({});
    const grammar = request.jsonSchema ? await grammarFor(request.jsonSchema) : undefined;
    const { LlamaGrammarEvaluationState } = lib!;
    const { model, context, sequence } = current;

    const prompt = chatTokens(current, request.system, request.user);
    const contextSize = context.contextSize;
    if (prompt.length >= contextSize) {
      throw new DraftingEngineError(
        'prompt_too_long',
        `the prompt has ${prompt.length} tokens; the context holds ${contextSize}`,
      );
    }
    const maxTokens = Math.min(request.maxTokens, contextSize - prompt.length);

    let lastProgressAt = -Infinity;
    const progress = (
      phase: 'prompt' | 'generate',
      promptTokensDone: number,
      generatedTokens: number,
      force = false,
    ) => {
      if (!onProgress) return;
      const now = performance.now();
      if (!force && now - lastProgressAt < interval) return;
      lastProgressAt = now;
      onProgress({
        phase,
        promptTokens: prompt.length,
        promptTokensDone,
        generatedTokens,
        maxTokens,
      });
    };

    // Keep the cached prefix the previous prompt shares with this one (same system prompt and
    // transcript header across the parts of a visit); evaluate the rest in chunks, looking at the
    // abort signal in between. The last prompt token goes with the generation.
    const promptStartedAt = performance.now();
    let reused = 0;
    try {
      if (request.reusePrefix !== false) {
        reused = Math.min(
          sequence.compareContextTokens(prompt).firstDifferentIndex,
          prompt.length - 1,
        );
      }
      if (sequence.nextTokenIndex > reused) {
        await sequence.eraseContextTokenRanges([{ start: reused, end: sequence.nextTokenIndex }]);
      }
      progress('prompt', reused, 0, true);
      for (let at = reused; at < prompt.length - 1; at += PROMPT_CHUNK_TOKENS) {
        if (signal?.aborted) {
          return aborted({ promptTokens: prompt.length, promptTokensEvaluated: at - reused });
        }
        const end = Math.min(prompt.length - 1, at + PROMPT_CHUNK_TOKENS);
        await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(at, end));
        progress('prompt', end, 0);
      }
    } catch (error) {
      throw new DraftingEngineError('generation_failed', message(error), { cause: error });
    }

    const generated: Token[] = [];
    let firstTokenAt: number | undefined;
    let confidenceSum = 0;
    let trailingNewlines = 0;
    let stopReason: LlmCompletion['stopReason'] = 'maxTokens';
    try {
      const evaluation = {
        temperature: request.temperature ?? 0,
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.topK !== undefined ? { topK: request.topK } : {}),
        ...(request.topP !== undefined ? { topP: request.topP } : {}),
        ...(grammar
          ? { grammarEvaluationState: new LlamaGrammarEvaluationState({ model, grammar }) }
          : {}),
        yieldEogToken: true,
      };
      const last = [prompt[prompt.length - 1]!];
      // Probabilities only when asked: llama.cpp otherwise checks the grammar against the chosen
      // token alone, which is much cheaper than against the whole vocabulary.
      const iterator: AsyncIterable<{ token: Token; confidence?: number }> = request.confidence
        ? sequence.evaluateWithMetadata(last, { confidence: true }, evaluation)
        : mapTokens(sequence.evaluate(last, evaluation));
      for await (const { token, confidence } of iterator) {
        if (signal?.aborted) {
          stopReason = 'aborted';
          break;
        }
        if (model.isEogToken(token)) {
          stopReason = 'eog';
          break;
        }
        generated.push(token);
        firstTokenAt ??= performance.now();
        confidenceSum += confidence ?? 0;
        const piece = model.detokenize([token]);
        const trailing = piece.length - piece.replace(/\n+$/, '').length;
        trailingNewlines = trailing === piece.length ? trailingNewlines + trailing : trailing;
        progress('generate', prompt.length, generated.length);
        if (grammar && trailingNewlines >= GRAMMAR_END_NEWLINES) {
          stopReason = 'grammar';
          break;
        }
        if (generated.length >= maxTokens) break;
      }
    } catch (error) {
      throw new DraftingEngineError('generation_failed', message(error), { cause: error });
    }
    const endedAt = performance.now();
    progress('generate', prompt.length, generated.length, true);
    const result: LlmCompletion = {
      aborted: stopReason === 'aborted',
      text: model.detokenize(generated).trimEnd(),
      stopReason,
      promptTokens: prompt.length,
      promptTokensEvaluated: prompt.length - reused,
      generatedTokens: generated.length,
      promptMs: (firstTokenAt ?? endedAt) - promptStartedAt,
      generateMs: firstTokenAt === undefined ? 0 : endedAt - firstTokenAt,
      elapsedMs: performance.now() - startedAt,
      meanConfidence:
        request.confidence && generated.length > 0
          ? Math.min(1, Math.max(0, confidenceSum / generated.length))
          : null,
    };
    return result;
  }

  return {
    get availability() {
      return availability;
    },
    async load(spec) {
      const { loaded: current, loadMs } = await ensure(spec);
      return info(current, loadMs);
    },
    async countTokens(spec, texts) {
      const { loaded: current } = await ensure(spec);
      const counts = texts.map((text) => current.model.tokenize(text).length);
      // What the template adds around a system and a user message (a space stands for each).
      const space = current.model.tokenize(' ').length;
      const chatOverhead = Math.max(0, chatTokens(current, ' ', ' ').length - 2 * space);
      return { counts, chatOverhead };
    },
    complete,
    unload: freeModel,
    async close() {
      await freeModel();
      grammars.clear();
      await binding?.llama.dispose();
      binding = undefined;
    },
  };
}
