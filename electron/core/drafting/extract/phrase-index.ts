import { analyzeUncached, onAnalysisCacheCleared, type Lexeme, type Mark } from './lexemes';

/**
 * Finds known phrases (drug names, vital keywords, checklist keywords, diagnosis titles) in a
 * segment's lexemes. Phrases go through the same folding and lexing as the transcript, so
 * "آموکسی‌سیلین", "اموکسی سیلين" and "آموکسیسیلین" all meet in the middle, and "دیابت نوع ۲"
 * matches "دیابت نوع دو".
 *
 * Two leniencies, because speech and Persian morphology produce them all the time:
 * - a multi-word phrase also matches written as one word ("گلو درد" ~ "گلودرد");
 * - a transcript word may carry a Persian possessive/plural/copula ending or an English plural
 *   ("فشارش", "سرفه‌هایش", "درصده", "tablets") — see SUFFIXES.
 */

type Part =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'mark'; readonly mark: Mark };

// Endings after ZWNJ removal (folding joins "سرفه‌های" into "سرفههای").
const PERSIAN_SUFFIXES = [
  'ها',
  'های',
  'هایی',
  'هاش',
  'هام',
  'هات',
  'هاشون',
  'هاتون',
  'ی',
  'ای',
  'ش',
  'اش',
  'م',
  'ام',
  'ت',
  'ات',
  'مون',
  'تون',
  'شون',
  'یش',
  'یم',
  'یت',
  'یشون',
  'یتون',
  'ه',
  'ست',
  'اس',
  'یه',
];
const LATIN_SUFFIXES = ['s', 'es'];
const SUFFIXES: ReadonlySet<string> = new Set([...PERSIAN_SUFFIXES, ...LATIN_SUFFIXES]);
const MAX_SUFFIX = 5;
/**
 * A one-letter ending on a two-letter stem matches too much ("قد" + "م" is "step"); only the
 * possessive "ش" is common enough there to keep ("قدش", "تبش").
 */
const MIN_STEM_FOR_SHORT_SUFFIX = 3;

export function wordMatches(word: string, stem: string): boolean {
  if (word === stem) return true;
  if (word.length <= stem.length || !word.startsWith(stem)) return false;
  const ending = word.slice(stem.length);
  if (!SUFFIXES.has(ending)) return false;
  return ending.length > 1 || stem.length >= MIN_STEM_FOR_SHORT_SUFFIX || ending === 'ش';
}

// Every phrase lookup starts here, for every word of the transcript; a visit's vocabulary is a
// few thousand words, so each word's stems are worked out once.
const STEMS_LIMIT = 50_000;
const stems = new Map<string, readonly string[]>();
onAnalysisCacheCleared(() => stems.clear());

/** The stems a transcript word may be an inflection of (itself first). */
function stemCandidates(word: string): readonly string[] {
  const hit = stems.get(word);
  if (hit) return hit;
  const out = [word];
  for (let k = 1; k <= MAX_SUFFIX && k < word.length; k++) {
    if (SUFFIXES.has(word.slice(word.length - k))) out.push(word.slice(0, word.length - k));
  }
  if (stems.size >= STEMS_LIMIT) stems.clear();
  stems.set(word, out);
  return out;
}

function partsOf(phrase: string): Part[] {
  return analyzeUncached(phrase).lexemes.map((l): Part => {
    switch (l.kind) {
      case 'word':
        return { kind: 'word', text: l.text };
      case 'number':
        return { kind: 'number', value: l.value };
      case 'mark':
        return { kind: 'mark', mark: l.mark };
    }
  });
}

function partMatches(l: Lexeme, p: Part): boolean {
  switch (p.kind) {
    case 'word':
      return l.kind === 'word' && wordMatches(l.text, p.text);
    case 'number':
      return l.kind === 'number' && l.value === p.value;
    case 'mark':
      return l.kind === 'mark' && l.mark === p.mark;
  }
}

interface Entry<T> {
  readonly parts: readonly Part[];
  readonly value: T;
}

export interface PhraseMatch<T> {
  readonly value: T;
  /** Lexeme index of the first matched lexeme. */
  readonly from: number;
  /** Lexeme index after the last matched lexeme. */
  readonly to: number;
}

const NUMBER_BUCKET = '\u0000#';
const MARK_BUCKET = '\u0000.';

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a phrase; returns false when it folds to nothing (e.g. only punctuation). */
  add(phrase: string, value: T): boolean {
    const parts = partsOf(phrase);
    if (parts.length === 0) return false;
    this.addParts(parts, value);
    if (parts.length > 1 && parts.every((p) => p.kind === 'word')) {
      const joined = parts.map((p) => (p.kind === 'word' ? p.text : '')).join('');
      this.addParts([{ kind: 'word', text: joined }], value);
    }
    return true;
  }

  private addParts(parts: readonly Part[], value: T): void {
    const first = parts[0]!;
    const key =
      first.kind === 'word' ? first.text : first.kind === 'number' ? NUMBER_BUCKET : MARK_BUCKET;
    let list = this.byFirst.get(key);
    if (!list) {
      list = [];
      this.byFirst.set(key, list);
    }
    // The same phrase twice (a name listed under two spellings that fold alike) is one entry.
    if (list.some((e) => e.value === value && samePartList(e.parts, parts))) return;
    list.push({ parts, value });
    this.count++;
  }

  /** Every phrase that starts at lexeme i, longest first. */
  matchesAt(lexemes: readonly Lexeme[], i: number): PhraseMatch<T>[] {
    const l = lexemes[i];
    if (!l) return [];
    let keys: readonly string[];
    if (l.kind === 'word') keys = stemCandidates(l.text);
    else keys = [l.kind === 'number' ? NUMBER_BUCKET : MARK_BUCKET];
    const out: PhraseMatch<T>[] = [];
    for (const key of keys) {
      const list = this.byFirst.get(key);
      if (!list) continue;
      for (const entry of list) {
        const n = entry.parts.length;
        if (i + n > lexemes.length) continue;
        let ok = true;
        for (let k = 0; k < n && ok; k++) ok = partMatches(lexemes[i + k]!, entry.parts[k]!);
        if (ok && !out.some((m) => m.value === entry.value && m.to === i + n)) {
          out.push({ value: entry.value, from: i, to: i + n });
        }
      }
    }
    out.sort((a, b) => b.to - a.to);
    return out;
  }

  /**
   * All matches left to right. With `longestOnly`, the longest phrase at a position wins and the
   * scan resumes after it (drug names: "co amoxiclav" is not also "amoxiclav"); otherwise every
   * phrase at every position is reported (checklist keywords of different items may overlap).
   */
  findAll(lexemes: readonly Lexeme[], options: { longestOnly: boolean }): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < lexemes.length;) {
      const here = this.matchesAt(lexemes, i);
      if (here.length === 0) {
        i++;
        continue;
      }
      if (options.longestOnly) {
        const best = here[0]!;
        for (const m of here) if (m.to === best.to) out.push(m);
        i = best.to;
      } else {
        out.push(...here);
        i++;
      }
    }
    return out;
  }
}

function samePartList(a: readonly Part[], b: readonly Part[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, k) => {
    const q = b[k]!;
    if (p.kind !== q.kind) return false;
    if (p.kind === 'word') return q.kind === 'word' && p.text === q.text;
    if (p.kind === 'number') return q.kind === 'number' && p.value === q.value;
    return q.kind === 'mark' && p.mark === q.mark;
  });
}
