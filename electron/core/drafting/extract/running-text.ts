import type { DraftingSegment, Evidence } from '../../../shared/soap';
import { composeNumbers, onAnalysisCacheCleared, rawText, type Lexeme } from './lexemes';
import { anchor } from './transcript';

/**
 * Consecutive segments read as one running text (a passage).
 *
 * Whisper ends a segment wherever it likes, and the app transcribes in ~30 s chunks, so a phrase
 * is often cut in two: «فشار خون ۱۲۰» | «روی ۸۰ است», «آموکسی‌سیلین ۵۰۰ میلی‌گرم» | «هر هشت
 * ساعت», «صد و» | «بیست». Each segment alone holds half of it. So the extractors, the evidence
 * check and the checklist read passages: runs of segments where each starts at most
 * `JOIN_GAP_MS` after the previous one ended. A longer silence ends the passage, so sentences
 * said minutes apart are never read as one.
 *
 * A passage's lexemes are its segments' raw lexemes in order, with numbers composed over the
 * whole run (a number said across a cut is one number). Every lexeme keeps offsets into its own
 * segment's ORIGINAL text and knows which segment it starts and ends in, so a match over
 * lexemes [from, to) becomes one evidence anchor per segment it touches (`anchorRange`), each
 * quote a slice of its own segment. A match is found once, in the passage; there is no separate
 * per-segment pass whose readings would have to be reconciled with it.
 */

/** Segments at most this far apart (end of one to start of the next) are read as one text. */
export const JOIN_GAP_MS = 2000;

export interface Passage {
  /** The segments, in transcript order. */
  readonly segments: readonly DraftingSegment[];
  readonly lexemes: readonly Lexeme[];
  /** For each lexeme, the index (into `segments`) of the segment it starts in. */
  readonly startSegment: readonly number[];
  /** For each lexeme, the segment it ends in (later than the start for a number said across a cut). */
  readonly endSegment: readonly number[];
  /**
   * For each segment, the index of its first lexeme (the lexemes that start in it are
   * [segmentStarts[s], segmentStarts[s + 1])); one more entry, the number of lexemes.
   */
  readonly segmentStarts: readonly number[];
  /** Original offsets of the first and last character of each segment's lexemes (-1 when none). */
  readonly textStart: readonly number[];
  readonly textEnd: readonly number[];
}

function buildPassage(segments: readonly DraftingSegment[]): Passage {
  const raw: Lexeme[] = [];
  const rawSegment: number[] = [];
  const textStart: number[] = [];
  const textEnd: number[] = [];
  segments.forEach((segment, s) => {
    const lexemes = rawText(segment.text).raw;
    for (const l of lexemes) {
      raw.push(l);
      rawSegment.push(s);
    }
    textStart.push(lexemes[0]?.start ?? -1);
    textEnd.push(lexemes[lexemes.length - 1]?.end ?? -1);
  });
  const composed = composeNumbers(raw);
  const startSegment = composed.firstRaw.map((r) => rawSegment[r]!);
  const endSegment = composed.lastRaw.map((r) => rawSegment[r]!);
  const segmentStarts: number[] = [];
  let i = 0;
  for (let s = 0; s <= segments.length; s++) {
    while (i < startSegment.length && startSegment[i]! < s) i++;
    segmentStarts.push(i);
  }
  return {
    segments,
    lexemes: composed.lexemes,
    startSegment,
    endSegment,
    segmentStarts,
    textStart,
    textEnd,
  };
}

/** Whether `next` continues the text of `previous` (said right after it). */
function continues(previous: DraftingSegment, next: DraftingSegment): boolean {
  return next.startMs - previous.endMs <= JOIN_GAP_MS;
}

