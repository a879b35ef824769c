import type { AudioSender } from '../../electron/shared/contract/client';
import { CAPTURE_SAMPLE_RATE } from '../../electron/shared/recording';
import captureWorkletUrl from './capture-worklet.ts?worker&url';
import { FLOOR_DB, SilenceWatch, type Level } from './levels';
import {
  CAPTURE_PROCESSOR,
  type WorkletCommand,
  type WorkletMessage,
  type WorkletOptions,
} from './worklet-messages';

/** 100 ms frames: small enough that a crash loses little, large enough to cost nothing. */
export const FRAME_SAMPLES = CAPTURE_SAMPLE_RATE / 10;

export interface Microphone {
  readonly deviceId: string;
  readonly label: string;
}

/**
 * silence: nothing above −55 dBFS for 10 s; disconnected: the device went away; muted: the
 * system muted it; clipping: too loud; fallback: the chosen microphone is not there, the
 * system default is used instead (until the chosen one comes back).
 */
export type CaptureWarning = 'silence' | 'disconnected' | 'muted' | 'clipping' | 'fallback';

export interface CaptureSnapshot {
  /** The microphone is open (the meter runs). */
  readonly open: boolean;
  /** The device actually in use. */
  readonly deviceId: string | null;
  readonly level: Level;
  /** Frames go to the core (attached and not paused). */
  readonly sending: boolean;
  /** Audio handed to the current sender, in samples at 16 kHz. */
  readonly sentSamples: number;
  readonly warnings: ReadonlySet<CaptureWarning>;
  /** The audio stream to the core ended without close(): the recording gets no audio. */
  readonly streamClosed: string | null;
}

/**
 * Why the microphone could not be opened, as the screen explains it: permission refused, no
 * microphone, the chosen one in use or gone, or something else.
 */
export type OpenFailure = 'denied' | 'none' | 'busy' | 'failed';

export class MicrophoneError extends Error {
  readonly reason: OpenFailure;

  constructor(reason: OpenFailure, cause: unknown) {
    super(`microphone: ${reason}`, { cause });
    this.name = 'MicrophoneError';
    this.reason = reason;
  }
}

function failureOf(error: unknown): OpenFailure {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * What we ask the browser for. Echo cancellation, noise suppression and automatic gain control
 * are all off, on purpose: they are tuned for calls, not for a record. Echo cancellation and
 * noise suppression remove or smear quiet speech, a cough, breath sounds and the patient's
 * voice further from the microphone; automatic gain pumps the level up in pauses and down when
 * someone speaks, so loudness no longer means anything and the room's noise swells between
 * sentences. A consulting room has no loudspeaker to echo (we play nothing while recording), the
 * speech engine copes with steady room noise far better than with processing artefacts, and what
 * is stored is what was said. The price: the level depends on the microphone and its distance —
 * which is why the level meter and the silence warning exist. Mono, the device's own rate.
 */
export function microphoneConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    channelCount: { ideal: 1 },
    echoCancellation: false,
    noiseSuppression: false,
    autoGainControl: false,
  };
}

/** The microphones the browser knows; names are empty until the microphone was allowed once. */
export async function listMicrophones(
  devices: MediaDevices = navigator.mediaDevices,
): Promise<Microphone[]> {
  const all = await devices.enumerateDevices();
  return all
    .filter((device) => device.kind === 'audioinput' && device.deviceId !== '')
    .map((device) => ({ deviceId: device.deviceId, label: device.label }));
}

const SILENT_LEVEL: Level = { rmsDb: FLOOR_DB, peakDb: FLOOR_DB };
/** A frame with this many samples at full scale counts as clipping (distorted, too loud). */
const CLIPPING_SAMPLES = 4;
/** How long the clipping warning stays after the last clipped frame. */
const CLIPPING_HOLD_MS = 2_000;

/**
 * Owns the microphone: getUserMedia (processing off), an AudioContext at the microphone's own
 * rate, the capture worklet (mono, resampled to 16 kHz, 16-bit, 100 ms frames) and the audio
 * stream to the core. Opening the microphone starts the meter only; audio goes to the core
 * once a sender is attached, and stops going while paused. It watches for silence, a muted or
 * unplugged device (track `ended`, `mute`, `devicechange`) and reopens the chosen device by
 * itself when it comes back.
 *
 * Nothing is lost on pause or end: the worklet sends what it holds before it acknowledges, and
 * the port keeps order, so every frame reaches the sender before pause()/end() resolve.
 */
export class CaptureController {
  private readonly devices: MediaDevices;
  private readonly listeners = new Set<(snapshot: CaptureSnapshot) => void>();
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;
  private node: AudioWorkletNode | null = null;
  private sender: AudioSender | null = null;
  private wantedDevice: string | null = null;
  private deviceId: string | null = null;
  private paused = true;
  private sentSamples = 0;
  private level: Level = SILENT_LEVEL;
  private readonly warnings = new Set<CaptureWarning>();
  private streamClosed: string | null = null;
  private readonly silence = new SilenceWatch();
  private clippedUntil = 0;
  private nextCommand = 1;
  private readonly waiting = new Map<number, () => void>();
  private opening: Promise<void> | null = null;
  private disposed = false;
  private readonly onDeviceChange = () => void this.checkDevice();

