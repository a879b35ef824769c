import { foldWithOffsets, type FoldedText } from './folded-text';
import {
  AND_FA,
  COUNTED_WORDS,
  DECIMAL_POINT_WORDS,
  ENGLISH_DIGIT_ZERO,
  HALF_FA,
  LETTER_SI_BEFORE,
  numberWord,
  splitJoinedNumber,
  TENTH_FA,
  type NumberClass,
} from './spoken-numbers';

/**
 * A segment as the extractors, the evidence check and the checklist read it: folded words,
 * numbers (written or spoken, already combined into one value) and the few marks that matter.
 * `start`/`end` are offsets into the ORIGINAL segment text, so anything found here becomes an
 * evidence anchor without further bookkeeping.
 */
export type Lexeme = WordLexeme | NumberLexeme | MarkLexeme;

export interface WordLexeme {
  readonly kind: 'word';
  /** Folded (toSearchKey) form. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface NumberLexeme {
  readonly kind: 'number';
  readonly value: number;
  /** Said in words ("سی و هشت") rather than written in digits. */
  readonly spoken: boolean;
  readonly start: number;
  readonly end: number;
}

export type Mark = '.' | '/' | '%' | '?' | ',';

export interface MarkLexeme {
  readonly kind: 'mark';
  readonly mark: Mark;
  readonly start: number;
  readonly end: number;
}

export interface AnalyzedText {
  readonly folded: FoldedText;
  readonly lexemes: readonly Lexeme[];
}

/** Words after which "نه" is nine, not "no". */
const NINE_AFTER: ReadonlySet<string> = new Set(['روی', 'رو', 'بر']);

