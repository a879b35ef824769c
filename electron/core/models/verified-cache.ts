import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fs-atomic';
import type { HashAlgorithm } from './hashing';

/** What hashing one file found. The digest is kept, not a verdict, so a new manifest still applies. */
export interface VerifiedRecord {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly algorithm: HashAlgorithm;
  readonly digest: string;
  /** ISO instant of the check. */
  readonly verifiedAt: string;
}

/** The identity of a file on disk as far as the cache is concerned. */
export interface FileIdentity {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

const recordSchema = z.strictObject({
  sizeBytes: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  algorithm: z.enum(['sha256', 'sha1']),
  digest: z.string().regex(/^[0-9a-f]+$/),
  verifiedAt: z.string(),
});
const cacheSchema = z.strictObject({
  version: z.literal(1),
  files: z.record(z.string(), recordSchema),
});
type CacheFile = z.output<typeof cacheSchema>;

/**
 * `<data>/models/verified.json`: the hashes already computed, keyed by absolute path, each valid
 * only while the file keeps the size and modification time it had when hashed. Hashing a 1.5 GB
 * model takes seconds to minutes; this lets the model list be a few `stat` calls. Any change to
 * the file (copied over, truncated, touched) changes size or mtime and the record stops counting.
 *
 * Reads and writes are synchronous: a read-modify-write then runs in one turn of the event loop,
 * so two verifications finishing together cannot lose each other's record.
 */
export class VerifiedCache {
  constructor(
    private readonly file: string,
    private readonly onDamaged: (detail: string) => void = () => {},
  ) {}

  /** The record for this file if it still describes it; undefined when never hashed or changed. */
  lookup(absolutePath: string, identity: FileIdentity): VerifiedRecord | undefined {
    const record = this.read().files[absolutePath];
    if (!record) return undefined;
    if (record.sizeBytes !== identity.sizeBytes || record.mtimeMs !== identity.mtimeMs) {
      return undefined;
    }
    return record;
  }

  record(absolutePath: string, entry: VerifiedRecord): void {
    const cache = this.read();
    const files: Record<string, VerifiedRecord> = {};
    // Drop records of files that are gone or changed, so the file does not grow forever.
    for (const [file, record] of Object.entries(cache.files)) {
      if (file !== absolutePath && stillMatches(file, record)) files[file] = record;
    }
    files[absolutePath] = entry;
    const next: CacheFile = { version: 1, files };
    writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
  }

  private read(): CacheFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.onDamaged(`unreadable: ${(error as Error).message}`);
      }
      return { version: 1, files: {} };
    }
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.onDamaged('does not match its schema');
    } catch {
      this.onDamaged('not JSON');
    }
    // A damaged cache only costs re-hashing: start again from nothing.
    return { version: 1, files: {} };
  }
}

function stillMatches(file: string, record: VerifiedRecord): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.size === record.sizeBytes && stat.mtimeMs === record.mtimeMs;
  } catch {
    return false;
  }
}
