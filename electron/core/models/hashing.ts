import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { ModelEntry } from '../../shared/models';

export type HashAlgorithm = 'sha256' | 'sha1';

export interface ExpectedDigest {
  readonly algorithm: HashAlgorithm;
  readonly digest: string;
}

/** The hash a file is checked against: its sha256, else (speech models only) its sha1. */
export function expectedDigest(entry: ModelEntry): ExpectedDigest {
  if (entry.sha256 !== null) return { algorithm: 'sha256', digest: entry.sha256 };
  if (entry.kind !== 'llm' && entry.sha1 !== undefined) {
    return { algorithm: 'sha1', digest: entry.sha1 };
  }
  // The manifest schema refuses such an entry; this guards a hand-built one.
  throw new Error(`model ${entry.id} has neither sha256 nor sha1`);
}

export interface StreamOptions {
  readonly signal?: AbortSignal | undefined;
  /** Bytes read so far; called after every chunk and once more at the end. */
  readonly onBytes?: ((bytesDone: number) => void) | undefined;
}

// Large enough that a 3 GB model is a few hundred reads, small enough that an abort is prompt.
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Streams a file through the hash; rejects with the signal's reason when aborted. */
export async function hashFile(
  file: string,
  algorithm: HashAlgorithm,
  options: StreamOptions = {},
): Promise<{ digest: string; bytes: number }> {
  options.signal?.throwIfAborted();
  const hash = createHash(algorithm);
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let bytes = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
      options.onBytes?.(bytes);
    }
    options.onBytes?.(bytes);
    return { digest: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}

/** Which side of a copy failed: reading the source (a pulled USB stick) or writing the target. */
export class CopyError extends Error {
  readonly side: 'read' | 'write';

  constructor(side: 'read' | 'write', cause: unknown) {
    super(`${side} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'CopyError';
    this.side = side;
  }
}

/**
 * Copies `source` to a new file `target` while hashing what was read, then fsyncs the target, so
 * one pass over a slow USB stick both copies and verifies. The caller owns `target` afterwards:
 * renaming it into place or removing it. Rejects with the signal's reason when aborted and with
 * a {@link CopyError} when reading or writing fails.
 */
export async function copyAndHash(
  source: string,
  target: string,
  algorithm: HashAlgorithm,
  options: StreamOptions = {},
): Promise<{ digest: string; bytes: number }> {
  options.signal?.throwIfAborted();
  const hash = createHash(algorithm);
  const input = await fs.open(source, 'r').catch((error: unknown) => {
    throw new CopyError('read', error);
  });
  try {
    // `wx`: the temporary name is fresh; never write through an existing file or link.
    const output = await fs.open(target, 'wx', 0o600).catch((error: unknown) => {
      throw new CopyError('write', error);
    });
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      let bytes = 0;
      for (;;) {
        options.signal?.throwIfAborted();
        const { bytesRead } = await input.read(buffer, 0, buffer.length, null).catch((error) => {
          throw new CopyError('read', error);
        });
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await writeAll(output, chunk).catch((error: unknown) => {
          throw new CopyError('write', error);
        });
        bytes += bytesRead;
        options.onBytes?.(bytes);
      }
      options.signal?.throwIfAborted();
      await output.sync().catch((error: unknown) => {
        throw new CopyError('write', error);
      });
      options.onBytes?.(bytes);
      return { digest: hash.digest('hex'), bytes };
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}

/** A write may take fewer bytes than offered; keep going until the chunk is all on its way. */
async function writeAll(handle: fs.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
