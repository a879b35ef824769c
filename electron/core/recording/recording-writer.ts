import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { JournalFile, chunkFileName, sealChunk, sha256 } from './audio-files';
import { BYTES_PER_SAMPLE, SAMPLE_RATE, frameBytes, samplesToMs } from './audio-format';
import { diskStatus, type DiskStatus } from './disk-space';

export const DEFAULT_CHUNK_SECONDS = 30;
export const DEFAULT_FLUSH_INTERVAL_MS = 1000;
/** How often a running recording re-checks the free disk space. */
const DISK_CHECK_INTERVAL_MS = 10_000;

/** A chunk file that is on disk and durable; the sink gives it its database row. */
export interface ClosedChunk {
  readonly index: number;
  readonly fileName: string;
  readonly byteSize: number;
  readonly sampleCount: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly sha256: Buffer;
}

/** What the writer needs from the recording service: rows and state changes in the database. */
export interface RecordingSink {
  chunkClosed(recordingId: string, chunk: ClosedChunk): void;
  paused(recordingId: string): void;
  resumed(recordingId: string): void;
  stopped(recordingId: string, summary: StopSummary): void;
  /** The writer is done (stopped or failed); the service forgets it. */
  released(recordingId: string): void;
}

export interface WriterOptions {
  readonly chunkSeconds: number;
  readonly flushIntervalMs: number;
  readonly minFreeBytes: number;
  /** Called on every disk check and on a write failure (the UI shows both). */
  readonly onStatus?: ((status: WriterStatus) => void) | undefined;
}

export interface WriterStatus {
  readonly recordingId: string;
  readonly state: 'recording' | 'paused' | 'stopped' | 'failed';
  /** Audio received so far, in this recording (every writer of it). */
  readonly capturedMs: number;
  /** Audio that would survive a crash right now (chunk files plus fsynced journal). */
  readonly durableMs: number;
  readonly chunks: number;
  readonly disk: DiskStatus;
  readonly error: string | null;
}

export interface StopSummary {
  readonly chunks: number;
  readonly durationMs: number;
}

/** Who holds a recording's files open: lets start-up recovery tell a crash from a live writer. */
export interface WriterLock {
  readonly pid: number;
  /** Boot time of the machine in minutes, so a reused pid after a reboot is not "alive". */
  readonly bootMinute: number;
}

export const WRITER_LOCK_FILE = 'writer.lock';

export function currentBootMinute(): number {
  return Math.round((Date.now() / 1000 - os.uptime()) / 60);
}

/**
 * Captures one recording to disk: PCM frames go into an in-memory buffer the size of one
 * chunk; at least every `flushIntervalMs` what is new is sealed as a journal record and
 * fsynced; when the buffer is full it becomes an encrypted chunk file (atomic write) with a
 * database row, and the journal starts over. Plaintext audio exists only in memory.
 *
 * Everything runs synchronously on the caller's thread (the Electron main process): a chunk
 * close encrypts ~1 MB and fsyncs twice, a flush fsyncs ~32 KB; both are milliseconds.
 */
export class RecordingWriter {
  readonly recordingId: string;
  private readonly dir: string;
  private key: Buffer;
  private readonly sink: RecordingSink;
  private readonly options: WriterOptions;
  private readonly buffer: Buffer;
  private readonly journal: JournalFile;
  private readonly timer: NodeJS.Timeout;
  private chunkIndex: number;
  private samplesClosed: number;
  private chunksWritten = 0;
  private filled = 0;
  private flushed = 0;
  private lastFlush = Date.now();
  private lastDiskCheck = 0;
  private disk: DiskStatus;
  private state: WriterStatus['state'] = 'recording';
  private failure: Error | null = null;

  constructor(params: {
    recordingId: string;
    dir: string;
    key: Buffer;
    firstChunkIndex: number;
    startSample: number;
    sink: RecordingSink;
    options: WriterOptions;
  }) {
    this.recordingId = params.recordingId;
    this.dir = params.dir;
    this.key = params.key;
    this.sink = params.sink;
    this.options = params.options;
    this.chunkIndex = params.firstChunkIndex;
    this.samplesClosed = params.startSample;
    this.buffer = Buffer.alloc(params.options.chunkSeconds * SAMPLE_RATE * BYTES_PER_SAMPLE);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lock: WriterLock = { pid: process.pid, bootMinute: currentBootMinute() };
    fs.writeFileSync(path.join(this.dir, WRITER_LOCK_FILE), JSON.stringify(lock), { mode: 0o600 });
    this.journal = JournalFile.create(this.dir, this.recordingId, this.chunkIndex);
    this.disk = diskStatus(this.dir, this.options.minFreeBytes);
    this.lastDiskCheck = Date.now();
    this.timer = setInterval(() => this.tick(), Math.max(50, params.options.flushIntervalMs / 2));
    this.timer.unref();
  }

