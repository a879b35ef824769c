// The energy VAD on real speech: espeak-ng Persian and English sentences at known offsets in long
// silence, clean, in white noise and with mains hum. No mocks; the audio is made at run time.
import { beforeAll, describe, expect, it } from 'vitest';
import { detectSpeech, ENERGY_VAD_DEFAULTS, type VadRegion } from './energy-vad';
import {
  addHum,
  addWhiteNoise,
  coverage,
  ENGLISH,
  PERSIAN,
  place,
  requireTools,
  SAMPLE_RATE,
  scale,
  speak,
  tone,
  type Placed,
} from './testing/test-audio';

requireTools();

const FRAME = (ENERGY_VAD_DEFAULTS.frameMs * SAMPLE_RATE) / 1000;
const PAD = (ENERGY_VAD_DEFAULTS.padStartMs * SAMPLE_RATE) / 1000;
const seconds = (samples: number) => samples / SAMPLE_RATE;
const describeRegions = (regions: VadRegion[]) =>
  regions.map((r) => `${seconds(r.start).toFixed(2)}–${seconds(r.end).toFixed(2)} s`).join(', ');

let persian: Float32Array;
let english: Float32Array;

beforeAll(async () => {
  [persian, english] = await Promise.all([speak(PERSIAN, 'fa'), speak(ENGLISH, 'en')]);
  expect(seconds(persian.length)).toBeGreaterThan(4);
  expect(seconds(english.length)).toBeGreaterThan(2);
});

/** 30 s: Persian at 3 s, English at 18.5 s, digital silence elsewhere (speech at `db` gain). */
function consultation(db = 0): Placed {
  return place(30, [
    { at: 3, pcm: scale(persian, db) },
    { at: 18.5, pcm: scale(english, db) },
  ]);
}

