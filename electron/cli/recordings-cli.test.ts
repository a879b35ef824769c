import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingSummary } from '../shared/recording';
import {
  makePicture,
  makeSpeechFiles,
  makeTone,
  requireAudioTools,
  truncateFile,
} from '../core/audio-import/testing/test-audio';
import { ClinicCore } from '../core/clinic-core';
import { addVisit, consent } from '../core/recording/test-support';
import { addUser, makeTempDir, removeDir, setUpTestClinic } from '../core/testing/fixtures';
import { REPO_ROOT, runCli, secrets, STACK_LINE, type CliEnv } from './test-helpers';

// Real processes, real scrypt, real ffmpeg: a generous timeout per scenario (see cli.test.ts).
const SLOW = 120_000;
const TOLERANCE_MS = 60;
/** Recording files are often named after the patient: the tool must never repeat the name. */
const PATIENT_NAME = 'Zahra-Mohammadi';

requireAudioTools();

/**
 * `recordings import` on a real clinic with the real ffmpeg: what it stores, what it refuses (and
 * that a refusal leaves nothing), who may run it, and Ctrl+C in the middle.
 */
describe('recordings import', () => {
  let dir: string;
  let files: string;
  let speechSeconds: number;
  let speech: Record<'wav' | 'mp3' | 'ogg' | 'flac', string>;
  let doctorPassword = '';
  let staffPassword = '';
  /** Visits of dr.karimi: with consent, and one without. */
  const visits: string[] = [];
  let noConsent = '';

  const as = (user: string, ...args: string[]) => [...args, '--data-dir', dir, '--user', user];
  const asDoctor = (args: string[], env: CliEnv = {}) =>
    runCli(as('dr.karimi', 'recordings', 'import', ...args), {
      ...secrets,
      HELSSA_PASSWORD: doctorPassword,
      ...env,
    });

  /** What the visit holds now, read from the database file itself. */
  function visitState(encounterId: string): { recordings: number; folders: string[] } {
    const core = ClinicCore.open({ dataDir: dir, create: false });
    try {
      const row = core.db.raw
        .prepare('SELECT count(*) AS n FROM recordings WHERE encounter_id = ?')
        .get(encounterId) as { n: number };
      const audio = path.join(dir, 'audio');
      return {
        recordings: row.n,
        folders: fs.existsSync(audio) ? fs.readdirSync(audio).sort() : [],
      };
    } finally {
      core.close();
    }
  }

  beforeAll(async () => {
    dir = makeTempDir('helssa-cli-recordings');
    files = makeTempDir('helssa-cli-recordings-files');
    const made = await makeSpeechFiles(files, `${PATIENT_NAME}-visit`);
    speechSeconds = made.seconds;
    speech = made.files;
    await makePicture(path.join(files, `${PATIENT_NAME}-photo.mp3`));
    truncateFile(speech.flac, path.join(files, 'cut.flac'), 0.6);
    // Twenty minutes: long enough to be stopped while ffmpeg is still decoding.
    await makeTone(path.join(files, 'long.flac'), 1200);

    const clinic = await setUpTestClinic(dir);
    try {
      const karimi = await addUser(clinic, {
        username: 'dr.karimi',
        displayName: 'دکتر کریمی',
        role: 'doctor',
      });
      doctorPassword = karimi.password;
      staffPassword = (
        await addUser(clinic, { username: 'monshi', displayName: 'منشی', role: 'staff' })
      ).password;
      for (let i = 0; i < 8; i++) {
        const { encounterId } = addVisit(clinic, karimi.user.id);
        consent(clinic, karimi.actor, encounterId);
        visits.push(encounterId);
      }
      noConsent = addVisit(clinic, karimi.user.id).encounterId;
    } finally {
      clinic.core.close();
    }
  }, SLOW);

  afterAll(() => {
    removeDir(dir);
    removeDir(files);
  });

  it(
    'shows its help in Persian and English',
    async () => {
      const result = await runCli(['help', 'recordings', 'import']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('recordings import <visit-id> <file> --user <username>');
      expect(result.stdout).toContain('یک فایل صوتی موجود');
      expect(result.stdout).toContain('Imports an existing audio file');
      const general = await runCli(['--help']);
      expect(general.stdout).toContain('recordings import <visit-id> <file>');
    },
    SLOW,
  );

  it(
    'imports a file into the visit and answers with the recording (--json)',
    async () => {
      const visit = visits[0]!;
      const result = await asDoctor([visit, speech.ogg, '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const document = JSON.parse(result.stdout) as { ok: boolean; recording: RecordingSummary };
      expect(document.ok).toBe(true);
      expect(document.recording).toMatchObject({
        encounterId: visit,
        source: 'import',
        state: 'stopped',
        chunkTargetSeconds: 30,
      });
      expect(Math.abs(document.recording.durationMs - speechSeconds * 1000)).toBeLessThanOrEqual(
        TOLERANCE_MS,
      );
      expect(document.recording.chunks).toBe(Math.ceil(speechSeconds / 30));
      expect(visitState(visit)).toMatchObject({ recordings: 1 });
      expect(visitState(visit).folders).toContain(document.recording.id);
    },
    SLOW,
  );

  it(
    'says what it stored, in both languages',
    async () => {
      const result = await asDoctor([visits[1]!, speech.mp3]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /The audio file was imported as recording [0-9a-f-]{36}: \d+\.\d s/,
      );
      expect(result.stdout).toContain('فایل صوتی به ضبط');
      expect(result.stdout).not.toContain(PATIENT_NAME);
    },
    SLOW,
  );

  it(
    'refuses a file that is not audio, a cut-off file and a missing file with exit 3, keeping nothing',
    async () => {
      const visit = visits[2]!;
      const before = visitState(visit);
      const picture = await asDoctor([visit, path.join(files, `${PATIENT_NAME}-photo.mp3`)]);
      expect(picture.code).toBe(3);
      expect(picture.stderr).toContain('This file is not an audio file.');
      expect(picture.stderr).toContain('این فایل یک فایل صوتی نیست.');

      const cut = await asDoctor([visit, path.join(files, 'cut.flac')]);
      expect(cut.code).toBe(3);
      expect(cut.stderr).toContain('The audio file is incomplete');

      const missing = await asDoctor([visit, path.join(files, `${PATIENT_NAME}-missing.wav`)]);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain('The chosen file could not be read');

      for (const result of [picture, cut, missing]) {
        expect(result.stdout).toBe('');
        expect(result.stderr).not.toMatch(STACK_LINE);
        expect(result.stderr).not.toContain(PATIENT_NAME);
      }
      expect(visitState(visit)).toEqual({ ...before, recordings: 0 });
    },
    SLOW,
  );

  it(
    'says so, with exit 3, when ffmpeg cannot be found',
    async () => {
      const visit = visits[3]!;
      const before = visitState(visit);
      const result = await asDoctor([visit, speech.wav], { PATH: '' });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('ffmpeg, which is needed to read audio files, was not found');
      expect(visitState(visit)).toEqual({ ...before, recordings: 0 });
    },
    SLOW,
  );

  it(
    'requires consent (exit 3) and refuses staff (exit 4)',
    async () => {
      const refused = await asDoctor([noConsent, speech.wav]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('consent');

      const staff = await runCli(as('monshi', 'recordings', 'import', visits[4]!, speech.wav), {
        ...secrets,
        HELSSA_PASSWORD: staffPassword,
      });
      expect(staff.code).toBe(4);
      expect(visitState(visits[4]!).recordings).toBe(0);
      expect(visitState(noConsent).recordings).toBe(0);
    },
    SLOW,
  );

  it(
    'wants exactly a visit and a file (exit 2)',
    async () => {
      const one = await asDoctor([visits[5]!]);
      expect(one.code).toBe(2);
      expect(one.stderr).toContain('The <file> argument is missing.');
      const three = await asDoctor([visits[5]!, speech.wav, speech.mp3]);
      expect(three.code).toBe(2);
    },
    SLOW,
  );

  it(
    'stops on Ctrl+C midway with exit 130 and keeps nothing',
    async () => {
      const visit = visits[6]!;
      const before = visitState(visit);
      const audio = path.join(dir, 'audio');
      const env: NodeJS.ProcessEnv = {};
      for (const [name, value] of Object.entries(process.env)) {
        if (!name.startsWith('HELSSA_') && name !== 'NODE_OPTIONS') env[name] = value;
      }
      Object.assign(env, secrets, { HELSSA_PASSWORD: doctorPassword });
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'electron/cli/main.ts',
          ...as('dr.karimi', 'recordings', 'import', visit, path.join(files, 'long.flac')),
        ],
        { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // The import has begun once its recording's folder exists; ffmpeg needs seconds more.
      const started = await new Promise<boolean>((resolve) => {
        const poll = setInterval(() => {
          const folders = fs.existsSync(audio) ? fs.readdirSync(audio) : [];
          if (folders.length > before.folders.length) {
            clearInterval(poll);
            resolve(true);
          } else if (child.exitCode !== null) {
            clearInterval(poll);
            resolve(false);
          }
        }, 10);
      });
      expect(started).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('Reading the audio file was cancelled.');
      expect(visitState(visit)).toEqual(before);
    },
    SLOW,
  );
});
