import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type {
  ModelCopy,
  ModelEntry,
  ModelImportReport,
  ModelLocation,
  ModelManifest,
  ModelProgress,
  ModelStatusEntry,
  ModelStoreListing,
} from '../../shared/models';
import { systemClock, type Clock } from '../clock';
import { fsyncDir } from '../fs-atomic';
import { silentLogger, type Logger } from '../log/logger';
import { freeBytes } from '../recording/disk-space';
import { ModelStoreError } from './errors';
import { CopyError, copyAndHash, expectedDigest, hashFile } from './hashing';
import { findModel } from './manifest';
import { scanForModels } from './scan';
import { VerifiedCache } from './verified-cache';

export interface ModelStoreOptions {
  /** The app's data folder; models live in `<dataDir>/models`. */
  readonly dataDir: string;
  /** Folders IT filled (setting, `HELSSA_MODELS_DIR`), looked in after `<dataDir>/models`. */
  readonly provisionedDirs: readonly string[];
  readonly manifest: ModelManifest;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export interface ModelOperationOptions {
  readonly onProgress?: (progress: ModelProgress) => void;
  readonly signal?: AbortSignal;
}

export interface VerifyOptions extends ModelOperationOptions {
  /** Hash again even copies whose hash is already known (IT's "check again"). */
  readonly force?: boolean;
}

export const VERIFIED_CACHE_FILE = 'verified.json';
/** Kept free beyond the model itself, so an import never fills the disk recordings need. */
const IMPORT_HEADROOM_BYTES = 256 * 1024 * 1024;
const TEMP_SUFFIX = '.part';

interface SearchDir {
  readonly dir: string;
  readonly location: ModelLocation;
}

/**
 * The speech models on this workstation: which of the manifest's files are present, where, and
 * whether they are intact. Looks in `<dataDir>/models` first, then in each provisioned folder; the
 * first intact copy wins. Hashes are computed only on request ({@link verify}, {@link resolve},
 * an import) and remembered per file in `verified.json`, so {@link list} stays cheap.
 *
 * Imports go through a temporary file in `<dataDir>/models` that is hashed while it is written,
 * fsynced and renamed into place only when the hash matches: a bad file, a pulled USB stick, a
 * cancel or a crash never leaves a half-written model under a real name.
 */
export class ModelStore {
  readonly modelsDir: string;
  private readonly searchDirs: readonly SearchDir[];
  private readonly manifest: ModelManifest;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly cache: VerifiedCache;
  /** Absolute paths being hashed now, for the `verifying` status. */
  private readonly hashing = new Set<string>();
  private readonly verifications = new Map<string, Promise<ModelStatusEntry>>();
  private importQueue: Promise<unknown> = Promise.resolve();

  constructor(options: ModelStoreOptions) {
    this.modelsDir = path.resolve(options.dataDir, 'models');
    this.manifest = options.manifest;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    const dirs: SearchDir[] = [{ dir: this.modelsDir, location: 'data' }];
    for (const dir of options.provisionedDirs) {
      if (dir.trim() === '') continue;
      const absolute = path.resolve(dir);
      if (!dirs.some((known) => known.dir === absolute)) {
        dirs.push({ dir: absolute, location: 'provisioned' });
      }
    }
    this.searchDirs = dirs;
    this.cache = new VerifiedCache(path.join(this.modelsDir, VERIFIED_CACHE_FILE), (detail) =>
      this.logger.warn('models.cache_damaged', { detail }),
    );
  }

  /** Every manifest entry with its state, from `stat` calls and the hash cache only. */
  async list(): Promise<ModelStoreListing> {
    const models = await Promise.all(this.manifest.models.map((entry) => this.statusOf(entry)));
    return {
      modelsDir: this.modelsDir,
      provisionedDirs: this.searchDirs
        .filter((d) => d.location === 'provisioned')
        .map((d) => d.dir),
      models,
    };
  }

  async status(id: string): Promise<ModelStatusEntry> {
    return this.statusOf(this.entry(id));
  }

