import { doseUnitAt } from '../drafting/extract/doses';
import type { Lexeme } from '../drafting/extract/lexemes';
import { drugNamesIn } from '../drafting/extract/medications';
import { followedByTime, intervalAt } from '../drafting/extract/quantities';
import type { Passage } from '../drafting/extract/running-text';
import { readVitals } from '../drafting/extract/vitals';
import { diagnosisTermsIn, labTermsIn } from '../drafting/evidence/terminology';

/**
 * The keyword markers a checklist item may use instead of words (see default-catalog.ts): each
 * is found by the extractors, so "#vital" means a vital sign with a value, not the word "فشار".
 * Found over a passage (running-text.ts), so a vital or a dose cut between segments counts.
 */
export const checklistMarkers = [
  '#number',
  '#duration',
  '#vital',
  '#drug',
  '#dose',
  '#diagnosis',
  '#lab',
] as const;
export type ChecklistMarker = (typeof checklistMarkers)[number];

export function isMarker(keyword: string): keyword is ChecklistMarker {
  return (checklistMarkers as readonly string[]).includes(keyword.trim());
}

export interface LexemeRange {
  readonly from: number;
  readonly to: number;
}

/** A spoken "یه"/"یک"/"one" is an article as often as a count, so it is not "#number". */
function numbers(lexemes: readonly Lexeme[]): LexemeRange[] {
  const out: LexemeRange[] = [];
  lexemes.forEach((l, i) => {
    if (l.kind === 'number' && !(l.spoken && l.value === 1)) out.push({ from: i, to: i + 1 });
  });
  return out;
}

function durations(lexemes: readonly Lexeme[]): LexemeRange[] {
  const out: LexemeRange[] = [];
  for (let i = 0; i < lexemes.length; i++) {
    const found = intervalAt(lexemes, i);
    if (found) out.push({ from: i, to: found.to });
    else if (lexemes[i]!.kind === 'number' && followedByTime(lexemes, i))
      out.push({ from: i, to: i + 2 });
  }
  return out;
}

function doses(lexemes: readonly Lexeme[]): LexemeRange[] {
  const out: LexemeRange[] = [];
  lexemes.forEach((l, i) => {
    if (l.kind !== 'number') return;
    const unit = doseUnitAt(lexemes, i + 1);
    if (unit) out.push({ from: i, to: unit.to });
  });
  return out;
}

const cache = new WeakMap<Passage, Partial<Record<ChecklistMarker, LexemeRange[]>>>();

/** Where a marker occurs in a passage, left to right (computed once per passage, on first use). */
export function markerRanges(passage: Passage, marker: ChecklistMarker): readonly LexemeRange[] {
  let found = cache.get(passage);
  if (!found) {
    found = {};
    cache.set(passage, found);
  }
  let ranges = found[marker];
  if (!ranges) {
    const { lexemes } = passage;
    switch (marker) {
      case '#number':
        ranges = numbers(lexemes);
        break;
      case '#duration':
        ranges = durations(lexemes);
        break;
      case '#vital':
        ranges = readVitals(passage).map((r) => ({ from: r.from, to: r.to }));
        break;
      case '#drug':
        ranges = drugNamesIn(passage).map((m) => ({ from: m.from, to: m.to }));
        break;
      case '#dose':
        ranges = doses(lexemes);
        break;
      case '#diagnosis':
        ranges = diagnosisTermsIn(lexemes);
        break;
      case '#lab':
        ranges = labTermsIn(lexemes);
        break;
    }
    found[marker] = ranges;
  }
  return ranges;
}
