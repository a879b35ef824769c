import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../electron/core/db/database';
import { makeTempDir, removeDir } from '../electron/core/testing/fixtures';
import { databaseAt, seedConsentedVisit } from './test-support';

describe('0003 recording', () => {
  let dir: string;
  let db: ClinicDatabase;
  beforeEach(() => {
    dir = makeTempDir('helssa-m0003');
    db = databaseAt(dir, 3);
    seedConsentedVisit(db);
  });
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  const recording = (id: string, state: string) =>
    db.raw
      .prepare(
        `INSERT INTO recordings (id, encounter_id, consent_id, state, chunk_target_seconds, started_by, started_at, updated_at)
         VALUES (?, 'e1', 'c1', ?, 30, 'u1', 'now', 'now')`,
      )
      .run(id, state);
  const chunk = (id: string, index: number, status = 'pending') =>
    db.raw
      .prepare(
        `INSERT INTO audio_chunks (id, recording_id, encounter_id, chunk_index, file_name, byte_size, sample_count,
           start_ms, duration_ms, key_id, sha256, transcription_status, created_at)
         VALUES (?, 'r1', 'e1', ?, ?, 1000, 480, 0, 30, 'r1', randomblob(32), ?, 'now')`,
      )
      .run(id, index, `chunk-${String(index).padStart(6, '0')}.bin`, status);

  it('checks consent methods and recording states, one open recording per visit', () => {
    expect(() =>
      db.raw
        .prepare(
          "INSERT INTO recording_consents (id, encounter_id, method, given_by, consented_at, recorded_by, created_at) VALUES ('c2', 'e1', 'nod', 'patient', 'now', 'u1', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => recording('r0', 'broken')).toThrow(/CHECK/);
    recording('r1', 'recording');
    expect(() => recording('r2', 'paused')).toThrow(/UNIQUE/);
    expect(() => recording('r3', 'stopped')).not.toThrow();
  });

  it('keeps chunk numbers unique per recording and checks the queue status and the hash', () => {
    recording('r1', 'recording');
    chunk('a1', 1);
    expect(() => chunk('a2', 1)).toThrow(/UNIQUE/);
    expect(() => chunk('a3', 2, 'done')).toThrow(/CHECK/);
    expect(() => chunk('a4', 0)).toThrow(/CHECK/);
    expect(() =>
      db.raw.prepare("UPDATE audio_chunks SET sha256 = randomblob(16) WHERE id = 'a1'").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.raw
        .prepare(
          "INSERT INTO recording_keys (id, wrapped_key, created_at) VALUES ('nope', x'00', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