  /**
   * Hashes the copies of a model whose hash is not yet known, in lookup order, until one proves
   * intact, and remembers each result. A second call while one runs joins it (its own progress
   * callback and signal are then not used). Rejects with `cancelled` when aborted; nothing is
   * remembered for a file whose hashing was cut short.
   */
  async verify(id: string, options: VerifyOptions = {}): Promise<ModelStatusEntry> {
    const entry = this.entry(id);
    const running = this.verifications.get(entry.id);
    if (running) return running;
    const verification = this.runVerify(entry, options).finally(() => {
      this.verifications.delete(entry.id);
    });
    this.verifications.set(entry.id, verification);
    return verification;
  }

  /**
   * The absolute path of an intact copy of the model, hashing it first if that was never done.
   * Throws `model_missing` or `model_corrupt` with what to do, for the transcription worker to
   * show while transcription waits (recording goes on regardless).
   */
  async resolve(id: string, options: ModelOperationOptions = {}): Promise<string> {
    const entry = this.entry(id);
    let status = await this.statusOf(entry);
    if (status.status === 'unverified' || status.status === 'verifying') {
      status = await this.verify(entry.id, options);
    }
    if (status.status === 'installed' && status.path !== null) return status.path;
    const params = { model: entry.id, file: entry.fileName, folder: this.modelsDir };
    const looked = this.searchDirs.map((d) => d.dir).join(', ');
    if (status.status === 'missing') {
      throw new ModelStoreError('model_missing', {
        params,
        detail: `${entry.fileName} not found in ${looked}`,
      });
    }
    const copies = status.copies.map((c) => `${c.path}: ${c.problem ?? c.status}`).join('; ');
    throw new ModelStoreError('model_corrupt', { params, detail: copies });
  }

  /**
   * Imports every manifest model found in `folder` (and two levels of subfolders, as a USB stick
   * is often organised) into `<dataDir>/models`. Files not in the manifest are left alone and
   * listed. Imports run one at a time. Rejects with `cancelled` when aborted: models already
   * imported by then stay (they are complete and verified), the one being copied leaves nothing.
   */
  importFrom(folder: string, options: ModelOperationOptions = {}): Promise<ModelImportReport> {
    const run = this.importQueue.then(() => this.runImport(folder, options));
    this.importQueue = run.catch(() => undefined);
    return run;
  }

  // --- status --------------------------------------------------------------------------------

  private entry(id: string): ModelEntry {
    const entry = findModel(this.manifest, id);
    if (!entry) {
      throw new ModelStoreError('model_unknown', { params: { model: id }, detail: id });
    }
    return entry;
  }

  private async statusOf(entry: ModelEntry): Promise<ModelStatusEntry> {
    const copies = await this.copiesOf(entry);
    const best =
      copies.find((c) => c.status === 'installed') ??
      copies.find((c) => c.status === 'verifying') ??
      copies.find((c) => c.status === 'unverified') ??
      copies[0];
    return {
      id: entry.id,
      kind: entry.kind,
      fileName: entry.fileName,
      sizeBytes: entry.sizeBytes,
      status: best ? best.status : 'missing',
      path: best ? best.path : null,
      location: best ? best.location : null,
      problem: best ? best.problem : null,
      verifiedAt: best ? best.verifiedAt : null,
      copies,
    };
  }

  private async copiesOf(entry: ModelEntry): Promise<ModelCopy[]> {
    const expected = expectedDigest(entry);
    const copies: ModelCopy[] = [];
    for (const { dir, location } of this.searchDirs) {
      const file = path.join(dir, entry.fileName);
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        // There is something under that name we may not read (permissions, a dying disk).
        copies.push(unreadable(file, location));
        continue;
      }
      if (!stat.isFile()) {
        copies.push(unreadable(file, location));
        continue;
      }
      const base = { path: file, location, sizeBytes: stat.size };
      if (stat.size !== entry.sizeBytes) {
        copies.push({ ...base, status: 'corrupt', problem: 'size_mismatch', verifiedAt: null });
        continue;
      }
      if (this.hashing.has(file)) {
        copies.push({ ...base, status: 'verifying', problem: null, verifiedAt: null });
        continue;
      }
      const record = this.cache.lookup(file, { sizeBytes: stat.size, mtimeMs: stat.mtimeMs });
      if (!record || record.algorithm !== expected.algorithm) {
        copies.push({ ...base, status: 'unverified', problem: null, verifiedAt: null });
      } else if (record.digest === expected.digest) {
        copies.push({ ...base, status: 'installed', problem: null, verifiedAt: record.verifiedAt });
      } else {
        copies.push({
          ...base,
          status: 'corrupt',
          problem: 'hash_mismatch',
          verifiedAt: record.verifiedAt,
        });
      }
    }
    return copies;
  }