  constructor(devices: MediaDevices = navigator.mediaDevices) {
    this.devices = devices;
    this.devices.addEventListener('devicechange', this.onDeviceChange);
  }

  subscribe(listener: (snapshot: CaptureSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  snapshot(): CaptureSnapshot {
    return {
      open: this.node !== null,
      deviceId: this.deviceId,
      level: this.level,
      sending: this.sender !== null && !this.paused,
      sentSamples: this.sentSamples,
      warnings: new Set(this.warnings),
      streamClosed: this.streamClosed,
    };
  }

  private emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  /**
   * Opens (or switches to) a microphone; null is the system default. While a recording is
   * attached the switch is seamless for the core: frames simply come from the new device.
   */
  open(deviceId: string | null): Promise<void> {
    this.wantedDevice = deviceId;
    // One opening at a time, in order; `opening` (settled either way) is what the next waits for.
    const previous = this.opening ?? Promise.resolve();
    const result = previous.then(() => this.openNow(deviceId));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.opening = settled;
    void settled.then(() => {
      if (this.opening === settled) this.opening = null;
    });
    return result;
  }

  private async openNow(deviceId: string | null): Promise<void> {
    if (this.disposed) return;
    const ask = async (id: string | null) => {
      try {
        return await this.devices.getUserMedia({ audio: microphoneConstraints(id) });
      } catch (error) {
        throw new MicrophoneError(failureOf(error), error);
      }
    };
    let stream: MediaStream;
    let fellBack = false;
    try {
      stream = await ask(deviceId);
    } catch (error) {
      // The chosen microphone is not there (unplugged, or an id from another machine): rather
      // than no recording at all, the system default — and the doctor is told.
      if (!deviceId || !(error instanceof MicrophoneError) || error.reason !== 'none') throw error;
      stream = await ask(null);
      fellBack = true;
    }
    const [track] = stream.getAudioTracks();
    if (!track) {
      for (const t of stream.getTracks()) t.stop();
      throw new MicrophoneError('none', new Error('no audio track'));
    }
    const rate = track.getSettings().sampleRate;
    // The context runs at the microphone's rate, so the browser does not resample before we do.
    let context: AudioContext;
    try {
      context = new AudioContext(rate ? { sampleRate: rate } : {});
    } catch {
      context = new AudioContext();
    }
    try {
      await context.audioWorklet.addModule(captureWorkletUrl);
      const options: WorkletOptions = {
        frameSamples: FRAME_SAMPLES,
        outputRate: CAPTURE_SAMPLE_RATE,
        // Paused until the previous input (if any) has sent its last frame: never interleaved.
        startPaused: true,
      };
      const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
        numberOfInputs: 1,
        numberOfOutputs: 0,
        channelCountMode: 'explicit',
        channelCount: Math.max(1, track.getSettings().channelCount ?? 1),
        processorOptions: options,
      });
      node.port.onmessage = (event: MessageEvent<WorkletMessage>) => this.received(event.data);
      context.createMediaStreamSource(stream).connect(node);
      if (context.state === 'suspended') await context.resume();
      if (this.disposed) throw new Error('closed while opening');
      // The old input goes only once the new one runs: a switch loses at most a render quantum.
      const old = this.releaseInput();
      this.stream = stream;
      this.context = context;
      this.node = node;
      this.deviceId = track.getSettings().deviceId ?? deviceId;
      track.addEventListener('ended', () => this.trackEnded(track));
      track.addEventListener('mute', () => this.setWarning('muted', true));
      track.addEventListener('unmute', () => this.setWarning('muted', false));
      this.setWarning('muted', track.muted);
      this.setWarning('disconnected', false);
      this.setWarning('fallback', fellBack);
      this.silence.reset();
      this.warnings.delete('silence');
      await old;
      if (this.sender && !this.paused) {
        await this.command(node, { type: 'resume', id: this.nextCommand++ });
      }
      this.emit();
    } catch (error) {
      for (const t of stream.getTracks()) t.stop();
      void context.close().catch(() => undefined);
      throw error instanceof MicrophoneError ? error : new MicrophoneError('failed', error);
    }
  }

  /** Stops the current input (tracks, context); resolves when the old worklet has ended. */
  private async releaseInput(): Promise<void> {
    const { node, context, stream } = this;
    this.node = null;
    this.context = null;
    this.stream = null;
    if (node) {
      // The samples the old worklet still holds belong to the recording: end it cleanly first.
      await this.command(node, { type: 'end', id: this.nextCommand++ }, 1_000);
      node.port.onmessage = null;
      node.disconnect();
    }
    for (const track of stream?.getTracks() ?? []) track.stop();
    await context?.close().catch(() => undefined);
  }

