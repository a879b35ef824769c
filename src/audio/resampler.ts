/**
 * Sample-rate conversion from the microphone's rate (44.1 kHz, 48 kHz or anything else) to the
 * 16 kHz the speech engine and the recording store take, done right: a windowed-sinc low-pass
 * with its stop-band starting at 8 kHz (the new Nyquist frequency) is applied as part of the
 * interpolation, so nothing above 8 kHz folds back into the speech band. Simply dropping samples
 * (or linear interpolation) would alias hiss, fan noise and sibilants into audible garbage that
 * the transcriber then has to hear through.
 *
 * Design: band-limited interpolation with a polyphase table. Output sample n lies at input time
 * t = n·M/L (L/M = out/in rate in lowest terms). Its value is Σ x[j]·h(t − j) over the 2K input
 * samples around t, where h is a Kaiser-windowed sinc whose cut-off is in input samples. For the
 * usual rates L is small (48 kHz: L = 1, a plain decimate-by-3 FIR; 44.1 kHz: L = 160), so
 * there is one exact table row per phase. For odd rates with L above `maxPhases` the table has
 * `maxPhases` rows and coefficients are interpolated linearly between neighbouring rows.
 *
 * Pure TypeScript with no DOM: it runs inside the AudioWorklet and under vitest in Node alike.
 * Streaming: `process()` takes blocks of any size and returns the output samples that are
 * complete; `flush()` ends the stream (zeros past the end). Block boundaries change nothing —
 * the arithmetic per output sample is the same whatever the blocking.
 */

export interface ResamplerOptions {
  readonly inputRate: number;
  readonly outputRate: number;
  /** The −6 dB point of the low-pass, in Hz. */
  readonly cutoffHz?: number;
  /** Width of the transition band centred on the cut-off, in Hz. */
  readonly transitionHz?: number;
  /** Stop-band attenuation the Kaiser window is designed for, in dB. */
  readonly stopbandDb?: number;
  /** Most table rows before coefficients are interpolated between rows. */
  readonly maxPhases?: number;
}

/**
 * Defaults for 16 kHz speech: pass-band flat to 7 kHz, −6 dB at 7.5 kHz, ≥ 72 dB down from
 * 8 kHz up. Speech intelligibility lives below 7 kHz; the last kilohertz is given to the filter's
 * transition so that the stop-band starts exactly at the output's Nyquist frequency.
 */
