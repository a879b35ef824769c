import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LlmModelEntry, ModelEntry, ModelManifest, ModelProgress } from '../../shared/models';
import { writeTinyGguf } from '../../engine/llm/testing/tiny-gguf';
import { writeWeightlessModel } from '../../engine/speech/testing/weightless-model';
import { ManualClock } from '../clock';
import { isModelStoreError, type ModelFailure } from './errors';
import { parseModelManifest } from './manifest';
import { ModelStore, VERIFIED_CACHE_FILE } from './model-store';

// Real files in a temporary folder: a weightless whisper model (a real ggml file of tiny's
// dimensions), a 9 MiB random file (three 4 MiB reads, so progress and aborts land mid-file) and a
// small one checked by sha1 only. The manifest is built from their real hashes.

const MiB = 1024 * 1024;
let root: string;
let sourceDir: string;
let dataDir: string;
let modelsDir: string;
let manifest: ModelManifest;
let clock: ManualClock;

function digest(file: string, algorithm: 'sha256' | 'sha1'): string {
  return createHash(algorithm).update(fs.readFileSync(file)).digest('hex');
}

function entry(id: string, file: string, hash: 'sha256' | 'sha1' = 'sha256'): ModelEntry {
  const fileName = path.basename(file);
  return {
    id,
    kind: 'whisper',
    fileName,
    sizeBytes: fs.statSync(file).size,
    sha256: hash === 'sha256' ? digest(file, 'sha256') : null,
    ...(hash === 'sha1' ? { sha1: digest(file, 'sha1') } : {}),
    licence: 'MIT',
    source: `https://example.invalid/${fileName}`,
    multilingual: true,
    quantisation: 'f16',
    ramBytesApprox: 1,
    recommendedFor: { fa: 'آزمایش', en: 'test' },
  };
}

function store(provisionedDirs: string[] = []): ModelStore {
  return new ModelStore({ dataDir, provisionedDirs, manifest, clock });
}

function put(id: string, dir: string): string {
  const fileName = manifest.models.find((m) => m.id === id)!.fileName;
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, fileName);
  fs.copyFileSync(path.join(sourceDir, fileName), target);
  return target;
}

/** Changes one byte in place and moves the mtime, as a damaged or replaced file would. */
function flipByte(file: string, at = 1000): void {
  const fd = fs.openSync(file, 'r+');
  const byte = Buffer.alloc(1);
  fs.readSync(fd, byte, 0, 1, at);
  byte[0] = byte[0]! ^ 0xff;
  fs.writeSync(fd, byte, 0, 1, at);
  fs.closeSync(fd);
  const later = new Date(fs.statSync(file).mtimeMs + 5_000);
  fs.utimesSync(file, later, later);
}

async function failure(promise: Promise<unknown>): Promise<ModelFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isModelStoreError(error))
    throw new Error(`expected a ModelStoreError, got ${String(error)}`);
  return error.reason;
}

