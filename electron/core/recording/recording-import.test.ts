import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract/envelope';
import type { Actor } from '../../shared/roles';
import { AudioImportError, type AudioImportFailure } from '../audio-import';
import {
  IMPORT_FORMATS,
  makePicture,
  makeSpeechFiles,
  makeTone,
  peak,
  requireAudioTools,
  rms,
  truncateFile,
  type ImportFormat,
} from '../audio-import/testing/test-audio';
import { CallContext } from '../api/call-context';
import { ApiDispatcher } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import type { ApiHost } from '../api/host';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';
import { q } from '../db/database';
import { AppError } from '../errors';
import { silentLogger } from '../log/logger';
import { PreferencesStore } from '../machine/preferences';
import { dataPaths } from '../paths';
import {
  addUser,
  closeTestClinic,
  makeTempDir,
  removeDir,
  setUpTestClinic,
  TEST_PASSPHRASE,
  type TestClinic,
} from '../testing/fixtures';
import type { ImportProgress } from './recording-import';
import { RecordingService } from './recording-service';
import { addVisit, consent } from './test-support';

/**
 * Importing audio files into a visit's encrypted chunk store with the real ffmpeg, on a real
 * clinic. Every file is generated here from espeak-ng speech (see audio-import/testing).
 */
requireAudioTools();

const CHUNK_SECONDS = 2;
const TOLERANCE_MS = 60;
/** The file name a clinic might give a recording: it names the patient, so it must never show. */
const PATIENT_NAME = 'Maryam-Zabti';

let clinic: TestClinic;
let doctor: Actor;
let doctorPassword: string;
let staff: Actor;
let otherDoctor: Actor;
let audioRoot: string;
let dir: string;
let speechSeconds: number;
let speech: Record<ImportFormat, string>;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = makeTempDir('helssa-import-files');
  const made = await makeSpeechFiles(dir, `${PATIENT_NAME}-visit`);
  speechSeconds = made.seconds;
  speech = made.files;
  await makeTone(file('long.flac'), 40);
  await makePicture(file(`${PATIENT_NAME}-photo.mp3`));
  fs.writeFileSync(file('notes.wav'), 'Patient notes, not a recording.\n');
  truncateFile(speech.flac, file('cut.flac'), 0.6);
  truncateFile(speech.mp3, file('cut.mp3'), 0.6);
  truncateFile(speech.m4a, file('cut.m4a'), 0.6);

  clinic = await setUpTestClinic(makeTempDir('helssa-import'), {
    recording: { chunkSeconds: CHUNK_SECONDS, minFreeBytes: 1 },
  });
  const dr = await addUser(clinic, {
    username: 'dr.karimi',
    displayName: 'دکتر کریمی',
    role: 'doctor',
  });
  doctor = dr.actor;
  doctorPassword = dr.password;
  staff = (await addUser(clinic, { username: 'monshi', displayName: 'منشی', role: 'staff' })).actor;
  otherDoctor = (
    await addUser(clinic, { username: 'dr.ahmadi', displayName: 'دکتر احمدی', role: 'doctor' })
  ).actor;
  audioRoot = path.join(clinic.dir, 'audio');
}, 120_000);

afterAll(() => {
  if (clinic) closeTestClinic(clinic);
  if (dir) removeDir(dir);
});

const recordings = () => clinic.services.recordings;

/** A visit of the doctor with the patient's consent to record. */
function consentedVisit(): { encounterId: string; patientId: string } {
  const visit = addVisit(clinic, doctor.userId);
  consent(clinic, doctor, visit.encounterId);
  return visit;
}

/** Everything an import could leave behind, across the whole clinic. */
function footprint() {
  const count = (table: 'recordings' | 'recording_keys' | 'audio_chunks' | 'chunk_transcripts') =>
    (clinic.core.db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    recordings: count('recordings'),
    keys: count('recording_keys'),
    chunks: count('audio_chunks'),
    transcripts: count('chunk_transcripts'),
    folders: fs.existsSync(audioRoot) ? fs.readdirSync(audioRoot).sort() : [],
  };
}

function chunkRows(recordingId: string) {
  return clinic.core.db.read((tx) =>
    tx.all(
      q
        .selectFrom('audio_chunks')
        .selectAll()
        .where('recording_id', '=', recordingId)
        .orderBy('chunk_index'),
    ),
  );
}

