// The built-in voice-activity detector: frame energy against an adaptive noise floor. Used when no
// Silero VAD model is installed, to skip the silence of a chunk before whisper sees it.
//
// How it decides, for 16 kHz mono PCM (Float32 in [-1, 1] or Int16):
//  1. A 2nd-order Butterworth high-pass (default 100 Hz) removes DC offset and most mains hum.
//  2. The signal is cut into frames (default 30 ms) and each frame's mean power is taken in dBFS
//     (a full-scale sine is -3 dBFS, digital silence -120).
//  3. The noise floor is a low percentile (default the 10th) of the frame levels in a window
//     around each frame (default 10 s, re-estimated every second), so it follows a fan switching on
//     and ignores the speech itself. It is capped (default -40 dBFS): a chunk that is loud from
//     end to end (continuous speech) then counts as voiced instead of as "noise".
//  4. A frame is voiced when it is above the floor by a margin (default 10 dB) and above an
//     absolute floor (default -60 dBFS), so digital silence and very low noise are never speech.
//  5. Runs of voiced frames separated by less than minSilenceMs (300) are merged, runs shorter than
//     minSpeechMs (100) are dropped as blips, and each region is padded (250 ms before and after)
//     so word onsets and tails are kept. Padded regions that touch are merged.
//
// Limitation: it measures energy, not speech. A tone, music, a cough or a door slam that stands out
// of the background is "voiced"; steady noise (fan, hum, hiss) is not, whatever its level below the
// cap. Whisper then sees that audio and (usually) writes nothing for it; the cost is only time.
//
// Deterministic (same input, same regions) and allocation-light: one Float64Array of frame levels.
// Plain TypeScript; nothing here may import Electron.

export interface EnergyVadOptions {
  /** Default 16 000 (whisper's rate). */
  sampleRate?: number;
  /** Analysis frame. Default 30 ms. */
  frameMs?: number;
  /** High-pass cut-off before measuring energy (DC, hum, rumble); 0 turns it off. Default 100 Hz. */
  highPassHz?: number;
  /** How far above the noise floor a frame must be to be voiced. Default 10 dB. */
  thresholdDb?: number;
  /** Frames below this level are never voiced, whatever the floor. Default -60 dBFS. */
  absoluteThresholdDb?: number;
  /** The noise floor is this percentile (0..100) of the frame levels around a frame. Default 10. */
  noisePercentile?: number;
  /**
   * The window the percentile is taken over. Default 10 000 ms. Longer: speech never lifts the
   * floor; shorter: a rise of the background (a fan switching on) stops counting as voiced sooner
   * (it counts for up to half the window).
   */
  noiseWindowMs?: number;
  /** The floor never rises above this level (so loud, steady sound counts as voiced). Default -40 dBFS. */
  maxNoiseFloorDb?: number;
  /** Voiced runs separated by a gap shorter than this are merged. Default 300 ms. */
  minSilenceMs?: number;
  /** Voiced runs shorter than this (after merging) are dropped. Default 100 ms. */
  minSpeechMs?: number;
  /** Kept before each region (word onsets). Default 250 ms. */
  padStartMs?: number;
  /** Kept after each region (word tails). Default 250 ms. */
  padEndMs?: number;
}

export const ENERGY_VAD_DEFAULTS: Readonly<Required<EnergyVadOptions>> = Object.freeze({
  sampleRate: 16_000,
  frameMs: 30,
  highPassHz: 100,
  thresholdDb: 10,
  absoluteThresholdDb: -60,
  noisePercentile: 10,
  noiseWindowMs: 10_000,
  maxNoiseFloorDb: -40,
  minSilenceMs: 300,
  minSpeechMs: 100,
  padStartMs: 250,
  padEndMs: 250,
});

/** A voiced stretch, in samples: [start, end). */
export interface VadRegion {
  start: number;
  end: number;
}

export interface EnergyVadResult {
  /** Sorted, non-overlapping, within [0, totalSamples). Empty: no speech. */
  regions: VadRegion[];
  /** Samples inside the regions. */
  voicedSamples: number;
  totalSamples: number;
  sampleRate: number;
  /** The median of the noise-floor estimates, in dBFS (for logs and tuning). */
  noiseFloorDb: number;
}

/** The level of digital silence (power 1e-12). */
const SILENCE_DB = -120;

function resolveOptions(options: EnergyVadOptions): Required<EnergyVadOptions> {
  const resolved = { ...ENERGY_VAD_DEFAULTS };
  for (const [key, value] of Object.entries(options) as [keyof EnergyVadOptions, unknown][]) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`energy VAD: ${key} must be a finite number`);
    }
    resolved[key] = value;
  }
  const positive = ['sampleRate', 'frameMs', 'noiseWindowMs'] as const;
  for (const key of positive) {
    if (resolved[key] <= 0) throw new RangeError(`energy VAD: ${key} must be positive`);
  }
  const nonNegative = [
    'highPassHz',
    'thresholdDb',
    'minSilenceMs',
    'minSpeechMs',
    'padStartMs',
    'padEndMs',
  ] as const;
  for (const key of nonNegative) {
    if (resolved[key] < 0) throw new RangeError(`energy VAD: ${key} must not be negative`);
  }
  if (resolved.noisePercentile < 0 || resolved.noisePercentile > 100) {
    throw new RangeError('energy VAD: noisePercentile must be within 0..100');
  }
  if (resolved.highPassHz >= resolved.sampleRate / 2) {
    throw new RangeError('energy VAD: highPassHz must be below half the sample rate');
  }
  return resolved;
}

