import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/roles';
import { AppError } from '../errors';
import type { KeepAwake } from '../machine/keep-awake';
import { addUser, closeTestClinic, setUpTestTeam, type TestClinic } from '../testing/fixtures';
import { addVisit, consent, countingPcm, firstBreak } from './test-support';

// The capture hub with the real recording store: tickets, frames from a stream into the writer,
// pause/resume/stop on behalf of the visit's doctor, and the power-save hold.

/** Counts holds and releases of the power-save blocker (Electron's blocker can't run here). */
class CountingKeepAwakeFake implements KeepAwake {
  held = 0;
  released = 0;
  hold(): () => void {
    this.held += 1;
    return () => {
      this.released += 1;
    };
  }
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('capture hub', () => {
  let clinic: TestClinic;
  let doctor: Actor;
  let staff: Actor;
  let encounterId: string;
  let keepAwake: CountingKeepAwakeFake;

  beforeEach(async () => {
    keepAwake = new CountingKeepAwakeFake();
    ({ clinic, doctor, staff } = await setUpTestTeam('helssa-capture', {
      recording: { chunkSeconds: 1 },
      keepAwake,
    }));
    ({ encounterId } = addVisit(clinic, doctor.userId));
  });
  afterEach(() => closeTestClinic(clinic));

  it('refuses to start before consent', () => {
    expect(() => clinic.services.capture.start(doctor, encounterId)).toThrow(
      expect.objectContaining({ messageKey: 'recording.consentRequired' }),
    );
    expect(keepAwake.held).toBe(0);
  });

  it('frames sent with the ticket reach the recording in order; pause drops, resume continues', async () => {
    consent(clinic, doctor, encounterId);
    const { capture, recordings } = clinic.services;
    const { recording, stream } = capture.start(doctor, encounterId);
    expect(keepAwake.held).toBe(1);
    const sink = capture.attach(stream.ticket)!;
    expect(sink).not.toBeNull();
    // The ticket is used up.
    expect(capture.attach(stream.ticket)).toBeNull();
    let sample = 0;
    const send = (samples: number) => {
      for (let sent = 0; sent < samples; sent += 1600) {
        expect(sink.push(countingPcm(sample, 1600))).toBe(true);
        sample += 1600;
      }
    };
    send(16_000);
    capture.pause(doctor, recording.id);
    // Frames in flight after a pause are dropped, not stored.
    expect(sink.push(countingPcm(999_999, 1600))).toBe(true);
    capture.resume(doctor, recording.id);
    send(8000);
    expect(capture.status(recording.id)).toMatchObject({ live: true, capturedMs: 1500 });
    const stopped = capture.stop(doctor, recording.id);
    expect(stopped).toMatchObject({ state: 'stopped', chunks: 2, durationMs: 1500 });
    // After stop the stream is closed.
    expect(sink.push(countingPcm(0, 160))).toBe(false);
    expect(sink.closedBy).toBe('stopped');
    const chunks = recordings.get(doctor, recording.id).chunkList;
    const pcm = Buffer.concat(chunks.map((chunk) => recordings.readChunkPcm(doctor, chunk.id)));
    expect(pcm.length).toBe(24_000 * 2);
    expect(firstBreak(pcm)).toBe(-1);
    await until(() => keepAwake.released === 1);
  });

  it('a bad frame closes the stream with the reason; the recording goes on', () => {
    consent(clinic, doctor, encounterId);
    const { capture } = clinic.services;
    const { recording, stream } = capture.start(doctor, encounterId);
    const sink = capture.attach(stream.ticket)!;
    expect(sink.push(new Uint8Array(3))).toBe(false);
    expect(sink.closedBy).toBe('recording.frameInvalid');
    expect(sink.push(new Int16Array(20_000))).toBe(false);
    // A new ticket reattaches (a reloaded window); the older stream is then replaced.
    const again = capture.attach(capture.reattach(doctor, recording.id).ticket)!;
    expect(again.push(countingPcm(0, 1600))).toBe(true);
    const third = capture.attach(capture.reattach(doctor, recording.id).ticket)!;
    expect(again.push(countingPcm(1600, 1600))).toBe(false);
    expect(again.closedBy).toBe('replaced');
    expect(third.push(countingPcm(1600, 1600))).toBe(true);
    capture.stop(doctor, recording.id);
  });

  it('only the visit’s doctor controls the recording; unknown tickets are refused', async () => {
    consent(clinic, doctor, encounterId);
    const { capture } = clinic.services;
    const { recording } = capture.start(doctor, encounterId);
    const other = await addUser(clinic, {
      username: 'dr.ahmadi',
      displayName: 'دکتر احمدی',
      role: 'doctor',
    });
    expect(() => capture.pause(other.actor, recording.id)).toThrow(
      expect.objectContaining({ messageKey: 'recording.notYours' }),
    );
    expect(() => capture.stop(staff, recording.id)).toThrow(AppError);
    expect(() => capture.reattach(staff, recording.id)).toThrow(AppError);
    expect(capture.attach('no-such-ticket')).toBeNull();
    capture.stop(doctor, recording.id);
    expect(() => capture.pause(doctor, recording.id)).toThrow(
      expect.objectContaining({ messageKey: 'recording.notLive' }),
    );
  });
});