/** The recording an import has open right now for a visit (visible while it decodes). */
function openImport(encounterId: string) {
  return clinic.core.db.read((tx) =>
    tx.first(
      q
        .selectFrom('recordings')
        .selectAll()
        .where('encounter_id', '=', encounterId)
        .where('state', '=', 'recording'),
    ),
  );
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function decryptAll(recordingId: string): Int16Array {
  const parts = chunkRows(recordingId).map((chunk) => recordings().readChunkPcm(doctor, chunk.id));
  const joined = Buffer.concat(parts);
  const pcm = new Int16Array(joined.length / 2);
  Buffer.from(pcm.buffer).set(joined);
  return pcm;
}

describe('importing each supported format', () => {
  it.each(IMPORT_FORMATS)(
    'imports %s speech into encrypted chunks of the right length',
    async (format) => {
      const { encounterId, patientId } = consentedVisit();
      const stored: number[] = [];
      const stop = recordings().onChunkStored((chunk) => {
        if (chunk.encounterId === encounterId) stored.push(chunk.index);
      });
      const progress: ImportProgress[] = [];
      const summary = await recordings()
        .importFile(
          doctor,
          { encounterId, file: speech[format], chunkSeconds: CHUNK_SECONDS },
          { onProgress: (p) => progress.push(p) },
        )
        .finally(stop);

      expect(summary).toMatchObject({ encounterId, source: 'import', state: 'stopped' });
      expect(Math.abs(summary.durationMs - speechSeconds * 1000)).toBeLessThanOrEqual(TOLERANCE_MS);
      const chunks = chunkRows(summary.id);
      expect(chunks).toHaveLength(Math.ceil(summary.durationMs / (CHUNK_SECONDS * 1000)));
      expect(summary.chunks).toBe(chunks.length);
      // Chunks follow one another without a gap and add up to the file's length.
      let startMs = 0;
      for (const chunk of chunks) {
        expect(chunk.start_ms).toBe(startMs);
        startMs += chunk.duration_ms;
      }
      expect(Math.abs(startMs - speechSeconds * 1000)).toBeLessThanOrEqual(TOLERANCE_MS);
      // Queued for transcription like microphone chunks, and the worker was told of each.
      expect(new Set(chunks.map((chunk) => chunk.transcription_status))).toEqual(
        new Set(['pending']),
      );
      expect(stored).toEqual(chunks.map((chunk) => chunk.chunk_index));

      // Encrypted at rest: the speech itself is not in the files…
      const pcm = decryptAll(summary.id);
      const plain = Buffer.from(pcm.buffer).subarray(32_000, 32_064);
      for (const chunk of chunks) {
        const bytes = fs.readFileSync(path.join(audioRoot, summary.id, chunk.file_name));
        expect(bytes.includes(plain)).toBe(false);
      }
      // …and what comes out is speech, not silence.
      expect(pcm.length).toBe(chunks.reduce((sum, chunk) => sum + chunk.sample_count, 0));
      expect(peak(pcm)).toBeGreaterThan(3000);
      expect(rms(pcm)).toBeGreaterThan(300);

      // Progress: from the decoded length against the probed one, ending at 100.
      const percents = progress.map((p) => p.percent ?? 0);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(percents.at(-1)).toBe(100);
      expect(percents.slice(0, -1).every((percent) => percent <= 99)).toBe(true);

      // One access-log entry for the import (the others are the reads above): source and
      // length, never the file's name.
      const entries = clinic.core.db.read((tx) =>
        tx.all(
          q
            .selectFrom('access_log')
            .select(['action', 'user_id', 'patient_id', 'granted', 'detail'])
            .where('resource_id', '=', summary.id)
            .where('action', '!=', 'view'),
        ),
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'create',
        user_id: doctor.userId,
        patient_id: patientId,
        granted: 1,
      });
      expect(JSON.parse(entries[0]!.detail ?? '{}')).toEqual({
        step: 'import',
        source: 'import',
        encounterId,
        chunks: chunks.length,
        durationMs: summary.durationMs,
      });
      const everyDetail = clinic.core.db.raw
        .prepare('SELECT group_concat(detail) AS text FROM access_log')
        .get() as { text: string };
      expect(everyDetail.text).not.toContain(PATIENT_NAME);
      // No journal or lock left beside the chunk files.
      expect(fs.readdirSync(path.join(audioRoot, summary.id)).sort()).toEqual(
        chunks.map((chunk) => chunk.file_name).sort(),
      );
    },
  );
});

