import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicCore } from '../clinic-core';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';
import { removeDir, setUpTestClinic, TEST_PASSPHRASE, type TestClinic } from '../testing/fixtures';
import { SAMPLE_RATE } from './audio-format';
import { addVisit, consent, countingPcm, firstBreak } from './test-support';

const CHUNK_SECONDS = 2;
/** Kill the recorder once it has captured this much: two chunks closed, the third in the journal. */
const KILL_AT_SAMPLES = Math.round(5.5 * SAMPLE_RATE);

/**
 * A power cut in the middle of a recording: a child process records at real time with the
 * journal fsynced every second and is killed with SIGKILL; the next start finds the recording
 * interrupted with all but the last second or two of the audio, and it resumes seamlessly.
 */
describe('recording survives a crash', () => {
  let clinic: TestClinic;
  let dir: string;
  let encounterId: string;
  let captured = 0;
  let recordingId = '';

  beforeAll(async () => {
    clinic = await setUpTestClinic(undefined, { recording: { minFreeBytes: 1 } });
    dir = clinic.dir;
    ({ encounterId } = addVisit(clinic, clinic.admin.id));
    consent(clinic, clinic.adminActor, encounterId);
    clinic.core.close();

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '../testing/scripts/record-then-crash.ts'),
        dir,
        encounterId,
        String(CHUNK_SECONDS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let pending = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        pending += data.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          const [word, value] = line.split(' ');
          if (word === 'STARTED') recordingId = value!;
          if (word === 'CAPTURED' && captured < KILL_AT_SAMPLES) {
            captured = Number(value);
            if (captured >= KILL_AT_SAMPLES) child.kill('SIGKILL');
          }
        }
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`recorder exited ${code}`)),
      );
    });
  }, 120_000);

  afterAll(() => removeDir(dir));

  it('recovers within 2 s of what was captured, marks it interrupted, resumes contiguously', async () => {
    const core = ClinicCore.open({ dataDir: dir, recording: { minFreeBytes: 1 } });
    try {
      const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
      const { token } = await services.sessions.login('admin', 'Modir-e Azmayesh 1405');
      const actor = services.sessions.actor(token);
      const recordings = services.recordings;

      const [interrupted] = recordings.interruptedRecordings(actor);
      expect(interrupted).toMatchObject({ id: recordingId, state: 'interrupted' });
      const capturedMs = (captured / SAMPLE_RATE) * 1000;
      const lostMs = capturedMs - interrupted!.durationMs;
      console.info(
        `crash test: captured ${capturedMs} ms, recovered ${interrupted!.durationMs} ms, lost ${lostMs} ms`,
      );
      expect(lostMs).toBeLessThanOrEqual(2000);
      expect(lostMs).toBeGreaterThanOrEqual(-200);

      const before = recordings.get(actor, recordingId).chunkList;
      expect(before.map((chunk) => chunk.index)).toEqual([1, 2, 3]);
      expect(before.map((chunk) => chunk.recovered)).toEqual([false, false, true]);

      // Resume: a new writer carries on the numbering and the audio.
      const recoveredSamples = before.reduce((sum, chunk) => sum + chunk.sampleCount, 0);
      const writer = recordings.resume(actor, recordingId);
      writer.append(countingPcm(recoveredSamples, 3 * SAMPLE_RATE));
      writer.stop();
      const after = recordings.get(actor, recordingId);
      expect(after.state).toBe('stopped');
      expect(after.chunkList.map((chunk) => chunk.index)).toEqual([1, 2, 3, 4, 5]);
      const pcm = Buffer.concat(
        after.chunkList.map((chunk) => recordings.readChunkPcm(actor, chunk.id)),
      );
      expect(pcm.length).toBe((recoveredSamples + 3 * SAMPLE_RATE) * 2);
      expect(firstBreak(pcm)).toBe(-1);
    } finally {
      core.close();
    }
  });
});
