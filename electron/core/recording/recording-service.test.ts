import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/roles';
import { q } from '../db/database';
import { AppError } from '../errors';
import { closeTestClinic, setUpTestTeam, type TestClinic } from '../testing/fixtures';
import { BYTES_PER_SECOND, SAMPLE_RATE } from './audio-format';
import { CHUNK_HEADER_BYTES } from './audio-files';
import { addVisit, consent, countingPcm, firstBreak } from './test-support';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** Feeds `seconds` of counting audio in 20 ms frames (what an AudioWorklet port delivers). */
function feed(writer: { append(frame: Int16Array): void }, startSample: number, seconds: number) {
  const frame = SAMPLE_RATE / 50;
  const total = Math.round(seconds * SAMPLE_RATE);
  for (let sent = 0; sent < total; sent += frame) {
    writer.append(countingPcm(startSample + sent, Math.min(frame, total - sent)));
  }
  return startSample + total;
}

describe('recording store', () => {
  let clinic: TestClinic;
  let doctor: Actor;
  let staff: Actor;
  let audioRoot: string;

  beforeAll(async () => {
    const team = await setUpTestTeam('helssa-rec', {
      recording: { chunkSeconds: 3, minFreeBytes: 1 },
    });
    clinic = team.clinic;
    doctor = team.doctor;
    staff = team.staff;
    audioRoot = path.join(clinic.dir, 'audio');
  });
  afterAll(() => closeTestClinic(clinic));

  const accessEntries = (resourceId: string) =>
    clinic.core.db
      .read((tx) =>
        tx.all(
          q
            .selectFrom('access_log')
            .select(['action', 'user_id', 'granted', 'detail', 'patient_id'])
            .where('resource_type', '=', 'recording')
            .where('resource_id', '=', resourceId)
            .orderBy('seq'),
        ),
      )
      .map((row) => ({
        ...row,
        detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
      }));

  it('refuses to start before consent, then records who, when and how', () => {
    const { encounterId, patientId } = addVisit(clinic, doctor.userId);
    const refused = errorOf(() => clinic.services.recordings.start(doctor, { encounterId }));
    expect([refused.code, refused.messageKey]).toEqual(['conflict', 'recording.consentRequired']);

    const given = clinic.services.recordings.recordConsent(doctor, {
      encounterId,
      method: 'written',
      givenBy: 'guardian',
      note: 'امضای مادر بیمار',
    });
    expect(given).toMatchObject({
      method: 'written',
      givenBy: 'guardian',
      recordedBy: doctor.userId,
    });
    expect(clinic.services.recordings.consents(doctor, encounterId)).toEqual([given]);
    const entry = accessEntries(encounterId).at(-1)!;
    expect(entry).toMatchObject({
      action: 'create',
      user_id: doctor.userId,
      granted: 1,
      patient_id: patientId,
    });
    expect(entry.detail).toMatchObject({ step: 'consent', method: 'written' });
    // The note is sealed in the database.
    const raw = clinic.core.db.raw
      .prepare('SELECT note FROM recording_consents WHERE id = ?')
      .get(given.id) as {
      note: Buffer;
    };
    expect(raw.note.includes(Buffer.from('امضای'))).toBe(false);

    const writer = clinic.services.recordings.start(doctor, { encounterId });
    writer.stop();
  });

  it('lets doctors and admins record; staff and other doctors are refused and logged', async () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    const denied = errorOf(() =>
      clinic.services.recordings.recordConsent(staff, { encounterId, method: 'verbal' }),
    );
    expect(denied.code).toBe('permission_denied');
    expect(accessEntries(encounterId).at(-1)).toMatchObject({ user_id: staff.userId, granted: 0 });

    // A visit of another doctor.
    const { addUser } = await import('../testing/fixtures');
    const other = await addUser(clinic, {
      username: 'dr.other',
      displayName: 'دکتر دیگر',
      role: 'doctor',
    });
    const notYours = errorOf(() =>
      clinic.services.recordings.recordConsent(other.actor, { encounterId, method: 'verbal' }),
    );
    expect([notYours.code, notYours.messageKey]).toEqual([
      'permission_denied',
      'recording.notYours',
    ]);
    expect(accessEntries(encounterId).at(-1)).toMatchObject({ user_id: other.user.id, granted: 0 });

    // The administrator may.
    consent(clinic, clinic.adminActor, encounterId);
    const writer = clinic.services.recordings.start(clinic.adminActor, { encounterId });
    expect(() => clinic.services.recordings.start(doctor, { encounterId })).toThrow(/alreadyOpen/);
    writer.stop();
    const chunkDenied = errorOf(() => clinic.services.recordings.readChunkPcm(staff, 'x'));
    expect(chunkDenied.code).toBe('permission_denied');
  });

  it('writes N seconds as chunks of the right length and size, pending transcription, and reads them back byte for byte', () => {
    const { encounterId, patientId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const writer = clinic.services.recordings.start(doctor, { encounterId });
    let next = feed(writer, 0, 4);
    writer.pause();
    // Frames that arrive while paused are not recorded.
    writer.append(countingPcm(999_999, 800));
    writer.resume();
    next = feed(writer, next, 6.5);
    expect(writer.status()).toMatchObject({ state: 'recording', capturedMs: 10_500, chunks: 3 });
    const summary = writer.stop();
    expect(summary).toEqual({ chunks: 4, durationMs: 10_500 });
    expect(() => writer.append(countingPcm(0, 10))).toThrow(/recording.state/);

    const recording = clinic.services.recordings.get(doctor, writer.recordingId);
    expect(recording).toMatchObject({ state: 'stopped', chunks: 4, durationMs: 10_500 });
    expect(recording.stoppedAt).not.toBeNull();
    const chunks = recording.chunkList;
    expect(
      chunks.map((chunk) => [chunk.index, chunk.startMs, chunk.durationMs, chunk.sampleCount]),
    ).toEqual([
      [1, 0, 3000, 48_000],
      [2, 3000, 3000, 48_000],
      [3, 6000, 3000, 48_000],
      [4, 9000, 1500, 24_000],
    ]);
    for (const chunk of chunks) {
      expect(chunk.transcriptionStatus).toBe('pending');
      expect(chunk.recovered).toBe(false);
      expect(chunk.byteSize).toBe(CHUNK_HEADER_BYTES + 12 + chunk.sampleCount * 2 + 16);
      const file = path.join(
        audioRoot,
        writer.recordingId,
        `chunk-${String(chunk.index).padStart(6, '0')}.bin`,
      );
      expect(fs.statSync(file).size).toBe(chunk.byteSize);
    }
    // Nothing else is left in the folder: no journal, no lock, no temporary files.
    expect(fs.readdirSync(path.join(audioRoot, writer.recordingId)).sort()).toEqual([
      'chunk-000001.bin',
      'chunk-000002.bin',
      'chunk-000003.bin',
      'chunk-000004.bin',
    ]);

    const pcm = Buffer.concat(
      chunks.map((chunk) => clinic.services.recordings.readChunkPcm(doctor, chunk.id)),
    );
    expect(pcm.length).toBe(next * 2);
    expect(pcm.length).toBe(10.5 * BYTES_PER_SECOND);
    expect(firstBreak(pcm)).toBe(-1);

    const steps = accessEntries(writer.recordingId).map((entry) => [
      entry.action,
      entry.detail?.['step'],
    ]);
    expect(steps).toEqual([
      ['create', 'start'],
      ['update', 'pause'],
      ['update', 'resume'],
      ['update', 'stop'],
      ['view', 'listen'],
      ['view', 'listen'],
      ['view', 'listen'],
      ['view', 'listen'],
    ]);
    expect(accessEntries(writer.recordingId).every((entry) => entry.patient_id === patientId)).toBe(
      true,
    );
  });

  it('journals audio within the flush interval and closes chunks into files while recording', async () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const writer = clinic.services.recordings.start(doctor, { encounterId });
    feed(writer, 0, 3.5);
    expect(writer.status()).toMatchObject({ chunks: 1, capturedMs: 3500 });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    // The timer flushed the half second held in memory.
    expect(writer.status().durableMs).toBe(3500);
    const dir = path.join(audioRoot, writer.recordingId);
    expect(fs.readdirSync(dir).sort()).toEqual(['chunk-000001.bin', 'journal.bin', 'writer.lock']);
    writer.stop();
  });

  it('detects an altered chunk file and an altered journal record', () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const writer = clinic.services.recordings.start(doctor, { encounterId });
    feed(writer, 0, 6);
    writer.stop();
    const [first, second] = clinic.services.recordings.get(doctor, writer.recordingId).chunkList;
    const dir = path.join(audioRoot, writer.recordingId);

    // One flipped bit in the audio.
    const file = path.join(dir, 'chunk-000001.bin');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const flipped = errorOf(() => clinic.services.recordings.readChunkPcm(doctor, first!.id));
    expect([flipped.code, flipped.messageKey]).toEqual(['tampered', 'recording.audioUnreadable']);
    expect(flipped.detail).toMatch(/sha256/);

    // Swapping two chunk files (and their hashes) is caught by the bound chunk index.
    const other = fs.readFileSync(path.join(dir, 'chunk-000002.bin'));
    fs.writeFileSync(file, other);
    clinic.core.db.raw
      .prepare(
        'UPDATE audio_chunks SET sha256 = (SELECT sha256 FROM audio_chunks WHERE id = ?) WHERE id = ?',
      )
      .run(second!.id, first!.id);
    const swapped = errorOf(() => clinic.services.recordings.readChunkPcm(doctor, first!.id));
    expect(swapped.code).toBe('tampered');
    expect(swapped.detail).toMatch(/holds chunk 2/);
  });

  it('recovers what a dead writer left, marks it interrupted, resumes numbering and finishes', () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const recordings = clinic.services.recordings;
    const writer = recordings.start(doctor, { encounterId });
    let next = feed(writer, 0, 4);
    writer.flush();
    const dir = path.join(audioRoot, writer.recordingId);
    // Simulate a crash: the writer vanishes without stopping (its files stay as they are).
    const snapshot = new Map(
      fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))]),
    );
    writer.stop();
    clinic.core.db.raw
      .prepare("UPDATE recordings SET state = 'recording', stopped_at = NULL WHERE id = ?")
      .run(writer.recordingId);
    clinic.core.db.raw
      .prepare('DELETE FROM audio_chunks WHERE recording_id = ? AND chunk_index = 2')
      .run(writer.recordingId);
    fs.rmSync(path.join(dir, 'chunk-000002.bin'));
    for (const [name, content] of snapshot) fs.writeFileSync(path.join(dir, name), content);
    // A torn last record: half of a record appended after the valid ones.
    fs.appendFileSync(
      path.join(dir, 'journal.bin'),
      Buffer.from([0, 0, 0x40, 0, 0, 0, 0, 9, 1, 2, 3]),
    );

    const [report] = recordings.recover();
    expect(report).toMatchObject({
      recordingId: writer.recordingId,
      recoveredChunks: 1,
      recoveredMs: 1000,
      journalEnd: 'bad_record',
      totalMs: 4000,
    });
    expect(recordings.interruptedRecordings(doctor).map((r) => r.id)).toEqual([writer.recordingId]);
    expect(fs.readdirSync(dir).sort()).toEqual(['chunk-000001.bin', 'chunk-000002.bin']);
    expect(recordings.recover()).toEqual([]);

    const resumed = recordings.resume(doctor, writer.recordingId);
    next = feed(resumed, next, 2.5);
    resumed.stop();
    const recording = recordings.get(doctor, writer.recordingId);
    expect(
      recording.chunkList.map((chunk) => [chunk.index, chunk.durationMs, chunk.recovered]),
    ).toEqual([
      [1, 3000, false],
      [2, 1000, true],
      [3, 2500, false],
    ]);
    const pcm = Buffer.concat(
      recording.chunkList.map((chunk) => recordings.readChunkPcm(doctor, chunk.id)),
    );
    expect(pcm.length).toBe(next * 2);
    expect(firstBreak(pcm)).toBe(-1);
    expect(() => recordings.finish(doctor, writer.recordingId)).toThrow(/recording.state/);
  });

  it('finishes an interrupted recording without resuming it', () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const recordings = clinic.services.recordings;
    const writer = recordings.start(doctor, { encounterId });
    feed(writer, 0, 1.5);
    writer.flush();
    const dir = path.join(audioRoot, writer.recordingId);
    const journal = fs.readFileSync(path.join(dir, 'journal.bin'));
    writer.stop();
    // As a crash leaves it: still 'recording', no chunk row yet, the audio only in the journal.
    clinic.core.db.raw
      .prepare('DELETE FROM audio_chunks WHERE recording_id = ?')
      .run(writer.recordingId);
    clinic.core.db.raw
      .prepare("UPDATE recordings SET state = 'paused', stopped_at = NULL WHERE id = ?")
      .run(writer.recordingId);
    fs.rmSync(path.join(dir, 'chunk-000001.bin'));
    fs.writeFileSync(path.join(dir, 'journal.bin'), journal);

    const [report] = recordings.recover();
    expect(report).toMatchObject({ recoveredMs: 1500, journalEnd: 'end', totalMs: 1500 });
    const finished = recordings.finish(doctor, writer.recordingId);
    expect(finished).toMatchObject({ state: 'finished', chunks: 1, durationMs: 1500 });
    expect(finished.finishedAt).not.toBeNull();
    expect(recordings.interruptedRecordings(doctor)).toEqual([]);
    const [chunk] = recordings.get(doctor, writer.recordingId).chunkList;
    expect(firstBreak(recordings.readChunkPcm(doctor, chunk!.id))).toBe(-1);
    expect(() => recordings.resume(doctor, writer.recordingId)).toThrow(/recording.state/);
  });

  it('shreds a recording: key row gone (overwritten on disk), files gone, audio unreadable', () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const recordings = clinic.services.recordings;
    const writer = recordings.start(doctor, { encounterId });
    feed(writer, 0, 2);
    expect(() => recordings.shred(doctor, writer.recordingId)).toThrow(/recording.state/);
    writer.stop();
    const [chunk] = recordings.get(doctor, writer.recordingId).chunkList;
    const wrapped = (
      clinic.core.db.raw
        .prepare('SELECT wrapped_key FROM recording_keys WHERE id = ?')
        .get(writer.recordingId) as {
        wrapped_key: Buffer;
      }
    ).wrapped_key;

    expect(errorOf(() => recordings.shred(staff, writer.recordingId)).code).toBe(
      'permission_denied',
    );
    recordings.shred(doctor, writer.recordingId);
    expect(fs.existsSync(path.join(audioRoot, writer.recordingId))).toBe(false);
    const gone = errorOf(() => recordings.readChunkPcm(doctor, chunk!.id));
    expect([gone.code, gone.messageKey]).toEqual(['not_found', 'recording.shredded']);
    expect(recordings.get(doctor, writer.recordingId)).toMatchObject({ state: 'stopped' });
    expect(recordings.get(doctor, writer.recordingId).shreddedAt).not.toBeNull();
    expect(recordings.get(doctor, writer.recordingId).chunkList[0]!.transcriptionStatus).toBe(
      'failed',
    );
    expect(accessEntries(writer.recordingId).at(-1)).toMatchObject({
      action: 'delete',
      granted: 1,
    });
    // The sealed key's bytes are nowhere in the database files any more.
    for (const suffix of ['', '-wal']) {
      const file = `${clinic.core.db.file}${suffix}`;
      if (fs.existsSync(file))
        expect(fs.readFileSync(file).includes(wrapped.subarray(5, 40))).toBe(false);
    }
  });

  it('refuses to start on a nearly full disk and reports the free space while recording', async () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    consent(clinic, doctor, encounterId);
    const { RecordingService } = await import('./recording-service');
    const { services, core } = clinic;
    const deps = {
      db: core.db,
      log: services.accessLog,
      access: services.access,
      clock: core.clock,
      cipher: services.cipher,
      audioRoot,
    };
    const picky = new RecordingService({
      ...deps,
      options: { minFreeBytes: Number.MAX_SAFE_INTEGER },
    });
    const low = errorOf(() => picky.start(doctor, { encounterId }));
    expect([low.code, low.messageKey]).toEqual(['io', 'recording.diskLow']);
    expect(low.params?.['needed']).toBeGreaterThan(0);

    const statuses: boolean[] = [];
    const writer = clinic.services.recordings.start(doctor, { encounterId }, (status) =>
      statuses.push(status.disk.low),
    );
    feed(writer, 0, 3);
    writer.stop();
    expect(statuses).toEqual([false]);
    expect(clinic.services.recordings.diskStatus().freeBytes).toBeGreaterThan(0);
  });
});
