import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  draftingModelsStatusSchema,
  type LlmModelEntry,
  type LlmParameterClass,
  type ModelManifest,
} from '../../shared/models';
import { writeTinyGguf } from '../../engine/llm/testing/tiny-gguf';
import { writeWeightlessModel } from '../../engine/speech/testing/weightless-model';
import { ManualClock } from '../clock';
import { estimateDraftSeconds, planDraftingHardware } from './drafting-hardware';
import {
  AUTO_DRAFTING_MODEL,
  autoDraftingOrder,
  chooseDraftingModel,
  describeDraftingModels,
} from './drafting-models';
import type { HardwareDescription } from './hardware';
import { bundledModelManifest, parseModelManifest } from './manifest';
import { ModelStore } from './model-store';

// Real GGUF files (random-weight llama models, each a different seed so each has its own hash)
// standing in for the manifest's language models under the real ids, so the choice follows the
// real recommendations. A 2-core, 8 GB workstation: the plan recommends gemma-3-4b-it (3B-class).

const GiB = 1024 ** 3;
const TWO_CORES_8GB: HardwareDescription = {
  cpuCount: 2,
  physicalCores: 2,
  totalMemBytes: 8 * GiB,
  gpuBackends: [],
};
const REVISION = 'fedcba9876543210fedcba9876543210fedcba98';

const MODELS: { id: string; cls: LlmParameterClass; commercialUse: boolean }[] = [
  { id: 'qwen2.5-1.5b-instruct-q4_k_m', cls: '1B', commercialUse: true },
  { id: 'qwen2.5-3b-instruct-q4_k_m', cls: '3B', commercialUse: false },
  { id: 'llama-3.2-3b-instruct-q4_k_m', cls: '3B', commercialUse: true },
  { id: 'gemma-3-4b-it-q4_k_m', cls: '3B', commercialUse: true },
  { id: 'qwen2.5-7b-instruct-q4_k_m', cls: '8B', commercialUse: true },
];

let root: string;
let sourceDir: string;
let dataDir: string;
let modelsDir: string;
let manifest: ModelManifest;
let clock: ManualClock;

const fileOf = (id: string) => `${id}.gguf`;

function llmEntry(id: string, cls: LlmParameterClass, commercialUse: boolean): LlmModelEntry {
  const file = path.join(sourceDir, fileOf(id));
  const bytes = fs.readFileSync(file);
  return {
    id,
    kind: 'llm',
    fileName: fileOf(id),
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    licence: commercialUse ? 'Apache-2.0' : 'Research only',
    licenceUrl: 'https://example.invalid/licence',
    commercialUse,
    source: `https://huggingface.co/test/${id}-GGUF/resolve/${REVISION}/${fileOf(id)}`,
    revision: REVISION,
    quantisation: 'q4_0',
    parameterClass: cls,
    contextLength: 4096,
    ramBytesApprox: bytes.length,
    recommendedFor: { fa: 'آزمایش', en: 'test' },
  };
}

function install(id: string): string {
  fs.mkdirSync(modelsDir, { recursive: true });
  const target = path.join(modelsDir, fileOf(id));
  fs.copyFileSync(path.join(sourceDir, fileOf(id)), target);
  return target;
}

/** Same size, one byte changed, mtime moved: a damaged copy that only hashing can tell. */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  const byte = Buffer.alloc(1);
  fs.readSync(fd, byte, 0, 1, 500);
  byte[0] = byte[0]! ^ 0xff;
  fs.writeSync(fd, byte, 0, 1, 500);
  fs.closeSync(fd);
  const later = new Date(fs.statSync(file).mtimeMs + 5_000);
  fs.utimesSync(file, later, later);
}

