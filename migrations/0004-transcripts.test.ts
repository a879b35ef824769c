import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../electron/core/db/database';
import { makeTempDir, removeDir } from '../electron/core/testing/fixtures';
import { databaseAt, seedConsentedVisit } from './test-support';

describe('0004 transcripts', () => {
  let dir: string;
  let db: ClinicDatabase;
  beforeEach(() => {
    dir = makeTempDir('helssa-m0004');
    db = databaseAt(dir, 4);
    seedConsentedVisit(db);
    db.raw.exec(`
      INSERT INTO recordings (id, encounter_id, consent_id, state, chunk_target_seconds, started_by, started_at, updated_at)
        VALUES ('r1', 'e1', 'c1', 'stopped', 30, 'u1', 'now', 'now');
      INSERT INTO audio_chunks (id, recording_id, encounter_id, chunk_index, file_name, byte_size, sample_count,
        start_ms, duration_ms, key_id, sha256, created_at)
        VALUES ('k1', 'r1', 'e1', 1, 'chunk-000001.bin', 100, 40, 0, 2, 'r1', randomblob(32), 'now');
      INSERT INTO chunk_transcripts (chunk_id, recording_id, encounter_id, language, model, engine, confidence,
        processing_ms, audio_ms, voiced_ms, overlap_ms, vad, created_at)
        VALUES ('k1', 'r1', 'e1', 'fa', 'small-q5_1', 'whisper.cpp', 0.8, 10, 2, 2, 0, 'energy', 'now');
    `);
  });
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  const segment = (id: string, text: unknown, start = 0, end = 1, confidence = 0.5) =>
    db.raw
      .prepare(
        `INSERT INTO transcript_segments (id, chunk_id, recording_id, encounter_id, seq, start_ms, end_ms, confidence, text, created_at)
         VALUES (?, 'k1', 'r1', 'e1', ?, ?, ?, ?, ?, 'now')`,
      )
      .run(id, Number(id.slice(1)), start, end, confidence, text);

  it('keeps segment text sealed: a plaintext TEXT value is refused', () => {
    expect(() => segment('s1', 'سردرد')).toThrow(/cannot store TEXT value in BLOB column/);
    expect(() => segment('s2', Buffer.from([1, 2, 3]))).not.toThrow();
  });

  it('refuses impossible times and confidences', () => {
    expect(() => segment('s3', Buffer.alloc(3), 5, 4)).toThrow(/CHECK/);
    expect(() => segment('s4', Buffer.alloc(3), 0, 1, 1.5)).toThrow(/CHECK/);
    expect(() => segment('s5', Buffer.alloc(3), -1, 1)).toThrow(/CHECK/);
  });

  it('a correction needs its segment and a real user', () => {
    segment('s6', Buffer.alloc(3));
    const correct = (segmentId: string, userId: string) =>
      db.raw
        .prepare(
          `INSERT INTO segment_corrections (id, segment_id, text, corrected_by, corrected_at) VALUES (?, ?, ?, ?, 'now')`,
        )
        .run(`x-${segmentId}-${userId}`, segmentId, Buffer.alloc(3), userId);
    expect(() => correct('s6', 'u1')).not.toThrow();
    expect(() => correct('nope', 'u1')).toThrow(/FOREIGN KEY/);
    expect(() => correct('s6', 'nobody')).toThrow(/FOREIGN KEY/);
  });
});