const TOKEN =
  /(\d+(?:\.\d+)?)|([a-z]+)|([\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+)|(\p{L}+)|([./%?,])/gu;

function rawLexemes(folded: FoldedText): Lexeme[] {
  const out: Lexeme[] = [];
  const text = folded.folded;
  for (const m of text.matchAll(TOKEN)) {
    const from = m.index;
    const to = from + m[0].length;
    const start = folded.starts[from]!;
    const end = folded.ends[to - 1]!;
    if (m[1] !== undefined) {
      out.push({ kind: 'number', value: Number(m[1]), spoken: false, start, end });
    } else if (m[5] !== undefined) {
      out.push({ kind: 'mark', mark: m[5] as Mark, start, end });
    } else {
      const parts = splitJoinedNumber(m[0]);
      if (parts) {
        for (const part of parts) out.push({ kind: 'word', text: part, start, end });
      } else {
        out.push({ kind: 'word', text: m[0], start, end });
      }
    }
  }
  return out;
}

function wordAt(lexemes: readonly Lexeme[], i: number): string | undefined {
  const l = lexemes[i];
  return l?.kind === 'word' ? l.text : undefined;
}

interface ParsedNumber {
  readonly value: number;
  /** Index after the last lexeme used. */
  readonly next: number;
}

/** The number word at i, if it is used as a number there ("نه" and "سی" are not always). */
function componentAt(
  lexemes: readonly Lexeme[],
  i: number,
  insideCompound: boolean,
): { value: number; cls: NumberClass; lang: 'fa' | 'en' } | undefined {
  const text = wordAt(lexemes, i);
  if (text === undefined) return undefined;
  const word = numberWord(text);
  if (!word) return undefined;
  const after = wordAt(lexemes, i + 1);
  if (word.lang === 'fa' && word.value === 9 && !insideCompound) {
    const before = wordAt(lexemes, i - 1);
    const counted = after !== undefined && COUNTED_WORDS.has(after);
    // "سیزده روی نه": nine after the word that joins the two pressures.
    if (!counted && !(before !== undefined && NINE_AFTER.has(before))) return undefined;
  }
  if (word.lang === 'fa' && word.value === 30) {
    const before = wordAt(lexemes, i - 1);
    if (
      (after !== undefined && LETTER_SI_BEFORE.has(after)) ||
      (before !== undefined && LETTER_SI_BEFORE.has(before))
    ) {
      return undefined;
    }
  }
  return word;
}

/** An integer said in words starting at i (Persian or English grammar, see spoken-numbers.ts). */
function spokenIntegerAt(lexemes: readonly Lexeme[], i: number): ParsedNumber | undefined {
  const first = componentAt(lexemes, i, false);
  if (!first) return undefined;
  const lang = first.lang;
  let total = 0;
  let group = first.value;
  let prev: NumberClass = first.cls === 'hundred_word' ? 'hundred' : first.cls;
  if (first.cls === 'thousand') {
    total = first.value;
    group = 0;
  }
  let next = i + 1;
  for (;;) {
    let k = next;
    let hadAnd = false;
    const w = wordAt(lexemes, k);
    if ((lang === 'fa' && w === AND_FA) || (lang === 'en' && w === 'and')) {
      hadAnd = true;
      k++;
    }
    const c = componentAt(lexemes, k, hadAnd);
    if (!c || c.lang !== lang) break;
    let ok = true;
    if (c.cls === 'thousand') {
      ok = !hadAnd && prev !== 'thousand';
      if (ok) {
        total += (group === 0 ? 1 : group) * c.value;
        group = 0;
      }
    } else if (c.cls === 'hundred_word') {
      // "یک صد", "one hundred": a unit multiplies; a bare "صد" after thousands starts a group.
      if (!hadAnd && prev === 'unit') group *= 100;
      else if (prev === 'thousand' && (hadAnd || lang === 'en')) group = 100;
      else ok = false;
    } else {
      const needsAnd = lang === 'fa';
      const andOk = needsAnd ? hadAnd : true;
      const after: Partial<Record<NumberClass, readonly NumberClass[]>> = {
        thousand: ['hundred', 'ten', 'teen', 'unit'],
        hundred: ['ten', 'teen', 'unit'],
        ten: ['unit'],
      };
      // English "twenty five" has no "and"; Persian always joins with "و".
      const allowed = after[prev] ?? [];
      ok = andOk && allowed.includes(c.cls) && !(lang === 'en' && prev === 'ten' && hadAnd);
      if (ok) group += c.value;
    }
    if (!ok) break;
    prev = c.cls === 'hundred_word' ? 'hundred' : c.cls;
    next = k + 1;
  }
  return { value: total + group, next };
}

/** Single digits said one by one after "ممیز"/"point" ("point two five" = .25). */
function decimalDigitsAt(lexemes: readonly Lexeme[], i: number): ParsedNumber | undefined {
  const l = lexemes[i];
  if (l?.kind === 'number' && !l.spoken && Number.isInteger(l.value)) {
    const digits = String(l.value);
    return { value: Number(`0.${digits}`), next: i + 1 };
  }
  let digits = '';
  let k = i;
  for (;;) {
    const w = wordAt(lexemes, k);
    if (w === undefined) break;
    if (ENGLISH_DIGIT_ZERO.has(w)) digits += '0';
    else {
      const word = numberWord(w);
      if (!word || word.cls !== 'unit') break;
      digits += String(word.value);
    }
    k++;
    if (digits.length >= 3) break;
  }
  if (digits === '') {
    // "ممیز بیست و پنج" reads as .25
    const spoken = spokenIntegerAt(lexemes, i);
    if (!spoken || spoken.value >= 1000) return undefined;
    return { value: Number(`0.${spoken.value}`), next: spoken.next };
  }
  return { value: Number(`0.${digits}`), next: k };
}

/** "و نیم", "و پنج دهم", "ممیز پنج", "point five", "and a half" after an integer at `at`. */
function fractionAt(lexemes: readonly Lexeme[], at: number): ParsedNumber | undefined {
  const w0 = wordAt(lexemes, at);
  if (w0 === undefined) return undefined;
  if (w0 === AND_FA) {
    if (wordAt(lexemes, at + 1) === HALF_FA) return { value: 0.5, next: at + 2 };
    const unit = componentAt(lexemes, at + 1, true);
    if (unit && unit.cls === 'unit' && wordAt(lexemes, at + 2) === TENTH_FA) {
      return { value: unit.value / 10, next: at + 3 };
    }
    return undefined;
  }
  if (w0 === 'and' && wordAt(lexemes, at + 1) === 'a' && wordAt(lexemes, at + 2) === 'half') {
    return { value: 0.5, next: at + 3 };
  }
  if (DECIMAL_POINT_WORDS.has(w0)) return decimalDigitsAt(lexemes, at + 1);
  return undefined;
}

/**
 * Lexemes with numbers composed, and for each the range of raw lexemes it was made from: a
 * running text over several segments (running-text.ts) needs to know in which segment a number
 * said across a cut ("صد و" | "بیست") starts and ends.
 */
export interface ComposedLexemes {
  readonly lexemes: Lexeme[];
  /** Index of the first raw lexeme of each composed lexeme. */
  readonly firstRaw: number[];
  /** Index of the last raw lexeme of each composed lexeme. */
  readonly lastRaw: number[];
}

export function composeNumbers(raw: readonly Lexeme[]): ComposedLexemes {
  const out: Lexeme[] = [];
  const firstRaw: number[] = [];
  const lastRaw: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const l = raw[i]!;
    let parsed: ParsedNumber | undefined;
    let spoken = false;
    if (l.kind === 'number') {
      // "50 هزار واحد": digits with a spoken multiplier.
      const after = wordAt(raw, i + 1);
      const multiplier = after === undefined ? undefined : numberWord(after);
      parsed =
        multiplier?.cls === 'thousand'
          ? { value: l.value * multiplier.value, next: i + 2 }
          : { value: l.value, next: i + 1 };
    } else if (l.kind === 'word') {
      if (l.text === HALF_FA) {
        parsed = { value: 0.5, next: i + 1 };
      } else {
        parsed = spokenIntegerAt(raw, i);
      }
      spoken = parsed !== undefined;
    }
    if (!parsed) {
      out.push(l);
      firstRaw.push(i);
      lastRaw.push(i);
      i++;
      continue;
    }
    let { value, next } = parsed;
    if (Number.isInteger(value)) {
      const fraction = fractionAt(raw, next);
      if (fraction) {
        value = Math.round((value + fraction.value) * 1000) / 1000;
        next = fraction.next;
        spoken = true;
      }
    }
    out.push({ kind: 'number', value, spoken, start: l.start, end: raw[next - 1]!.end });
    firstRaw.push(i);
    lastRaw.push(next - 1);
    i = next;
  }
  return { lexemes: out, firstRaw, lastRaw };
}