function input(wanted = AUTO_DRAFTING_MODEL, hardware = TWO_CORES_8GB) {
  const store = new ModelStore({ dataDir, provisionedDirs: [], manifest, clock });
  return { store, manifest, hardware, wanted };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-drafting-models-'));
  sourceDir = path.join(root, 'source');
  dataDir = path.join(root, 'data');
  modelsDir = path.join(dataDir, 'models');
  fs.mkdirSync(sourceDir);
  MODELS.forEach(({ id }, index) => {
    writeTinyGguf(path.join(sourceDir, fileOf(id)), { seed: index + 1, name: id });
  });
  writeWeightlessModel(path.join(sourceDir, 'ggml-tiny.bin'), 'tiny');
  const tiny = fs.readFileSync(path.join(sourceDir, 'ggml-tiny.bin'));
  manifest = parseModelManifest({
    schemaVersion: 1,
    description: 'test manifest',
    sources: [{ covers: 'all', repository: 'https://example.invalid/', note: 'generated' }],
    models: [
      {
        id: 'tiny',
        kind: 'whisper',
        fileName: 'ggml-tiny.bin',
        sizeBytes: tiny.length,
        sha256: createHash('sha256').update(tiny).digest('hex'),
        licence: 'MIT',
        source: 'https://example.invalid/ggml-tiny.bin',
        multilingual: true,
        quantisation: 'f16',
        ramBytesApprox: tiny.length,
        recommendedFor: { fa: 'آزمایش', en: 'test' },
      },
      ...MODELS.map(({ id, cls, commercialUse }) => llmEntry(id, cls, commercialUse)),
    ],
  });
  clock = new ManualClock('2026-03-01T08:00:00Z');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the order auto tries models in', () => {
  it('takes the recommended model, its class, smaller classes, then larger; never a research licence', () => {
    const order = autoDraftingOrder(bundledModelManifest(), 'gemma-3-4b-it-q4_k_m').map(
      (e) => e.id,
    );
    expect(order).toEqual([
      'gemma-3-4b-it-q4_k_m',
      'llama-3.2-3b-instruct-q4_k_m',
      'qwen2.5-1.5b-instruct-q4_k_m',
      'llama-3.2-1b-instruct-q4_k_m',
      'gemma-3-1b-it-q4_k_m',
      'qwen2.5-7b-instruct-q4_k_m',
    ]);
    const onOneCore = autoDraftingOrder(bundledModelManifest(), 'qwen2.5-1.5b-instruct-q4_k_m');
    expect(onOneCore.map((e) => e.parameterClass)).toEqual(['1B', '1B', '1B', '3B', '3B', '8B']);
    expect(onOneCore[0]!.id).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(onOneCore[3]!.id).toBe('gemma-3-4b-it-q4_k_m');
  });
});

describe('choosing the drafting model', () => {
  it('has none to choose in an empty data folder, and names the recommended one', async () => {
    const choice = await chooseDraftingModel(input());
    expect(choice).toEqual({
      ok: false,
      blocker: 'no_model',
      detail: 'no language model installed; recommended for this computer: gemma-3-4b-it-q4_k_m',
    });
  });

  it('uses the recommended model when it is there, hashing it first, with the plan for it', async () => {
    install('qwen2.5-1.5b-instruct-q4_k_m');
    const file = install('gemma-3-4b-it-q4_k_m');
    const choice = await chooseDraftingModel(input());
    expect(choice).toMatchObject({
      ok: true,
      id: 'gemma-3-4b-it-q4_k_m',
      path: file,
      runtime: { threads: 2, contextSize: 4096, useGpu: false, gpuLayers: 0 },
    });
    // It was hashed on the way: the store now knows it intact.
    expect((await input().store.status('gemma-3-4b-it-q4_k_m')).status).toBe('installed');
  });

  it('falls back to the recommended class first, then to smaller models', async () => {
    install('qwen2.5-1.5b-instruct-q4_k_m');
    install('llama-3.2-3b-instruct-q4_k_m');
    install('qwen2.5-7b-instruct-q4_k_m');
    expect(await chooseDraftingModel(input())).toMatchObject({
      ok: true,
      id: 'llama-3.2-3b-instruct-q4_k_m',
    });
    fs.rmSync(path.join(modelsDir, fileOf('llama-3.2-3b-instruct-q4_k_m')));
    expect(await chooseDraftingModel(input())).toMatchObject({
      ok: true,
      id: 'qwen2.5-1.5b-instruct-q4_k_m',
    });
  });

  it('passes over a damaged copy to the next model, and says so when none is left', async () => {
    damage(install('gemma-3-4b-it-q4_k_m'));
    install('qwen2.5-1.5b-instruct-q4_k_m');
    expect(await chooseDraftingModel(input())).toMatchObject({
      ok: true,
      id: 'qwen2.5-1.5b-instruct-q4_k_m',
    });
    fs.rmSync(path.join(modelsDir, fileOf('qwen2.5-1.5b-instruct-q4_k_m')));
    const choice = await chooseDraftingModel(input());
    expect(choice).toMatchObject({ ok: false, blocker: 'model_corrupt' });
    expect(!choice.ok && choice.detail).toContain('gemma-3-4b-it-q4_k_m');
  });

  it('reports a damaged copy that only hashing could tell, on the first try', async () => {
    damage(install('gemma-3-4b-it-q4_k_m'));
    expect((await input().store.status('gemma-3-4b-it-q4_k_m')).status).toBe('unverified');
    const choice = await chooseDraftingModel(input());
    expect(choice).toMatchObject({ ok: false, blocker: 'model_corrupt' });
    expect(!choice.ok && choice.detail).toMatch(/^gemma-3-4b-it-q4_k_m: .*: hash_mismatch$/);
  });

  it('never picks a research-licence model by itself, but uses it when the setting names it', async () => {
    const file = install('qwen2.5-3b-instruct-q4_k_m');
    expect(await chooseDraftingModel(input())).toMatchObject({ ok: false, blocker: 'no_model' });
    expect(await chooseDraftingModel(input('qwen2.5-3b-instruct-q4_k_m'))).toMatchObject({
      ok: true,
      id: 'qwen2.5-3b-instruct-q4_k_m',
      path: file,
    });
  });

  it('uses the named model or says why not, never another one', async () => {
    install('qwen2.5-1.5b-instruct-q4_k_m');
    expect(await chooseDraftingModel(input('gemma-3-4b-it-q4_k_m'))).toMatchObject({
      ok: false,
      blocker: 'no_model',
    });
    damage(install('gemma-3-4b-it-q4_k_m'));
    expect(await chooseDraftingModel(input('gemma-3-4b-it-q4_k_m'))).toMatchObject({
      ok: false,
      blocker: 'model_corrupt',
    });
    expect(await chooseDraftingModel(input('tiny'))).toEqual({
      ok: false,
      blocker: 'no_model',
      detail: 'drafting.model names tiny, which is not a language model of the manifest',
    });
  });

  it('gives a larger machine the larger context and the GPU', async () => {
    install('qwen2.5-7b-instruct-q4_k_m');
    const big: HardwareDescription = {
      cpuCount: 16,
      physicalCores: 8,
      totalMemBytes: 32 * GiB,
      gpuBackends: ['cuda'],
      gpuMemoryBytes: 16 * GiB,
    };
    const choice = await chooseDraftingModel(input(AUTO_DRAFTING_MODEL, big));
    expect(choice).toMatchObject({
      ok: true,
      id: 'qwen2.5-7b-instruct-q4_k_m',
      // The test model says it was trained for 4,096 tokens: no more context than that.
      runtime: {
        threads: 7,
        contextSize: 4096,
        useGpu: true,
        gpuBackend: 'cuda',
        gpuLayers: 'max',
      },
    });
  });
});