/** Per-frame mean power in dBFS, after the high-pass filter. */
function frameLevels(
  pcm: Float32Array | Int16Array,
  frameLength: number,
  sampleRate: number,
  highPassHz: number,
): Float64Array {
  const scale = pcm instanceof Int16Array ? 1 / 32768 : 1;
  const frames = Math.ceil(pcm.length / frameLength);
  const levels = new Float64Array(frames);
  // RBJ cookbook high-pass, Q = 1/sqrt(2) (Butterworth); direct form I in doubles.
  let b0 = 1;
  let b1 = 0;
  let b2 = 0;
  let a1 = 0;
  let a2 = 0;
  if (highPassHz > 0) {
    const w0 = (2 * Math.PI * highPassHz) / sampleRate;
    const cos = Math.cos(w0);
    const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
    const a0 = 1 + alpha;
    b0 = (1 + cos) / 2 / a0;
    b1 = -(1 + cos) / a0;
    b2 = (1 + cos) / 2 / a0;
    a1 = (-2 * cos) / a0;
    a2 = (1 - alpha) / a0;
  }
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let frame = 0; frame < frames; frame++) {
    const start = frame * frameLength;
    const end = Math.min(start + frameLength, pcm.length);
    let power = 0;
    for (let i = start; i < end; i++) {
      const x = (pcm[i] as number) * scale;
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      power += y * y;
    }
    levels[frame] = Math.max(SILENCE_DB, 10 * Math.log10(power / (end - start) + 1e-12));
  }
  return levels;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return SILENCE_DB;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  const lowValue = sorted[low] as number;
  return lowValue + (rank - low) * ((sorted[high] as number) - lowValue);
}

/**
 * Noise floor per block of frames: the percentile of the levels in a window centred on the block
 * (shifted inward at the ends so it keeps its full length when the audio is long enough).
 */
function noiseFloors(
  levels: Float64Array,
  windowFrames: number,
  blockFrames: number,
  p: number,
): Float64Array {
  const blocks = Math.max(1, Math.ceil(levels.length / blockFrames));
  const floors = new Float64Array(blocks);
  const length = Math.min(levels.length, windowFrames);
  for (let block = 0; block < blocks; block++) {
    const centre = Math.min(levels.length, block * blockFrames + blockFrames / 2);
    let start = Math.round(centre - length / 2);
    start = Math.max(0, Math.min(start, levels.length - length));
    const window = levels.slice(start, start + length).sort();
    floors[block] = percentile(window, p);
  }
  return floors;
}

/** Finds the voiced regions of 16 kHz mono PCM. Deterministic; never throws on content. */
export function detectSpeech(
  pcm: Float32Array | Int16Array,
  options: EnergyVadOptions = {},
): EnergyVadResult {
  const o = resolveOptions(options);
  const { sampleRate } = o;
  const totalSamples = pcm.length;
  const frameLength = Math.max(1, Math.round((o.frameMs * sampleRate) / 1000));
  const empty: EnergyVadResult = {
    regions: [],
    voicedSamples: 0,
    totalSamples,
    sampleRate,
    noiseFloorDb: SILENCE_DB,
  };
  if (totalSamples === 0) return empty;

  const levels = frameLevels(pcm, frameLength, sampleRate, o.highPassHz);
  // The floor is re-estimated about once a second.
  const blockFrames = Math.max(1, Math.round(sampleRate / frameLength));
  const windowFrames = Math.max(1, Math.round((o.noiseWindowMs * sampleRate) / 1000 / frameLength));
  const floors = noiseFloors(levels, windowFrames, blockFrames, o.noisePercentile);
  const medianFloor = percentile(floors.slice().sort(), 50);

  // Voiced frames → runs, in samples.
  const runs: VadRegion[] = [];
  let runStart = -1;
  for (let frame = 0; frame <= levels.length; frame++) {
    let voiced = false;
    if (frame < levels.length) {
      const floor = Math.min(floors[Math.floor(frame / blockFrames)] as number, o.maxNoiseFloorDb);
      const threshold = Math.max(floor + o.thresholdDb, o.absoluteThresholdDb);
      voiced = (levels[frame] as number) > threshold;
    }
    if (voiced && runStart < 0) runStart = frame;
    if (!voiced && runStart >= 0) {
      runs.push({
        start: runStart * frameLength,
        end: Math.min(totalSamples, frame * frameLength),
      });
      runStart = -1;
    }
  }

  const toSamples = (ms: number) => Math.round((ms * sampleRate) / 1000);
  const minSilence = toSamples(o.minSilenceMs);
  const minSpeech = toSamples(o.minSpeechMs);
  const padStart = toSamples(o.padStartMs);
  const padEnd = toSamples(o.padEndMs);

  // Merge short gaps, then drop blips.
  const merged: VadRegion[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && run.start - last.end < minSilence) last.end = run.end;
    else merged.push({ ...run });
  }
  const kept = merged.filter((region) => region.end - region.start >= minSpeech);

  // Pad, clamp, and merge what now touches.
  const regions: VadRegion[] = [];
  for (const region of kept) {
    const start = Math.max(0, region.start - padStart);
    const end = Math.min(totalSamples, region.end + padEnd);
    const last = regions[regions.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  }
  const voicedSamples = regions.reduce((sum, region) => sum + region.end - region.start, 0);
  return { regions, voicedSamples, totalSamples, sampleRate, noiseFloorDb: medianFloor };
}