/** A text folded and cut into raw lexemes: words, digits and marks, numbers not yet composed. */
export interface RawText {
  readonly folded: FoldedText;
  readonly raw: readonly Lexeme[];
}

export function analyzeUncached(text: string): AnalyzedText {
  const folded = foldWithOffsets(text);
  return { folded, lexemes: composeNumbers(rawLexemes(folded)).lexemes };
}

// The checklist runs on every new transcript chunk over the whole transcript so far; folding
// each segment once keeps that cheap. Keyed by text, so a corrected segment is analysed anew.
// Segments are read as running text (running-text.ts), which composes numbers over the raw
// lexemes of several segments at once; free text (a draft's dose, a phrase) is read alone.
const CACHE_LIMIT = 8192;
const rawCache = new Map<string, RawText>();
const cache = new Map<string, AnalyzedText>();
const cleared = new Set<() => void>();

export function rawText(text: string): RawText {
  const hit = rawCache.get(text);
  if (hit) return hit;
  const folded = foldWithOffsets(text);
  const analyzed = { folded, raw: rawLexemes(folded) };
  if (rawCache.size >= CACHE_LIMIT) rawCache.clear();
  rawCache.set(text, analyzed);
  return analyzed;
}

export function analyzeText(text: string): AnalyzedText {
  const hit = cache.get(text);
  if (hit) return hit;
  const { folded, raw } = rawText(text);
  const analyzed = { folded, lexemes: composeNumbers(raw).lexemes };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, analyzed);
  return analyzed;
}

/** Lets a cache built on the analyses (passages, word stems) be emptied with them. */
export function onAnalysisCacheCleared(clear: () => void): void {
  cleared.add(clear);
}

/** For benchmarks that must measure a cold run. */
export function clearAnalysisCache(): void {
  rawCache.clear();
  cache.clear();
  for (const clear of cleared) clear();
}
