import fs from 'node:fs';
import path from 'node:path';
import { sql, type Selectable } from 'kysely';
import type { AccessDetail } from '../../shared/access';
import type { Actor, Permission } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { randomKey } from '../crypto/aead';
import { bytesColumn, textColumn, type ColumnCipher } from '../crypto/column-cipher';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { AudioChunksTable, RecordingsTable } from '../db/schema';
import { AppError } from '../errors';
import { fsyncDir, writeFileAtomic } from '../fs-atomic';
import { uuidv7 } from '../ids';
import { silentLogger, type Logger } from '../log/logger';
import { parseInput } from '../validation';
import {
  JOURNAL_FILE,
  chunkFileName,
  openChunk,
  readJournal,
  recordingDir,
  sealChunk,
  sha256,
} from './audio-files';
import { BYTES_PER_SAMPLE, BYTES_PER_SECOND, msToSamples, samplesToMs } from './audio-format';
import {
  DEFAULT_MIN_FREE_BYTES,
  diskStatus,
  requireFreeSpace,
  type DiskStatus,
} from './disk-space';
import {
  recordConsentSchema,
  startRecordingSchema,
  type ChunkSummary,
  type ConsentSummary,
  type RecordConsentInput,
  type RecordingSummary,
  type RecoveryReport,
  type StartRecordingInput,
} from './recording-inputs';
import { importAudioFile, type ImportFileInput, type ImportFileOptions } from './recording-import';
import {
  DEFAULT_CHUNK_SECONDS,
  DEFAULT_FLUSH_INTERVAL_MS,
  RecordingWriter,
  WRITER_LOCK_FILE,
  currentBootMinute,
  type ClosedChunk,
  type RecordingSink,
  type WriterLock,
  type WriterStatus,
} from './recording-writer';

/** A chunk row just committed by a running recorder. */
export interface StoredChunk {
  readonly recordingId: string;
  readonly encounterId: string;
  readonly index: number;
}

/**
 * An audio file being imported into a recording (see `beginImport`). Decoded audio goes into
 * encrypted chunk files as it comes; the chunks' rows — and with them the transcription queue —
 * wait for `commit`, so an import that fails or is cancelled never had a chunk anyone could see.
 */
export interface ImportDraft {
  readonly recordingId: string;
  readonly encounterId: string;
  /** Set once the draft was thrown away (by `discard`, or by the app shutting down). */
  readonly discarded: boolean;
  /** Adds decoded audio (16 kHz mono s16le). */
  append(frame: Int16Array): void;
  /** The whole file is in: the chunks get their rows (transcription pending), the recording is stopped. */
  commit(): RecordingSummary;
  /** Removes the recording's rows, key and files as if the import never began. Safe to repeat. */
  discard(reason: string): void;
}

export interface RecordingOptions {
  /** Length of a chunk file; transcription works chunk by chunk. */
  readonly chunkSeconds: number;
  /** Longest time captured audio waits in memory before it is journaled and fsynced. */
  readonly flushIntervalMs: number;
  /** A recording does not start below this much free disk; below it while recording, warn. */
  readonly minFreeBytes: number;
}

export const defaultRecordingOptions: RecordingOptions = {
  chunkSeconds: DEFAULT_CHUNK_SECONDS,
  flushIntervalMs: DEFAULT_FLUSH_INTERVAL_MS,
  minFreeBytes: DEFAULT_MIN_FREE_BYTES,
};

interface RecordingDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly cipher: ColumnCipher;
  /** `<data>/audio`: one folder per recording. */
  readonly audioRoot: string;
  readonly logger?: Logger;
  readonly options?: Partial<RecordingOptions>;
}

const consentNote = textColumn('recording_consents', 'note');
const audioKeyColumn = bytesColumn('recording_keys', 'wrapped_key');

const OPEN_STATES = ['recording', 'paused'] as const;
const CLOSED_VISIT_STATES = new Set(['cancelled', 'no_show']);

interface VisitRow {
  readonly id: string;
  readonly patient_id: string;
  readonly doctor_id: string;
  readonly status: string;
}

function stateError(state: string, detail: string): AppError {
  return new AppError('conflict', 'recording.state', { params: { state }, detail });
}

/**
 * The recording store of the core: consent, the life of a recording (recording → paused →
 * stopped; or interrupted by a crash → resumed or finished), its encrypted chunks, reading them
 * back in memory, crash recovery and crypto-shredding.
 *
 * Keys: each recording gets a random 256-bit audio key, sealed by the clinic's data key in
 * `recording_keys` (bound to that table, column and recording id). Audio files are sealed with
 * the audio key only; rotating the data key re-seals the small key row and never touches audio.
 */
export class RecordingService {
  private readonly deps: RecordingDeps;
  private readonly logger: Logger;
  readonly options: RecordingOptions;
  private readonly writers = new Map<string, RecordingWriter>();
  /** Imports in progress; their writers are in `writers` too. */
  private readonly imports = new Map<string, ImportDraft>();
  private readonly chunkListeners = new Set<(chunk: StoredChunk) => void>();

  constructor(deps: RecordingDeps) {
    this.deps = deps;
    this.logger = deps.logger ?? silentLogger;
    this.options = { ...defaultRecordingOptions, ...deps.options };
  }

  // -------------------------------------------------------------------------------------------
  // Consent

