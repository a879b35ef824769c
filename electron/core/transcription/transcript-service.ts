import type { z } from 'zod';
import {
  correctSegmentSchema,
  type TranscriptSegment,
  type VisitTranscript,
} from '../../shared/recording';
import type { Actor } from '../../shared/roles';
import type { DraftingSegment } from '../../shared/soap';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { textColumn, type ColumnCipher } from '../crypto/column-cipher';
import { q, type ClinicDatabase, type ReadTx } from '../db/database';
import type { Sealed } from '../db/sealed';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import { SAMPLE_RATE } from '../recording/audio-format';
import type { RecordingService } from '../recording/recording-service';
import { segmentText, type TranscriptionWorker } from './transcription-worker';

const correctionText = textColumn('segment_corrections', 'text');

interface CorrectionRow {
  readonly id: string;
  readonly segment_id: string;
  readonly text: Sealed<string>;
  readonly corrected_by: string;
  readonly corrected_at: string;
  readonly display_name: string;
}

/** Longest clip a segment plays: whisper segments are under 30 s; this bounds a bad row. */
const MAX_CLIP_MS = 60_000;

interface TranscriptDeps {
  readonly db: ClinicDatabase;
  readonly cipher: ColumnCipher;
  readonly log: AccessLog;
  readonly clock: Clock;
  readonly recordings: RecordingService;
  readonly worker: TranscriptionWorker;
}

/**
 * The visit transcript as the doctor reads it: every recording's segments in time order, each
 * with the newest correction beside the original; corrections (who, when) and a segment's audio.
 */
export class TranscriptService {
  private readonly deps: TranscriptDeps;

  constructor(deps: TranscriptDeps) {
    this.deps = deps;
  }

