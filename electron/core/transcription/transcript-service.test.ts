import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/roles';
import { q } from '../db/database';
import { AppError } from '../errors';
import { addVisit, consent } from '../recording/test-support';
import { closeTestClinic, setUpTestTeam, type TestClinic } from '../testing/fixtures';
import { blockPcm, ScriptedWeightsTranscriber, type ScriptWord } from './testing/scripted-weights';

// The visit transcript end to end: real chunk store, real worker and queue, real sealing. Real
// model weights cannot run here (weightless models hear nothing), so the one stand-in is the
// "ears" (testing/scripted-weights.ts): ScriptedWeightsTranscriber reads where in the recording
// its audio comes from and hears the scripted words there. Everything around it (overlap,
// merging, storage, corrections, playback) is real.

const RATE = 16_000;

/** A doctor's sentence spread over 5.6 s, words on both sides of the 2 s and 4 s chunk joins. */
const SCRIPT: ScriptWord[] = [
  'بیمار',
  'از',
  'سردرد',
  'و',
  'فشار',
  'خون',
  'بالا',
  'شکایت',
  'دارد.',
  'آموکسی‌سیلین',
  '۵۰۰',
  'mg',
  'هر',
  'هشت',
  'ساعت',
  'برای',
  'هفت',
  'روز.',
].map((text, i) => ({ text, startMs: 100 + i * 300, endMs: 100 + i * 300 + 260 }));

describe('visit transcript', () => {
  let clinic: TestClinic;
  let doctor: Actor;
  let staff: Actor;
  let encounterId: string;
  let ears: ScriptedWeightsTranscriber;

  beforeEach(async () => {
    ears = new ScriptedWeightsTranscriber(SCRIPT);
    const team = await setUpTestTeam('helssa-transcript', {
      recording: { chunkSeconds: 2 },
      speech: { transcriber: ears },
    });
    ({ clinic, doctor, staff } = team);
    ({ encounterId } = addVisit(clinic, doctor.userId));
    consent(clinic, doctor, encounterId);
  });
  afterEach(async () => {
    await clinic.services.transcription.stop();
    closeTestClinic(clinic);
  });

  async function recordScript(): Promise<string> {
    const writer = clinic.services.recordings.start(doctor, { encounterId });
    for (let block = 0; block < 56; block += 3)
      writer.append(blockPcm(block, Math.min(3, 56 - block)));
    writer.stop();
    await clinic.services.transcription.idle();
    return writer.recordingId;
  }

  it('joins the chunks into one transcript with no word lost or repeated at the joins', async () => {
    const recordingId = await recordScript();
    // Chunks after the first were heard with the 1.5 s before them.
    expect(ears.heard).toEqual([
      { startMs: 0, durationMs: 2000 },
      { startMs: 500, durationMs: 3500 },
      { startMs: 2500, durationMs: 3100 },
    ]);
    const transcript = clinic.services.transcripts.forVisit(doctor, encounterId);
    expect(transcript.segments.map((segment) => segment.text).join(' ')).toBe(
      SCRIPT.map((word) => word.text).join(' '),
    );
    expect(transcript.recordings.map((r) => r.id)).toEqual([recordingId]);
    expect(transcript.progress).toMatchObject({ completed: 3, pending: 0, failed: 0 });
    // Times are on the recording's clock and in order.
    const starts = transcript.segments.map((segment) => segment.startMs);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    const dropped = clinic.core.db.read((tx) =>
      tx.all(q.selectFrom('chunk_transcripts').select('overlap_words').orderBy('created_at')),
    );
    expect(dropped.map((row) => row.overlap_words).reduce((a, b) => a + b)).toBeGreaterThan(0);
  });

  it('keeps a correction beside the original, with who and when; the text is sealed on disk', async () => {
    await recordScript();
    const [first] = clinic.services.transcripts.forVisit(doctor, encounterId).segments;
    const corrected = clinic.services.transcripts.correct(doctor, {
      segmentId: first!.id,
      text: 'بیمار از سردرد شدید',
    });
    expect(corrected).toMatchObject({
      text: 'بیمار از سردرد شدید',
      originalText: 'بیمار از',
      correction: { correctedBy: doctor.userId, correctedByName: 'دکتر کریمی' },
    });
    expect(clinic.services.transcripts.forVisit(doctor, encounterId).segments[0]!.text).toBe(
      'بیمار از سردرد شدید',
    );
    clinic.core.db.raw.pragma('wal_checkpoint(TRUNCATE)');
    const onDisk = Buffer.concat(
      ['helssa.db', 'helssa.db-wal']
        .map((name) => path.join(clinic.dir, name))
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file)),
    );
    // The visit's words (not the clinic's checklist catalog, configuration that lists words
    // such as «شکایت» in the clear).
    for (const text of ['آموکسی‌سیلین', 'سردرد شدید', 'شکایت دارد']) {
      expect(onDisk.includes(Buffer.from(text, 'utf8'))).toBe(false);
    }
  });

  it('a segment plays its own audio, decrypted in memory, as a WAV', async () => {
    await recordScript();
    const segment = clinic.services.transcripts
      .forVisit(doctor, encounterId)
      .segments.find((s) => s.text.startsWith('آموکسی'))!;
    const clip = clinic.services.transcripts.audio(doctor, segment.id);
    const wav = Buffer.from(clip.base64, 'base64');
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(16_000);
    const samples = (wav.length - 44) / 2;
    expect(samples).toBe(((segment.endMs - segment.startMs) * RATE) / 1000);
    // The first sample belongs to the segment's start: block number = start / 100 ms + 1.
    expect(wav.readInt16LE(44)).toBe(Math.floor(segment.startMs / 100) + 1);
  });

  it('staff can neither read nor correct the transcript; an administrator can correct it', async () => {
    await recordScript();
    expect(() => clinic.services.transcripts.forVisit(staff, encounterId)).toThrow(AppError);
    const segmentId = clinic.services.transcripts.forVisit(doctor, encounterId).segments[0]!.id;
    expect(() =>
      clinic.services.transcripts.correct(clinic.adminActor, { segmentId, text: 'x' }),
    ).not.toThrow();
    expect(() => clinic.services.transcripts.correct(staff, { segmentId, text: 'x' })).toThrow(
      AppError,
    );
  });
});
