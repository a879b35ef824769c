import type { Client } from '../../../electron/shared/contract/client';
import { CAPTURE_SAMPLE_RATE } from '../../../electron/shared/recording';
import type { OpenAudio } from '../../api/client';
import {
  CaptureController,
  MicrophoneError,
  type CaptureSnapshot,
  type OpenFailure,
} from '../../audio/capture-controller';

/** The recording this window is feeding. */
export interface ActiveRecording {
  readonly recordingId: string;
  readonly encounterId: string;
  readonly patientName: string;
  readonly paused: boolean;
  /** Audio the core already had when this window's stream was attached. */
  readonly baselineMs: number;
  /** When the stream was attached (Date.now()): older status answers say nothing about it. */
  readonly attachedAt: number;
}

export interface CaptureSessionState {
  /** The visit whose consultation screen opened the microphone. */
  readonly encounterId: string | null;
  readonly capture: CaptureSnapshot | null;
  readonly recording: ActiveRecording | null;
  readonly micError: OpenFailure | null;
}

const IDLE: CaptureSessionState = {
  encounterId: null,
  capture: null,
  recording: null,
  micError: null,
};

/** How long pause/stop wait for the core to have every frame sent before they go ahead. */
const DRAIN_TIMEOUT_MS = 3_000;
const DRAIN_POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The window's one microphone and the recording it feeds. It lives outside React on purpose: the
 * doctor may look at another screen (or the session may lock) while the consultation is being
 * recorded, and the recording must go on — so it is not tied to the consultation screen's life.
 * The screen and the "recording" banner subscribe to it (useSyncExternalStore).
 *
 * Pause and stop are ordered end to end: the worklet hands over every sample it holds, then we
 * wait until the core reports it has them all (`capturedMs`) and only then ask it to pause or
 * stop — frames that reached a paused recording would be dropped.
 */
class CaptureSession {
  private state: CaptureSessionState = IDLE;
  private controller: CaptureController | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CaptureSessionState => this.state;

  private set(next: Partial<CaptureSessionState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  /** True while a recording of another visit runs in this window. */
  busyElsewhere(encounterId: string): boolean {
    return this.state.recording !== null && this.state.recording.encounterId !== encounterId;
  }

  /** Opens (or switches) the microphone for a visit's consultation screen; the meter runs. */
  async openMicrophone(encounterId: string, deviceId: string | null): Promise<void> {
    if (this.busyElsewhere(encounterId)) return;
    if (this.state.encounterId !== encounterId && !this.state.recording) await this.release();
    if (!this.controller) {
      const controller = new CaptureController();
      this.controller = controller;
      this.unsubscribe = controller.subscribe((capture) => this.set({ capture }));
    }
    this.set({ encounterId, micError: null });
    try {
      await this.controller.open(deviceId);
    } catch (error) {
      this.set({ micError: error instanceof MicrophoneError ? error.reason : 'failed' });
    }
  }

  /** The consultation screen went away: the microphone closes unless a recording runs. */
  async releaseIfIdle(encounterId: string): Promise<void> {
    if (this.state.encounterId === encounterId && !this.state.recording) await this.release();
  }

  private async release(): Promise<void> {
    const controller = this.controller;
    this.controller = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.state = IDLE;
    for (const listener of this.listeners) listener();
    await controller?.close();
  }

  /** Signed out: everything stops (the core closes the recording with the session). */
  async reset(): Promise<void> {
    await this.release();
  }

  async start(
    client: Client,
    openAudio: OpenAudio,
    visit: { encounterId: string; patientName: string },
  ): Promise<void> {
    const controller = this.requireController();
    const started = await client.recording.start({ encounterId: visit.encounterId });
    await this.feed(controller, openAudio, started.stream.ticket, {
      recordingId: started.recording.id,
      encounterId: visit.encounterId,
      patientName: visit.patientName,
      paused: false,
      baselineMs: 0,
      attachedAt: Date.now(),
    });
  }

  /**
   * Feeds a recording that already exists: one still live in the core after this window was
   * reloaded (or its stream was cut), or an interrupted one the doctor chose to resume.
   */
  async attach(
    client: Client,
    openAudio: OpenAudio,
    visit: { recordingId: string; encounterId: string; patientName: string },
    how: 'reattach' | 'continue',
  ): Promise<void> {
    const controller = this.requireController();
    const ticket =
      how === 'continue'
        ? (await client.recording.continue({ id: visit.recordingId })).stream.ticket
        : (await client.recording.stream({ id: visit.recordingId })).ticket;
    const status = await client.recording.status({ id: visit.recordingId });
    await this.feed(controller, openAudio, ticket, {
      ...visit,
      paused: status.recording.state === 'paused',
      baselineMs: status.capturedMs,
      attachedAt: Date.now(),
    });
  }

  private async feed(
    controller: CaptureController,
    openAudio: OpenAudio,
    ticket: string,
    recording: ActiveRecording,
  ): Promise<void> {
    const sender = openAudio(ticket);
    this.set({ recording });
    await controller.attach(sender, { paused: recording.paused });
  }

  async pause(client: Client): Promise<void> {
    const { controller, recording } = this.requireRecording();
    await controller.pause();
    await this.drained(client, controller, recording);
    try {
      await client.recording.pause({ id: recording.recordingId });
    } catch (error) {
      await controller.resume();
      throw error;
    }
    this.set({ recording: { ...recording, paused: true } });
  }

  async resume(client: Client): Promise<void> {
    const { controller, recording } = this.requireRecording();
    await client.recording.resume({ id: recording.recordingId });
    await controller.resume();
    this.set({ recording: { ...recording, paused: false } });
  }

  async stop(client: Client): Promise<void> {
    const { controller, recording } = this.requireRecording();
    await controller.pause();
    await this.drained(client, controller, recording);
    await client.recording.stop({ id: recording.recordingId });
    await controller.detach();
    this.set({ recording: null });
  }

  /** The core ended the recording on its own (a write error): stop feeding it. */
  async ended(recordingId: string): Promise<void> {
    if (this.state.recording?.recordingId !== recordingId) return;
    await this.controller?.detach();
    this.set({ recording: null });
  }

  /** Waits (bounded) until the core has every sample this window sent. */
  private async drained(
    client: Client,
    controller: CaptureController,
    recording: ActiveRecording,
  ): Promise<void> {
    const sentMs = (controller.snapshot().sentSamples * 1000) / CAPTURE_SAMPLE_RATE;
    const target = Math.floor(recording.baselineMs + sentMs) - 1;
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    while (performance.now() < deadline) {
      try {
        const status = await client.recording.status({ id: recording.recordingId });
        if (!status.live || status.capturedMs >= target) return;
      } catch {
        return;
      }
      await sleep(DRAIN_POLL_MS);
    }
  }

  private requireController(): CaptureController {
    if (!this.controller) throw new Error('the microphone is not open');
    return this.controller;
  }

  private requireRecording(): { controller: CaptureController; recording: ActiveRecording } {
    const recording = this.state.recording;
    if (!this.controller || !recording) throw new Error('no recording in this window');
    return { controller: this.controller, recording };
  }
}

export const captureSession = new CaptureSession();

/** Recorded time as this window knows it: what the core had, plus what was sent since. */
export function liveElapsedMs(state: CaptureSessionState): number | null {
  if (!state.recording || !state.capture) return null;
  return state.recording.baselineMs + (state.capture.sentSamples * 1000) / CAPTURE_SAMPLE_RATE;
}