  private trackEnded(track: MediaStreamTrack): void {
    if (this.stream?.getAudioTracks()[0] !== track) return;
    this.setWarning('disconnected', true);
    this.level = SILENT_LEVEL;
    this.emit();
  }

  /** On any device change: is our microphone gone, or back after it went? */
  private async checkDevice(): Promise<void> {
    if (this.disposed || !this.deviceId) return;
    let microphones: Microphone[];
    try {
      microphones = await listMicrophones(this.devices);
    } catch {
      return;
    }
    const present = microphones.some((mic) => mic.deviceId === this.deviceId);
    const track = this.stream?.getAudioTracks()[0];
    const ended = !track || track.readyState === 'ended';
    if (!present || ended) this.setWarning('disconnected', true);
    if (this.opening) return;
    const wanted = this.wantedDevice;
    if (this.warnings.has('fallback') && wanted && microphones.some((m) => m.deviceId === wanted)) {
      // The chosen microphone was plugged in: switch to it (the recording goes on with it).
      await this.open(wanted).catch(() => undefined);
    } else if (present && ended) {
      // Plugged back in: take it again.
      await this.open(wanted ?? this.deviceId).catch(() => undefined);
    }
  }

  private setWarning(warning: CaptureWarning, on: boolean): void {
    const had = this.warnings.has(warning);
    if (on) this.warnings.add(warning);
    else this.warnings.delete(warning);
    if (had !== on) this.emit();
  }

  private received(message: WorkletMessage): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'frame':
        if (this.sender && !this.paused) {
          this.sender.send(new Int16Array(message.pcm));
          this.sentSamples += message.pcm.byteLength / 2;
        }
        this.measured(message, message.clipped);
        return;
      case 'level':
        this.measured(message, 0);
        return;
      case 'paused':
      case 'resumed':
      case 'ended':
        this.waiting.get(message.id)?.();
        this.waiting.delete(message.id);
        return;
    }
  }

  private measured(level: Level & { durationMs: number }, clipped: number): void {
    this.level = { rmsDb: level.rmsDb, peakDb: level.peakDb };
    const now = performance.now();
    if (clipped >= CLIPPING_SAMPLES) this.clippedUntil = now + CLIPPING_HOLD_MS;
    if (this.warnings.has('clipping') !== now < this.clippedUntil) {
      if (now < this.clippedUntil) this.warnings.add('clipping');
      else this.warnings.delete('clipping');
    }
    const silent = this.silence.update(level.peakDb, level.durationMs);
    if (silent) this.warnings.add('silence');
    else this.warnings.delete('silence');
    this.emit();
  }

  private command(node: AudioWorkletNode, command: WorkletCommand, timeoutMs = 2_000) {
    return new Promise<void>((resolve) => {
      // A worklet that no longer runs (context closed, device gone) never answers.
      const timer = setTimeout(() => {
        this.waiting.delete(command.id);
        resolve();
      }, timeoutMs);
      this.waiting.set(command.id, () => {
        clearTimeout(timer);
        resolve();
      });
      node.port.postMessage(command);
    });
  }

  /**
   * Starts sending frames to the core through this recording's stream (or, `paused`, only
   * holds it: frames flow after resume()).
   */
  async attach(sender: AudioSender, options: { paused?: boolean } = {}): Promise<void> {
    const previous = this.sender;
    if (previous && previous !== sender) {
      // A new stream for the same recording (after the old one was cut): the old one is done.
      await this.pause();
      previous.close();
    }
    this.sender = sender;
    this.sentSamples = 0;
    this.streamClosed = null;
    sender.onClosed((reason) => {
      if (this.sender !== sender) return;
      this.streamClosed = reason;
      this.emit();
    });
    if (options.paused) await this.pause();
    else await this.resume();
  }

  /** Stops sending; resolves once every frame captured until now has gone to the sender. */
  async pause(): Promise<void> {
    if (this.node) await this.command(this.node, { type: 'pause', id: this.nextCommand++ });
    this.paused = true;
    this.emit();
  }

  async resume(): Promise<void> {
    this.paused = false;
    if (this.node) await this.command(this.node, { type: 'resume', id: this.nextCommand++ });
    this.emit();
  }

  /**
   * The end of the recording's audio: the last frames are sent and the stream is closed. The
   * microphone stays open (the meter runs) until close().
   */
  async detach(): Promise<void> {
    await this.pause();
    const sender = this.sender;
    this.sender = null;
    sender?.close();
    this.emit();
  }

  /** Releases the microphone and the stream; the controller cannot be used again. */
  async close(): Promise<void> {
    if (this.disposed) return;
    this.devices.removeEventListener('devicechange', this.onDeviceChange);
    await this.opening?.catch(() => undefined);
    if (this.sender) await this.detach();
    this.disposed = true;
    await this.releaseInput();
    this.listeners.clear();
  }
}