  // --- verification --------------------------------------------------------------------------

  private async runVerify(entry: ModelEntry, options: VerifyOptions): Promise<ModelStatusEntry> {
    const expected = expectedDigest(entry);
    const before = await this.statusOf(entry);
    if (before.status === 'installed' && !options.force) return before;
    const candidates = before.copies.filter(
      (c) =>
        c.problem !== 'size_mismatch' &&
        c.problem !== 'unreadable' &&
        (c.status === 'unverified' || options.force === true),
    );
    for (const [index, copy] of candidates.entries()) {
      const started = Date.now();
      this.hashing.add(copy.path);
      try {
        const stat = await fs.promises.stat(copy.path);
        const { digest } = await hashFile(copy.path, expected.algorithm, {
          signal: options.signal,
          onBytes: (bytesDone) =>
            options.onProgress?.({
              phase: 'verifying',
              id: entry.id,
              fileName: entry.fileName,
              bytesDone,
              bytesTotal: stat.size,
              fileIndex: index + 1,
              fileCount: candidates.length,
            }),
        });
        const after = await fs.promises.stat(copy.path);
        // Changed while being read (IT copying over it): the digest describes neither version.
        if (after.size !== stat.size || after.mtimeMs !== stat.mtimeMs) continue;
        this.cache.record(copy.path, {
          sizeBytes: stat.size,
          mtimeMs: stat.mtimeMs,
          algorithm: expected.algorithm,
          digest,
          verifiedAt: this.clock.now().toISOString(),
        });
        const ok = digest === expected.digest;
        this.logger[ok ? 'info' : 'warn'](ok ? 'models.verified' : 'models.corrupt', {
          model: entry.id,
          location: copy.location,
          bytes: stat.size,
          ms: Date.now() - started,
        });
        if (ok) break;
      } catch (error) {
        if (options.signal?.aborted) {
          throw new ModelStoreError('cancelled', {
            params: { model: entry.id, file: entry.fileName },
            cause: error,
          });
        }
        // Unreadable now (a provisioned network share gone): report, try the next copy.
        this.logger.error('models.verify_failed', error, { model: entry.id });
      } finally {
        this.hashing.delete(copy.path);
      }
    }
    return this.statusOf(entry);
  }

  // --- import --------------------------------------------------------------------------------

  private async runImport(
    folder: string,
    options: ModelOperationOptions,
  ): Promise<ModelImportReport> {
    const source = path.resolve(folder);
    const scan = await scanForModels(source, this.manifest).catch((error: unknown) => {
      throw new ModelStoreError('source_unreadable', {
        params: { folder: source },
        detail: `${source}: ${(error as Error).message}`,
        cause: error,
      });
    });
    const report: ModelImportReport = {
      source,
      imported: [],
      skipped: [],
      rejected: [],
      unknown: scan.unknown,
      unknownCount: scan.unknownCount,
    };
    this.removeStaleTemporaries();

    for (const [index, found] of scan.matches.entries()) {
      const { entry, file } = found;
      const item = { id: entry.id, fileName: entry.fileName };
      const status = await this.statusOf(entry);
      if (status.status === 'installed') {
        const same = status.copies.some((copy) => sameFile(copy.path, file));
        report.skipped.push({ ...item, reason: same ? 'same_file' : 'already_installed' });
        continue;
      }
      if (status.copies.some((copy) => sameFile(copy.path, file))) {
        // Importing a folder the store already looks in: copying a file onto itself could only
        // destroy it. It shows as unverified until verified where it is.
        report.skipped.push({ ...item, reason: 'same_file' });
        continue;
      }
      const size = found.sizeBytes;
      if (size !== entry.sizeBytes) {
        report.rejected.push({
          ...item,
          reason: 'size_mismatch',
          detail: `${size} bytes, expected ${entry.sizeBytes}`,
        });
        continue;
      }
      const rejected = await this.importOne(entry, file, options, {
        fileIndex: index + 1,
        fileCount: scan.matches.length,
      });
      if (rejected) report.rejected.push({ ...item, ...rejected });
      else report.imported.push({ ...item, sizeBytes: entry.sizeBytes });
    }
    this.logger.info('models.imported', {
      imported: report.imported.length,
      skipped: report.skipped.length,
      rejected: report.rejected.length,
      unknown: report.unknownCount,
    });
    return report;
  }

