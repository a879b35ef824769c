import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeProcessLauncher } from '../../engine/process/node-launcher';
import type { Actor } from '../../shared/roles';
import { ClinicCore } from '../clinic-core';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';
import { q } from '../db/database';
import {
  closeTestClinic,
  makeTempDir,
  removeDir,
  setUpTestTeam,
  TEST_PASSPHRASE,
  type TestClinic,
} from '../testing/fixtures';
import { addVisit, consent, countingPcm } from '../recording/test-support';
import type { SpeechOptions } from './speech-stack';
import { installWeightlessModel } from './testing/test-models';

// The transcription job queue with every real part: the encrypted chunk store, the engine process
// (a forked child running the whisper.cpp addon) and a weightless model of real dimensions that
// the test generates. Weightless models hear nothing, so the chunks' transcripts are empty; what
// is tested here is the queue: statuses, retries, restarts, cancel, waiting for a model.

const SAMPLE_RATE = 16_000;
const faultyEngine = path.resolve(
  import.meta.dirname,
  '../../engine/process/testing/faulty-engine.ts',
);

interface Setup {
  clinic: TestClinic;
  doctor: Actor;
  encounterId: string;
}

const open: TestClinic[] = [];
const cleanup: string[] = [];
afterEach(async () => {
  for (const dir of cleanup.splice(0)) removeDir(dir);
  for (const clinic of open.splice(0)) {
    await clinic.services.transcription.stop();
    await clinic.services.speech.close();
    closeTestClinic(clinic);
  }
});

async function team(options: {
  model?: 'tiny' | 'base' | 'none';
  speech?: Partial<SpeechOptions>;
  chunkSeconds?: number;
}): Promise<Setup> {
  // The model sits in an IT-provisioned folder (`<folder>/models/…`); 'none' leaves it empty.
  const modelsHome = makeTempDir('helssa-models');
  const model = options.model ?? 'tiny';
  const installed = installWeightlessModel(modelsHome, model === 'none' ? 'tiny' : model);
  if (model === 'none') fs.rmSync(installed.file);
  cleanup.push(modelsHome);
  const { clinic, doctor } = await setUpTestTeam('helssa-transcribe', {
    recording: { chunkSeconds: options.chunkSeconds ?? 2 },
    speech: {
      launcher: nodeProcessLauncher({ stdio: 'ignore' }),
      manifest: installed.manifest,
      provisionedDirs: [path.join(modelsHome, 'models')],
      hardware: { cpuCount: 2, totalMemBytes: 8 * 2 ** 30, gpuBackends: [] },
      ...options.speech,
    },
  });
  open.push(clinic);
  clinic.services.settings.set(clinic.adminActor, 'transcription.vad', 'off');
  const { encounterId } = addVisit(clinic, doctor.userId);
  consent(clinic, doctor, encounterId);
  return { clinic, doctor, encounterId };
}

/** Records `seconds` of audio through the real writer and stops; returns the recording id. */
function record(setup: Setup, seconds: number): string {
  const writer = setup.clinic.services.recordings.start(setup.doctor, {
    encounterId: setup.encounterId,
  });
  const samples = seconds * SAMPLE_RATE;
  for (let at = 0; at < samples; at += 1600) {
    writer.append(countingPcm(at, Math.min(1600, samples - at)));
  }
  writer.stop();
  return writer.recordingId;
}