  recordConsent(actor: Actor, input: RecordConsentInput): ConsentSummary {
    const data = parseInput(recordConsentSchema, input);
    const visit = this.requireCapture(actor, data.encounterId, 'create');
    const { db, clock, cipher, log } = this.deps;
    const now = clock.now();
    const consentedAt = data.consentedAt
      ? new Date(data.consentedAt).toISOString()
      : now.toISOString();
    if (consentedAt > now.toISOString()) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: 'consentedAt', messageKey: 'validation.failed' }],
        detail: 'consent in the future',
      });
    }
    return db.write((tx) => {
      const id = uuidv7(now.getTime());
      const note = data.note ? data.note : null;
      tx.run(
        q.insertInto('recording_consents').values({
          id,
          encounter_id: visit.id,
          method: data.method,
          given_by: data.givenBy,
          consented_at: consentedAt,
          recorded_by: actor.userId,
          note: note === null ? null : cipher.seal(consentNote, id, note),
          created_at: now.toISOString(),
        }),
      );
      tx.run(
        q
          .updateTable('encounters')
          .set({ recording_consent: 1, updated_at: now.toISOString(), updated_by: actor.userId })
          .where('id', '=', visit.id),
      );
      log.append(tx, {
        actor,
        action: 'create',
        resourceType: 'recording',
        resourceId: visit.id,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: 'consent', method: data.method, givenBy: data.givenBy },
      });
      return {
        id,
        encounterId: visit.id,
        method: data.method,
        givenBy: data.givenBy,
        consentedAt,
        recordedBy: actor.userId,
        note,
      };
    });
  }

  consents(actor: Actor, encounterId: string): ConsentSummary[] {
    this.requireCapture(actor, encounterId, 'view', { ownVisitOnly: false });
    const { db, cipher } = this.deps;
    return db.read((tx) =>
      tx
        .all(
          q
            .selectFrom('recording_consents')
            .selectAll()
            .where('encounter_id', '=', encounterId)
            .orderBy('consented_at'),
        )
        .map((row) => ({
          id: row.id,
          encounterId: row.encounter_id,
          method: row.method,
          givenBy: row.given_by,
          consentedAt: row.consented_at,
          recordedBy: row.recorded_by,
          note: row.note ? cipher.open(consentNote, row.id, row.note) : null,
        })),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Capture

  /** Starts recording a visit; the caller feeds the returned writer with PCM frames. */
  start(
    actor: Actor,
    input: StartRecordingInput,
    onStatus?: (status: WriterStatus) => void,
  ): RecordingWriter {
    const data = parseInput(startRecordingSchema, input);
    const visit = this.requireCapture(actor, data.encounterId, 'create');
    const { id, key, chunkSeconds } = this.createRecording(actor, visit, {
      source: 'microphone',
      chunkSeconds: data.chunkSeconds ?? this.options.chunkSeconds,
      extraBytes: 0,
    });
    try {
      return this.openWriter(id, key, 1, 0, chunkSeconds, this.sinkFor(actor, visit), onStatus);
    } catch (error) {
      key.fill(0);
      // The row stays 'recording'; recovery will mark it interrupted (with no audio).
      throw new AppError('io', 'recording.writeFailed', {
        detail: (error as Error).message,
        cause: error,
      });
    }
  }

  /**
   * The refusals a new recording meets, in the visit's own state: cancelled or missed, no
   * consent, an unfinished recording already open. Both start and import go through it, once
   * before any work (an import probes its file only after this) and again inside the
   * transaction that creates the row.
   */
  private requireRecordable(tx: ReadTx, visit: VisitRow): { consentId: string } {
    if (CLOSED_VISIT_STATES.has(visit.status)) {
      throw new AppError('conflict', 'recording.visitClosed', { detail: visit.status });
    }
    const consent = tx.first(
      q
        .selectFrom('recording_consents')
        .select('id')
        .where('encounter_id', '=', visit.id)
        .orderBy('consented_at', 'desc')
        .limit(1),
    );
    if (!consent) throw new AppError('conflict', 'recording.consentRequired');
    const open = tx.first(
      q
        .selectFrom('recordings')
        .select(['id', 'state'])
        .where('encounter_id', '=', visit.id)
        .where('state', 'in', ['recording', 'paused', 'interrupted']),
    );
    if (open) {
      throw new AppError('conflict', 'recording.alreadyOpen', {
        detail: `${open.id} ${open.state}`,
      });
    }
    return { consentId: consent.id };
  }

  /** The recording's row (state 'recording') and its sealed audio key; returns the key in clear. */
  private createRecording(
    actor: Actor,
    visit: VisitRow,
    params: { source: RecordingsTable['source']; chunkSeconds: number; extraBytes: number },
  ): { id: string; key: Buffer; chunkSeconds: number } {
    const { source, chunkSeconds } = params;
    const { db, clock, cipher, log } = this.deps;
    const key = randomKey();
    const id = db.write((tx) => {
      const { consentId } = this.requireRecordable(tx, visit);
      requireFreeSpace(this.deps.audioRoot, this.options.minFreeBytes + params.extraBytes);
      const now = clock.now();
      const at = now.toISOString();
      const recordingId = uuidv7(now.getTime());
      tx.run(
        q.insertInto('recordings').values({
          id: recordingId,
          encounter_id: visit.id,
          consent_id: consentId,
          state: 'recording',
          source,
          format: 'pcm_s16le',
          sample_rate: 16000,
          channels: 1,
          chunk_target_seconds: chunkSeconds,
          started_by: actor.userId,
          started_at: at,
          updated_at: at,
        }),
      );
      tx.run(
        q.insertInto('recording_keys').values({
          id: recordingId,
          wrapped_key: cipher.seal(audioKeyColumn, recordingId, key),
          created_at: at,
        }),
      );
      // An import is logged once, when it is complete; one that fails leaves no recording.
      if (source === 'microphone') {
        log.append(tx, {
          actor,
          action: 'create',
          resourceType: 'recording',
          resourceId: recordingId,
          patientId: visit.patient_id,
          granted: true,
          detail: { step: 'start', encounterId: visit.id, chunkSeconds },
        });
      }
      return recordingId;
    });
    return { id, key, chunkSeconds };
  }

  // -------------------------------------------------------------------------------------------
  // Import of an existing audio file

  /**
   * Decodes an audio file (wav, mp3, m4a, ogg/opus, webm, flac) into a new recording of the visit,
   * with the same consent and permission rules as recording it. Nothing is created for a file
   * that is refused, and nothing remains of an import that fails midway or is cancelled. See
   * recording-import.ts.
   */
  importFile(
    actor: Actor,
    input: ImportFileInput,
    options: ImportFileOptions = {},
  ): Promise<RecordingSummary> {
    return importAudioFile(this, actor, input, options);
  }

  /**
   * Every refusal an import can meet before its file is opened (permission, another doctor's
   * visit, a closed visit, no consent, an unfinished recording). Writes nothing but a refusal's
   * access-log entry.
   */
  checkImport(actor: Actor, encounterId: string): void {
    const visit = this.requireCapture(actor, encounterId, 'create');
    this.deps.db.read((tx) => this.requireRecordable(tx, visit));
  }

  /**
   * Opens a recording with source 'import' for decoded audio (the checks of `start` again, and
   * room on the disk for `expectedMs` of audio). See ImportDraft.
   */
  beginImport(
    actor: Actor,
    input: StartRecordingInput,
    options: { expectedMs?: number | undefined } = {},
  ): ImportDraft {
    const data = parseInput(startRecordingSchema, input);
    const visit = this.requireCapture(actor, data.encounterId, 'create');
    const expectedBytes = Math.ceil(((options.expectedMs ?? 0) / 1000) * BYTES_PER_SECOND);
    const { id, key, chunkSeconds } = this.createRecording(actor, visit, {
      source: 'import',
      chunkSeconds: data.chunkSeconds ?? this.options.chunkSeconds,
      extraBytes: expectedBytes,
    });
    const { db, clock, log } = this.deps;
    let state: 'open' | 'committing' | 'committed' | 'discarded' = 'open';
    let stored = false;
    const closed: ClosedChunk[] = [];
    const notPaused = () => {
      throw stateError('recording', 'an import is never paused');
    };
    const sink: RecordingSink = {
      chunkClosed: (_recordingId, chunk) => {
        closed.push(chunk);
      },
      paused: notPaused,
      resumed: notPaused,
      stopped: (recordingId, summary) => {
        // Stopped by a discard or by the app shutting down: nothing is stored.
        if (state !== 'committing') return;
        db.write((tx) => {
          for (const chunk of closed) this.insertChunk(tx, recordingId, visit.id, chunk, false);
          const at = clock.now().toISOString();
          const changed = tx.run(
            q
              .updateTable('recordings')
              .set({ state: 'stopped', stopped_at: at, updated_at: at })
              .where('id', '=', recordingId)
              .where('state', '=', 'recording'),
          );
          if (changed.changes !== 1) throw stateError('recording', `${recordingId} changed`);
          // Never the file's name: it may name the patient.
          log.append(tx, {
            actor,
            action: 'create',
            resourceType: 'recording',
            resourceId: recordingId,
            patientId: visit.patient_id,
            granted: true,
            detail: {
              step: 'import',
              source: 'import',
              encounterId: visit.id,
              chunks: closed.length,
              durationMs: summary.durationMs,
            },
          });
        });
        stored = true;
      },
      released: (recordingId) => {
        this.writers.delete(recordingId);
      },
    };
    let writer: RecordingWriter;
    try {
      writer = this.openWriter(id, key, 1, 0, chunkSeconds, sink, undefined);
    } catch (error) {
      key.fill(0);
      try {
        this.removeImport(id, 'writer');
      } catch (cleanup) {
        this.logger.error('recording.importDiscardFailed', cleanup, { recording: id });
      }
      throw new AppError('io', 'recording.writeFailed', {
        detail: (error as Error).message,
        cause: error,
      });
    }
    const draft: ImportDraft = {
      recordingId: id,
      encounterId: visit.id,
      get discarded() {
        return state === 'discarded';
      },
      append: (frame) => {
        if (state !== 'open') throw stateError(state, `import ${id} is ${state}`);
        writer.append(frame);
      },
      commit: () => {
        if (state !== 'open') throw stateError(state, `import ${id} is ${state}`);
        if (writer.status().capturedMs === 0) {
          throw new AppError('validation', 'audioImport.empty', { detail: 'no audio decoded' });
        }
        state = 'committing';
        try {
          writer.stop();
        } catch (error) {
          if (!stored) {
            state = 'open';
            throw error;
          }
          // The rows are in: what failed after them was tidying the journal or the lock file.
          this.logger.warn('recording.importStopFailed', { detail: (error as Error).message });
        }
        state = 'committed';
        this.imports.delete(id);
        for (const chunk of closed) {
          this.notifyChunk({ recordingId: id, encounterId: visit.id, index: chunk.index });
        }
        return db.read((tx) => this.summaryOf(tx, this.requireRow(tx, id)));
      },
      discard: (reason) => {
        if (state === 'committed' || state === 'discarded') return;
        state = 'discarded';
        this.imports.delete(id);
        if (writer.isOpen) {
          try {
            writer.stop();
          } catch (error) {
            // The writer has let go of its files either way; they are removed below.
            this.logger.warn('recording.importStopFailed', { detail: (error as Error).message });
          }
        }
        closed.length = 0;
        try {
          this.removeImport(id, reason);
        } catch (error) {
          // The rows stay 'recording'; the next recovery removes them.
          this.logger.error('recording.importDiscardFailed', error, { recording: id });
        }
      },
    };
    this.imports.set(id, draft);
    return draft;
  }

  /**
   * Removes an import that will not complete: its folder first, then — in one transaction — its
   * rows, so a crash in between leaves only rows, which the next recovery removes. The import's
   * chunks never had rows (see beginImport), so no transcript can refer to it; the deletes would
   * fail on the foreign keys if one did, and the rows would stay for a person to look at.
   */
  private removeImport(recordingId: string, reason: string): void {
    try {
      fs.rmSync(recordingDir(this.deps.audioRoot, recordingId), {
        recursive: true,
        force: true,
        maxRetries: 3,
      });
    } catch (error) {
      // Only ciphertext whose key is deleted below; logged for IT to remove.
      this.logger.error('recording.importCleanupFailed', error, { recording: recordingId });
    }
    this.withSecureDelete(() =>
      this.deps.db.write((tx) => {
        tx.run(q.deleteFrom('audio_chunks').where('recording_id', '=', recordingId));
        tx.run(q.deleteFrom('recording_keys').where('id', '=', recordingId));
        const removed = tx.run(
          q
            .deleteFrom('recordings')
            .where('id', '=', recordingId)
            .where('source', '=', 'import')
            .where('state', '=', 'recording'),
        );
        if (removed.changes !== 1) {
          throw stateError('recording', `import ${recordingId} is not an unfinished import`);
        }
      }),
    );
    this.checkpoint();
    this.logger.warn('recording.importDiscarded', { recording: recordingId, reason });
  }

  /** Called after each chunk row is committed (the transcription worker starts on it). */
  onChunkStored(listener: (chunk: StoredChunk) => void): () => void {
    this.chunkListeners.add(listener);
    return () => this.chunkListeners.delete(listener);
  }

  private notifyChunk(chunk: StoredChunk): void {
    for (const listener of this.chunkListeners) {
      try {
        listener(chunk);
      } catch (error) {
        this.logger.error('recording.chunkListenerFailed', error);
      }
    }
  }

  /** The running writer of a recording, if this process has one. */
  writer(recordingId: string): RecordingWriter | undefined {
    return this.writers.get(recordingId);
  }

  /** Continues an interrupted recording: a new writer, chunk numbers carry on. */
  resume(
    actor: Actor,
    recordingId: string,
    onStatus?: (status: WriterStatus) => void,
  ): RecordingWriter {
    const row = this.requireRecording(recordingId);
    const visit = this.requireCapture(actor, row.encounter_id, 'update');
    if (row.state !== 'interrupted') throw stateError(row.state, `resume from ${row.state}`);
    requireFreeSpace(this.deps.audioRoot, this.options.minFreeBytes);
    const { db, clock, log } = this.deps;
    const { key, next, samples } = db.write((tx) => {
      const changed = tx.run(
        q
          .updateTable('recordings')
          .set({ state: 'recording', updated_at: clock.now().toISOString() })
          .where('id', '=', recordingId)
          .where('state', '=', 'interrupted'),
      );
      if (changed.changes !== 1) throw stateError('interrupted', 'changed meanwhile');
      const totals = this.totals(tx, recordingId);
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'recording',
        resourceId: recordingId,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: 'resume', fromChunk: totals.maxIndex + 1 },
      });
      return {
        key: this.audioKey(tx, recordingId),
        next: totals.maxIndex + 1,
        samples: totals.samples,
      };
    });
    return this.openWriter(
      recordingId,
      key,
      next,
      samples,
      row.chunk_target_seconds,
      this.sinkFor(actor, visit),
      onStatus,
    );
  }

  /** Ends an interrupted recording as it is (the doctor chose not to continue). */
  finish(actor: Actor, recordingId: string): RecordingSummary {
    const row = this.requireRecording(recordingId);
    const visit = this.requireCapture(actor, row.encounter_id, 'update');
    const { db, clock, log } = this.deps;
    return db.write((tx) => {
      const at = clock.now().toISOString();
      const changed = tx.run(
        q
          .updateTable('recordings')
          .set({ state: 'finished', finished_at: at, updated_at: at })
          .where('id', '=', recordingId)
          .where('state', '=', 'interrupted'),
      );
      if (changed.changes !== 1) throw stateError(row.state, `finish from ${row.state}`);
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'recording',
        resourceId: recordingId,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: 'finish' },
      });
      return this.summaryOf(tx, this.requireRow(tx, recordingId));
    });
  }

  /**
   * Stops every running writer (orderly shutdown); their recordings end as 'stopped'. An import
   * still decoding is discarded: half a file is not a recording.
   */
  stopAll(): void {
    for (const draft of [...this.imports.values()]) {
      try {
        draft.discard('shutdown');
      } catch (error) {
        this.logger.error('recording.importDiscardFailed', error, { recording: draft.recordingId });
      }
    }
    for (const writer of [...this.writers.values()]) {
      try {
        if (writer.isOpen) writer.stop();
      } catch (error) {
        this.logger.error('recording.stopFailed', error, { recording: writer.recordingId });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Recovery

  /**
   * Finds recordings a crash left 'recording' or 'paused' (no live writer holds them), closes
   * their journal into a chunk and marks them 'interrupted' — or, for an import, removes it (see
   * removeImport). Runs at unlock; safe to repeat.
   */
  recover(): RecoveryReport[] {
    const { db } = this.deps;
    const open = db.read((tx) =>
      tx.all(
        q
          .selectFrom('recordings')
          .selectAll()
          .where('state', 'in', [...OPEN_STATES]),
      ),
    );
    const reports: RecoveryReport[] = [];
    for (const row of open) {
      if (this.writers.has(row.id)) continue;
      const dir = recordingDir(this.deps.audioRoot, row.id);
      if (writerAlive(dir)) continue;
      try {
        // An import a crash cut short is not resumed: the file can simply be imported again.
        if (row.source === 'import') this.removeImport(row.id, 'recovery');
        else reports.push(this.recoverOne(row, dir));
      } catch (error) {
        this.logger.error('recording.recoveryFailed', error, { recording: row.id });
      }
    }
    return reports;
  }

  interruptedRecordings(actor: Actor): RecordingSummary[] {
    this.deps.access.require(actor, 'recording.capture', {
      action: 'view',
      resourceType: 'recording',
    });
    return this.deps.db.read((tx) =>
      tx
        .all(
          q
            .selectFrom('recordings')
            .selectAll()
            .where('state', '=', 'interrupted')
            .orderBy('started_at'),
        )
        .map((row) => this.summaryOf(tx, row)),
    );
  }

  private recoverOne(row: Selectable<RecordingsTable>, dir: string): RecoveryReport {
    const { db, clock, log } = this.deps;
    const key = db.read((tx) => this.audioKey(tx, row.id));
    let recovered: ClosedChunk | null = null;
    let journalRecords = 0;
    let journalEnd = 'missing';
    try {
      const before = db.read((tx) => this.totals(tx, row.id));
      const journal = readJournal(key, path.join(dir, JOURNAL_FILE), row.id);
      journalRecords = journal.records;
      journalEnd = journal.end;
      const index = before.maxIndex + 1;
      if (journal.chunkIndex === index) {
        // A chunk file may already be complete if the crash came between its rename and its
        // row; it holds at least what the journal does.
        const adopted = this.adoptChunkFile(key, dir, row.id, index);
        const file =
          adopted ?? (journal.pcm.length > 0 ? sealChunk(key, row.id, index, journal.pcm) : null);
        if (file) {
          if (!adopted) writeFileAtomic(path.join(dir, chunkFileName(index)), file);
          const sampleCount = adopted
            ? file.readUInt32BE(20)
            : journal.pcm.length / BYTES_PER_SAMPLE;
          recovered = {
            index,
            fileName: chunkFileName(index),
            byteSize: file.length,
            sampleCount,
            startMs: samplesToMs(before.samples),
            durationMs: samplesToMs(sampleCount),
            sha256: sha256(file),
          };
        }
      }
      journal.pcm.fill(0);
      const chunk = recovered;
      const totalSamples = before.samples + (chunk?.sampleCount ?? 0);
      db.write((tx) => {
        if (chunk) this.insertChunk(tx, row.id, row.encounter_id, chunk, true);
        const at = clock.now().toISOString();
        tx.run(
          q
            .updateTable('recordings')
            .set({ state: 'interrupted', interrupted_at: at, updated_at: at })
            .where('id', '=', row.id),
        );
        const visit = tx.first(
          q.selectFrom('encounters').select('patient_id').where('id', '=', row.encounter_id),
        );
        log.append(tx, {
          actor: null,
          action: 'update',
          resourceType: 'recording',
          resourceId: row.id,
          patientId: visit?.patient_id ?? null,
          granted: true,
          detail: {
            step: 'recover',
            recoveredMs: chunk?.durationMs ?? 0,
            journalRecords,
            journalEnd,
          },
        });
      });
      this.removeLeftovers(dir, before.maxIndex + (chunk ? 1 : 0));
      this.logger.warn('recording.recovered', {
        recording: row.id,
        recoveredMs: chunk?.durationMs ?? 0,
        journalEnd,
      });
      return {
        recordingId: row.id,
        encounterId: row.encounter_id,
        recoveredChunks: chunk ? 1 : 0,
        recoveredMs: chunk?.durationMs ?? 0,
        journalRecords,
        journalEnd,
        totalMs: samplesToMs(totalSamples),
      };
    } finally {
      key.fill(0);
    }
  }

  private adoptChunkFile(
    key: Buffer,
    dir: string,
    recordingId: string,
    index: number,
  ): Buffer | null {
    const file = path.join(dir, chunkFileName(index));
    if (!fs.existsSync(file)) return null;
    const bytes = fs.readFileSync(file);
    try {
      openChunk(key, bytes, { recordingId, index, where: file }).fill(0);
      return bytes;
    } catch {
      return null;
    }
  }

  /** The journal, the writer lock, temporary files and chunk files without a row. */
  private removeLeftovers(dir: string, lastIndex: number): void {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const match = /^chunk-(\d{6})\.bin$/.exec(name);
      const stray =
        name === JOURNAL_FILE ||
        name === WRITER_LOCK_FILE ||
        name.endsWith('.tmp') ||
        (match !== null && Number(match[1]) > lastIndex);
      if (stray) fs.rmSync(path.join(dir, name), { force: true });
    }
    fsyncDir(dir);
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  get(actor: Actor, recordingId: string): RecordingSummary & { chunkList: ChunkSummary[] } {
    const row = this.requireRecording(recordingId);
    this.deps.access.require(actor, 'recording.listen', {
      action: 'view',
      resourceType: 'recording',
      resourceId: recordingId,
    });
    return this.deps.db.read((tx) => ({
      ...this.summaryOf(tx, row),
      chunkList: tx
        .all(
          q
            .selectFrom('audio_chunks')
            .selectAll()
            .where('recording_id', '=', recordingId)
            .orderBy('chunk_index'),
        )
        .map(chunkSummary),
    }));
  }

  /** A visit's recordings, oldest first. */
  forEncounter(actor: Actor, encounterId: string): RecordingSummary[] {
    this.deps.access.require(actor, 'recording.listen', {
      action: 'view',
      resourceType: 'recording',
      resourceId: encounterId,
    });
    return this.deps.db.read((tx) =>
      tx
        .all(
          q
            .selectFrom('recordings')
            .selectAll()
            .where('encounter_id', '=', encounterId)
            .orderBy('started_at'),
        )
        .map((row) => this.summaryOf(tx, row)),
    );
  }

  /**
   * A chunk's PCM, decrypted in memory only (playback, transcription). Checks the ciphertext's
   * hash against its row and the authentication tag; either failing is `tampered`.
   */
  readChunkPcm(actor: Actor, chunkId: string): Buffer {
    this.deps.access.require(actor, 'recording.listen', {
      action: 'view',
      resourceType: 'recording',
      resourceId: chunkId,
    });
    return this.readChunkLogged(actor, chunkId, 'listen').pcm;
  }

  /**
   * A chunk's PCM for the transcription engine: read by the app itself, not a person, so the
   * access-log entry has no user (the transcript it produces is logged the same way).
   */
  readChunkForTranscription(chunkId: string): { pcm: Buffer; patientId: string | null } {
    return this.readChunkLogged(null, chunkId, 'transcribe');
  }

  /** Decrypts a chunk and logs the read in the same transaction. */
  private readChunkLogged(
    actor: Actor | null,
    chunkId: string,
    step: 'listen' | 'transcribe',
  ): { pcm: Buffer; patientId: string | null } {
    const { db, log } = this.deps;
    return db.write((tx) => {
      const chunk = tx.first(q.selectFrom('audio_chunks').selectAll().where('id', '=', chunkId));
      if (!chunk) throw new AppError('not_found', 'recording.chunkNotFound', { detail: chunkId });
      const pcm = this.decryptChunk(tx, chunk);
      const visit = tx.first(
        q.selectFrom('encounters').select('patient_id').where('id', '=', chunk.encounter_id),
      );
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'recording',
        resourceId: chunk.recording_id,
        patientId: visit?.patient_id ?? null,
        granted: true,
        detail: { step, chunk: chunk.chunk_index },
      });
      return { pcm, patientId: visit?.patient_id ?? null };
    });
  }

  /**
   * The audio between two times of a recording (a transcript segment), decrypted in memory for
   * playback. Reads only the chunks the range touches.
   */
  readRangePcm(actor: Actor, recordingId: string, startMs: number, endMs: number): Buffer {
    const row = this.requireRecording(recordingId);
    const visit = this.requireVisitAccess(actor, row.encounter_id, 'recording.listen', 'view', {
      ownVisitOnly: false,
    });
    const { db, log } = this.deps;
    return db.write((tx) => {
      const chunks = tx.all(
        q
          .selectFrom('audio_chunks')
          .selectAll()
          .where('recording_id', '=', recordingId)
          .where('start_ms', '<', endMs)
          .where(sql<boolean>`start_ms + duration_ms > ${startMs}`)
          .orderBy('chunk_index'),
      );
      const parts: Buffer[] = [];
      for (const chunk of chunks) {
        const pcm = this.decryptChunk(tx, chunk);
        const from = Math.max(0, msToSamples(startMs - chunk.start_ms)) * BYTES_PER_SAMPLE;
        const to = Math.min(chunk.sample_count, msToSamples(endMs - chunk.start_ms));
        parts.push(Buffer.from(pcm.subarray(from, to * BYTES_PER_SAMPLE)));
        pcm.fill(0);
      }
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'recording',
        resourceId: recordingId,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: 'listen', startMs, endMs },
      });
      return Buffer.concat(parts);
    });
  }

  private decryptChunk(tx: ReadTx, chunk: Selectable<AudioChunksTable>): Buffer {
    const where = `chunk ${chunk.chunk_index} of recording ${chunk.recording_id}`;
    const recording = this.requireRow(tx, chunk.recording_id);
    if (recording.shredded_at)
      throw new AppError('not_found', 'recording.shredded', { detail: where });
    const file = path.join(recordingDir(this.deps.audioRoot, chunk.recording_id), chunk.file_name);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw new AppError('tampered', 'recording.audioUnreadable', {
        detail: `${where}: ${(error as Error).message}`,
        cause: error,
      });
    }
    if (bytes.length !== chunk.byte_size || !sha256(bytes).equals(chunk.sha256)) {
      throw new AppError('tampered', 'recording.audioUnreadable', {
        detail: `${where}: file does not match its recorded size and sha256`,
      });
    }
    const key = this.audioKey(tx, chunk.recording_id);
    try {
      const pcm = openChunk(key, bytes, {
        recordingId: chunk.recording_id,
        index: chunk.chunk_index,
        where,
      });
      if (pcm.length !== chunk.sample_count * BYTES_PER_SAMPLE) {
        pcm.fill(0);
        throw new AppError('tampered', 'recording.audioUnreadable', {
          detail: `${where}: length mismatch`,
        });
      }
      return pcm;
    } finally {
      key.fill(0);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Shredding

  /**
   * Destroys a recording's audio for good: deletes its sealed audio key (with SQLite's
   * secure_delete, then a WAL checkpoint, so the key's bytes are overwritten rather than left in
   * free pages) and removes its files. The rows stay as a record that audio existed.
   * Backups taken earlier still hold the key; they are encrypted with the clinic's keys.
   */
  shred(actor: Actor, recordingId: string): void {
    const row = this.requireRecording(recordingId);
    const visit = this.requireVisitAccess(actor, row.encounter_id, 'recording.shred', 'delete', {
      ownVisitOnly: true,
    });
    if (this.writers.has(recordingId) || row.state === 'recording' || row.state === 'paused') {
      throw stateError(row.state, 'stop the recording before erasing it');
    }
    const { db, clock, log } = this.deps;
    this.withSecureDelete(() =>
      db.write((tx) => {
        const at = clock.now().toISOString();
        tx.run(q.deleteFrom('recording_keys').where('id', '=', recordingId));
        tx.run(
          q
            .updateTable('recordings')
            .set({
              shredded_at: at,
              updated_at: at,
              state: row.state === 'interrupted' ? 'finished' : row.state,
              finished_at: row.state === 'interrupted' ? at : row.finished_at,
            })
            .where('id', '=', recordingId),
        );
        tx.run(
          q
            .updateTable('audio_chunks')
            .set({ transcription_status: 'failed', transcription_error: 'shredded' })
            .where('recording_id', '=', recordingId)
            .where('transcription_status', 'in', ['pending', 'processing']),
        );
        log.append(tx, {
          actor,
          action: 'delete',
          resourceType: 'recording',
          resourceId: recordingId,
          patientId: visit.patient_id,
          granted: true,
          detail: { step: 'shred' },
        });
      }),
    );
    this.checkpoint();
    fs.rmSync(recordingDir(this.deps.audioRoot, recordingId), { recursive: true, force: true });
  }

  /** Runs `write` with SQLite's secure_delete on, so deleted key bytes are overwritten. */
  private withSecureDelete<T>(write: () => T): T {
    const raw = this.deps.db.raw;
    const secureDelete = raw.pragma('secure_delete', { simple: true }) as number;
    raw.pragma('secure_delete = ON');
    try {
      return write();
    } finally {
      raw.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    }
  }

  /** Folds the WAL into the database, so deleted pages do not linger in the WAL file. */
  private checkpoint(): void {
    try {
      this.deps.db.raw.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.logger.warn('recording.checkpointFailed', { detail: (error as Error).message });
    }
  }

  diskStatus(): DiskStatus {
    return diskStatus(this.deps.audioRoot, this.options.minFreeBytes);
  }

  // -------------------------------------------------------------------------------------------
  // Internals

  private openWriter(
    recordingId: string,
    key: Buffer,
    firstChunkIndex: number,
    startSample: number,
    chunkSeconds: number,
    sink: RecordingSink,
    onStatus: ((status: WriterStatus) => void) | undefined,
  ): RecordingWriter {
    const writer = new RecordingWriter({
      recordingId,
      dir: recordingDir(this.deps.audioRoot, recordingId),
      key,
      firstChunkIndex,
      startSample,
      sink,
      options: {
        chunkSeconds,
        flushIntervalMs: this.options.flushIntervalMs,
        minFreeBytes: this.options.minFreeBytes,
        onStatus,
      },
    });
    this.writers.set(recordingId, writer);
    return writer;
  }

  /** State changes of a running recording, on behalf of the actor who started (or resumed) it. */
  private sinkFor(actor: Actor, visit: VisitRow): RecordingSink {
    const { db, clock, log } = this.deps;
    const change = (
      recordingId: string,
      from: readonly RecordingsTable['state'][],
      to: RecordingsTable['state'],
      detail: AccessDetail,
    ) =>
      db.write((tx) => {
        const at = clock.now().toISOString();
        const changed = tx.run(
          q
            .updateTable('recordings')
            .set({ state: to, updated_at: at, ...(to === 'stopped' ? { stopped_at: at } : {}) })
            .where('id', '=', recordingId)
            .where('state', 'in', [...from]),
        );
        if (changed.changes !== 1) throw stateError(to, `${recordingId} is not ${from.join('/')}`);
        log.append(tx, {
          actor,
          action: 'update',
          resourceType: 'recording',
          resourceId: recordingId,
          patientId: visit.patient_id,
          granted: true,
          detail,
        });
      });
    return {
      chunkClosed: (recordingId, chunk) => {
        db.write((tx) => this.insertChunk(tx, recordingId, visit.id, chunk, false));
        this.notifyChunk({ recordingId, encounterId: visit.id, index: chunk.index });
      },
      paused: (recordingId) => change(recordingId, ['recording'], 'paused', { step: 'pause' }),
      resumed: (recordingId) => change(recordingId, ['paused'], 'recording', { step: 'resume' }),
      stopped: (recordingId, summary) =>
        change(recordingId, ['recording', 'paused'], 'stopped', {
          step: 'stop',
          chunks: summary.chunks,
          durationMs: summary.durationMs,
        }),
      released: (recordingId) => {
        this.writers.delete(recordingId);
      },
    };
  }

  private insertChunk(
    tx: WriteTx,
    recordingId: string,
    encounterId: string,
    chunk: ClosedChunk,
    recovered: boolean,
  ): void {
    const now = this.deps.clock.now();
    tx.run(
      q.insertInto('audio_chunks').values({
        id: uuidv7(now.getTime()),
        recording_id: recordingId,
        encounter_id: encounterId,
        chunk_index: chunk.index,
        file_name: chunk.fileName,
        byte_size: chunk.byteSize,
        sample_count: chunk.sampleCount,
        start_ms: chunk.startMs,
        duration_ms: chunk.durationMs,
        format: 'pcm_s16le',
        sample_rate: 16000,
        encryption: 'aes-256-gcm',
        encryption_version: 1,
        nonce_scheme: 'random-96',
        key_id: recordingId,
        sha256: chunk.sha256,
        recovered: recovered ? 1 : 0,
        transcription_status: 'pending',
        transcription_attempts: 0,
        created_at: now.toISOString(),
      }),
    );
  }

  private audioKey(tx: ReadTx, recordingId: string): Buffer {
    const row = tx.first(
      q.selectFrom('recording_keys').select('wrapped_key').where('id', '=', recordingId),
    );
    if (!row) throw new AppError('not_found', 'recording.shredded', { detail: recordingId });
    return this.deps.cipher.open(audioKeyColumn, recordingId, row.wrapped_key);
  }

  private totals(tx: ReadTx, recordingId: string): { maxIndex: number; samples: number } {
    const row = tx.first(
      q
        .selectFrom('audio_chunks')
        .select([
          sql<number>`coalesce(max(chunk_index), 0)`.as('maxIndex'),
          sql<number>`coalesce(sum(sample_count), 0)`.as('samples'),
        ])
        .where('recording_id', '=', recordingId),
    );
    return { maxIndex: row?.maxIndex ?? 0, samples: row?.samples ?? 0 };
  }

  private summaryOf(tx: ReadTx, row: Selectable<RecordingsTable>): RecordingSummary {
    const totals = tx.first(
      q
        .selectFrom('audio_chunks')
        .select([
          sql<number>`count(*)`.as('chunks'),
          sql<number>`coalesce(sum(sample_count), 0)`.as('samples'),
        ])
        .where('recording_id', '=', row.id),
    );
    return {
      id: row.id,
      encounterId: row.encounter_id,
      state: row.state,
      source: row.source,
      startedAt: row.started_at,
      stoppedAt: row.stopped_at,
      interruptedAt: row.interrupted_at,
      finishedAt: row.finished_at,
      shreddedAt: row.shredded_at,
      chunkTargetSeconds: row.chunk_target_seconds,
      chunks: totals?.chunks ?? 0,
      durationMs: samplesToMs(totals?.samples ?? 0),
    };
  }

  private requireRow(tx: ReadTx, recordingId: string): Selectable<RecordingsTable> {
    const row = tx.first(q.selectFrom('recordings').selectAll().where('id', '=', recordingId));
    if (!row) throw new AppError('not_found', 'recording.notFound', { detail: recordingId });
    return row;
  }

  private requireRecording(recordingId: string): Selectable<RecordingsTable> {
    return this.deps.db.read((tx) => this.requireRow(tx, recordingId));
  }

  private requireCapture(
    actor: Actor,
    encounterId: string,
    action: 'create' | 'update' | 'view',
    options: { ownVisitOnly?: boolean } = {},
  ): VisitRow {
    return this.requireVisitAccess(actor, encounterId, 'recording.capture', action, {
      ownVisitOnly: options.ownVisitOnly ?? true,
    });
  }

  /**
   * The permission check, then — for a doctor — that the visit is theirs. Both refusals are
   * logged in a transaction of their own, before any work starts.
   */
  requireVisitAccess(
    actor: Actor,
    encounterId: string,
    permission: Permission,
    action: 'create' | 'update' | 'view' | 'delete',
    options: { ownVisitOnly: boolean },
  ): VisitRow {
    const { access, db, log } = this.deps;
    const target = { action, resourceType: 'recording', resourceId: encounterId } as const;
    access.require(actor, permission, target);
    const visit = db.read((tx) =>
      tx.first(
        q
          .selectFrom('encounters')
          .select(['id', 'patient_id', 'doctor_id', 'status'])
          .where('id', '=', encounterId),
      ),
    );
    if (!visit) throw new AppError('not_found', 'visit.notFound', { detail: encounterId });
    if (options.ownVisitOnly && actor.role === 'doctor' && visit.doctor_id !== actor.userId) {
      log.record(db, {
        actor,
        ...target,
        patientId: visit.patient_id,
        granted: false,
        reason: `${permission} on another doctor's visit`,
      });
      throw new AppError('permission_denied', 'recording.notYours');
    }
    return visit;
  }
}

function chunkSummary(row: Selectable<AudioChunksTable>): ChunkSummary {
  return {
    id: row.id,
    recordingId: row.recording_id,
    index: row.chunk_index,
    startMs: row.start_ms,
    durationMs: row.duration_ms,
    sampleCount: row.sample_count,
    byteSize: row.byte_size,
    recovered: row.recovered === 1,
    transcriptionStatus: row.transcription_status,
    transcriptionAttempts: row.transcription_attempts,
    transcriptionError: row.transcription_error,
  };
}

/** Whether another live process is writing this recording (its lock names a running pid). */
function writerAlive(dir: string): boolean {
  let lock: WriterLock;
  try {
    lock = JSON.parse(fs.readFileSync(path.join(dir, WRITER_LOCK_FILE), 'utf8')) as WriterLock;
  } catch {
    return false;
  }
  // Our own pid: this process's writers are in `writers`; any other lock of ours is stale.
  if (lock.pid === process.pid) return false;
  if (Math.abs(lock.bootMinute - currentBootMinute()) > 2) return false;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
