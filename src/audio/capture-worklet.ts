/**
 * The capture AudioWorklet: runs on the audio rendering thread, so a busy page never drops
 * microphone audio. Each 128-sample render quantum is mixed to mono, resampled to 16 kHz
 * (windowed-sinc low-pass, see resampler.ts), converted to 16-bit and cut into frames of
 * `frameSamples` (100 ms); each frame goes to the page with its level, its buffer transferred,
 * not copied. Paused, it goes on measuring the level (the meter shows the microphone is alive)
 * but sends no audio.
 *
 * Loaded with `audioWorklet.addModule()` from its own bundled file (Vite's `?worker&url`); it
 * imports only pure modules, never the DOM.
 */
import { levelOf } from './levels';
import { floatToInt16, StreamingResampler } from './resampler';
import {
  CAPTURE_PROCESSOR,
  type WorkletCommand,
  type WorkletMessage,
  type WorkletOptions,
} from './worklet-messages';

// The AudioWorkletGlobalScope is not in TypeScript's DOM library.
declare const sampleRate: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly frameSamples: number;
  private readonly resampler: StreamingResampler;
  private readonly frameFloat: Float32Array;
  private frameLength = 0;
  private mono = new Float32Array(128);
  private paused: boolean;
  private ended = false;

  constructor(options: { processorOptions?: WorkletOptions }) {
    super(options);
    const settings = options.processorOptions ?? { frameSamples: 1600, outputRate: 16_000 };
    this.frameSamples = settings.frameSamples;
    this.paused = settings.startPaused ?? false;
    this.resampler = new StreamingResampler({
      inputRate: sampleRate,
      outputRate: settings.outputRate,
    });
    this.frameFloat = new Float32Array(this.frameSamples);
    this.port.onmessage = (event: MessageEvent<WorkletCommand>) => this.command(event.data);
    this.post({ type: 'ready', inputRate: sampleRate, halfTaps: this.resampler.halfTaps });
  }

  private post(message: WorkletMessage, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }

  private command(command: WorkletCommand): void {
    switch (command.type) {
      case 'pause':
        // Whatever was said up to now is sent before the page learns the pause took effect.
        this.emitFrame();
        this.paused = true;
        this.post({ type: 'paused', id: command.id });
        break;
      case 'resume':
        this.frameLength = 0;
        this.paused = false;
        this.post({ type: 'resumed', id: command.id });
        break;
      case 'end':
        if (!this.ended) {
          this.append(this.resampler.flush());
          this.emitFrame();
          this.ended = true;
        }
        this.post({ type: 'ended', id: command.id });
        break;
    }
  }

  /** Sends the samples collected so far (if any) as one frame, or only the level when paused. */
  private emitFrame(): void {
    if (this.frameLength === 0) return;
    const level = levelOf(this.frameFloat, 0, this.frameLength);
    const durationMs = (this.frameLength * 1000) / this.resampler.outputRate;
    if (this.paused || this.ended) {
      this.post({ type: 'level', ...level, durationMs });
    } else {
      const pcm = new Int16Array(this.frameLength);
      const clipped = floatToInt16(this.frameFloat.subarray(0, this.frameLength), pcm);
      this.post({ type: 'frame', pcm: pcm.buffer, ...level, durationMs, clipped }, [pcm.buffer]);
    }
    this.frameLength = 0;
  }

  private append(samples: Float32Array): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(samples.length - offset, this.frameSamples - this.frameLength);
      this.frameFloat.set(samples.subarray(offset, offset + take), this.frameLength);
      this.frameLength += take;
      offset += take;
      if (this.frameLength === this.frameSamples) this.emitFrame();
    }
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.ended) return false;
    const channels = inputs[0];
    // No input connected (or the track ended): nothing to do this quantum.
    if (!channels || channels.length === 0) return true;
    const length = channels[0]!.length;
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    if (channels.length === 1) {
      this.mono.set(channels[0]!);
    } else {
      this.mono.fill(0);
      for (const channel of channels) {
        for (let i = 0; i < length; i += 1) this.mono[i]! += channel[i]!;
      }
      const scale = 1 / channels.length;
      for (let i = 0; i < length; i += 1) this.mono[i]! *= scale;
    }
    this.append(this.resampler.process(this.mono));
    return true;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
