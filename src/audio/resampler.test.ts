import { describe, expect, it } from 'vitest';
import { floatToInt16, StreamingResampler } from './resampler';
import { levelOf, SilenceWatch } from './levels';

const OUT = 16_000;

function tone(rate: number, hz: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(rate * seconds));
  for (let n = 0; n < samples.length; n += 1) {
    samples[n] = amplitude * Math.sin((2 * Math.PI * hz * n) / rate);
  }
  return samples;
}

function resampleAll(input: Float32Array, rate: number, blocks?: readonly number[]): Float32Array {
  const resampler = new StreamingResampler({ inputRate: rate, outputRate: OUT });
  const parts: Float32Array[] = [];
  if (!blocks) {
    parts.push(resampler.process(input));
  } else {
    let offset = 0;
    let index = 0;
    while (offset < input.length) {
      const size = blocks[index % blocks.length]!;
      parts.push(resampler.process(input.subarray(offset, offset + size)));
      offset += size;
      index += 1;
    }
  }
  parts.push(resampler.flush());
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Amplitude of the component at `hz` (a single-bin DFT over whole periods, Hann-free). */
function amplitudeAt(samples: Float32Array, rate: number, hz: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < samples.length; n += 1) {
    const phase = (2 * Math.PI * hz * n) / rate;
    re += samples[n]! * Math.cos(phase);
    im -= samples[n]! * Math.sin(phase);
  }
  return (2 * Math.hypot(re, im)) / samples.length;
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const value of samples) sum += value * value;
  return Math.sqrt(sum / samples.length);
}

const db = (ratio: number) => 20 * Math.log10(ratio);

/** The steady middle: one second, away from the start and the end (the filter's edges). */
const middle = (samples: Float32Array) => samples.subarray(OUT / 2, OUT / 2 + OUT);

describe.each([48_000, 44_100])('resampling %i Hz to 16 kHz', (rate) => {
  it('keeps a 1 kHz tone’s frequency and amplitude (±0.5 dB)', () => {
    const out = middle(resampleAll(tone(rate, 1_000, 2), rate));
    const gainDb = db(amplitudeAt(out, OUT, 1_000) / 0.5);
    expect(Math.abs(gainDb)).toBeLessThan(0.5);
    // The energy sits at 1 kHz: its neighbours a few hertz away hold almost none.
    for (const off of [990, 995, 1_005, 1_010]) {
      expect(amplitudeAt(out, OUT, off)).toBeLessThan(0.01);
    }
    // And every bit of the signal is that tone (no aliases, no distortion).
    expect(Math.abs(db(rms(out) / (0.5 / Math.SQRT2)))).toBeLessThan(0.5);
  });

  it('keeps speech frequencies flat up to 7 kHz', () => {
    for (const hz of [100, 300, 3_000, 5_000, 7_000]) {
      const out = middle(resampleAll(tone(rate, hz, 2), rate));
      expect(Math.abs(db(amplitudeAt(out, OUT, hz) / 0.5))).toBeLessThan(0.1);
    }
  });

  it.each([8_300, 10_000, 12_000, 15_000, 20_000])(
    'attenuates a %i Hz tone by at least 60 dB (nothing aliases into the band)',
    (hz) => {
      const out = middle(resampleAll(tone(rate, hz, 2), rate));
      // All that is left of the tone, wherever it folded to.
      expect(db(rms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
    },
  );

  it('streams in odd-sized blocks exactly as in one go', () => {
    const input = tone(rate, 440, 1.3);
    for (let n = 0; n < input.length; n += 7) input[n]! += 0.1 * Math.sin(n); // not a pure tone
    const whole = resampleAll(input, rate);
    expect(resampleAll(input, rate, [1, 127, 128, 3, 1_000, 17])).toEqual(whole);
    expect(resampleAll(input, rate, [128])).toEqual(whole);
  });

  it('gives one output sample per 1/16000 s of input (±1)', () => {
    for (const seconds of [0.1, 1, 2.345, 10.0001]) {
      const input = new Float32Array(Math.round(rate * seconds));
      const expected = (input.length * OUT) / rate;
      expect(Math.abs(resampleAll(input, rate).length - expected)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the timing: output sample n is input time n/16000', () => {
    // A click at 0.5 s comes out at sample 8000.
    const input = new Float32Array(rate);
    input[rate / 2] = 1;
    if (!Number.isInteger(rate / 2)) throw new Error('odd rate');
    const out = resampleAll(input, rate);
    let peakAt = 0;
    for (let n = 0; n < out.length; n += 1) {
      if (Math.abs(out[n]!) > Math.abs(out[peakAt]!)) peakAt = n;
    }
    expect(Math.abs(peakAt - 8_000)).toBeLessThanOrEqual(1);
  });
});

describe('other device rates', () => {
  it.each([8_000, 22_050, 32_000, 88_200, 96_000, 47_999])(
    'converts %i Hz with a flat pass band and a quiet stop band',
    (rate) => {
      const pass = middle(resampleAll(tone(rate, 1_000, 2), rate));
      expect(Math.abs(db(amplitudeAt(pass, OUT, 1_000) / 0.5))).toBeLessThan(0.5);
      if (rate > 2 * 10_000) {
        const stop = middle(resampleAll(tone(rate, 10_000, 2), rate));
        expect(db(rms(stop) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
      }
    },
  );
});

describe('16-bit conversion and levels', () => {
  it('rounds, clips and counts clipped samples', () => {
    const out = new Int16Array(6);
    const clipped = floatToInt16(Float32Array.of(0, 0.5, -0.5, 1, 1.5, -2), out);
    expect([...out]).toEqual([0, 16384, -16384, 32767, 32767, -32767]);
    expect(clipped).toBe(2);
  });

  it('reads a full-scale sine as 0 dBFS peak and −3 dBFS RMS', () => {
    const level = levelOf(tone(OUT, 1_000, 1, 1));
    expect(level.peakDb).toBeCloseTo(0, 2);
    expect(level.rmsDb).toBeCloseTo(-3.01, 1);
    expect(levelOf(new Float32Array(100)).peakDb).toBe(-100);
  });

  it('warns after ten seconds without a peak above −55 dBFS, and clears on sound', () => {
    const watch = new SilenceWatch();
    for (let i = 0; i < 99; i += 1) expect(watch.update(-70, 100)).toBe(false);
    expect(watch.update(-70, 100)).toBe(true);
    expect(watch.update(-40, 100)).toBe(false);
  });
});