describe('the drafting models as the settings screen shows them', () => {
  it('lists every language model with its state, class, licence and expected time', async () => {
    install('qwen2.5-1.5b-instruct-q4_k_m');
    const status = await describeDraftingModels(input());
    expect(draftingModelsStatusSchema.parse(status)).toEqual(status);
    expect(status.plan).toEqual(planDraftingHardware(TWO_CORES_8GB));
    expect(status.modelsDir).toBe(modelsDir);
    expect(status.typicalVisit).toEqual({ promptTokens: 2000, outputTokens: 400 });
    expect(status.models.map((m) => [m.id, m.status, m.parameterClass])).toEqual([
      ['qwen2.5-1.5b-instruct-q4_k_m', 'unverified', '1B'],
      ['qwen2.5-3b-instruct-q4_k_m', 'missing', '3B'],
      ['llama-3.2-3b-instruct-q4_k_m', 'missing', '3B'],
      ['gemma-3-4b-it-q4_k_m', 'missing', '3B'],
      ['qwen2.5-7b-instruct-q4_k_m', 'missing', '8B'],
    ]);
    const [small, research, , , large] = status.models;
    expect(small!.expectedSeconds).toBeCloseTo(2000 / 120 + 400 / 21.9, 6);
    expect(large!.expectedSeconds).toBe(
      estimateDraftSeconds({ parameterClass: '8B' }, TWO_CORES_8GB, 2000, 400),
    );
    expect(research).toMatchObject({ commercialUse: false, licence: 'Research only' });
    // 8 GB: the 3B class fits beside the app, the 8B class (9 GB measured) does not.
    expect(status.models.map((m) => m.fitsMemory)).toEqual([true, true, true, true, false]);
    // Nothing was hashed to say which model drafting would use.
    expect(status.model).toEqual({
      id: 'qwen2.5-1.5b-instruct-q4_k_m',
      blocker: null,
      detail: null,
    });
    expect(fs.existsSync(path.join(modelsDir, 'verified.json'))).toBe(false);
  });

  it('says there is no model, or that the one there is damaged', async () => {
    expect((await describeDraftingModels(input())).model).toEqual({
      id: null,
      blocker: 'no_model',
      detail: 'no language model installed; recommended for this computer: gemma-3-4b-it-q4_k_m',
    });
    const file = install('gemma-3-4b-it-q4_k_m');
    fs.truncateSync(file, 100);
    expect((await describeDraftingModels(input())).model).toEqual({
      id: null,
      blocker: 'model_corrupt',
      detail: 'gemma-3-4b-it-q4_k_m: size_mismatch',
    });
    expect((await describeDraftingModels(input('qwen2.5-7b-instruct-q4_k_m'))).model).toEqual({
      id: null,
      blocker: 'no_model',
      detail: 'qwen2.5-7b-instruct-q4_k_m.gguf not found',
    });
  });

  it('lists nothing when the manifest has no language model', async () => {
    manifest = { ...manifest, models: manifest.models.filter((m) => m.kind !== 'llm') };
    const status = await describeDraftingModels(input());
    expect(status.models).toEqual([]);
    expect(status.model.blocker).toBe('no_model');
  });
});