  forVisit(actor: Actor, encounterId: string): VisitTranscript {
    const { recordings, db, log, worker } = this.deps;
    const visit = recordings.requireVisitAccess(
      actor,
      encounterId,
      'patient.clinical.view',
      'view',
      {
        ownVisitOnly: false,
      },
    );
    const list = recordings.forEncounter(actor, encounterId);
    const segments = db.write((tx) => {
      const rows = this.segmentRows().where('s.encounter_id', '=', encounterId);
      const result = tx.all(rows.orderBy('r.started_at').orderBy('s.start_ms').orderBy('s.seq'));
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'transcript',
        resourceId: encounterId,
        patientId: visit.patient_id,
        granted: true,
        detail: { segments: result.length },
      });
      const corrections = this.latestCorrections(
        tx,
        result.map((row) => row.id),
      );
      return result.map((row) => this.toSegment(row, corrections.get(row.id) ?? null));
    });
    const progress = list.reduce(
      (total, recording) => {
        const one = worker.progress(recording.id);
        return {
          pending: total.pending + one.pending,
          processing: total.processing + one.processing,
          completed: total.completed + one.completed,
          failed: total.failed + one.failed,
          backlogMs: total.backlogMs + one.backlogMs,
          currentPercent: one.currentPercent ?? total.currentPercent,
          behind: total.behind || one.behind,
          blocker: one.blocker ?? total.blocker,
          slowEngine: total.slowEngine || one.slowEngine,
        };
      },
      {
        pending: 0,
        processing: 0,
        completed: 0,
        failed: 0,
        backlogMs: 0,
        currentPercent: null as number | null,
        behind: false,
        blocker: null as VisitTranscript['progress']['blocker'],
        slowEngine: false,
      },
    );
    return { encounterId, recordings: list, segments, progress };
  }

  /**
   * The visit's transcript as drafting, the evidence check and the checklist read it: corrections
   * applied, in time order. Not logged here: the caller logs the operation it reads it for.
   */
  segmentsForDrafting(encounterId: string): DraftingSegment[] {
    return this.deps.db.read((tx) => {
      const rows = this.segmentRows().where('s.encounter_id', '=', encounterId);
      const result = tx.all(rows.orderBy('r.started_at').orderBy('s.start_ms').orderBy('s.seq'));
      const corrections = this.latestCorrections(
        tx,
        result.map((row) => row.id),
      );
      return result.map((row) => {
        const segment = this.toSegment(row, corrections.get(row.id) ?? null);
        return {
          id: segment.id,
          startMs: segment.startMs,
          endMs: segment.endMs,
          text: segment.text,
        };
      });
    });
  }

  /** Keeps the doctor's wording beside what the engine heard; the original is never changed. */
  correct(actor: Actor, input: z.input<typeof correctSegmentSchema>): TranscriptSegment {
    const data = parseInput(correctSegmentSchema, input);
    const { db, cipher, clock, log, recordings } = this.deps;
    const segment = db.read((tx) =>
      tx.first(
        q
          .selectFrom('transcript_segments')
          .select(['id', 'encounter_id', 'recording_id'])
          .where('id', '=', data.segmentId),
      ),
    );
    if (!segment) throw new AppError('not_found', 'transcript.segmentNotFound');
    const visit = recordings.requireVisitAccess(
      actor,
      segment.encounter_id,
      'patient.clinical.update',
      'update',
      { ownVisitOnly: true },
    );
    return db.write((tx) => {
      const now = clock.now();
      const id = uuidv7(now.getTime());
      tx.run(
        q.insertInto('segment_corrections').values({
          id,
          segment_id: segment.id,
          text: cipher.seal(correctionText, id, data.text),
          corrected_by: actor.userId,
          corrected_at: now.toISOString(),
        }),
      );
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'transcript',
        resourceId: segment.recording_id,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: 'correct', segment: segment.id },
      });
      const row = tx.first(this.segmentRows().where('s.id', '=', segment.id));
      return this.toSegment(row!, this.latestCorrections(tx, [row!.id]).get(row!.id) ?? null);
    });
  }

  /** The segment's audio as a WAV, decrypted in memory; nothing is written anywhere. */
  audio(
    actor: Actor,
    segmentId: string,
  ): { mimeType: 'audio/wav'; base64: string; startMs: number; endMs: number } {
    const segment = this.deps.db.read((tx) =>
      tx.first(
        q
          .selectFrom('transcript_segments')
          .select(['recording_id', 'start_ms', 'end_ms'])
          .where('id', '=', segmentId),
      ),
    );
    if (!segment) throw new AppError('not_found', 'transcript.segmentNotFound');
    const endMs = Math.min(segment.end_ms, segment.start_ms + MAX_CLIP_MS);
    const pcm = this.deps.recordings.readRangePcm(
      actor,
      segment.recording_id,
      segment.start_ms,
      endMs,
    );
    const wav = wavFile(pcm);
    pcm.fill(0);
    const base64 = wav.toString('base64');
    wav.fill(0);
    return { mimeType: 'audio/wav', base64, startMs: segment.start_ms, endMs };
  }

  private segmentRows() {
    return q
      .selectFrom('transcript_segments as s')
      .innerJoin('recordings as r', 'r.id', 's.recording_id')
      .innerJoin('chunk_transcripts as t', 't.chunk_id', 's.chunk_id')
      .select([
        's.id',
        's.recording_id',
        's.chunk_id',
        's.start_ms',
        's.end_ms',
        's.confidence',
        's.text',
        't.language',
      ]);
  }

  /**
   * The newest correction of each of the segments, in one query (the transcript is polled while
   * recording, so one query per segment would grow with the visit).
   */
  private latestCorrections(tx: ReadTx, segmentIds: readonly string[]) {
    const latest = new Map<string, CorrectionRow>();
    if (segmentIds.length === 0) return latest;
    const rows = tx.all(
      q
        .selectFrom('segment_corrections as c')
        .innerJoin('users as u', 'u.id', 'c.corrected_by')
        .select([
          'c.id',
          'c.segment_id',
          'c.text',
          'c.corrected_by',
          'c.corrected_at',
          'u.display_name',
        ])
        .where('c.segment_id', 'in', [...segmentIds])
        .orderBy('c.corrected_at', 'desc')
        .orderBy('c.id', 'desc'),
    );
    for (const row of rows) if (!latest.has(row.segment_id)) latest.set(row.segment_id, row);
    return latest;
  }

  private toSegment(
    row: {
      id: string;
      recording_id: string;
      chunk_id: string;
      start_ms: number;
      end_ms: number;
      confidence: number;
      text: Sealed<string>;
      language: string;
    },
    latest: CorrectionRow | null,
  ): TranscriptSegment {
    const { cipher } = this.deps;
    const original = cipher.open(segmentText, row.id, row.text);
    const correction = latest
      ? {
          text: cipher.open(correctionText, latest.id, latest.text),
          correctedBy: latest.corrected_by,
          correctedByName: latest.display_name,
          correctedAt: latest.corrected_at,
        }
      : null;
    return {
      id: row.id,
      recordingId: row.recording_id,
      chunkId: row.chunk_id,
      startMs: row.start_ms,
      endMs: row.end_ms,
      text: correction?.text ?? original,
      originalText: original,
      confidence: row.confidence,
      language: row.language,
      correction,
    };
  }
}

/** 16 kHz mono 16-bit PCM in a RIFF/WAVE container (44-byte header). */
export function wavFile(pcm: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}
