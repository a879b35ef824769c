/** What the capture worklet and the page say to each other over the worklet node's port. */

export const CAPTURE_PROCESSOR = 'helssa-capture';

export interface WorkletOptions {
  /** Samples per frame at the output rate (1600 = 100 ms at 16 kHz). */
  readonly frameSamples: number;
  readonly outputRate: number;
  readonly startPaused?: boolean;
}

export type WorkletCommand =
  | { readonly type: 'pause'; readonly id: number }
  | { readonly type: 'resume'; readonly id: number }
  /** The last samples (resampler tail included) go out as a final frame; nothing after it. */
  | { readonly type: 'end'; readonly id: number };

export type WorkletMessage =
  | { readonly type: 'ready'; readonly inputRate: number; readonly halfTaps: number }
  | {
      readonly type: 'frame';
      /** Int16 samples, little endian, at the output rate. */
      readonly pcm: ArrayBuffer;
      readonly rmsDb: number;
      readonly peakDb: number;
      readonly durationMs: number;
      /** Samples that hit full scale. */
      readonly clipped: number;
    }
  /** While paused: the level only. */
  | {
      readonly type: 'level';
      readonly rmsDb: number;
      readonly peakDb: number;
      readonly durationMs: number;
    }
  | { readonly type: 'paused' | 'resumed' | 'ended'; readonly id: number };
