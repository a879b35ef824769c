import type {
  DraftingHardwarePlan,
  DraftingHardwareRule,
  GpuLayers,
  LlmModelEntry,
  LlmParameterClass,
} from '../../shared/models';
import { describeMachine, engineThreads, gpuBackendOf, type HardwareDescription } from './hardware';

const KiB = 1024;
const GiB = 1024 ** 3;

/**
 * Drafting speed and memory measured here (SPEC §3): random-weight Q4_0 models of real shapes,
 * node-llama-cpp on 2 threads, CPU only. Every estimate below starts from these figures.
 */
export const MEASURED_DRAFTING = {
  threads: 2,
  classes: {
    '1B': { promptTokensPerSecond: 120, generatedTokensPerSecond: 21.9, memoryBytes: 1.8e9 },
    '3B': { promptTokensPerSecond: 41.7, generatedTokensPerSecond: 9.2, memoryBytes: 4.3e9 },
    '8B': { promptTokensPerSecond: 14.5, generatedTokensPerSecond: 3.8, memoryBytes: 9.0e9 },
  },
} as const satisfies {
  threads: number;
  classes: Record<
    LlmParameterClass,
    { promptTokensPerSecond: number; generatedTokensPerSecond: number; memoryBytes: number }
  >;
};

/** The visit the settings screen quotes a time for: ~2,000 tokens of transcript in, ~400 out. */
export const TYPICAL_VISIT = { promptTokens: 2000, outputTokens: 400 } as const;

/**
 * How long a draft may take for the larger model to be worth it: the doctor reads the draft
 * between patients, so it should be ready within about two minutes of the visit's end.
 */
export const DRAFT_TIME_BUDGET_SECONDS = 120;

/**
 * Memory left to everything else while drafting: the OS (~1.5 GB), the app itself (~0.5 GB) and
 * the speech model, which may still be finishing the visit's last chunk (small-q5_1: ~0.6 GB).
 */
export const RESERVED_MEMORY_BYTES = 2.5 * GiB;

/** Context sizes tried, largest first; map-reduce drafting covers longer visits in parts. */
const CONTEXT_SIZES = [16_384, 8_192, 4_096] as const;

/**
 * Key/value cache per token at f16, an upper bound for the class: 2 (K and V) × layers × KV heads
 * × head size × 2 bytes for Llama 3.2 1B (16 × 8 × 64: 32 KiB) and Llama 3.2 3B / 3.1 8B
 * (28 or 32 × 8 × 128: 112 or 128 KiB). Qwen2.5 and Gemma 3 of the same class need no more.
 */
const KV_BYTES_PER_TOKEN: Record<LlmParameterClass, number> = {
  '1B': 32 * KiB,
  '3B': 128 * KiB,
  '8B': 128 * KiB,
};

/**
 * The model recommended in each class: commercial use allowed and Persian among its languages.
 * Qwen2.5 1.5B (Apache-2.0, 29+ languages) rather than Gemma 3 1B (English only) or Llama 3.2 1B
 * (Persian not supported); Gemma 3 4B (140+ languages) rather than Qwen2.5 3B (research licence);
 * Qwen2.5 7B (Apache-2.0).
 */
export const RECOMMENDED_DRAFTING_MODELS: Readonly<Record<LlmParameterClass, string>> = {
  '1B': 'qwen2.5-1.5b-instruct-q4_k_m',
  '3B': 'gemma-3-4b-it-q4_k_m',
  '8B': 'qwen2.5-7b-instruct-q4_k_m',
};

/** Largest first: the plan takes the first class that fits. */
const CLASSES_LARGEST_FIRST: readonly LlmParameterClass[] = ['8B', '3B', '1B'];

export interface DraftingRates {
  readonly promptTokensPerSecond: number;
  readonly generatedTokensPerSecond: number;
}

/**
 * A class's speed on `threads` CPU threads, scaled from the 2-thread measurement:
 *
 *   prompt(t)    = prompt(2)    × t / 2         reading the prompt is matrix × matrix work,
 *                                               bound by arithmetic: it grows with the cores
 *   generated(t) = generated(2) × √(t / 2)      writing is one matrix × vector per token, bound
 *                                               by memory bandwidth, which two threads already
 *                                               use a good part of: it grows far more slowly
 *
 * `t` is capped by {@link engineThreads} (8). The square root is a deliberately modest guess for a
 * bandwidth-bound step; the figures are for the CPU only.
 */