/** Everything in the models folder except the hash cache. */
function modelFiles(): string[] {
  if (!fs.existsSync(modelsDir)) return [];
  return fs
    .readdirSync(modelsDir)
    .filter((name) => name !== VERIFIED_CACHE_FILE)
    .sort();
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-models-'));
  sourceDir = path.join(root, 'source');
  dataDir = path.join(root, 'data');
  modelsDir = path.join(dataDir, 'models');
  fs.mkdirSync(sourceDir);
  const tiny = path.join(sourceDir, 'ggml-tiny.bin');
  writeWeightlessModel(tiny, 'tiny');
  const big = path.join(sourceDir, 'ggml-big.bin');
  fs.writeFileSync(big, randomBytes(9 * MiB));
  const old = path.join(sourceDir, 'ggml-old.bin');
  fs.writeFileSync(old, randomBytes(64 * 1024));
  manifest = parseModelManifest({
    schemaVersion: 1,
    description: 'test manifest',
    sources: [{ covers: 'all', repository: 'https://example.invalid/', note: 'generated' }],
    models: [entry('tiny', tiny), entry('big', big), entry('old', old, 'sha1')],
  });
  clock = new ManualClock('2026-03-01T08:00:00Z');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('model store: status', () => {
  it('reports every manifest model missing in an empty data folder', async () => {
    const listing = await store().list();
    expect(listing.modelsDir).toBe(modelsDir);
    expect(listing.models.map((m) => [m.id, m.status, m.path])).toEqual([
      ['tiny', 'missing', null],
      ['big', 'missing', null],
      ['old', 'missing', null],
    ]);
    expect(fs.existsSync(modelsDir)).toBe(false); // looking creates nothing
    expect(await failure(store().resolve('tiny'))).toBe('model_missing');
  });

  it('finds a copied model unverified, verifies it once and then trusts the cache', async () => {
    const file = put('tiny', modelsDir);
    const models = store();
    expect((await models.status('tiny')).status).toBe('unverified');

    const progress: ModelProgress[] = [];
    const verified = await models.verify('tiny', { onProgress: (p) => progress.push(p) });
    expect(verified).toMatchObject({
      status: 'installed',
      path: file,
      location: 'data',
      problem: null,
      verifiedAt: '2026-03-01T08:00:00.000Z',
    });
    expect(progress.at(-1)).toMatchObject({
      phase: 'verifying',
      bytesDone: fs.statSync(file).size,
      bytesTotal: fs.statSync(file).size,
    });

    // A new store (a restart) reads the cache: installed without hashing again.
    const again = store();
    expect((await again.status('tiny')).status).toBe('installed');
    const rehashed: ModelProgress[] = [];
    await again.verify('tiny', { onProgress: (p) => rehashed.push(p) });
    expect(rehashed).toEqual([]);
    expect(await again.resolve('tiny')).toBe(file);

    const cache = JSON.parse(
      fs.readFileSync(path.join(modelsDir, VERIFIED_CACHE_FILE), 'utf8'),
    ) as { files: Record<string, unknown> };
    expect(cache.files[file]).toMatchObject({
      algorithm: 'sha256',
      digest: manifest.models[0]!.sha256,
      sizeBytes: fs.statSync(file).size,
    });
  });

  it('forgets the verification when the file changes, and finds one flipped byte', async () => {
    const file = put('tiny', modelsDir);
    const models = store();
    await models.verify('tiny');
    flipByte(file);
    expect((await models.status('tiny')).status).toBe('unverified');
    const after = await models.verify('tiny');
    expect(after).toMatchObject({ status: 'corrupt', problem: 'hash_mismatch', path: file });
    // Remembered as corrupt: the list says so without hashing again.
    expect((await store().status('tiny')).status).toBe('corrupt');
    expect(await failure(models.resolve('tiny'))).toBe('model_corrupt');
  });

  it('counts an unchanged file whose mtime moved as unverified, then installed again', async () => {
    const file = put('tiny', modelsDir);
    const models = store();
    await models.verify('tiny');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    expect((await models.status('tiny')).status).toBe('unverified');
    expect((await models.verify('tiny')).status).toBe('installed');
  });

  it('calls a truncated file corrupt from its size alone', async () => {
    const file = put('big', modelsDir);
    fs.truncateSync(file, 5 * MiB);
    const status = await store().status('big');
    expect(status).toMatchObject({ status: 'corrupt', problem: 'size_mismatch' });
    expect(status.copies[0]!.sizeBytes).toBe(5 * MiB);
    expect(await failure(store().resolve('big'))).toBe('model_corrupt');
  });

  it('finds a model in a provisioned folder and prefers an intact copy to a damaged one', async () => {
    const provisioned = path.join(root, 'it-share');
    const good = put('big', provisioned);
    const models = store([provisioned]);
    const found = await models.status('big');
    expect(found).toMatchObject({ status: 'unverified', location: 'provisioned', path: good });
    expect(await models.resolve('big')).toBe(good);

    // A damaged copy in the data folder does not hide the good provisioned one.
    const damaged = put('big', modelsDir);
    flipByte(damaged);
    expect(await models.resolve('big')).toBe(good);
    // resolve() used the copy already known good; "check again" hashes every copy.
    const status = await models.verify('big', { force: true });
    expect(status.status).toBe('installed');
    expect(status.copies.map((c) => [c.location, c.status])).toEqual([
      ['data', 'corrupt'],
      ['provisioned', 'installed'],
    ]);
    expect((await models.list()).provisionedDirs).toEqual([provisioned]);
  });

  it('checks a model the manifest knows only by sha1', async () => {
    put('old', modelsDir);
    const models = store();
    expect((await models.verify('old')).status).toBe('installed');
    const file = path.join(modelsDir, 'ggml-old.bin');
    flipByte(file, 10);
    expect((await models.verify('old')).status).toBe('corrupt');
  });

  it('stops verifying when aborted and remembers nothing for that file', async () => {
    put('big', modelsDir);
    const models = store();
    const controller = new AbortController();
    const reason = await failure(
      models.verify('big', {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(reason).toBe('cancelled');
    expect((await models.status('big')).status).toBe('unverified');
    expect(fs.existsSync(path.join(modelsDir, VERIFIED_CACHE_FILE))).toBe(false);
  });

  it('names an unknown model', async () => {
    expect(await failure(store().resolve('huge'))).toBe('model_unknown');
  });
});

describe('model store: import', () => {
  function stick(): string {
    // A USB stick: a good model at the top, another in a subfolder, a file with the right size but
    // a flipped byte, a wrong-sized one, and someone's notes.
    const usb = path.join(root, 'usb');
    put('tiny', usb);
    put('old', path.join(usb, 'models', 'speech'));
    flipByte(put('big', usb));
    fs.writeFileSync(path.join(usb, 'notes.txt'), 'for IT');
    return usb;
  }

  it('imports good files, rejects bad ones, lists unknown ones and leaves nothing half-written', async () => {
    const usb = stick();
    const models = store();
    const progress: ModelProgress[] = [];
    const report = await models.importFrom(usb, { onProgress: (p) => progress.push(p) });

    expect(report.source).toBe(usb);
    expect(report.imported.map((i) => i.id).sort()).toEqual(['old', 'tiny']);
    expect(report.rejected).toEqual([
      expect.objectContaining({ id: 'big', reason: 'hash_mismatch' }),
    ]);
    expect(report.unknown).toEqual(['notes.txt']);
    expect(report.unknownCount).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(modelFiles()).toEqual(['ggml-old.bin', 'ggml-tiny.bin']);

    // Hashed while copied: installed straight away, no second pass.
    const listing = await models.list();
    expect(listing.models.map((m) => [m.id, m.status])).toEqual([
      ['tiny', 'installed'],
      ['big', 'missing'],
      ['old', 'installed'],
    ]);
    expect(await models.resolve('tiny')).toBe(path.join(modelsDir, 'ggml-tiny.bin'));

    // Progress: per file, growing, ending at the file's size; files numbered among all matches.
    const tiny = progress.filter((p) => p.id === 'tiny');
    expect(tiny.at(-1)).toMatchObject({ phase: 'copying', bytesDone: tiny[0]!.bytesTotal });
    const big = progress.filter((p) => p.id === 'big').map((p) => p.bytesDone);
    expect(big.length).toBeGreaterThanOrEqual(3);
    expect(big).toEqual([...big].sort((a, b) => a - b));
    expect(new Set(progress.map((p) => p.fileCount))).toEqual(new Set([3]));

    // Importing again skips what is there.
    const again = await models.importFrom(usb);
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => [s.id, s.reason]).sort()).toEqual([
      ['old', 'already_installed'],
      ['tiny', 'already_installed'],
    ]);
  });

  it('rejects a wrong-sized file without copying it', async () => {
    const usb = path.join(root, 'usb');
    const file = put('big', usb);
    fs.appendFileSync(file, 'x');
    const report = await store().importFrom(usb);
    expect(report.rejected).toEqual([
      expect.objectContaining({ id: 'big', reason: 'size_mismatch' }),
    ]);
    expect(modelFiles()).toEqual([]);
  });

  it('replaces a damaged copy in the data folder with a good one', async () => {
    flipByte(put('big', modelsDir));
    const usb = path.join(root, 'usb');
    put('big', usb);
    const models = store();
    const report = await models.importFrom(usb);
    expect(report.imported.map((i) => i.id)).toEqual(['big']);
    expect((await models.status('big')).status).toBe('installed');
    expect(digest(path.join(modelsDir, 'ggml-big.bin'), 'sha256')).toBe(manifest.models[1]!.sha256);
  });

  it('leaves nothing behind when cancelled mid-copy', async () => {
    const usb = path.join(root, 'usb');
    put('big', usb);
    const models = store();
    const controller = new AbortController();
    const seen: number[] = [];
    const reason = await failure(
      models.importFrom(usb, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.bytesDone);
          if (p.bytesDone >= 4 * MiB) controller.abort();
        },
      }),
    );
    expect(reason).toBe('cancelled');
    expect(seen.at(-1)).toBeLessThan(9 * MiB);
    expect(modelFiles()).toEqual([]);
    expect((await models.status('big')).status).toBe('missing');
  });

  it("removes temporary files a crashed import left, and never copies a folder's file onto itself", async () => {
    fs.mkdirSync(modelsDir, { recursive: true });
    // pid 2^22 + 1 is above Linux's pid_max, so no live process owns it.
    const stale = path.join(modelsDir, `.ggml-big.bin.${2 ** 22 + 1}.0123abcd.part`);
    fs.writeFileSync(stale, 'half a model');
    put('tiny', modelsDir);
    const report = await store().importFrom(modelsDir);
    expect(fs.existsSync(stale)).toBe(false);
    expect(report.skipped).toEqual([
      { id: 'tiny', fileName: 'ggml-tiny.bin', reason: 'same_file' },
    ]);
    expect(modelFiles()).toEqual(['ggml-tiny.bin']);
  });

  it('refuses a source that is not a readable folder', async () => {
    expect(await failure(store().importFrom(path.join(root, 'nowhere')))).toBe('source_unreadable');
  });
});

