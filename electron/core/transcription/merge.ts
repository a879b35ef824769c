import { toSearchKey } from '../../shared/text/normalize';

/**
 * Joining chunk transcripts (seed 000: merging chunk transcripts with overlap removal).
 *
 * Chunks are cut every ~30 s wherever the speaker happens to be, so a word can straddle the cut.
 * Each chunk after the first is therefore transcribed with the last `overlapMs` of the previous
 * chunk's audio in front of it: the word at the cut is heard whole at least once. The price is
 * that the words in the overlap are usually heard twice, once at the end of the previous chunk's
 * transcript and once at the start of this one. `joinChunk` removes them from the later one:
 *
 * 1. The longest run of words that ends the previous transcript and starts this one (compared
 *    after Persian/Latin folding: digits, diacritics, ZWNJ, case, punctuation) is dropped. The
 *    overlap may start mid-word, so up to `maxSkippedLeadingWords` leading words of this chunk may
 *    be skipped before the run begins (they are the tail of a cut word, heard whole before).
 * 2. When the words do not line up (the two hearings differ), segments that lie wholly inside
 *    the overlap audio are dropped: that audio belongs to the previous chunk, which has its own
 *    transcript of it.
 */

/** A segment as heard in the audio passed to the engine (overlap included), times in ms. */
export interface HeardSegment {
  readonly t0: number;
  readonly t1: number;
  readonly text: string;
  readonly confidence: number;
}

export interface JoinOptions {
  /** Audio of the previous chunk in front of this chunk's, in ms (0 for a first chunk). */
  readonly overlapMs: number;
  /** The last words of the previous chunk's transcript ('' when there is none). */
  readonly previousText: string;
  /** Leading words of this chunk that may be a cut word's tail. Default 2. */
  readonly maxSkippedLeadingWords?: number;
  /** How far back into the previous transcript a shared run may reach. Default 24 words. */
  readonly maxRunWords?: number;
}

export interface JoinedChunk {
  readonly segments: HeardSegment[];
  /** Words dropped as heard twice. */
  readonly droppedWords: number;
  readonly rule: 'none' | 'words' | 'time';
}

interface Word {
  readonly segment: number;
  readonly text: string;
  readonly key: string;
}

function wordsOf(segments: readonly HeardSegment[]): Word[] {
  const words: Word[] = [];
  segments.forEach((segment, index) => {
    for (const text of segment.text.split(/\s+/u)) {
      if (text === '') continue;
      words.push({ segment: index, text, key: toSearchKey(text) });
    }
  });
  // A word that folds to nothing (a lone punctuation mark) cannot anchor a match.
  return words;
}

/** Keys of the previous transcript's last words, punctuation-only words left out. */
function tailKeys(text: string, max: number): string[] {
  const keys = text
    .split(/\s+/u)
    .map((word) => toSearchKey(word))
    .filter((key) => key !== '');
  return keys.slice(-max);
}

/**
 * The longest run of `next` keys (after skipping `skip` of them) equal to the end of `tail`.
 * A run of one word counts only if the word is not trivially common (at least 3 letters) and no
 * words were skipped: "و" or "the" at both sides of a join is a coincidence, not an overlap.
 */
function longestSharedRun(
  tail: readonly string[],
  next: readonly Word[],
  maxSkip: number,
): { skip: number; run: number } | null {
  const nextKeys = next.filter((word) => word.key !== '').map((word) => word.key);
  let best: { skip: number; run: number } | null = null;
  for (let skip = 0; skip <= Math.min(maxSkip, nextKeys.length - 1); skip++) {
    const limit = Math.min(tail.length, nextKeys.length - skip);
    for (let run = limit; run >= 1; run--) {
      let same = true;
      for (let i = 0; i < run && same; i++) {
        same = tail[tail.length - run + i] === nextKeys[skip + i];
      }
      if (!same) continue;
      const trivial = run === 1 && (skip > 0 || [...nextKeys[skip]!].length < 3);
      if (!trivial && (!best || run > best.run)) best = { skip, run };
      break;
    }
  }
  return best;
}

/** Removes the first `count` non-empty words (and punctuation between them) from the segments. */
function dropLeadingWords(
  segments: readonly HeardSegment[],
  words: readonly Word[],
  count: number,
) {
  const counted = words.filter((word) => word.key !== '');
  const last = counted[count - 1];
  if (!last) return [...segments];
  // Drop every word up to and including the last counted one (punctuation in between too).
  const cut = words.indexOf(last);
  const keep = new Map<number, string[]>();
  words.forEach((word, index) => {
    if (index <= cut) return;
    const list = keep.get(word.segment) ?? [];
    list.push(word.text);
    keep.set(word.segment, list);
  });
  const result: HeardSegment[] = [];
  segments.forEach((segment, index) => {
    if (index < last.segment) return;
    const remaining = keep.get(index);
    if (!remaining || remaining.every((word) => toSearchKey(word) === '')) return;
    result.push({ ...segment, text: remaining.join(' ') });
  });
  return result;
}

export function joinChunk(segments: readonly HeardSegment[], options: JoinOptions): JoinedChunk {
  const heard = segments.filter((segment) => segment.text.trim() !== '');
  if (options.overlapMs <= 0 || heard.length === 0) {
    return { segments: heard, droppedWords: 0, rule: 'none' };
  }
  const words = wordsOf(heard);
  const tail = tailKeys(options.previousText, options.maxRunWords ?? 24);
  // The previous chunk heard nothing (silence, or it failed): nothing here can be a repeat.
  if (tail.length === 0) return { segments: heard, droppedWords: 0, rule: 'none' };
  const shared = longestSharedRun(tail, words, options.maxSkippedLeadingWords ?? 2);
  if (shared) {
    const dropped = shared.skip + shared.run;
    return {
      segments: dropLeadingWords(heard, words, dropped),
      droppedWords: dropped,
      rule: 'words',
    };
  }
  // No shared words: the overlap's own segments duplicate audio the previous chunk covers.
  const kept = heard.filter((segment) => segment.t1 > options.overlapMs);
  const droppedWords = wordsOf(heard.filter((segment) => segment.t1 <= options.overlapMs)).filter(
    (word) => word.key !== '',
  ).length;
  return { segments: kept, droppedWords, rule: droppedWords > 0 ? 'time' : 'none' };
}