export function draftingRates(parameterClass: LlmParameterClass, threads: number): DraftingRates {
  const measured = MEASURED_DRAFTING.classes[parameterClass];
  const scale = Math.max(1, threads) / MEASURED_DRAFTING.threads;
  return {
    promptTokensPerSecond: measured.promptTokensPerSecond * scale,
    generatedTokensPerSecond: measured.generatedTokensPerSecond * Math.sqrt(scale),
  };
}

/**
 * Expected seconds to draft on this workstation's CPU:
 *
 *   seconds = promptTokens / prompt(t) + outputTokens / generated(t)
 *
 * with the rates of {@link draftingRates} for the model's class and t = {@link engineThreads}.
 * At t = 2 this gives the SPEC's figures for ~2,000 tokens in and ~400 out: 35 s (1B-class),
 * 91 s (3B) and 243 s (8B). A model running on a GPU is faster; the figure is then an upper bound.
 */
export function estimateDraftSeconds(
  model: Pick<LlmModelEntry, 'parameterClass'>,
  hardware: HardwareDescription,
  promptTokens: number,
  outputTokens: number,
): number {
  const rates = draftingRates(model.parameterClass, engineThreads(hardware));
  return (
    Math.max(0, promptTokens) / rates.promptTokensPerSecond +
    Math.max(0, outputTokens) / rates.generatedTokensPerSecond
  );
}

/** What sizing a model needs to know of it: its class, and its own memory estimate if any. */
export type ModelSizing = Pick<LlmModelEntry, 'parameterClass'> &
  Partial<Pick<LlmModelEntry, 'ramBytesApprox'>>;

/** Memory beyond {@link RESERVED_MEMORY_BYTES}, for the model and its context. */
function memoryForDrafting(hardware: HardwareDescription): number {
  return hardware.totalMemBytes - RESERVED_MEMORY_BYTES;
}

/** Memory a model needs: the larger of its class's measured figure and its own estimate. */
export function draftingMemoryBytes(model: ModelSizing): number {
  return Math.max(
    MEASURED_DRAFTING.classes[model.parameterClass].memoryBytes,
    model.ramBytesApprox ?? 0,
  );
}

/** Whether the model fits in memory beside the OS, the app and the speech model. */
export function fitsDraftingMemory(model: ModelSizing, hardware: HardwareDescription): boolean {
  return draftingMemoryBytes(model) <= memoryForDrafting(hardware);
}

/** What the drafting engine passes to node-llama-cpp for one model on this workstation. */
export interface DraftingRuntime {
  readonly threads: number;
  readonly contextSize: number;
  readonly useGpu: boolean;
  readonly gpuBackend: string | null;
  readonly gpuLayers: GpuLayers;
}

/**
 * Threads, context and GPU layers for a model:
 *
 * - threads: {@link engineThreads}, as for speech.
 * - context: the largest of 16,384, 8,192 and 4,096 tokens whose key/value cache fits in the
 *   memory left after the model (4,096 when none does), and never more than the model was trained
 *   for. A visit longer than the context is drafted in parts and merged.
 * - GPU layers: 0 without a GPU backend; `max` when the GPU's memory is known to hold the model;
 *   otherwise `auto`, which lets node-llama-cpp offload as many layers as fit.
 */
export function draftingRuntimeFor(
  model: ModelSizing & Pick<LlmModelEntry, 'contextLength'>,
  hardware: HardwareDescription,
): DraftingRuntime {
  const gpuBackend = gpuBackendOf(hardware);
  const spare = memoryForDrafting(hardware) - draftingMemoryBytes(model);
  const perToken = KV_BYTES_PER_TOKEN[model.parameterClass];
  const fitting = CONTEXT_SIZES.find((size) => size * perToken <= spare) ?? 4_096;
  return {
    threads: engineThreads(hardware),
    contextSize: Math.min(fitting, model.contextLength),
    useGpu: gpuBackend !== null,
    gpuBackend,
    gpuLayers: gpuLayersFor(model, hardware),
  };
}