function chunks(clinic: TestClinic, recordingId: string) {
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

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('transcription worker', () => {
  it('transcribes every chunk as it closes, in order, through the engine process', async () => {
    const setup = await team({});
    const { clinic } = setup;
    const recordingId = record(setup, 5);
    const rows = chunks(clinic, recordingId);
    expect(rows.map((row) => row.duration_ms)).toEqual([2000, 2000, 1000]);
    await until(() =>
      chunks(clinic, recordingId).every((row) => row.transcription_status === 'completed'),
    );
    const transcripts = clinic.core.db.read((tx) =>
      tx.all(
        q
          .selectFrom('chunk_transcripts as t')
          .innerJoin('audio_chunks as c', 'c.id', 't.chunk_id')
          .select(['c.chunk_index', 't.model', 't.engine', 't.audio_ms', 't.overlap_ms', 't.vad'])
          .where('t.recording_id', '=', recordingId)
          .orderBy('c.chunk_index'),
      ),
    );
    // Chunks after the first carry 1.5 s of the previous chunk in front (see merge.ts).
    expect(transcripts.map((t) => [t.chunk_index, t.overlap_ms, t.audio_ms])).toEqual([
      [1, 0, 2000],
      [2, 1500, 3500],
      [3, 1500, 2500],
    ]);
    expect(new Set(transcripts.map((t) => t.model))).toEqual(new Set(['test-tiny']));
    expect(transcripts[0]!.engine).toMatch(/whisper/i);
    const progress = clinic.services.transcription.progress(recordingId);
    expect(progress).toMatchObject({ pending: 0, processing: 0, completed: 3, failed: 0 });
    expect(progress.backlogMs).toBe(0);
    // The app read the audio and wrote the transcript: logged without a user.
    const entries = clinic.services.audit.list(clinic.adminActor, {}).entries;
    expect(
      entries.filter((e) => e.resourceType === 'transcript' && e.userId === null),
    ).toHaveLength(3);
  }, 90_000);

  it('without a model, recording works and chunks wait with the reason; a model installed later is used', async () => {
    const setup = await team({ model: 'none' });
    const { clinic } = setup;
    const recordingId = record(setup, 3);
    await clinic.services.transcription.idle();
    await clinic.services.speech.transcriber.refresh();
    expect(chunks(clinic, recordingId).map((row) => row.transcription_status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(clinic.services.transcription.progress(recordingId)).toMatchObject({
      blocker: 'no_model',
      pending: 2,
      backlogMs: 3000,
    });
    // IT puts the model in place: the queue resumes.
    installWeightlessModel(clinic.dir, 'tiny');
    clinic.services.speech.changed();
    await until(() =>
      chunks(clinic, recordingId).every((row) => row.transcription_status === 'completed'),
    );
    // Waiting for a model never counts as a failed attempt.
    expect(chunks(clinic, recordingId).every((row) => row.transcription_attempts === 0)).toBe(true);
  }, 90_000);

  it('an engine killed mid-job is restarted and the chunk completes', async () => {
    const setup = await team({ model: 'base', chunkSeconds: 20 });
    const { clinic } = setup;
    const recordingId = record(setup, 40);
    await until(() => chunks(clinic, recordingId)[0]!.transcription_status === 'processing');
    await until(() => clinic.services.speech.engine?.pid !== undefined);
    const firstPid = clinic.services.speech.engine!.pid!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(firstPid, 'SIGKILL');
    await until(() =>
      chunks(clinic, recordingId).every((row) => row.transcription_status === 'completed'),
    );
    const rows = chunks(clinic, recordingId);
    // One attempt was charged to the crash; the retry succeeded, so no error remains.
    expect(rows[0]!.transcription_attempts).toBe(1);
    expect(rows[0]!.transcription_error).toBeNull();
    expect(clinic.services.speech.engine!.pid).not.toBe(firstPid);
  }, 120_000);

  it('an engine that dies on every job: the chunk is retried a bounded number of times, then failed with the reason', async () => {
    const setup = await team({
      speech: {
        launcher: nodeProcessLauncher({
          modulePath: faultyEngine,
          args: ['crash-on-transcribe'],
          stdio: 'ignore',
        }),
      },
    });
    const { clinic } = setup;
    const recordingId = record(setup, 2);
    await until(() => chunks(clinic, recordingId)[0]!.transcription_status === 'failed');
    const [row] = chunks(clinic, recordingId);
    expect(row!.transcription_attempts).toBe(clinic.services.transcription.options.maxAttempts);
    expect(row!.transcription_error).toMatch(/engine_crashed|exit code 70|crash/i);
    // The doctor retries: attempts start again.
    expect(clinic.services.transcription.retry(recordingId)).toBe(1);
    expect(chunks(clinic, recordingId)[0]!.transcription_attempts).toBe(0);
    clinic.services.transcription.cancel(recordingId);
    expect(chunks(clinic, recordingId)[0]!.transcription_status).toBe('failed');
  }, 120_000);

  it('the queue survives a crash: a chunk left processing is done after the next start', async () => {
    const setup = await team({ model: 'none' });
    const { clinic } = setup;
    const recordingId = record(setup, 2);
    await clinic.services.transcription.stop();
    clinic.core.db.raw
      .prepare(`UPDATE audio_chunks SET transcription_status = 'processing' WHERE recording_id = ?`)
      .run(recordingId);
    // The app stops without finishing the job, as a crash would leave it…
    clinic.core.close();
    installWeightlessModel(clinic.dir, 'tiny');
    // …and starts again on the same data folder.
    const core = ClinicCore.open({
      dataDir: clinic.dir,
      recording: { chunkSeconds: 2 },
      speech: {
        launcher: nodeProcessLauncher({ stdio: 'ignore' }),
        manifest: installWeightlessModel(makeTempDir('helssa-manifest'), 'tiny').manifest,
      },
    });
    const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
    open.splice(open.indexOf(clinic), 1, { ...clinic, core, services });
    await until(
      () =>
        core.db.read((tx) =>
          tx.first(
            q
              .selectFrom('audio_chunks')
              .select('transcription_status')
              .where('recording_id', '=', recordingId),
          ),
        )?.transcription_status === 'completed',
    );
  }, 90_000);

  it("cancel stops a recording's queue at once and retry brings it back", async () => {
    const setup = await team({ model: 'base', chunkSeconds: 20 });
    const { clinic } = setup;
    const recordingId = record(setup, 60);
    await until(() => chunks(clinic, recordingId)[0]!.transcription_status === 'processing');
    expect(clinic.services.transcription.cancel(recordingId)).toBe(3);
    await clinic.services.transcription.idle();
    expect(chunks(clinic, recordingId).map((row) => row.transcription_error)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    // Nothing was stored for the cancelled job.
    expect(
      clinic.core.db.read((tx) =>
        tx.all(
          q
            .selectFrom('chunk_transcripts')
            .select('chunk_id')
            .where('recording_id', '=', recordingId),
        ),
      ),
    ).toEqual([]);
    expect(clinic.services.transcription.retry(recordingId)).toBe(3);
    await until(() =>
      chunks(clinic, recordingId).every((row) => row.transcription_status === 'completed'),
    );
  }, 120_000);

  it('with VAD on auto and no Silero model, the energy detector skips a silent chunk', async () => {
    const setup = await team({});
    const { clinic } = setup;
    clinic.services.settings.set(clinic.adminActor, 'transcription.vad', 'auto');
    const writer = clinic.services.recordings.start(setup.doctor, {
      encounterId: setup.encounterId,
    });
    writer.append(new Int16Array(2 * SAMPLE_RATE));
    writer.stop();
    await until(() => chunks(clinic, writer.recordingId)[0]!.transcription_status === 'completed');
    const stored = clinic.core.db.read((tx) =>
      tx.first(
        q
          .selectFrom('chunk_transcripts')
          .select(['vad', 'voiced_ms', 'audio_ms'])
          .where('recording_id', '=', writer.recordingId),
      ),
    );
    expect(stored).toEqual({ vad: 'energy', voiced_ms: 0, audio_ms: 2000 });
  }, 60_000);
});
