import { describe, expect, it } from 'vitest';
import type { LlmParameterClass } from '../../shared/models';
import {
  DRAFT_TIME_BUDGET_SECONDS,
  draftingRates,
  draftingRuntimeFor,
  estimateDraftSeconds,
  fitsDraftingMemory,
  planDraftingHardware,
  TYPICAL_VISIT,
} from './drafting-hardware';
import type { HardwareDescription } from './hardware';

const GiB = 1024 ** 3;
/** A machine with `cores` physical cores (no hyper-threading) and `memGiB` of RAM. */
const pc = (
  cores: number,
  memGiB: number,
  more: Partial<HardwareDescription> = {},
): HardwareDescription => ({
  cpuCount: cores,
  physicalCores: cores,
  totalMemBytes: memGiB * GiB,
  gpuBackends: [],
  ...more,
});
const typical = (cls: LlmParameterClass, hardware: HardwareDescription) =>
  estimateDraftSeconds(
    { parameterClass: cls },
    hardware,
    TYPICAL_VISIT.promptTokens,
    TYPICAL_VISIT.outputTokens,
  );

describe('expected drafting time', () => {
  it('reproduces the figures measured on 2 threads: ~35 s, ~1.5 min, ~4 min', () => {
    const two = pc(2, 16);
    // 2000/120 + 400/21.9, 2000/41.7 + 400/9.2, 2000/14.5 + 400/3.8
    expect(typical('1B', two)).toBeCloseTo(2000 / 120 + 400 / 21.9, 6);
    expect(typical('1B', two)).toBeCloseTo(34.9, 1);
    expect(typical('3B', two)).toBeCloseTo(91.4, 1);
    expect(typical('8B', two)).toBeCloseTo(243.2, 1);
  });

  it('scales reading with the threads and writing with their square root', () => {
    // 5 physical cores: 4 threads, twice the measured 2.
    const rates = draftingRates('3B', 4);
    expect(rates.promptTokensPerSecond).toBeCloseTo(41.7 * 2, 6);
    expect(rates.generatedTokensPerSecond).toBeCloseTo(9.2 * Math.SQRT2, 6);
    expect(typical('3B', pc(5, 16))).toBeCloseTo(2000 / 83.4 + 400 / (9.2 * Math.SQRT2), 6);
    // One thread: half the reading speed, 1/√2 of the writing speed.
    expect(typical('1B', pc(1, 8))).toBeCloseTo(2000 / 60 + 400 / (21.9 / Math.SQRT2), 6);
  });

  it('counts prompt and output tokens separately, and threads past eight not at all', () => {
    const two = pc(2, 8);
    expect(estimateDraftSeconds({ parameterClass: '1B' }, two, 0, 0)).toBe(0);
    expect(estimateDraftSeconds({ parameterClass: '1B' }, two, 1200, 0)).toBeCloseTo(10, 6);
    expect(estimateDraftSeconds({ parameterClass: '1B' }, two, 0, 219)).toBeCloseTo(10, 6);
    expect(typical('8B', pc(32, 64))).toBeCloseTo(typical('8B', pc(9, 64)), 9);
    expect(typical('8B', pc(9, 64))).toBeLessThan(typical('8B', pc(4, 64)));
  });

  it('is the CPU figure with a GPU too (then an upper bound)', () => {
    expect(typical('8B', pc(4, 16, { gpuBackends: ['cuda'], gpuMemoryBytes: 24 * GiB }))).toBe(
      typical('8B', pc(4, 16)),
    );
  });
});