// Keyed by the segments' ids and texts: the checklist re-reads the whole transcript after every
// chunk, and every passage but the one still growing comes back unchanged. Stable passage
// objects also let per-passage results (sentences, checklist markers) be cached by identity.
// Two generations bounded by their lexemes: each version of a growing passage is garbage as soon
// as the next chunk arrives, and must not pile up.
const GENERATION_LEXEMES = 200_000;
let current = new Map<string, Passage>();
let previous = new Map<string, Passage>();
let currentLexemes = 0;
onAnalysisCacheCleared(() => {
  current = new Map();
  previous = new Map();
  currentLexemes = 0;
});

function passageKey(segments: readonly DraftingSegment[]): string {
  let key = '';
  for (const s of segments) key += `${s.id}\u0001${s.text}\u0002`;
  return key;
}

function cachedPassage(segments: readonly DraftingSegment[]): Passage {
  const key = passageKey(segments);
  let passage = current.get(key);
  if (passage) return passage;
  passage = previous.get(key) ?? buildPassage(segments);
  if (currentLexemes + passage.lexemes.length > GENERATION_LEXEMES) {
    previous = current;
    current = new Map();
    currentLexemes = 0;
  }
  current.set(key, passage);
  currentLexemes += passage.lexemes.length;
  return passage;
}

/** The transcript cut into passages where the speech pauses longer than `JOIN_GAP_MS`. */
export function passagesOf(segments: readonly DraftingSegment[]): Passage[] {
  const out: Passage[] = [];
  let from = 0;
  for (let i = 1; i <= segments.length; i++) {
    if (i < segments.length && continues(segments[i - 1]!, segments[i]!)) continue;
    out.push(cachedPassage(segments.slice(from, i)));
    from = i;
  }
  return out;
}

interface Part {
  readonly segment: number;
  readonly start: number;
  readonly end: number;
}

function partsOf(passage: Passage, from: number, to: number): Part[] {
  if (to <= from) return [];
  const first = passage.startSegment[from]!;
  const last = passage.endSegment[to - 1]!;
  const out: Part[] = [];
  for (let s = first; s <= last; s++) {
    if (passage.textStart[s]! < 0) continue; // a segment with no words
    const start = s === first ? passage.lexemes[from]!.start : passage.textStart[s]!;
    const end = s === last ? passage.lexemes[to - 1]!.end : passage.textEnd[s]!;
    if (end > start) out.push({ segment: s, start, end });
  }
  return out;
}

/**
 * The evidence for lexemes [from, to) of a passage: one anchor per segment the range touches,
 * each over that segment's original text (from the range's first character in the first
 * segment, to its last in the last, and the whole of each segment between).
 */
export function anchorRange(passage: Passage, from: number, to: number): Evidence[] {
  return partsOf(passage, from, to).map((p) =>
    anchor(passage.segments[p.segment]!, p.start, p.end),
  );
}

/**
 * The evidence for several lexeme ranges of a passage (a drug's name and the details said after
 * it): per segment, one anchor from the first to the last character those ranges cover there.
 */
export function anchorRanges(
  passage: Passage,
  ranges: readonly (readonly [from: number, to: number])[],
): Evidence[] {
  const bySegment = new Map<number, { start: number; end: number }>();
  for (const [from, to] of ranges) {
    for (const p of partsOf(passage, from, to)) {
      const seen = bySegment.get(p.segment);
      if (!seen) bySegment.set(p.segment, { start: p.start, end: p.end });
      else {
        seen.start = Math.min(seen.start, p.start);
        seen.end = Math.max(seen.end, p.end);
      }
    }
  }
  return [...bySegment.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, { start, end }]) => anchor(passage.segments[s]!, start, end));
}

/** The lexemes of segments [firstSegment, lastSegment] of a passage. */
export function segmentsSpan(
  passage: Passage,
  firstSegment: number,
  lastSegment: number,
): { from: number; to: number } {
  return {
    from: passage.segmentStarts[firstSegment]!,
    to: passage.segmentStarts[lastSegment + 1]!,
  };
}

/** The text of anchors in order, as one phrase ("فشار خون ۱۲۰" + "روی ۸۰"). */
export function quotedText(evidence: readonly Evidence[]): string {
  return evidence
    .map((e) => e.quote)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