  /** Copies one file in; returns why it was refused, or undefined when it is in place. */
  private async importOne(
    entry: ModelEntry,
    file: string,
    options: ModelOperationOptions,
    position: { fileIndex: number; fileCount: number },
  ): Promise<
    | { reason: 'hash_mismatch' | 'unreadable' | 'no_space' | 'write_failed'; detail: string }
    | undefined
  > {
    const expected = expectedDigest(entry);
    fs.mkdirSync(this.modelsDir, { recursive: true });
    const free = freeBytes(this.modelsDir);
    if (free < entry.sizeBytes + IMPORT_HEADROOM_BYTES) {
      return { reason: 'no_space', detail: `${free} bytes free, ${entry.sizeBytes} needed` };
    }
    const target = path.join(this.modelsDir, entry.fileName);
    const temporary = path.join(
      this.modelsDir,
      `.${entry.fileName}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`,
    );
    const started = Date.now();
    let digest: string;
    try {
      ({ digest } = await copyAndHash(file, temporary, expected.algorithm, {
        signal: options.signal,
        onBytes: (bytesDone) =>
          options.onProgress?.({
            phase: 'copying',
            id: entry.id,
            fileName: entry.fileName,
            bytesDone,
            bytesTotal: entry.sizeBytes,
            ...position,
          }),
      }));
    } catch (error) {
      removeQuietly(temporary);
      if (options.signal?.aborted) {
        throw new ModelStoreError('cancelled', {
          params: { model: entry.id, file: entry.fileName },
          cause: error,
        });
      }
      const reason =
        error instanceof CopyError && error.side === 'write' ? 'write_failed' : 'unreadable';
      this.logger.error('models.import_failed', error, { model: entry.id, reason });
      return { reason, detail: (error as Error).message };
    }
    if (digest !== expected.digest) {
      removeQuietly(temporary);
      this.logger.warn('models.import_rejected', { model: entry.id, reason: 'hash_mismatch' });
      return {
        reason: 'hash_mismatch',
        detail: `${expected.algorithm} ${digest}, expected ${expected.digest}`,
      };
    }
    try {
      // Replaces a damaged copy of the same name in one step.
      fs.renameSync(temporary, target);
      fsyncDir(this.modelsDir);
    } catch (error) {
      removeQuietly(temporary);
      return { reason: 'write_failed', detail: (error as Error).message };
    }
    const stat = fs.statSync(target);
    this.cache.record(target, {
      sizeBytes: stat.size,
      mtimeMs: stat.mtimeMs,
      algorithm: expected.algorithm,
      digest,
      verifiedAt: this.clock.now().toISOString(),
    });
    this.logger.info('models.import_done', {
      model: entry.id,
      bytes: stat.size,
      ms: Date.now() - started,
    });
    return undefined;
  }

  /**
   * Temporary files a crashed or killed import left behind. Imports in this process run one at a
   * time, so any of ours is stale; another live process's (the command-line tool) is left alone.
   */
  private removeStaleTemporaries(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.modelsDir);
    } catch {
      return;
    }
    for (const name of names) {
      const match = /^\..+\.(\d+)\.[0-9a-f]{8}\.part$/.exec(name);
      if (!match) continue;
      const pid = Number(match[1]);
      if (pid !== process.pid && processAlive(pid)) continue;
      removeQuietly(path.join(this.modelsDir, name));
    }
  }
}

function unreadable(file: string, location: ModelLocation): ModelCopy {
  return {
    path: file,
    location,
    sizeBytes: 0,
    status: 'corrupt',
    problem: 'unreadable',
    verifiedAt: null,
  };
}

function sameFile(a: string, b: string): boolean {
  try {
    const first = fs.statSync(a);
    const second = fs.statSync(b);
    // FAT-formatted sticks may report no inode number on some systems; then compare real paths.
    if (first.ino !== 0 && second.ino !== 0) {
      return first.dev === second.dev && first.ino === second.ino;
    }
    const real = (file: string) => fs.realpathSync.native(file);
    return process.platform === 'win32'
      ? real(a).toLowerCase() === real(b).toLowerCase()
      : real(a) === real(b);
  } catch {
    return false;
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Best effort: a leftover temporary is removed by the next import.
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