  /** Adds captured audio (16 kHz mono s16le). Frames that arrive while paused are dropped. */
  append(frame: Int16Array | Buffer): void {
    this.assertUsable();
    if (this.state === 'paused') return;
    const bytes = frameBytes(frame);
    if (bytes.length % BYTES_PER_SAMPLE !== 0) {
      throw new AppError('validation', 'recording.frameInvalid', {
        detail: `${bytes.length} bytes is not a whole number of samples`,
      });
    }
    this.guard(() => {
      let offset = 0;
      while (offset < bytes.length) {
        const take = Math.min(bytes.length - offset, this.buffer.length - this.filled);
        bytes.copy(this.buffer, this.filled, offset, offset + take);
        this.filled += take;
        offset += take;
        if (this.filled === this.buffer.length) this.closeChunk();
      }
      if (Date.now() - this.lastFlush >= this.options.flushIntervalMs) this.flushJournal();
    });
  }

  /** Seals and fsyncs whatever audio is not yet on disk. */
  flush(): void {
    this.assertUsable();
    this.guard(() => this.flushJournal());
  }

  pause(): void {
    this.assertUsable();
    if (this.state === 'paused') return;
    this.flush();
    this.sink.paused(this.recordingId);
    this.state = 'paused';
  }

  resume(): void {
    this.assertUsable();
    if (this.state !== 'paused') return;
    this.sink.resumed(this.recordingId);
    this.state = 'recording';
    this.lastFlush = Date.now();
  }

  /** Closes the last, partial chunk and ends the recording. */
  stop(): StopSummary {
    this.assertUsable();
    this.guard(() => {
      if (this.filled > 0) this.closeChunk();
    });
    const summary: StopSummary = {
      chunks: this.chunkIndex - 1,
      durationMs: samplesToMs(this.samplesClosed),
    };
    this.sink.stopped(this.recordingId, summary);
    this.state = 'stopped';
    this.release();
    // The journal's audio is all in chunk files now.
    fs.rmSync(path.join(this.dir, 'journal.bin'), { force: true });
    fs.rmSync(path.join(this.dir, WRITER_LOCK_FILE), { force: true });
    return summary;
  }

  status(): WriterStatus {
    const journaled = this.flushed / BYTES_PER_SAMPLE;
    return {
      recordingId: this.recordingId,
      state: this.state,
      capturedMs: samplesToMs(this.samplesClosed + this.filled / BYTES_PER_SAMPLE),
      durableMs: samplesToMs(this.samplesClosed + journaled),
      chunks: this.chunksWritten,
      disk: this.disk,
      error: this.failure?.message ?? null,
    };
  }

  get isOpen(): boolean {
    return this.state === 'recording' || this.state === 'paused';
  }

  private tick(): void {
    if (!this.isOpen || this.failure) return;
    try {
      if (Date.now() - this.lastFlush >= this.options.flushIntervalMs) this.flushJournal();
      if (Date.now() - this.lastDiskCheck >= DISK_CHECK_INTERVAL_MS) this.checkDisk();
    } catch (error) {
      this.fail(error);
    }
  }

  private flushJournal(): void {
    this.lastFlush = Date.now();
    if (this.flushed === this.filled) return;
    this.journal.append(this.key, this.buffer.subarray(this.flushed, this.filled));
    this.flushed = this.filled;
  }

  private closeChunk(): void {
    const pcm = this.buffer.subarray(0, this.filled);
    const sampleCount = pcm.length / BYTES_PER_SAMPLE;
    const file = sealChunk(this.key, this.recordingId, this.chunkIndex, pcm);
    const fileName = chunkFileName(this.chunkIndex);
    writeFileAtomic(path.join(this.dir, fileName), file);
    this.sink.chunkClosed(this.recordingId, {
      index: this.chunkIndex,
      fileName,
      byteSize: file.length,
      sampleCount,
      startMs: samplesToMs(this.samplesClosed),
      durationMs: samplesToMs(sampleCount),
      sha256: sha256(file),
    });
    this.samplesClosed += sampleCount;
    this.chunkIndex += 1;
    this.chunksWritten += 1;
    this.journal.rotate(this.chunkIndex);
    this.buffer.fill(0, 0, this.filled);
    this.filled = 0;
    this.flushed = 0;
    this.checkDisk();
  }

  private checkDisk(): void {
    this.lastDiskCheck = Date.now();
    this.disk = diskStatus(this.dir, this.options.minFreeBytes);
    this.options.onStatus?.(this.status());
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
      throw new AppError('io', 'recording.writeFailed', {
        detail: (error as Error).message,
        cause: error,
      });
    }
  }

  /**
   * A write failed (disk full, device gone). The recording stays 'recording' in the database,
   * so the next start-up recovers what reached the disk, exactly as after a crash.
   */
  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.state = 'failed';
    this.release();
    this.options.onStatus?.(this.status());
  }

  private release(): void {
    clearInterval(this.timer);
    try {
      this.journal.close();
    } catch {
      // Already closed or the device is gone; nothing more to save.
    }
    this.buffer.fill(0);
    this.key.fill(0);
    this.key = Buffer.alloc(0);
    this.sink.released(this.recordingId);
  }

  private assertUsable(): void {
    if (this.failure) {
      throw new AppError('io', 'recording.writeFailed', { detail: this.failure.message });
    }
    if (!this.isOpen) {
      throw new AppError('conflict', 'recording.state', {
        params: { state: this.state },
        detail: `writer is ${this.state}`,
      });
    }
  }
}