describe('files that are refused leave nothing behind', () => {
  const cases: [string, () => string, AudioImportFailure][] = [
    ['a picture named .mp3', () => file(`${PATIENT_NAME}-photo.mp3`), 'not_audio'],
    ['a text file named .wav', () => file('notes.wav'), 'not_audio'],
    ['an M4A cut off (no index)', () => file('cut.m4a'), 'truncated'],
    ['a FLAC cut off midway', () => file('cut.flac'), 'truncated'],
    ['an MP3 cut off midway', () => file('cut.mp3'), 'truncated'],
    ['a file that is not there', () => file('missing.wav'), 'file_unreadable'],
  ];

  it.each(cases)('refuses %s', async (_name, input, reason) => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    const progress: ImportProgress[] = [];
    const error = await failure(
      recordings().importFile(
        doctor,
        { encounterId, file: input(), chunkSeconds: CHUNK_SECONDS },
        { onProgress: (p) => progress.push(p) },
      ),
    );
    expect(error).toBeInstanceOf(AudioImportError);
    expect((error as AudioImportError).reason).toBe(reason);
    expect(error.messageKey).toMatch(/^audioImport\./);
    expect(error.message).not.toContain(PATIENT_NAME);
    expect(footprint()).toEqual(before);
    expect(recordings().forEncounter(doctor, encounterId)).toEqual([]);
    // Never reported as finished.
    expect(progress.every((p) => p.percent !== 100)).toBe(true);
  });

  it('cleans up after a decode that fails midway, once chunks were written', async () => {
    // The cut FLAC announces its full length: ffmpeg decodes what is there, then it falls short.
    const { encounterId } = consentedVisit();
    const before = footprint();
    let filesMidway = 0;
    const error = await failure(
      recordings().importFile(
        doctor,
        { encounterId, file: file('cut.flac'), chunkSeconds: 1 },
        {
          onProgress: () => {
            const open = openImport(encounterId);
            if (!open) return;
            filesMidway = fs
              .readdirSync(path.join(audioRoot, open.id))
              .filter((name) => name.startsWith('chunk-')).length;
          },
        },
      ),
    );
    expect((error as AudioImportError).reason).toBe('truncated');
    expect(filesMidway).toBeGreaterThan(0);
    expect(footprint()).toEqual(before);
  });

  it('says so when ffmpeg cannot be found, before anything is created', async () => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    const error = await failure(
      recordings().importFile(
        doctor,
        { encounterId, file: speech.wav },
        { locate: { setting: path.join(dir, 'no-such-ffmpeg'), env: { PATH: '' } } },
      ),
    );
    expect((error as AudioImportError).reason).toBe('ffmpeg_missing');
    expect(error.messageKey).toBe('audioImport.ffmpegMissing');
    expect(footprint()).toEqual(before);
  });
});

describe('cancelling and shutting down midway', () => {
  it('leaves nothing when the signal aborts midway, though chunks were already on disk', async () => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    const controller = new AbortController();
    let midway: { files: number; rows: number; recordingId: string } | null = null;
    const error = await failure(
      recordings().importFile(
        doctor,
        { encounterId, file: file('long.flac'), chunkSeconds: CHUNK_SECONDS },
        {
          signal: controller.signal,
          onProgress: (p) => {
            if (midway || p.decodedMs < 5000) return;
            const open = openImport(encounterId)!;
            midway = {
              recordingId: open.id,
              files: fs
                .readdirSync(path.join(audioRoot, open.id))
                .filter((name) => name.startsWith('chunk-')).length,
              // Rows wait for the end: the transcription worker cannot have a chunk yet.
              rows: chunkRows(open.id).length,
            };
            controller.abort();
          },
        },
      ),
    );
    expect((error as AudioImportError).reason).toBe('cancelled');
    expect(midway).toMatchObject({ files: 2, rows: 0 });
    expect(footprint()).toEqual(before);
  });

  it('refuses at once a signal already aborted', async () => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    const error = await failure(
      recordings().importFile(
        doctor,
        { encounterId, file: speech.wav },
        { signal: AbortSignal.abort() },
      ),
    );
    expect((error as AudioImportError).reason).toBe('cancelled');
    expect(footprint()).toEqual(before);
  });

  it('discards an import still decoding when the app shuts its recorders down', async () => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    let stopped = false;
    const error = await failure(
      recordings().importFile(
        doctor,
        { encounterId, file: file('long.flac'), chunkSeconds: CHUNK_SECONDS },
        {
          onProgress: (p) => {
            if (stopped || p.decodedMs < 3000) return;
            stopped = true;
            recordings().stopAll();
            // Gone at once, before ffmpeg has even been stopped.
            expect(openImport(encounterId)).toBeUndefined();
          },
        },
      ),
    );
    expect((error as AudioImportError).reason).toBe('cancelled');
    expect(footprint()).toEqual(before);
  });

  it('removes at recovery an import a crash left open', () => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    const draft = recordings().beginImport(doctor, { encounterId, chunkSeconds: 1 });
    for (let second = 0; second < 3; second++) draft.append(new Int16Array(16_000).fill(1000));
    expect(fs.readdirSync(path.join(audioRoot, draft.recordingId))).toContain('chunk-000002.bin');
    // Another process after a crash: no live writer of its own, and the lock's pid is stale.
    const afterCrash = new RecordingService({
      db: clinic.core.db,
      log: clinic.services.accessLog,
      access: clinic.services.access,
      clock: clinic.core.clock,
      cipher: clinic.services.cipher,
      audioRoot,
      logger: silentLogger,
    });
    expect(afterCrash.recover()).toEqual([]);
    expect(footprint()).toEqual(before);
    // The first process's late discard finds nothing left to remove, and does not throw.
    draft.discard('test');
    expect(footprint()).toEqual(before);
  });
});