describe('model store: language models (GGUF)', () => {
  // A real GGUF v3 file (a random-weight llama model the drafting tests load in node-llama-cpp),
  // listed in a manifest with its real size and sha256, pinned like the real entries.
  const revision = '0123456789abcdef0123456789abcdef01234567';
  let gguf: string;
  let llmManifest: ModelManifest;

  function llmEntry(id: string, file: string): LlmModelEntry {
    const fileName = path.basename(file);
    return {
      id,
      kind: 'llm',
      fileName,
      sizeBytes: fs.statSync(file).size,
      sha256: digest(file, 'sha256'),
      licence: 'Apache-2.0',
      licenceUrl: 'https://www.apache.org/licenses/LICENSE-2.0',
      commercialUse: true,
      source: `https://huggingface.co/test/Tiny-Instruct-GGUF/resolve/${revision}/${fileName}`,
      revision,
      quantisation: 'q4_0',
      parameterClass: '1B',
      contextLength: 4096,
      ramBytesApprox: fs.statSync(file).size * 2,
      recommendedFor: { fa: 'آزمایش', en: 'test' },
    };
  }

  beforeEach(() => {
    gguf = path.join(sourceDir, 'Tiny-Instruct-Q4_0.gguf');
    writeTinyGguf(gguf, { tensorType: 'q4_0' });
    llmManifest = parseModelManifest({
      schemaVersion: 1,
      description: 'test manifest with a language model',
      sources: [{ covers: 'all', repository: 'https://example.invalid/', note: 'generated' }],
      models: [entry('tiny', path.join(sourceDir, 'ggml-tiny.bin')), llmEntry('tiny-llm', gguf)],
    });
  });

  const llmStore = (provisionedDirs: string[] = []) =>
    new ModelStore({ dataDir, provisionedDirs, manifest: llmManifest, clock });

  it('finds a GGUF file, verifies it by sha256 once and remembers it', async () => {
    expect(fs.readFileSync(gguf).subarray(0, 4).toString('latin1')).toBe('GGUF');
    fs.mkdirSync(modelsDir, { recursive: true });
    const file = path.join(modelsDir, path.basename(gguf));
    fs.copyFileSync(gguf, file);
    const models = llmStore();
    const listed = (await models.list()).models.find((m) => m.id === 'tiny-llm');
    expect(listed).toMatchObject({ kind: 'llm', status: 'unverified', path: file });

    const progress: ModelProgress[] = [];
    expect(await models.verify('tiny-llm', { onProgress: (p) => progress.push(p) })).toMatchObject({
      status: 'installed',
      verifiedAt: '2026-03-01T08:00:00.000Z',
    });
    expect(progress.at(-1)).toMatchObject({
      phase: 'verifying',
      bytesDone: fs.statSync(file).size,
    });
    // A restart trusts the remembered hash while the file keeps its size and mtime.
    expect((await llmStore().status('tiny-llm')).status).toBe('installed');
    expect(await llmStore().resolve('tiny-llm')).toBe(file);

    flipByte(file, 200);
    expect((await models.status('tiny-llm')).status).toBe('unverified');
    expect(await models.verify('tiny-llm')).toMatchObject({
      status: 'corrupt',
      problem: 'hash_mismatch',
    });
    expect(await failure(llmStore().resolve('tiny-llm'))).toBe('model_corrupt');
  });

  it('finds a GGUF in a provisioned folder, and calls a truncated one corrupt by its size', async () => {
    const share = path.join(root, 'it-share');
    fs.mkdirSync(share);
    fs.copyFileSync(gguf, path.join(share, path.basename(gguf)));
    expect(await llmStore([share]).resolve('tiny-llm')).toBe(path.join(share, path.basename(gguf)));

    fs.mkdirSync(modelsDir, { recursive: true });
    const cut = path.join(modelsDir, path.basename(gguf));
    fs.copyFileSync(gguf, cut);
    fs.truncateSync(cut, 1024);
    expect((await llmStore().status('tiny-llm')).copies[0]).toMatchObject({
      status: 'corrupt',
      problem: 'size_mismatch',
      sizeBytes: 1024,
    });
  });

  it('imports a GGUF from a USB stick whatever the case of its name, beside a speech model', async () => {
    const usb = path.join(root, 'usb');
    fs.mkdirSync(path.join(usb, 'llm'), { recursive: true });
    fs.copyFileSync(gguf, path.join(usb, 'llm', 'tiny-instruct-q4_0.GGUF'));
    fs.copyFileSync(path.join(sourceDir, 'ggml-tiny.bin'), path.join(usb, 'ggml-tiny.bin'));
    const models = llmStore();
    const report = await models.importFrom(usb);
    expect(report.imported.map((i) => i.id).sort()).toEqual(['tiny', 'tiny-llm']);
    expect(report.rejected).toEqual([]);
    // Copied under the manifest's exact name, hashed while copied: installed at once.
    expect(modelFiles()).toEqual(['Tiny-Instruct-Q4_0.gguf', 'ggml-tiny.bin']);
    expect((await models.status('tiny-llm')).status).toBe('installed');
    expect(digest(path.join(modelsDir, 'Tiny-Instruct-Q4_0.gguf'), 'sha256')).toBe(
      digest(gguf, 'sha256'),
    );
  });

  it('refuses a GGUF whose contents differ from the published hash', async () => {
    const usb = path.join(root, 'usb');
    fs.mkdirSync(usb);
    const copy = path.join(usb, path.basename(gguf));
    fs.copyFileSync(gguf, copy);
    flipByte(copy, 300);
    const report = await llmStore().importFrom(usb);
    expect(report.rejected).toEqual([
      expect.objectContaining({ id: 'tiny-llm', reason: 'hash_mismatch' }),
    ]);
    expect(modelFiles()).toEqual([]);
  });
});
