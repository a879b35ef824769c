import type { Lexeme } from './lexemes';
import { wordMatches } from './phrase-index';
import { foldWords, wordAt, wordIs } from './transcript';

/** Words that make a preceding number a span of time ("۳ روز", "two weeks", "۴۵ ساله"). */
export const TIME_STEMS = foldWords([
  'روز',
  'ساعت',
  'هفته',
  'ماه',
  'سال',
  'ساله',
  'دقیقه',
  'شب',
  'day',
  'hour',
  'hr',
  'week',
  'month',
  'year',
  'minute',
  'min',
]);

export function followedByTime(lexemes: readonly Lexeme[], i: number): boolean {
  return wordIs(lexemes, i + 1, TIME_STEMS);
}

/** A number as stored: ASCII digits, at most `decimals` decimals, no trailing zeros. */
export function formatValue(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return String(rounded);
}

export type IntervalUnit = 'روز' | 'هفته' | 'ماه' | 'سال';
const UNIT_DAYS: Readonly<Record<IntervalUnit, number>> = { روز: 1, هفته: 7, ماه: 30, سال: 365 };
const INTERVAL_UNITS: ReadonlyArray<readonly [string, IntervalUnit]> = [
  ['روز', 'روز'],
  ['day', 'روز'],
  ['هفته', 'هفته'],
  ['week', 'هفته'],
  ['ماه', 'ماه'],
  ['month', 'ماه'],
  ['سال', 'سال'],
  ['year', 'سال'],
];

/** "روزی" is "per day", not "a day"; likewise "هفته‌ای", "ماهی". */
const PER_UNIT_WORDS: ReadonlySet<string> = new Set(foldWords(['روزی', 'هفته‌ای', 'ماهی', 'ساله']));

/** "۲ هفته", "two weeks", "یک ماه" at lexeme i: the unit may carry an ending ("هفته‌ی"). */
export function intervalAt(
  lexemes: readonly Lexeme[],
  i: number,
): { value: number; unit: IntervalUnit; to: number } | undefined {
  const l = lexemes[i];
  if (l?.kind !== 'number') return undefined;
  const w = wordAt(lexemes, i + 1);
  if (w === undefined || PER_UNIT_WORDS.has(w)) return undefined;
  const unit = INTERVAL_UNITS.find(([stem]) => wordMatches(w, stem))?.[1];
  return unit ? { value: l.value, unit, to: i + 2 } : undefined;
}

export function intervalDays(value: number, unit: IntervalUnit): number {
  return value * UNIT_DAYS[unit];
}
