// Cuts the voiced regions out of a chunk into one compact buffer for whisper, and maps the times
// whisper reports in that buffer back to the chunk's own timeline.
//
// The regions are laid end to end (they already carry their padding, so each joint sits in
// background sound, not inside a word); a short linear fade on both sides of each joint avoids a
// click. whisper.cpp ignores input shorter than 1 s ("input is too short"), so a shorter result is
// padded with silence to minSamples; times inside that padding map to the end of the last region.
//
// Plain TypeScript; nothing here may import Electron.
import type { VadRegion } from './energy-vad';

/** Original samples [start, end) placed at `offset` in the compact buffer. */
export interface TimeMapPiece {
  start: number;
  end: number;
  offset: number;
}

export interface TimeMap {
  sampleRate: number;
  /** In compact order (= original order), contiguous: each offset is the previous offset + length. */
  pieces: TimeMapPiece[];
  /** Samples of audio in the pieces (the compact buffer may be longer: padding). */
  voicedSamples: number;
}

export interface CompactAudio {
  pcm: Float32Array;
  map: TimeMap;
}

export interface CompactOptions {
  /** Default 16 000. */
  sampleRate?: number;
  /** Pad the compact buffer with silence to at least this many samples. Default 1.1 s. */
  minSamples?: number;
  /** Fade at each joint between pieces. Default 10 ms. */
  fadeMs?: number;
}

/** Copies the regions (sorted, non-overlapping, within the PCM) into one buffer. */
export function compactRegions(
  pcm: Float32Array,
  regions: readonly VadRegion[],
  options: CompactOptions = {},
): CompactAudio {
  const sampleRate = options.sampleRate ?? 16_000;
  const minSamples = Math.max(0, Math.round(options.minSamples ?? 1.1 * sampleRate));
  const fade = Math.max(0, Math.round(((options.fadeMs ?? 10) * sampleRate) / 1000));

  const pieces: TimeMapPiece[] = [];
  let offset = 0;
  let previousEnd = 0;
  for (const region of regions) {
    const start = Math.max(0, Math.floor(region.start));
    const end = Math.min(pcm.length, Math.floor(region.end));
    if (start < previousEnd) throw new RangeError('VAD regions must be sorted and not overlap');
    if (end <= start) continue;
    pieces.push({ start, end, offset });
    offset += end - start;
    previousEnd = end;
  }
  const voicedSamples = offset;
  const out = new Float32Array(voicedSamples === 0 ? 0 : Math.max(voicedSamples, minSamples));
  for (const [index, piece] of pieces.entries()) {
    out.set(pcm.subarray(piece.start, piece.end), piece.offset);
    const length = piece.end - piece.start;
    const ramp = Math.min(fade, Math.floor(length / 2));
    if (ramp === 0) continue;
    // Fade in after a joint, fade out before one (not at the buffer's own start and end).
    if (index > 0) {
      for (let i = 0; i < ramp; i++) out[piece.offset + i]! *= i / ramp;
    }
    if (index < pieces.length - 1) {
      const last = piece.offset + length - 1;
      for (let i = 0; i < ramp; i++) out[last - i]! *= i / ramp;
    }
  }
  return { pcm: out, map: { sampleRate, pieces, voicedSamples } };
}

/**
 * A time in the compact buffer (ms) → the same instant in the original audio (ms).
 * At a joint, a start maps to the next piece's start and an end to the previous piece's end, so a
 * segment never swallows the silence that was cut out at its edges.
 */
export function toOriginalMs(map: TimeMap, ms: number, edge: 'start' | 'end'): number {
  const { pieces, sampleRate } = map;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!first || !last) return Math.max(0, ms);
  const position = (Math.max(0, ms) * sampleRate) / 1000;
  let piece: TimeMapPiece = last;
  if (position < last.offset + (last.end - last.start)) {
    // The first piece whose end is past the position (or reaches it, for an end).
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      const candidate = pieces[mid]!;
      const candidateEnd = candidate.offset + (candidate.end - candidate.start);
      const after = edge === 'start' ? position < candidateEnd : position <= candidateEnd;
      if (after) high = mid;
      else low = mid + 1;
    }
    piece = pieces[low]!;
  }
  const inside = Math.min(Math.max(position - piece.offset, 0), piece.end - piece.start);
  return ((piece.start + inside) * 1000) / sampleRate;
}

/** Maps whisper segments from the compact buffer to the original timeline (whole ms). */
export function mapSegmentTimes<T extends { t0: number; t1: number }>(map: TimeMap, segment: T): T {
  const t0 = Math.round(toOriginalMs(map, segment.t0, 'start'));
  const t1 = Math.round(toOriginalMs(map, segment.t1, 'end'));
  return { ...segment, t0, t1: Math.max(t0, t1) };
}