describe('energy VAD on speech in silence', () => {
  const backgrounds: [string, () => Placed][] = [
    ['digital silence', () => consultation()],
    ['white noise at -50 dBFS', () => ((p) => (addWhiteNoise(p.pcm, -50), p))(consultation())],
    ['50 Hz hum at -30 dBFS', () => ((p) => (addHum(p.pcm, -30), p))(consultation())],
    [
      '50 Hz hum at -40 dBFS and white noise at -55 dBFS',
      () => ((p) => (addHum(p.pcm, -40), addWhiteNoise(p.pcm, -55, 7), p))(consultation()),
    ],
    [
      'a quiet speaker (-20 dB) in white noise at -60 dBFS',
      () => ((p) => (addWhiteNoise(p.pcm, -60, 3), p))(consultation(-20)),
    ],
  ];

  it.each(backgrounds)('keeps the speech and skips the silence: %s', (name, make) => {
    const audio = make();
    const started = performance.now();
    const result = detectSpeech(audio.pcm);
    const ms = performance.now() - started;
    const { speechKept, silenceSkipped } = coverage(audio.pcm.length, audio.speech, result.regions);
    console.log(
      `[vad] ${name}: speech kept ${(100 * speechKept).toFixed(2)} %, silence skipped ` +
        `${(100 * silenceSkipped).toFixed(2)} %, floor ${result.noiseFloorDb.toFixed(1)} dBFS, ` +
        `regions ${describeRegions(result.regions)} (${ms.toFixed(1)} ms for 30 s)`,
    );
    expect(speechKept).toBeGreaterThanOrEqual(0.99);
    expect(silenceSkipped).toBeGreaterThanOrEqual(0.9);
    // Both sentences, each padded: the regions start before and end after the speech.
    expect(result.regions.length).toBeGreaterThanOrEqual(2);
    for (const speech of audio.speech) {
      const region = result.regions.find((r) => r.start <= speech.start && r.end >= speech.end);
      expect(region, `${seconds(speech.start)} s`).toBeDefined();
      expect(speech.start - region!.start).toBeGreaterThanOrEqual(PAD - FRAME);
    }
    expect(result.voicedSamples).toBe(result.regions.reduce((sum, r) => sum + r.end - r.start, 0));
  });

  it('follows a change of background noise within half its window', () => {
    // A fan switches on at 15 s: -65 dBFS before, -42 dBFS after.
    const audio = place(40, [
      { at: 4, pcm: english },
      { at: 30, pcm: english },
    ]);
    const step = 15 * SAMPLE_RATE;
    addWhiteNoise(audio.pcm.subarray(0, step), -65, 11);
    addWhiteNoise(audio.pcm.subarray(step), -42, 12);
    const result = detectSpeech(audio.pcm);
    const { speechKept, silenceSkipped } = coverage(audio.pcm.length, audio.speech, result.regions);
    console.log(
      `[vad] noise rising from -65 to -42 dBFS at 15 s: speech kept ${(100 * speechKept).toFixed(2)} %, ` +
        `silence skipped ${(100 * silenceSkipped).toFixed(2)} %, regions ${describeRegions(result.regions)}`,
    );
    expect(speechKept).toBeGreaterThanOrEqual(0.99);
    // The step itself is an energy event: voiced until the floor has caught up, at most half the
    // noise window (plus padding) later. After that the louder noise is skipped again.
    const caughtUp =
      step +
      ((ENERGY_VAD_DEFAULTS.noiseWindowMs / 2 + ENERGY_VAD_DEFAULTS.padEndMs) * SAMPLE_RATE) / 1000;
    const after = { start: caughtUp, end: audio.pcm.length };
    const afterCoverage = coverage(
      after.end - after.start,
      audio.speech
        .filter((s) => s.end > after.start)
        .map((s) => ({ start: Math.max(0, s.start - after.start), end: s.end - after.start })),
      result.regions
        .filter((r) => r.end > after.start)
        .map((r) => ({ start: Math.max(0, r.start - after.start), end: r.end - after.start })),
    );
    expect(afterCoverage.speechKept).toBeGreaterThanOrEqual(0.99);
    expect(afterCoverage.silenceSkipped).toBeGreaterThanOrEqual(0.9);
    expect(silenceSkipped).toBeGreaterThanOrEqual(0.75);
  });

  it('finds no speech in pure silence, low noise or hum', () => {
    const long = () => new Float32Array(20 * SAMPLE_RATE);
    const dither = long()
      .map((_, i) => ((i * 7919) % 3) - 1)
      .map((x) => x / 32768);
    const cases: [string, Float32Array][] = [
      ['digital silence', long()],
      ['one-LSB dither', dither],
      ['white noise at -70 dBFS', addWhiteNoise(long(), -70)],
      ['white noise at -50 dBFS', addWhiteNoise(long(), -50)],
      ['50 Hz hum at -30 dBFS', addHum(long(), -30)],
      ['60 Hz hum at -35 dBFS and noise at -55 dBFS', addWhiteNoise(addHum(long(), -35, 60), -55)],
    ];
    for (const [name, pcm] of cases) {
      const result = detectSpeech(pcm);
      expect(result.regions, name).toEqual([]);
      expect(result.voicedSamples, name).toBe(0);
    }
    expect(detectSpeech(new Float32Array(0)).regions).toEqual([]);
  });

  it('counts a loud tone as voiced: it measures energy, not speech', () => {
    const audio = place(10, [{ at: 4, pcm: tone(1, 440, -20) }]);
    const { regions } = detectSpeech(audio.pcm);
    expect(regions).toHaveLength(1);
    const [region] = regions as [VadRegion];
    expect(Math.abs(region.start - (4 * SAMPLE_RATE - PAD))).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(region.end - (5 * SAMPLE_RATE + PAD))).toBeLessThanOrEqual(FRAME);
    // Loud, steady sound from start to end: the floor is capped, so it is all voiced.
    const loud = addWhiteNoise(new Float32Array(10 * SAMPLE_RATE), -20);
    expect(detectSpeech(loud).regions).toEqual([{ start: 0, end: loud.length }]);
  });

  it('drops blips, merges short gaps and pads each region', () => {
    const at = (s: number) => Math.round(s * SAMPLE_RATE);
    // A 60 ms click is dropped; a 150 ms one is kept.
    expect(detectSpeech(place(6, [{ at: 3, pcm: tone(0.06) }]).pcm).regions).toEqual([]);
    expect(detectSpeech(place(6, [{ at: 3, pcm: tone(0.15) }]).pcm).regions).toHaveLength(1);
    // Two words 200 ms apart are one region; 1 s apart, two.
    const close = place(8, [
      { at: 2, pcm: tone(0.4) },
      { at: 2.6, pcm: tone(0.4) },
    ]);
    const merged = detectSpeech(close.pcm).regions;
    expect(merged).toHaveLength(1);
    expect(Math.abs(merged[0]!.start - (at(2) - PAD))).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(merged[0]!.end - (at(3) + PAD))).toBeLessThanOrEqual(FRAME);
    const apart = place(8, [
      { at: 2, pcm: tone(0.4) },
      { at: 3.4, pcm: tone(0.4) },
    ]);
    expect(detectSpeech(apart.pcm).regions).toHaveLength(2);
    // Padding is clamped to the audio.
    const edge = detectSpeech(place(2, [{ at: 0, pcm: tone(2) }]).pcm).regions;
    expect(edge).toEqual([{ start: 0, end: at(2) }]);
  });

  it('takes Int16 as well as Float32, and is deterministic', () => {
    const audio = consultation();
    addWhiteNoise(audio.pcm, -50);
    const int16 = Int16Array.from(audio.pcm, (x) =>
      Math.max(-32768, Math.min(32767, Math.round(x * 32768))),
    );
    const fromFloat = detectSpeech(audio.pcm);
    expect(detectSpeech(audio.pcm)).toEqual(fromFloat);
    const fromInt = detectSpeech(int16);
    expect(fromInt.regions).toEqual(fromFloat.regions);
  });

  it('checks its options', () => {
    const pcm = new Float32Array(SAMPLE_RATE);
    expect(() => detectSpeech(pcm, { minSpeechMs: -1 })).toThrow(RangeError);
    expect(() => detectSpeech(pcm, { frameMs: 0 })).toThrow(/frameMs/);
    expect(() => detectSpeech(pcm, { noisePercentile: 120 })).toThrow(/noisePercentile/);
    expect(() => detectSpeech(pcm, { highPassHz: 9000 })).toThrow(/highPassHz/);
    expect(() => detectSpeech(pcm, { thresholdDb: Number.NaN })).toThrow(/finite/);
    // Undefined options fall back to the defaults.
    expect(detectSpeech(pcm, { thresholdDb: undefined }).regions).toEqual([]);
  });
});