function gpuLayersFor(model: ModelSizing, hardware: HardwareDescription): GpuLayers {
  if (gpuBackendOf(hardware) === null) return 0;
  return gpuHolds(model, hardware) ? 'max' : 'auto';
}

function gpuHolds(model: ModelSizing, hardware: HardwareDescription): boolean {
  return (
    gpuBackendOf(hardware) !== null &&
    hardware.gpuMemoryBytes !== undefined &&
    hardware.gpuMemoryBytes >= draftingMemoryBytes(model)
  );
}

/**
 * The drafting model for this workstation, with its threads, context and GPU layers.
 *
 * Rule: the largest class (8B, then 3B, then 1B) that both
 *   1. fits in memory: its measured footprint (1.8, 4.3, 9.0 GB) within total RAM less 2.5 GiB for
 *      the OS, the app and the speech model, so 3B-class needs an 8 GB machine and 8B-class 12 GB;
 *   2. drafts the typical visit (2,000 tokens in, 400 out) within two minutes: on the CPU by
 *      {@link estimateDraftSeconds}, or at once when the GPU's memory is known to hold it.
 * On the CPU this gives 1B-class on one thread (3B would take 2.6 min), 3B-class on two to five
 * threads (91 s on two; 8B takes 4 min on two and still over 2 min on five), and 8B-class from six
 * threads (107 s) with 12 GB or more. Below the 1B-class's memory nothing fits: 1B-class anyway.
 */
export function planDraftingHardware(hardware: HardwareDescription): DraftingHardwarePlan {
  const fits = (cls: LlmParameterClass) => fitsDraftingMemory({ parameterClass: cls }, hardware);
  const cpuSeconds = (cls: LlmParameterClass) =>
    estimateDraftSeconds(
      { parameterClass: cls },
      hardware,
      TYPICAL_VISIT.promptTokens,
      TYPICAL_VISIT.outputTokens,
    );
  const gpuFast = (cls: LlmParameterClass) => gpuHolds({ parameterClass: cls }, hardware);
  const fast = (cls: LlmParameterClass) =>
    gpuFast(cls) || cpuSeconds(cls) <= DRAFT_TIME_BUDGET_SECONDS;

  const chosen: LlmParameterClass =
    CLASSES_LARGEST_FIRST.find((cls) => fits(cls) && fast(cls)) ?? '1B';
  const larger = CLASSES_LARGEST_FIRST[CLASSES_LARGEST_FIRST.indexOf(chosen) - 1];
  let rule: DraftingHardwareRule;
  let why: string;
  if (!fits('1B')) {
    rule = 'low_memory';
    why = 'less memory than even a 1B-class model needs beside the app; it will be slow';
  } else if (larger === undefined) {
    rule = gpuFast(chosen) ? 'gpu' : 'many_cores';
    why = gpuFast(chosen)
      ? 'the GPU holds the largest class'
      : `the largest class drafts a typical visit in about ${Math.round(cpuSeconds(chosen))} s`;
  } else if (!fits(larger)) {
    rule = 'limited_memory';
    why = `${classNoun(larger)} would not fit in memory beside the app`;
  } else {
    rule = 'limited_cores';
    why =
      `${classNoun(larger)} would take about ${Math.round(cpuSeconds(larger))} s ` +
      `for a typical visit on these cores`;
  }
  const model = { parameterClass: chosen, contextLength: Number.MAX_SAFE_INTEGER };
  const runtime = draftingRuntimeFor(model, hardware);
  return {
    ...runtime,
    recommendedModelId: RECOMMENDED_DRAFTING_MODELS[chosen],
    parameterClass: chosen,
    rule,
    reason:
      `${describeMachine(hardware)}: ${chosen}-class; ${why}; context ${runtime.contextSize} ` +
      `tokens, GPU layers ${runtime.gpuLayers}; a typical visit takes about ` +
      `${Math.round(cpuSeconds(chosen))} s on the CPU`,
  };
}

/** `a 3B-class model`, `an 8B-class model`. */
function classNoun(cls: LlmParameterClass): string {
  return `${cls.startsWith('8') ? 'an' : 'a'} ${cls}-class model`;
}
