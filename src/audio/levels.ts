/**
 * Levels of captured audio, in dBFS (0 dB is full scale, a sine at full scale reads −3 dB RMS),
 * and the silence watch. Pure TypeScript: used in the AudioWorklet and tested under Node.
 */

/** The floor shown for digital silence. */
export const FLOOR_DB = -100;

export interface Level {
  readonly rmsDb: number;
  readonly peakDb: number;
}

function toDb(amplitude: number): number {
  return amplitude > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(amplitude)) : FLOOR_DB;
}

/** RMS and peak of a block of float samples (−1…1). */
export function levelOf(samples: ArrayLike<number>, start = 0, end = samples.length): Level {
  let sumSquares = 0;
  let peak = 0;
  for (let i = start; i < end; i += 1) {
    const value = samples[i]!;
    sumSquares += value * value;
    const magnitude = Math.abs(value);
    if (magnitude > peak) peak = magnitude;
  }
  const count = end - start;
  return {
    rmsDb: count > 0 ? toDb(Math.sqrt(sumSquares / count)) : FLOOR_DB,
    peakDb: toDb(peak),
  };
}

/**
 * A working microphone in a consulting room always picks something up (voices, the room's own
 * noise, a chair), well above −55 dBFS at its peaks; a muted, dead or unplugged one delivers
 * digital silence or a steady hiss far below. So: no frame peaking above −55 dBFS for ten
 * seconds means "we are probably recording nothing", and the doctor is told while there is
 * still time to fix it. Peaks (not RMS) keep quiet, pausing speech from raising the warning.
 */
export const SILENCE_THRESHOLD_DB = -55;
export const SILENCE_WARNING_MS = 10_000;

export class SilenceWatch {
  private quietMs = 0;
  private readonly thresholdDb: number;
  private readonly warnAfterMs: number;

  constructor(thresholdDb = SILENCE_THRESHOLD_DB, warnAfterMs = SILENCE_WARNING_MS) {
    this.thresholdDb = thresholdDb;
    this.warnAfterMs = warnAfterMs;
  }

  /** Takes one frame's peak and length; returns whether the silence warning applies now. */
  update(peakDb: number, durationMs: number): boolean {
    this.quietMs = peakDb > this.thresholdDb ? 0 : this.quietMs + durationMs;
    return this.silent;
  }

  get silent(): boolean {
    return this.quietMs >= this.warnAfterMs;
  }

  get silentForMs(): number {
    return this.quietMs;
  }

  reset(): void {
    this.quietMs = 0;
  }
}