describe('recommended drafting model', () => {
  const table: [string, HardwareDescription, LlmParameterClass, string, string][] = [
    // name, machine, class, model, rule
    ['1 core, 8 GB', pc(1, 8), '1B', 'qwen2.5-1.5b-instruct-q4_k_m', 'limited_cores'],
    ['2 cores, 4 GB', pc(2, 4), '1B', 'qwen2.5-1.5b-instruct-q4_k_m', 'low_memory'],
    ['2 cores, 6 GB', pc(2, 6), '1B', 'qwen2.5-1.5b-instruct-q4_k_m', 'limited_memory'],
    ['2 cores, 8 GB', pc(2, 8), '3B', 'gemma-3-4b-it-q4_k_m', 'limited_memory'],
    ['2 cores, 16 GB', pc(2, 16), '3B', 'gemma-3-4b-it-q4_k_m', 'limited_cores'],
    ['4 cores, 16 GB', pc(4, 16), '3B', 'gemma-3-4b-it-q4_k_m', 'limited_cores'],
    ['6 cores, 16 GB', pc(6, 16), '3B', 'gemma-3-4b-it-q4_k_m', 'limited_cores'],
    ['7 cores, 16 GB', pc(7, 16), '8B', 'qwen2.5-7b-instruct-q4_k_m', 'many_cores'],
    ['16 cores, 8 GB', pc(16, 8), '3B', 'gemma-3-4b-it-q4_k_m', 'limited_memory'],
    ['16 cores, 12 GB', pc(16, 12), '8B', 'qwen2.5-7b-instruct-q4_k_m', 'many_cores'],
    [
      '2 cores, 16 GB, CUDA with 12 GB',
      pc(2, 16, { gpuBackends: ['CUDA'], gpuMemoryBytes: 12 * GiB }),
      '8B',
      'qwen2.5-7b-instruct-q4_k_m',
      'gpu',
    ],
    [
      '2 cores, 8 GB, CUDA with 12 GB',
      pc(2, 8, { gpuBackends: ['cuda'], gpuMemoryBytes: 12 * GiB }),
      '3B',
      'gemma-3-4b-it-q4_k_m',
      'limited_memory',
    ],
    [
      '2 cores, 16 GB, Vulkan of unknown memory',
      pc(2, 16, { gpuBackends: ['vulkan'] }),
      '3B',
      'gemma-3-4b-it-q4_k_m',
      'limited_cores',
    ],
  ];

  it.each(table)('%s → %s-class', (_name, hardware, cls, model, rule) => {
    expect(planDraftingHardware(hardware)).toMatchObject({
      parameterClass: cls,
      recommendedModelId: model,
      rule,
    });
  });

  it('recommends a class that drafts the typical visit within the budget, or the smallest', () => {
    for (const [, hardware, cls] of table) {
      const plan = planDraftingHardware(hardware);
      if (plan.rule === 'gpu' || cls === '1B') continue;
      expect(typical(cls, hardware)).toBeLessThanOrEqual(DRAFT_TIME_BUDGET_SECONDS);
      expect(fitsDraftingMemory({ parameterClass: cls }, hardware)).toBe(true);
    }
    // The boundary: on 5 threads an 8B-class draft takes just over 2 minutes, on 6 just under.
    expect(typical('8B', pc(6, 16))).toBeGreaterThan(DRAFT_TIME_BUDGET_SECONDS);
    expect(typical('8B', pc(7, 16))).toBeLessThan(DRAFT_TIME_BUDGET_SECONDS);
  });

  it('says why, for IT', () => {
    expect(planDraftingHardware(pc(2, 8)).reason).toMatch(
      /^2 threads on 2 cores, 8\.0 GiB RAM, no GPU backend: 3B-class; an 8B-class model would not fit in memory.*context 8192 tokens, GPU layers 0; a typical visit takes about 91 s on the CPU$/,
    );
    expect(planDraftingHardware(pc(2, 16)).reason).toContain(
      'an 8B-class model would take about 243 s for a typical visit on these cores',
    );
    expect(
      planDraftingHardware(pc(4, 16, { gpuBackends: ['cuda'], gpuMemoryBytes: 12 * GiB })).reason,
    ).toContain('GPU backend cuda with 12.0 GiB: 8B-class; the GPU holds the largest class');
  });
});

describe('threads, context and GPU layers', () => {
  it('uses the speech engine rule for threads', () => {
    expect(planDraftingHardware(pc(1, 8)).threads).toBe(1);
    expect(planDraftingHardware(pc(2, 8)).threads).toBe(2);
    expect(planDraftingHardware(pc(6, 16)).threads).toBe(5);
    expect(
      planDraftingHardware({ cpuCount: 8, totalMemBytes: 16 * GiB, gpuBackends: [] }).threads,
    ).toBe(3);
    expect(planDraftingHardware(pc(32, 128)).threads).toBe(8);
  });

  it('gives the context the memory left after the model', () => {
    expect(planDraftingHardware(pc(2, 4)).contextSize).toBe(4096);
    expect(planDraftingHardware(pc(2, 8)).contextSize).toBe(8192); // 3B: 1.6 GB left
    expect(planDraftingHardware(pc(2, 16)).contextSize).toBe(16_384);
    expect(planDraftingHardware(pc(16, 12)).contextSize).toBe(8192); // 8B: 1.2 GB left
    expect(planDraftingHardware(pc(16, 16)).contextSize).toBe(16_384);
  });

  it('never gives a model more context than it was trained for', () => {
    const small = { parameterClass: '1B' as const, contextLength: 4096 };
    expect(draftingRuntimeFor(small, pc(8, 64)).contextSize).toBe(4096);
    expect(draftingRuntimeFor({ ...small, contextLength: 2048 }, pc(8, 64)).contextSize).toBe(2048);
  });

  it('offloads everything to a GPU known to hold the model, lets node-llama-cpp fit it otherwise', () => {
    const model = { parameterClass: '3B' as const, contextLength: 131_072 };
    expect(draftingRuntimeFor(model, pc(4, 16))).toMatchObject({
      useGpu: false,
      gpuBackend: null,
      gpuLayers: 0,
    });
    expect(
      draftingRuntimeFor(model, pc(4, 16, { gpuBackends: ['metal'], gpuMemoryBytes: 16 * GiB })),
    ).toMatchObject({ useGpu: true, gpuBackend: 'metal', gpuLayers: 'max' });
    expect(
      draftingRuntimeFor(model, pc(4, 16, { gpuBackends: ['cuda'], gpuMemoryBytes: 2 * GiB })),
    ).toMatchObject({ useGpu: true, gpuBackend: 'cuda', gpuLayers: 'auto' });
    expect(draftingRuntimeFor(model, pc(4, 16, { gpuBackends: ['vulkan'] }))).toMatchObject({
      gpuLayers: 'auto',
    });
  });

  it('counts the larger of the measured and the manifest memory when checking a model fits', () => {
    // 3B-class measured 4.3 GB; a model estimated at 5 GB needs 5 GB.
    const big = { parameterClass: '3B' as const, ramBytesApprox: 5e9 };
    expect(fitsDraftingMemory({ parameterClass: '3B' }, pc(2, 7))).toBe(true);
    expect(fitsDraftingMemory(big, pc(2, 7))).toBe(false);
  });
});
