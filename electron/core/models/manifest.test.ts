import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelManifestSchema, type ModelEntry } from '../../shared/models';
import { isModelStoreError } from './errors';
import { bundledModelManifest, loadModelManifest, parseModelManifest } from './manifest';
import { planSpeechHardware } from './hardware';

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
    for (const model of manifest.models) {
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
      expect(model.sha256 ?? model.sha1, model.id).toBeTruthy();
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
});
