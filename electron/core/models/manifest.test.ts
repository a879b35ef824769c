import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isLlmEntry,
  llmModelEntrySchema,
  modelManifestSchema,
  type LlmModelEntry,
  type ModelEntry,
} from '../../shared/models';
import { isModelStoreError } from './errors';
import { bundledModelManifest, loadModelManifest, parseModelManifest } from './manifest';
import { planSpeechHardware } from './hardware';
import { planDraftingHardware, RECOMMENDED_DRAFTING_MODELS } from './drafting-hardware';

const MANIFEST_FILE = path.join(import.meta.dirname, '../../../models/manifest.json');
const GiB = 1024 ** 3;

describe('models/manifest.json', () => {
  const manifest = loadModelManifest(MANIFEST_FILE);

  it('parses with the schema and is the manifest the build bundles', () => {
    expect(bundledModelManifest()).toEqual(manifest);
    expect(manifest.sources.length).toBeGreaterThan(0);
  });

  it('has unique ids and file names', () => {
    const ids = manifest.models.map((m) => m.id);
    const names = manifest.models.map((m) => m.fileName.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names every whisper model ggml-<id>.bin and links to that file', () => {
    for (const model of manifest.models.filter((m) => m.kind !== 'llm')) {
      expect(model.fileName).toMatch(/^ggml-[a-z0-9._-]+\.bin$/);
      expect(model.source.endsWith(`/resolve/main/${model.fileName}`)).toBe(true);
      if (model.kind === 'whisper') expect(model.fileName).toBe(`ggml-${model.id}.bin`);
    }
  });

  it('lists every whisper.cpp model size and the Silero VAD', () => {
    const ids = new Set(manifest.models.map((m) => m.id));
    for (const id of [
      'tiny',
      'tiny.en',
      'base',
      'base.en',
      'small',
      'small.en',
      'medium',
      'medium.en',
      'large-v1',
      'large-v2',
      'large-v3',
      'large-v3-turbo',
      'large-v3-turbo-q5_0',
      'small-q5_1',
      'silero-v6.2.0',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(manifest.models.filter((m) => m.kind === 'vad').map((m) => m.id)).toEqual([
      'silero-v6.2.0',
      'silero-v5.1.2',
    ]);
  });

  it('keeps the facts consistent with the names', () => {
    for (const model of manifest.models) {
      if (model.kind === 'whisper') {
        expect(model.multilingual, model.id).toBe(!model.id.includes('.en'));
        const quant = /-(q5_0|q5_1|q8_0)$/.exec(model.id)?.[1] ?? 'f16';
        expect(model.quantisation, model.id).toBe(quant);
        expect(model.ramBytesApprox).toBeGreaterThan(model.sizeBytes);
      }
      expect(
        model.sha256 ?? (model.kind === 'llm' ? undefined : model.sha1),
        model.id,
      ).toBeTruthy();
    }
  });

  it('contains the models the hardware rules recommend', () => {
    const ids = new Set(manifest.models.map((m) => m.id));
    for (const hardware of [
      { cpuCount: 1, totalMemBytes: 8 * GiB, gpuBackends: [] },
      { cpuCount: 2, totalMemBytes: 8 * GiB, gpuBackends: [] },
      { cpuCount: 16, totalMemBytes: 32 * GiB, gpuBackends: [] },
      { cpuCount: 8, totalMemBytes: 16 * GiB, gpuBackends: ['cuda'] },
      { cpuCount: 2, totalMemBytes: 2 * GiB, gpuBackends: [] },
    ]) {
      expect(ids.has(planSpeechHardware(hardware).recommendedModelId)).toBe(true);
    }
  });
});

describe('models/manifest.json: language models for drafting', () => {
  const manifest = loadModelManifest(MANIFEST_FILE);
  const llms = manifest.models.filter(isLlmEntry);

  it('lists small instruct models of every class: Qwen2.5, Llama 3.2 and Gemma 3', () => {
    expect(llms.map((m) => m.id)).toEqual([
      'qwen2.5-1.5b-instruct-q4_k_m',
      'qwen2.5-3b-instruct-q4_k_m',
      'qwen2.5-7b-instruct-q4_k_m',
      'llama-3.2-1b-instruct-q4_k_m',
      'llama-3.2-3b-instruct-q4_k_m',
      'gemma-3-1b-it-q4_k_m',
      'gemma-3-4b-it-q4_k_m',
    ]);
    const classes = new Set(llms.map((m) => m.parameterClass));
    expect([...classes].sort()).toEqual(['1B', '3B', '8B']);
  });

  it('pins every file: a 64-hex sha256, a size, a licence and a source at a commit', () => {
    for (const model of llms) {
      expect(model.sha256, model.id).toMatch(/^[0-9a-f]{64}$/);
      expect(model.sizeBytes, model.id).toBeGreaterThan(100_000_000);
      expect(model.licence.length, model.id).toBeGreaterThan(0);
      expect(model.licenceUrl, model.id).toMatch(/^https:\/\//);
      expect(model.revision, model.id).toMatch(/^[0-9a-f]{40}$/);
      expect(model.source, model.id).toBe(
        `${model.source.split('/resolve/')[0]}/resolve/${model.revision}/${model.fileName}`,
      );
      expect(model.source, model.id).toMatch(/^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+-GGUF\//);
      expect(model.fileName, model.id).toMatch(/\.gguf$/);
      expect(model.quantisation, model.id).toBe('q4_k_m');
      expect(model.fileName.toLowerCase(), model.id).toContain('q4_k_m');
      expect(model.contextLength, model.id).toBeGreaterThanOrEqual(32_768);
      expect(model.ramBytesApprox, model.id).toBeGreaterThan(model.sizeBytes);
      expect(model.recommendedFor.fa, model.id).toMatch(/[\u0600-\u06FF]/);
      expect(model.recommendedFor.en, model.id).toMatch(/[A-Za-z]/);
    }
    // Hashes are of different files: a copy-paste slip would repeat one.
    expect(new Set(llms.map((m) => m.sha256)).size).toBe(llms.length);
  });

  it('puts each model in the class its name says', () => {
    const billions = (m: LlmModelEntry) => Number(/(\d+(?:\.\d+)?)b/i.exec(m.id)![1]);
    for (const model of llms) {
      const b = billions(model);
      const expected = b < 2 ? '1B' : b < 5 ? '3B' : '8B';
      expect(model.parameterClass, model.id).toBe(expected);
    }
  });

  it('says which licences a clinic may not use, and says so in the text', () => {
    const nonCommercial = llms.filter((m) => !m.commercialUse);
    expect(nonCommercial.map((m) => [m.id, m.licence])).toEqual([
      ['qwen2.5-3b-instruct-q4_k_m', 'Qwen Research License'],
    ]);
    expect(nonCommercial[0]!.recommendedFor.en).toContain('commercial');
  });

  it('names where every language model value comes from', () => {
    const source = manifest.sources.find((s) => s.covers.includes('llm'));
    expect(source).toBeDefined();
    for (const model of llms) expect(source!.note, model.id).toContain(model.id);
  });

  it('contains the models the drafting plan recommends, in the class it planned, licensed for use', () => {
    const byId = new Map(llms.map((m) => [m.id, m]));
    for (const [cls, id] of Object.entries(RECOMMENDED_DRAFTING_MODELS)) {
      expect(byId.get(id)?.parameterClass, id).toBe(cls);
      expect(byId.get(id)?.commercialUse, id).toBe(true);
    }
    for (const hardware of [
      { cpuCount: 1, totalMemBytes: 8 * GiB, gpuBackends: [] },
      { cpuCount: 2, totalMemBytes: 8 * GiB, gpuBackends: [] },
      { cpuCount: 16, totalMemBytes: 32 * GiB, gpuBackends: [] },
      { cpuCount: 8, totalMemBytes: 16 * GiB, gpuBackends: ['cuda'], gpuMemoryBytes: 12 * GiB },
      { cpuCount: 2, totalMemBytes: 2 * GiB, gpuBackends: [] },
    ]) {
      const plan = planDraftingHardware(hardware);
      expect(byId.get(plan.recommendedModelId)?.parameterClass).toBe(plan.parameterClass);
    }
  });
});

describe('manifest schema', () => {
  const model: ModelEntry = {
    id: 'tiny',
    kind: 'whisper',
    fileName: 'ggml-tiny.bin',
    sizeBytes: 77_691_713,
    sha256: 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21',
    licence: 'MIT',
    source: 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.bin',
    multilingual: true,
    quantisation: 'f16',
    ramBytesApprox: 280_000_000,
    recommendedFor: { fa: 'آزمایش', en: 'testing' },
  };
  const manifestWith = (...models: unknown[]) => ({
    schemaVersion: 1,
    description: 'test',
    sources: [{ covers: 'all', repository: 'https://example.invalid/', note: 'test' }],
    models,
  });

  it('accepts an entry known only by its sha1, and refuses one with neither hash', () => {
    const sha1Only = { ...model, sha256: null, sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f' };
    expect(modelManifestSchema.safeParse(manifestWith(sha1Only)).success).toBe(true);
    expect(modelManifestSchema.safeParse(manifestWith({ ...model, sha256: null })).success).toBe(
      false,
    );
  });

  it('refuses duplicate ids and file names, paths as file names and upper-case hashes', () => {
    const bad = [
      manifestWith(model, { ...model, fileName: 'ggml-other.bin' }),
      manifestWith(model, { ...model, id: 'other', fileName: 'GGML-TINY.BIN' }),
      manifestWith({ ...model, fileName: '../ggml-tiny.bin' }),
      manifestWith({ ...model, sha256: model.sha256!.toUpperCase() }),
    ];
    for (const manifest of bad) expect(modelManifestSchema.safeParse(manifest).success).toBe(false);
  });

  it('reports a broken manifest as manifest_invalid, naming the field', () => {
    let caught: unknown;
    try {
      parseModelManifest(manifestWith({ ...model, sizeBytes: -1 }));
    } catch (error) {
      caught = error;
    }
    expect(isModelStoreError(caught) && caught.reason).toBe('manifest_invalid');
    expect(isModelStoreError(caught) && caught.detail).toContain('models.0.sizeBytes');
  });

  const llm: LlmModelEntry = {
    id: 'qwen2.5-1.5b-instruct-q4_k_m',
    kind: 'llm',
    fileName: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    sizeBytes: 1_117_320_736,
    sha256: '6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e',
    licence: 'Apache-2.0',
    licenceUrl: 'https://www.apache.org/licenses/LICENSE-2.0',
    commercialUse: true,
    source:
      'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/91cad51170dc346986eccefdc2dd33a9da36ead9/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    revision: '91cad51170dc346986eccefdc2dd33a9da36ead9',
    quantisation: 'q4_k_m',
    parameterClass: '1B',
    contextLength: 32_768,
    ramBytesApprox: 1_660_000_000,
    recommendedFor: { fa: 'آزمایش', en: 'testing' },
  };

  it('accepts a pinned language model beside speech models', () => {
    expect(llmModelEntrySchema.safeParse(llm).success).toBe(true);
    expect(modelManifestSchema.safeParse(manifestWith(model, llm)).success).toBe(true);
  });

  it('refuses a language model that is not pinned to a commit, or has no sha256', () => {
    const bad: unknown[] = [
      { ...llm, source: llm.source.replace(llm.revision, 'main') },
      { ...llm, revision: 'f'.repeat(40) },
      { ...llm, source: llm.source.replace(llm.fileName, 'other.gguf') },
      { ...llm, sha256: null },
      { ...llm, sha256: undefined, sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f' },
      { ...llm, fileName: 'qwen.bin' },
      { ...llm, parameterClass: '70B' },
      { ...llm, quantisation: 'f16' },
      { ...llm, commercialUse: undefined },
    ];
    for (const entry of bad) {
      expect(
        modelManifestSchema.safeParse(manifestWith(entry)).success,
        JSON.stringify(entry),
      ).toBe(false);
    }
  });
});
