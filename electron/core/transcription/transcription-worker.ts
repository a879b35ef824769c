import { sql, type Selectable } from 'kysely';
import type { TranscriptionLanguage, TranscriptionProgress } from '../../shared/recording';
import type { Clock } from '../clock';
import { textColumn, type ColumnCipher } from '../crypto/column-cipher';
import type { AccessLog } from '../access/access-log';
import { q, type ClinicDatabase, type ReadTx } from '../db/database';
import type { AudioChunksTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { silentLogger, type Logger } from '../log/logger';
import { BYTES_PER_SAMPLE, msToSamples } from '../recording/audio-format';
import type { RecordingService } from '../recording/recording-service';
import { joinChunk } from './merge';
import { TranscriberError, type Transcriber, type VadMode } from './transcriber';

export const segmentText = textColumn('transcript_segments', 'text');

/** What the worker reads from the settings before each chunk. */
export interface TranscriptionSettings {
  readonly language: TranscriptionLanguage;
  readonly initialPrompt: string;
  readonly vad: VadMode;
}

export interface WorkerOptions {
  /** Attempts per chunk before it is marked failed (engine crashes and hangs). Default 3. */
  readonly maxAttempts: number;
  /** Previous chunk's audio transcribed in front of each chunk (see merge.ts). Default 1500. */
  readonly overlapMs: number;
  /** While blocked (no model…), how often to look again. Default 10 s. */
  readonly blockedRecheckMs: number;
}

interface WorkerDeps {
  readonly db: ClinicDatabase;
  readonly cipher: ColumnCipher;
  readonly log: AccessLog;
  readonly clock: Clock;
  readonly recordings: RecordingService;
  readonly transcriber: Transcriber;
  readonly settings: () => TranscriptionSettings;
  readonly logger?: Logger;
  readonly options?: Partial<WorkerOptions>;
}

type ChunkRow = Selectable<AudioChunksTable>;

interface Current {
  readonly chunk: ChunkRow;
  readonly abort: AbortController;
  percent: number;
  /** Why it was aborted: the doctor cancelled, or the app is closing. */
  reason: 'cancel' | 'shutdown' | null;
}

/**
 * The transcription job queue. The queue is the database: each audio chunk's
 * `transcription_status` (pending → processing → completed | failed) with its attempts and error,
 * so it survives restarts and crashes — a chunk left 'processing' by a crash is pending again at
 * start-up. One chunk at a time, oldest first (a recording's chunks in order, so each chunk can be
 * joined to the transcript of the one before). New chunks wake the worker as they close, so a
 * recording is transcribed while it goes on.
 */
export class TranscriptionWorker {
  private readonly deps: WorkerDeps;
  private readonly logger: Logger;
  readonly options: WorkerOptions;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;
  private current: Current | null = null;
  private recheck: NodeJS.Timeout | null = null;
  private readonly lastRtf = new Map<string, number>();
  /** The end of the chunk transcribed last (decrypted audio, in memory only; zeroed when replaced). */
  private tail: { recordingId: string; index: number; pcm: Buffer } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(deps: WorkerDeps) {
    this.deps = deps;
    this.logger = deps.logger ?? silentLogger;
    this.options = {
      maxAttempts: 3,
      overlapMs: 1500,
      blockedRecheckMs: 10_000,
      ...deps.options,
    };
  }

  /** Puts chunks a crash left 'processing' back in the queue and starts working. */
  start(): void {
    const reset = this.deps.db.write((tx) =>
      tx.run(
        q
          .updateTable('audio_chunks')
          .set({ transcription_status: 'pending', transcription_started_at: null })
          .where('transcription_status', '=', 'processing'),
      ),
    );
    if (reset.changes > 0) this.logger.info('transcription.requeued', { chunks: reset.changes });
    this.wake();
  }

  /** Something changed (a chunk closed, a model was installed): look at the queue. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.wakeAgain && !this.stopped) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Called whenever a chunk changes state (the UI polls; tests wait on it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the queue holds nothing the worker can do now. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops the queue of a recording: the running chunk is aborted, waiting ones are failed. */
  cancel(recordingId: string): number {
    const changed = this.deps.db.write((tx) =>
      tx.run(
        q
          .updateTable('audio_chunks')
          .set({
            transcription_status: 'failed',
            transcription_error: 'cancelled',
            transcription_started_at: null,
          })
          .where('recording_id', '=', recordingId)
          .where('transcription_status', 'in', ['pending', 'processing']),
      ),
    );
    if (this.current?.chunk.recording_id === recordingId) {
      this.current.reason = 'cancel';
      this.current.abort.abort();
    }
    this.emit();
    return changed.changes;
  }

  /** Queues a recording's failed (or cancelled) chunks again, with fresh attempts. */
  retry(recordingId: string): number {
    const changed = this.deps.db.write((tx) =>
      tx.run(
        q
          .updateTable('audio_chunks')
          .set({
            transcription_status: 'pending',
            transcription_attempts: 0,
            transcription_error: null,
          })
          .where('recording_id', '=', recordingId)
          .where('transcription_status', '=', 'failed'),
      ),
    );
    this.emit();
    this.wake();
    return changed.changes;
  }

  /** The queue as the recording screen shows it. */
  progress(recordingId: string): TranscriptionProgress {
    const { db, transcriber } = this.deps;
    const rows = db.read((tx) =>
      tx.all(
        q
          .selectFrom('audio_chunks')
          .select([
            'transcription_status as status',
            sql<number>`count(*)`.as('chunks'),
            sql<number>`coalesce(sum(duration_ms), 0)`.as('ms'),
          ])
          .where('recording_id', '=', recordingId)
          .groupBy('transcription_status'),
      ),
    );
    const count = { pending: 0, processing: 0, completed: 0, failed: 0 };
    let backlogMs = 0;
    for (const row of rows) {
      count[row.status] = row.chunks;
      if (row.status === 'pending' || row.status === 'processing') backlogMs += row.ms;
    }
    const state = transcriber.state();
    const current = this.current?.chunk.recording_id === recordingId ? this.current : null;
    const chunkMs = db.read(
      (tx) =>
        tx.first(
          q.selectFrom('recordings').select('chunk_target_seconds').where('id', '=', recordingId),
        )?.chunk_target_seconds ?? 30,
    );
    // Behind: more than two chunks wait, or the last chunk took longer than it lasted.
    const behind =
      state.blocker === null &&
      count.pending + count.processing > 0 &&
      (backlogMs > 2 * chunkMs * 1000 + 1000 || (this.lastRtf.get(recordingId) ?? 0) > 1);
    return {
      ...count,
      backlogMs,
      currentPercent: current ? current.percent : null,
      behind,
      blocker: count.pending + count.processing > 0 ? state.blocker : null,
      slowEngine: state.slowEngine,
    };
  }

  /** Aborts the running job (its chunk goes back to pending) and stops taking new ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recheck) clearTimeout(this.recheck);
    this.tail?.pcm.fill(0);
    this.tail = null;
    if (this.current) {
      this.current.reason = 'shutdown';
      this.current.abort.abort();
    }
    await this.idle();
  }

  // --- The loop ------------------------------------------------------------------------------

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const blocked = this.deps.transcriber.state().blocker;
      if (blocked) {
        this.scheduleRecheck();
        return;
      }
      const chunk = this.claim();
      if (!chunk) return;
      await this.process(chunk);
    }
  }

  private scheduleRecheck(): void {
    if (this.recheck || this.stopped) return;
    this.recheck = setTimeout(() => {
      void this.deps.transcriber
        .refresh()
        .catch((error: unknown) => this.logger.error('transcription.refreshFailed', error))
        .finally(() => {
          this.recheck = null;
          this.wake();
        });
    }, this.options.blockedRecheckMs);
    this.recheck.unref?.();
  }

  /** Takes the oldest pending chunk whose recording still has its audio. */
  private claim(): ChunkRow | null {
    const { db, clock } = this.deps;
    return db.write((tx) => {
      const chunk = tx.first(
        q
          .selectFrom('audio_chunks as c')
          .innerJoin('recordings as r', 'r.id', 'c.recording_id')
          .selectAll('c')
          .where('c.transcription_status', '=', 'pending')
          .where('r.shredded_at', 'is', null)
          .orderBy('c.created_at')
          .orderBy('c.recording_id')
          .orderBy('c.chunk_index')
          .limit(1),
      );
      if (!chunk) return null;
      const at = clock.now().toISOString();
      tx.run(
        q
          .updateTable('audio_chunks')
          .set({ transcription_status: 'processing', transcription_started_at: at })
          .where('id', '=', chunk.id),
      );
      return { ...chunk, transcription_status: 'processing', transcription_started_at: at };
    });
  }

  private async process(chunk: ChunkRow): Promise<void> {
    const current: Current = { chunk, abort: new AbortController(), percent: 0, reason: null };
    this.current = current;
    this.emit();
    try {
      const settings = this.deps.settings();
      const { pcm, overlapMs } = this.audioFor(chunk);
      const outcome = await this.deps.transcriber.transcribe({
        pcm,
        language: settings.language,
        initialPrompt: settings.initialPrompt,
        vad: settings.vad,
        signal: current.abort.signal,
        onProgress: (percent) => {
          current.percent = percent;
        },
      });
      pcm.fill(0);
      if (!outcome) {
        // Cancelled: cancel() already marked it; shutting down: it runs again next time.
        if (current.reason !== 'cancel') this.setStatus(chunk.id, 'pending', null, false);
        return;
      }
      this.store(chunk, outcome, overlapMs);
      this.lastRtf.set(chunk.recording_id, outcome.processingMs / Math.max(1, chunk.duration_ms));
    } catch (error) {
      this.failed(chunk, error);
    } finally {
      this.current = null;
      this.emit();
    }
  }

  /** The chunk's audio with the end of the previous chunk in front (see merge.ts). */
  private audioFor(chunk: ChunkRow): { pcm: Int16Array; overlapMs: number } {
    const { recordings, db } = this.deps;
    const own = recordings.readChunkForTranscription(chunk.id).pcm;
    const overlapSamples = msToSamples(this.options.overlapMs);
    let overlap: Buffer = Buffer.alloc(0);
    const kept = this.tail;
    if (kept && kept.recordingId === chunk.recording_id && kept.index === chunk.chunk_index - 1) {
      // The previous chunk was the last one transcribed: its end is still in memory.
      overlap = kept.pcm;
    } else if (chunk.chunk_index > 1 && overlapSamples > 0) {
      const previous = db.read((tx) =>
        tx.first(
          q
            .selectFrom('audio_chunks')
            .select(['id', 'sample_count'])
            .where('recording_id', '=', chunk.recording_id)
            .where('chunk_index', '=', chunk.chunk_index - 1),
        ),
      );
      if (previous) {
        try {
          const before = recordings.readChunkForTranscription(previous.id).pcm;
          overlap = lastSamples(before, overlapSamples);
          before.fill(0);
        } catch (error) {
          // The previous chunk's audio is unreadable: transcribe this one on its own.
          this.logger.warn('transcription.noOverlap', { chunk: chunk.id, reason: String(error) });
        }
      }
    }
    if (kept && kept.pcm !== overlap) kept.pcm.fill(0);
    // This chunk's end, for the next chunk's overlap (each chunk is then decrypted once).
    this.tail =
      overlapSamples > 0
        ? {
            recordingId: chunk.recording_id,
            index: chunk.chunk_index,
            pcm: lastSamples(own, overlapSamples),
          }
        : null;
    const overlapMs = Math.round((overlap.length / BYTES_PER_SAMPLE / 16_000) * 1000);
    const joined = Buffer.concat([overlap, own]);
    own.fill(0);
    overlap.fill(0);
    const pcm = new Int16Array(joined.length / BYTES_PER_SAMPLE);
    Buffer.from(pcm.buffer).set(joined);
    joined.fill(0);
    return { pcm, overlapMs };
  }

  /** The last words the previous chunk's transcript ends with (the original, not corrections). */
  private previousText(tx: ReadTx, chunk: ChunkRow): string {
    if (chunk.chunk_index <= 1) return '';
    const rows = tx.all(
      q
        .selectFrom('transcript_segments as s')
        .innerJoin('audio_chunks as c', 'c.id', 's.chunk_id')
        .select(['s.id', 's.text'])
        .where('c.recording_id', '=', chunk.recording_id)
        .where('c.chunk_index', '=', chunk.chunk_index - 1)
        .orderBy('s.seq', 'desc')
        .limit(3),
    );
    return rows
      .reverse()
      .map((row) => this.deps.cipher.open(segmentText, row.id, row.text))
      .join(' ');
  }

  private store(
    chunk: ChunkRow,
    outcome: NonNullable<Awaited<ReturnType<Transcriber['transcribe']>>>,
    overlapMs: number,
  ): void {
    const { db, cipher, clock, log } = this.deps;
    db.write((tx) => {
      const still = tx.first(
        q.selectFrom('audio_chunks').select('transcription_status').where('id', '=', chunk.id),
      );
      // Cancelled while the engine worked: drop the result.
      if (still?.transcription_status !== 'processing') return;
      const joined = joinChunk(outcome.segments, {
        overlapMs,
        previousText: this.previousText(tx, chunk),
      });
      const now = clock.now();
      const at = now.toISOString();
      const segments = joined.segments;
      const confidence =
        segments.length === 0
          ? 0
          : segments.reduce((sum, segment) => sum + segment.confidence, 0) / segments.length;
      tx.run(
        q.insertInto('chunk_transcripts').values({
          chunk_id: chunk.id,
          recording_id: chunk.recording_id,
          encounter_id: chunk.encounter_id,
          language: outcome.language,
          model: outcome.model,
          engine: outcome.engine,
          confidence: clamp01(confidence),
          processing_ms: Math.max(0, Math.round(outcome.processingMs)),
          audio_ms: Math.max(0, Math.round(outcome.audioMs)),
          voiced_ms: Math.max(0, Math.round(outcome.voicedMs)),
          overlap_ms: overlapMs,
          overlap_words: joined.droppedWords,
          vad: outcome.vad,
          created_at: at,
        }),
      );
      const chunkEnd = chunk.start_ms + chunk.duration_ms;
      segments.forEach((segment, seq) => {
        const id = uuidv7(now.getTime());
        // Times in the engine's audio (overlap in front) → times in the recording.
        const start = clampMs(chunk.start_ms - overlapMs + segment.t0, chunk.start_ms, chunkEnd);
        const end = clampMs(chunk.start_ms - overlapMs + segment.t1, start, chunkEnd);
        tx.run(
          q.insertInto('transcript_segments').values({
            id,
            chunk_id: chunk.id,
            recording_id: chunk.recording_id,
            encounter_id: chunk.encounter_id,
            seq,
            start_ms: start,
            end_ms: end,
            confidence: clamp01(segment.confidence),
            text: cipher.seal(segmentText, id, segment.text),
            created_at: at,
          }),
        );
      });
      tx.run(
        q
          .updateTable('audio_chunks')
          .set({
            transcription_status: 'completed',
            transcription_error: null,
            transcription_completed_at: at,
          })
          .where('id', '=', chunk.id),
      );
      const visit = tx.first(
        q.selectFrom('encounters').select('patient_id').where('id', '=', chunk.encounter_id),
      );
      log.append(tx, {
        actor: null,
        action: 'create',
        resourceType: 'transcript',
        resourceId: chunk.recording_id,
        patientId: visit?.patient_id ?? null,
        granted: true,
        detail: {
          chunk: chunk.chunk_index,
          segments: segments.length,
          model: outcome.model,
          ms: Math.round(outcome.processingMs),
        },
      });
    });
  }

  private failed(chunk: ChunkRow, error: unknown): void {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (error instanceof TranscriberError && error.blocker) {
      // Nothing is wrong with the chunk: it waits for a model or the engine.
      this.setStatus(chunk.id, 'pending', null, false);
      this.logger.warn('transcription.blocked', { blocker: error.blocker });
      return;
    }
    const retryable = error instanceof TranscriberError && error.retryable;
    const attempts = chunk.transcription_attempts + 1;
    const final = !retryable || attempts >= this.options.maxAttempts;
    const reason =
      error instanceof AppError ? `${error.code}: ${error.detail ?? error.messageKey}` : message;
    this.logger.warn('transcription.chunkFailed', {
      chunk: chunk.id,
      attempts,
      final,
      reason: reason.slice(0, 200),
    });
    this.setStatus(chunk.id, final ? 'failed' : 'pending', reason, true);
  }

  private setStatus(
    chunkId: string,
    status: 'pending' | 'failed',
    error: string | null,
    countAttempt: boolean,
  ): void {
    this.deps.db.write((tx) =>
      tx.run(
        q
          .updateTable('audio_chunks')
          .set({
            transcription_status: status,
            transcription_error: error,
            transcription_started_at: null,
            ...(countAttempt
              ? { transcription_attempts: sql<number>`transcription_attempts + 1` }
              : {}),
          })
          .where('id', '=', chunkId)
          .where('transcription_status', '=', 'processing'),
      ),
    );
  }
}

/** A copy of the last `samples` samples of s16le audio. */
function lastSamples(pcm: Buffer, samples: number): Buffer {
  return Buffer.from(pcm.subarray(Math.max(0, pcm.length - samples * BYTES_PER_SAMPLE)));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function clampMs(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)));
}
