import type { DraftingSegment, Evidence } from '../../../shared/soap';
import { toSearchKey } from '../../../shared/text/normalize';
import type { Lexeme } from './lexemes';
import { wordMatches } from './phrase-index';

/*
 * Small helpers over lexemes shared by the extractors, the evidence check and the checklist.
 * The transcript itself is read passage by passage (running-text.ts).
 */

const MAX_QUOTE = 2000;

/**
 * An evidence anchor over original characters [start, end) of the segment's text. A quote is
 * capped at the schema's 2000 characters by shortening the range, so it stays its exact slice.
 */
export function anchor(segment: DraftingSegment, start: number, end: number): Evidence {
  const to = Math.min(end, start + MAX_QUOTE);
  return { segmentId: segment.id, start, end: to, quote: segment.text.slice(start, to) };
}

export function wordAt(lexemes: readonly Lexeme[], i: number): string | undefined {
  const l = lexemes[i];
  return l?.kind === 'word' ? l.text : undefined;
}

/** The word at i is one of the stems (with the usual Persian/English endings). */
export function wordIs(lexemes: readonly Lexeme[], i: number, stems: readonly string[]): boolean {
  const w = wordAt(lexemes, i);
  return w !== undefined && stems.some((stem) => wordMatches(w, stem));
}

export function isSentenceEnd(l: Lexeme | undefined): boolean {
  return l?.kind === 'mark' && (l.mark === '.' || l.mark === '?');
}

/** Up to `max` evidence anchors, in order, without duplicates. */
export function mergeEvidence(lists: readonly (readonly Evidence[])[], max = 20): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const e of list) {
      const key = `${e.segmentId}\u0000${e.start}\u0000${e.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** Word lists written as spelled, folded once so they compare with transcript words. */
export function foldWords(words: readonly string[]): string[] {
  return words.map(toSearchKey);
}