describe('who may import, and when', () => {
  it('requires the patient’s consent, before the file is even probed', async () => {
    const { encounterId } = addVisit(clinic, doctor.userId);
    const before = footprint();
    const error = await failure(
      recordings().importFile(doctor, { encounterId, file: file('missing.wav') }),
    );
    expect([error.code, error.messageKey]).toEqual(['conflict', 'recording.consentRequired']);
    expect(footprint()).toEqual(before);
  });

  it('refuses staff and another doctor, and logs the refusal', async () => {
    const { encounterId } = consentedVisit();
    const before = footprint();
    const staffError = await failure(
      recordings().importFile(staff, { encounterId, file: speech.wav }),
    );
    expect(staffError.code).toBe('permission_denied');
    const notYours = await failure(
      recordings().importFile(otherDoctor, { encounterId, file: speech.wav }),
    );
    expect([notYours.code, notYours.messageKey]).toEqual([
      'permission_denied',
      'recording.notYours',
    ]);
    const refusals = clinic.core.db.read((tx) =>
      tx.all(
        q
          .selectFrom('access_log')
          .select(['user_id', 'granted'])
          .where('resource_id', '=', encounterId)
          .where('granted', '=', 0),
      ),
    );
    expect(refusals.map((entry) => entry.user_id).sort()).toEqual(
      [staff.userId, otherDoctor.userId].sort(),
    );
    expect(footprint()).toEqual({ ...before });
  });

  it('refuses while the visit has an unfinished recording, and imports after it', async () => {
    const { encounterId } = consentedVisit();
    const writer = recordings().start(doctor, { encounterId });
    const before = footprint();
    const error = await failure(recordings().importFile(doctor, { encounterId, file: speech.wav }));
    expect(error.messageKey).toBe('recording.alreadyOpen');
    expect(footprint()).toEqual(before);
    writer.append(new Int16Array(8000).fill(500));
    writer.stop();
    const imported = await recordings().importFile(doctor, { encounterId, file: speech.wav });
    expect(
      recordings()
        .forEncounter(doctor, encounterId)
        .map((r) => r.source),
    ).toEqual(['microphone', 'import']);
    expect(imported.source).toBe('import');
  });

  it('refuses a cancelled visit', async () => {
    const { encounterId } = addVisit(clinic, doctor.userId, { status: 'cancelled' });
    const error = await failure(recordings().importFile(doctor, { encounterId, file: speech.wav }));
    expect(error.messageKey).toBe('recording.visitClosed');
  });
});

describe('recording:import over the IPC contract', () => {
  let picked: string | null = null;
  let dispatcher: ApiDispatcher;
  const context = new CallContext(() => undefined);
  const call = (channel: string, input: unknown) => dispatcher.call(channel, input, context);

  beforeAll(async () => {
    const host: ApiHost = {
      kind: 'preview',
      version: 'test',
      core: clinic.core,
      preferences: new PreferencesStore(dataPaths(clinic.dir).preferences),
      setupVaults: () => Promise.resolve([new PassphraseKeyVault(TEST_PASSPHRASE)]),
      unlockError: () => null,
      chooseFile: (kind) => {
        expect(kind).toBe('audio');
        return Promise.resolve(picked);
      },
    };
    dispatcher = new ApiDispatcher(createHandlers(host), silentLogger);
    const login = await call('session:login', { username: 'dr.karimi', password: doctorPassword });
    expect(login.ok).toBe(true);
  });

  it('imports the file the host chose, answers null when the user cancels, refuses a path', async () => {
    const { encounterId } = consentedVisit();
    picked = null;
    expect(await call('recording:import', { encounterId })).toEqual({ ok: true, value: null });

    picked = speech.ogg;
    const envelope = (await call('recording:import', { encounterId })) as Envelope<{
      source: string;
      durationMs: number;
    }>;
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    expect(envelope.value.source).toBe('import');
    expect(Math.abs(envelope.value.durationMs - speechSeconds * 1000)).toBeLessThanOrEqual(
      TOLERANCE_MS,
    );

    // The renderer cannot name a file.
    const withPath = await call('recording:import', { encounterId, file: speech.wav });
    expect(withPath.ok).toBe(false);
  });

  it('answers a refused file with its message key, and no file name', async () => {
    const { encounterId } = consentedVisit();
    picked = file(`${PATIENT_NAME}-photo.mp3`);
    const envelope = await call('recording:import', { encounterId });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error).toMatchObject({
      code: 'validation',
      messageKey: 'audioImport.notAudio',
    });
    expect(JSON.stringify(envelope.error)).not.toContain(PATIENT_NAME);
  });
});
