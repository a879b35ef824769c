/**
 * The one Persian text normaliser of the app. Names, search, checklist matching and the
 * extractors all go through here, so two spellings that a Persian reader sees as the same
 * word compare equal everywhere, not just in the one place that remembered to fold them.
 *
 * Two strengths:
 * - `normalizeText` is conservative: it fixes what keyboards and copy-paste get wrong but keeps
 *   the person's spelling (ZWNJ, hamza, diacritics, Latin case), because its output is stored
 *   and shown back.
 * - `toSearchKey` / `searchTokens` fold aggressively; their output is only ever compared,
 *   never shown.
 */

export interface NormalizeTextOptions {
  /**
   * Keep line breaks (as `\n`, at most one empty line in a row) instead of turning them into
   * spaces. For free text such as notes; names and single-line fields leave this off.
   */
  readonly keepLineBreaks?: boolean;
}

// Bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates) arrive with copy-paste from
// RTL editors and web pages. They are invisible, so two "identical" names would differ.
// The BOM, zero-width space, word joiner and soft hyphen are equally invisible noise.
const INVISIBLE_NOISE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u00AD]/g;

const ZWNJ = '\u200C';
const ZWNJ_RUN = /\u200C{2,}/g;
const ZWNJ_BESIDE_SPACE = /\u200C(?= )|(?<= )\u200C/g;
const EDGE_ZWNJ = /^\u200C|\u200C$/g;

// Windows and Arabic keyboard layouts still emit the Arabic code points for yeh and kaf.
// Persian spelling uses U+06CC and U+06A9; they look the same but compare different.
const LETTER_FIXES: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي Arabic yeh
  '\u0649': '\u06CC', // ى alef maksura
  '\u0643': '\u06A9', // ك Arabic kaf
};
const LETTER_FIX_PATTERN = /[\u064A\u0649\u0643]/g;

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const PERSIAN_OR_ARABIC_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
const ASCII_OR_ARABIC_DIGITS = /[0-9\u0660-\u0669]/g;

function digitValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 0x06f0 && code <= 0x06f9) return code - 0x06f0;
  if (code >= 0x0660 && code <= 0x0669) return code - 0x0660;
  return code - 0x30;
}

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits become ASCII 0–9; everything else is kept. */
export function toAsciiDigits(s: string): string {
  return s.replace(PERSIAN_OR_ARABIC_DIGITS, (ch) => String(digitValue(ch)));
}

/** ASCII (0–9) and Arabic-Indic (٠–٩) digits become Persian ۰–۹; everything else is kept. */
export function toPersianDigits(s: string): string {
  return s.replace(ASCII_OR_ARABIC_DIGITS, (ch) => String.fromCharCode(0x06f0 + digitValue(ch)));
}

/**
 * Whitespace and ZWNJ together: a ZWNJ touching a space, or at either end, joins nothing and
 * only makes the same word compare different, so it goes; a run of ZWNJs is one ZWNJ.
 * The steps are ordered so that no pattern backtracks over a long run (pasted text can be
 * long), which keeps this linear.
 */
function tidySpacesOnOneLine(line: string): string {
  return line
    .replace(/[\s\u0085]+/g, ' ')
    .replace(ZWNJ_RUN, ZWNJ)
    .replace(ZWNJ_BESIDE_SPACE, '')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(EDGE_ZWNJ, '');
}

/**
 * Cleans text a person typed so it can be stored and compared: Persian yeh and kaf, no
 * invisible bidi marks, Persian digits instead of Arabic-Indic ones, single spaces, tidy ZWNJs,
 * NFC. Idempotent.
 */
export function normalizeText(s: string, options: NormalizeTextOptions = {}): string {
  // NFC first so a decomposed yeh + hamza (ي + ٔ) becomes ئ before the yeh fix would turn it
  // into a Persian yeh with a stray hamza.
  let t = s.replace(INVISIBLE_NOISE, '').normalize('NFC');
  t = t.replace(LETTER_FIX_PATTERN, (ch) => LETTER_FIXES[ch] ?? ch);
  t = t.replace(ARABIC_INDIC_DIGITS, (ch) => String.fromCharCode(0x06f0 + digitValue(ch)));

  if (options.keepLineBreaks) {
    const lines = t.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/).map(tidySpacesOnOneLine);
    t = lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+|\n+$/g, '');
  } else {
    t = tidySpacesOnOneLine(t);
  }
  // Insurance that what is stored is always NFC, whatever the tidying above turns into.
  return t.normalize('NFC');
}

// Letters that a searcher types interchangeably. Applied after NFKD, so precomposed forms such
// as آ أ إ ؤ ئ ۀ have already been split into a base letter and a combining mark (stripped).
const SEARCH_LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي (also the base of ئ after NFKD)
  '\u0649': '\u06CC', // ى
  '\u0643': '\u06A9', // ك
  '\u0671': '\u0627', // ٱ alef wasla: NFKD leaves it whole
  '\u0672': '\u0627', // ٲ
  '\u0673': '\u0627', // ٳ
  '\u0629': '\u0647', // ة teh marbuta
  '\u06D5': '\u0647', // ە the base of ۀ after NFKD
  '\u06C1': '\u0647', // ہ heh goal
};
const SEARCH_LETTER_FOLD_PATTERN = /[\u064A\u0649\u0643\u0671-\u0673\u0629\u06D5\u06C1]/g;

// Combining marks (harakat, maddah, hamza above/below, superscript alef), the Quranic
// annotation block (some of which are not combining marks), tatweel and standalone hamza.
const SEARCH_DROPPED = /[\u06D6-\u06ED\u0640\u0621\p{M}]/gu;
const JOINERS = /[\u200C\u200D]/g;
// Punctuation, symbols and leftover invisible characters separate words, whatever the script.
const SEPARATORS = /[\p{P}\p{S}\p{C}\s]+/gu;

/**
 * Aggressive fold for matching, never for display: no diacritics or hamza forms, no ZWNJ
 * (so محمد‌رضا and محمدرضا match), ASCII digits, lower-case Latin without accents, and
 * punctuation turned into single spaces. Idempotent.
 */
export function toSearchKey(s: string): string {
  // Lower-case before NFKD so İ's lower-case (i + combining dot) loses its dot, and again after,
  // because NFKD can expand a compatibility character into capitals (㎒ → MHz).
  return toAsciiDigits(
    normalizeText(s)
      .toLowerCase()
      .normalize('NFKD')
      .replace(SEARCH_DROPPED, '')
      .replace(SEARCH_LETTER_FOLD_PATTERN, (ch) => SEARCH_LETTER_FOLDS[ch] ?? ch)
      .replace(JOINERS, '')
      .toLowerCase(),
  )
    .replace(SEPARATORS, ' ')
    .trim();
}

/** The distinct words of `toSearchKey(s)`, in their first order of appearance. */
export function searchTokens(s: string): string[] {
  const key = toSearchKey(s);
  if (key === '') return [];
  return [...new Set(key.split(' '))];
}

const defaultNumberFormat = new Intl.NumberFormat('fa-IR');

/**
 * A number the Persian way: Persian digits, ٬ for thousands and ٫ for decimals. Negative
 * numbers start with an invisible LRM and U+2212 (ICU's choice for fa-IR), so do not parse
 * the result back; keep the number.
 */
export function formatNumberFa(n: number, options?: Intl.NumberFormatOptions): string {
  const formatter = options ? new Intl.NumberFormat('fa-IR', options) : defaultNumberFormat;
  return formatter.format(n);
}
