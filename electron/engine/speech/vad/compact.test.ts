// Compacting voiced regions and mapping whisper's segment times back, on synthetic audio whose
// samples are their own indexes (so every compacted sample says where it came from).
import { describe, expect, it } from 'vitest';
import { compactRegions, mapSegmentTimes, toOriginalMs, type TimeMap } from './compact';

const RATE = 16_000;
const s = (seconds: number) => Math.round(seconds * RATE);

/** pcm[i] = i: exact in Float32 up to 2^24 samples (17 minutes). */
function indexes(seconds: number): Float32Array {
  return Float32Array.from({ length: s(seconds) }, (_, i) => i);
}

describe('compactRegions', () => {
  it('lays the regions end to end and records where each came from', () => {
    const pcm = indexes(20);
    const regions = [
      { start: s(2), end: s(4) },
      { start: s(10), end: s(10.5) },
      { start: s(15), end: s(18) },
    ];
    const { pcm: out, map } = compactRegions(pcm, regions, { fadeMs: 0 });
    expect(map.pieces).toEqual([
      { start: s(2), end: s(4), offset: 0 },
      { start: s(10), end: s(10.5), offset: s(2) },
      { start: s(15), end: s(18), offset: s(2.5) },
    ]);
    expect(map.voicedSamples).toBe(s(5.5));
    expect(out.length).toBe(s(5.5));
    for (const piece of map.pieces) {
      for (let i = piece.start; i < piece.end; i += 97) {
        expect(out[piece.offset + (i - piece.start)]).toBe(i);
      }
    }
  });

  it('fades only at the joints, and pads short audio to whisper’s one second', () => {
    const pcm = new Float32Array(s(10)).fill(1);
    const regions = [
      { start: s(1), end: s(1.3) },
      { start: s(5), end: s(5.3) },
    ];
    const { pcm: out, map } = compactRegions(pcm, regions);
    const fade = s(0.01);
    expect(map.voicedSamples).toBe(s(0.6));
    expect(out.length).toBe(s(1.1));
    expect(out[0]).toBe(1); // the buffer's own start: no fade
    expect(out[s(0.3) - 1]).toBe(0); // fade out before the joint
    expect(out[s(0.3) - fade - 1]).toBe(1);
    expect(out[s(0.3)]).toBe(0); // fade in after it
    expect(out[s(0.3) + fade]).toBe(1);
    expect(out[s(0.6) - 1]).toBe(1); // the last piece's end: no fade
    expect(out.subarray(s(0.6)).every((x) => x === 0)).toBe(true); // padding
  });

  it('gives an empty buffer for no regions and refuses overlapping ones', () => {
    const pcm = indexes(2);
    expect(compactRegions(pcm, []).pcm.length).toBe(0);
    expect(compactRegions(pcm, [{ start: 10, end: 10 }]).pcm.length).toBe(0);
    expect(() =>
      compactRegions(pcm, [
        { start: 0, end: 100 },
        { start: 50, end: 200 },
      ]),
    ).toThrow(/sorted/);
    // Regions past the end are clamped.
    expect(compactRegions(pcm, [{ start: s(1.5), end: s(9) }], { minSamples: 0 }).pcm.length).toBe(
      s(0.5),
    );
  });
});

describe('mapping times back to the original timeline', () => {
  const map: TimeMap = {
    sampleRate: RATE,
    pieces: [
      { start: s(2), end: s(4), offset: 0 }, // compact 0–2 s → 2–4 s
      { start: s(10), end: s(10.5), offset: s(2) }, // compact 2–2.5 s → 10–10.5 s
      { start: s(15), end: s(18), offset: s(2.5) }, // compact 2.5–5.5 s → 15–18 s
    ],
    voicedSamples: s(5.5),
  };

  it('maps every instant inside a piece to its original instant', () => {
    const { pcm: out, map: fromPcm } = compactRegions(indexes(20), map.pieces, { fadeMs: 0 });
    for (let sample = 0; sample < out.length; sample += 160) {
      const ms = (sample * 1000) / RATE;
      expect(toOriginalMs(fromPcm, ms, 'start')).toBeCloseTo((out[sample]! * 1000) / RATE, 6);
    }
  });

  it('maps a joint to the next start or the previous end', () => {
    expect(toOriginalMs(map, 0, 'start')).toBe(2000);
    expect(toOriginalMs(map, 0, 'end')).toBe(2000);
    expect(toOriginalMs(map, 1000, 'start')).toBe(3000);
    expect(toOriginalMs(map, 2000, 'start')).toBe(10_000);
    expect(toOriginalMs(map, 2000, 'end')).toBe(4000);
    expect(toOriginalMs(map, 2500, 'start')).toBe(15_000);
    expect(toOriginalMs(map, 2500, 'end')).toBe(10_500);
    expect(toOriginalMs(map, 5500, 'end')).toBe(18_000);
    // Past the voiced audio (whisper's padding) and before the start: clamped.
    expect(toOriginalMs(map, 5500, 'start')).toBe(18_000);
    expect(toOriginalMs(map, 7000, 'end')).toBe(18_000);
    expect(toOriginalMs(map, -5, 'start')).toBe(2000);
    // No pieces: nothing to map.
    expect(toOriginalMs({ sampleRate: RATE, pieces: [], voicedSamples: 0 }, 1234, 'end')).toBe(
      1234,
    );
  });

  it('maps whisper segments, keeping their other fields', () => {
    const segments = [
      { index: 0, t0: 0, t1: 1500, text: ' سلام', confidence: 0.9 },
      // Spans the cut between the first and second piece: covers the silence that was cut out.
      { index: 1, t0: 1800, t1: 2300, text: ' دکتر', confidence: 0.8 },
      { index: 2, t0: 2500, t1: 5500, text: ' تب', confidence: 0.7 },
      // A timestamp inside the padding after the voiced audio.
      { index: 3, t0: 5600, t1: 6000, text: '', confidence: 0 },
      // Whisper's 10 ms steps land between samples of a piece: whole ms out.
      { index: 4, t0: 2010, t1: 2010, text: 'x', confidence: 0.5 },
    ];
    expect(segments.map((segment) => mapSegmentTimes(map, segment))).toEqual([
      { index: 0, t0: 2000, t1: 3500, text: ' سلام', confidence: 0.9 },
      { index: 1, t0: 3800, t1: 10_300, text: ' دکتر', confidence: 0.8 },
      { index: 2, t0: 15_000, t1: 18_000, text: ' تب', confidence: 0.7 },
      { index: 3, t0: 18_000, t1: 18_000, text: '', confidence: 0 },
      { index: 4, t0: 10_010, t1: 10_010, text: 'x', confidence: 0.5 },
    ]);
    // An empty segment exactly at a joint does not end before it starts.
    const atJoint = mapSegmentTimes(map, { t0: 2000, t1: 2000 });
    expect(atJoint).toEqual({ t0: 10_000, t1: 10_000 });
  });
});