export const SPEECH_CUTOFF_HZ = 7_500;
export const SPEECH_TRANSITION_HZ = 1_000;
export const SPEECH_STOPBAND_DB = 72;

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast here). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 64; k += 1) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stop-band attenuation in dB (Kaiser's empirical formula). */
export function kaiserBeta(stopbandDb: number): number {
  if (stopbandDb > 50) return 0.1102 * (stopbandDb - 8.7);
  if (stopbandDb >= 21) return 0.5842 * (stopbandDb - 21) ** 0.4 + 0.07886 * (stopbandDb - 21);
  return 0;
}

export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  /** Taps on each side of the output instant (2K per output sample). */
  readonly halfTaps: number;
  /** L: output steps per M input steps. */
  private readonly up: number;
  /** M. */
  private readonly down: number;
  /** Rows in the table: L when exact, else maxPhases (plus one row for interpolation). */
  private readonly phases: number;
  private readonly exact: boolean;
  private readonly table: Float64Array;

  /** Pending input; buf[0] is input index `bufStart` (negative at first: the zero history). */
  private buf: Float32Array;
  private bufLength = 0;
  private bufStart: number;
  /** The next output's input position: integer part and numerator over L. */
  private position = 0;
  private numerator = 0;
  private inputCount = 0;
  private produced = 0;
  private flushed = false;

  constructor(options: ResamplerOptions) {
    const { inputRate, outputRate } = options;
    if (!(inputRate > 0 && outputRate > 0) || !Number.isInteger(inputRate + outputRate)) {
      throw new RangeError(`sample rates must be positive integers (${inputRate} → ${outputRate})`);
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const divisor = gcd(inputRate, outputRate);
    this.up = outputRate / divisor;
    this.down = inputRate / divisor;

    const transitionHz = options.transitionHz ?? SPEECH_TRANSITION_HZ;
    const stopbandDb = options.stopbandDb ?? SPEECH_STOPBAND_DB;
    // The stop-band must start at or below the lower of the two Nyquist frequencies.
    const nyquist = Math.min(inputRate, outputRate) / 2;
    const cutoffHz = Math.min(options.cutoffHz ?? SPEECH_CUTOFF_HZ, nyquist - transitionHz / 2);
    if (cutoffHz <= 0) throw new RangeError('transition band wider than the signal band');
    const fc = cutoffHz / inputRate; // cycles per input sample
    const deltaOmega = (2 * Math.PI * transitionHz) / inputRate;
    const length = Math.ceil((stopbandDb - 7.95) / (2.285 * deltaOmega)) + 1;
    this.halfTaps = Math.max(2, Math.ceil(length / 2));
    const beta = kaiserBeta(stopbandDb);

    const maxPhases = options.maxPhases ?? 4096;
    this.exact = this.up <= maxPhases;
    this.phases = this.exact ? this.up : maxPhases;
    const rows = this.exact ? this.phases : this.phases + 1;
    const taps = 2 * this.halfTaps;
    const k = this.halfTaps;
    const window0 = besselI0(beta);
    this.table = new Float64Array(rows * taps);
    for (let row = 0; row < rows; row += 1) {
      const frac = row / this.phases;
      let sum = 0;
      for (let i = 0; i < taps; i += 1) {
        // Tap i multiplies input j = position + (i − K + 1); its distance from t is frac − m.
        const x = frac - (i - k + 1);
        const ratio = x / k;
        const window = Math.abs(ratio) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - ratio * ratio));
        const arg = 2 * fc * x;
        const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        const value = 2 * fc * sinc * (window / window0);
        this.table[row * taps + i] = value;
        sum += value;
      }
      // Unity gain at DC for every phase (no ripple at the output rate from phase to phase).
      for (let i = 0; i < taps; i += 1) this.table[row * taps + i]! /= sum;
    }

    this.buf = new Float32Array(4096 + taps);
    // K − 1 zeros before the first sample: output 0 is centred on input 0, like the last one
    // on the last input sample (flush() pads K zeros after it).
    this.bufStart = -(k - 1);
    this.bufLength = k - 1;
  }

  /** The number of output samples `inputSamples` of input make once flushed. */
  outputLength(inputSamples: number): number {
    return Math.ceil((inputSamples * this.up) / this.down);
  }

  /** Feeds a block; returns the output samples it completed (a new array, possibly empty). */
  process(input: Float32Array): Float32Array {
    if (this.flushed) throw new Error('resampler already flushed');
    this.append(input);
    this.inputCount += input.length;
    return this.drain(Number.POSITIVE_INFINITY);
  }

  /** Ends the stream: the outputs that remain, computed with silence after the last sample. */
  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    const remaining = Math.max(0, this.outputLength(this.inputCount) - this.produced);
    this.append(new Float32Array(this.halfTaps + 1));
    return this.drain(remaining);
  }

  private append(input: Float32Array): void {
    const needed = this.bufLength + input.length;
    if (needed > this.buf.length) {
      const bigger = new Float32Array(Math.max(needed, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, this.bufLength));
      this.buf = bigger;
    }
    this.buf.set(input, this.bufLength);
    this.bufLength += input.length;
  }

  /**
   * Computes every output (at most `limit`) whose 2K input samples, position − K + 1 …
   * position + K, are buffered, then drops the input no later output needs.
   */
  private drain(limit: number): Float32Array {
    const k = this.halfTaps;
    const taps = 2 * k;
    const end = this.bufStart + this.bufLength; // one past the last buffered input index
    const { buf, table, up, down, phases, exact } = this;
    const possible = Math.max(0, Math.ceil(((end - k - this.position) * up) / down) + 1);
    const out = new Float32Array(Math.min(possible, limit));
    let count = 0;
    while (count < out.length && this.position + k < end) {
      const first = this.position - k + 1 - this.bufStart;
      let acc = 0;
      if (exact) {
        const row = this.numerator * taps;
        for (let i = 0; i < taps; i += 1) acc += buf[first + i]! * table[row + i]!;
      } else {
        const scaled = (this.numerator * phases) / up;
        const row0 = Math.floor(scaled);
        const w = scaled - row0;
        const a = row0 * taps;
        const b = a + taps;
        for (let i = 0; i < taps; i += 1) {
          acc += buf[first + i]! * (table[a + i]! + w * (table[b + i]! - table[a + i]!));
        }
      }
      out[count] = acc;
      count += 1;
      this.numerator += down;
      if (this.numerator >= up) {
        this.position += Math.floor(this.numerator / up);
        this.numerator %= up;
      }
    }
    this.produced += count;
    const keepFrom = this.position - k + 1 - this.bufStart;
    if (keepFrom > 0) {
      this.buf.copyWithin(0, keepFrom, this.bufLength);
      this.bufLength -= keepFrom;
      this.bufStart += keepFrom;
    }
    return count === out.length ? out : out.slice(0, count);
  }
}

/**
 * Float samples (−1…1) to signed 16-bit with clipping; returns how many samples clipped. Full
 * scale is ±32767 (symmetric, so a sine stays a sine); rounds half away from zero, likewise.
 */
export function floatToInt16(input: Float32Array, output: Int16Array, offset = 0): number {
  let clipped = 0;
  for (let i = 0; i < input.length; i += 1) {
    const value = input[i]! * 32767;
    let sample: number;
    if (value > 32767) {
      sample = 32767;
      clipped += 1;
    } else if (value < -32767) {
      sample = -32767;
      clipped += 1;
    } else if (value < 0) {
      sample = -Math.round(-value);
    } else {
      sample = Math.round(value) || 0; // NaN → 0
    }
    output[offset + i] = sample;
  }
  return clipped;
}
