import { toSearchKey } from '../../../shared/text/normalize';

/**
 * A segment's text folded for matching, with a map back to the original characters.
 *
 * Matching runs on folded text (yeh/kaf, digits, diacritics, ZWNJ, case — the app's one
 * normaliser), but an evidence anchor must point into the text the doctor sees. `toSearchKey`
 * changes lengths (ZWNJ and diacritics vanish, runs of punctuation become one space), so the
 * text is folded one character at a time through `toSearchKey` and every folded character
 * remembers the original range it came from.
 *
 * Two departures from `toSearchKey`, both because numbers and questions need them:
 * the decimal separators (. ٫), "/", "%" (٪), "?" (؟) and "," (، ؛ ; :) are kept as marks
 * instead of becoming spaces, so "۳۸٫۵", "120/80", "96%" and "حساسیت دارید؟" survive folding.
 */
export interface FoldedText {
  readonly original: string;
  readonly folded: string;
  /** Original start offset of each folded UTF-16 unit. */
  readonly starts: readonly number[];
  /** Original end offset (exclusive) of each folded UTF-16 unit. */
  readonly ends: readonly number[];
}

const KEPT_MARKS: Readonly<Record<string, string>> = {
  '.': '.',
  '\u066B': '.', // ٫ Arabic decimal separator
  '/': '/',
  '%': '%',
  '\u066A': '%', // ٪
  '?': '?',
  '\u061F': '?', // ؟
  '!': '.',
  ',': ',',
  '\u060C': ',', // ،
  '\u061B': ',', // ؛
  ';': ',',
  ':': ',',
};

// Characters that disappear inside a word (toSearchKey drops them without splitting the word):
// combining marks, format characters (ZWNJ, ZWJ, bidi marks, soft hyphen), tatweel, hamza and
// the Quranic annotation signs.
const MARK_OR_FORMAT = /^[\p{M}\p{Cf}]$/u;
function isJoining(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (
    MARK_OR_FORMAT.test(ch) ||
    code === 0x0640 ||
    code === 0x0621 ||
    (code >= 0x06d6 && code <= 0x06ed)
  );
}

const charFolds = new Map<string, string>();

function foldChar(ch: string): string {
  const cached = charFolds.get(ch);
  if (cached !== undefined) return cached;
  let folded = KEPT_MARKS[ch];
  if (folded === undefined) {
    const key = toSearchKey(ch);
    folded = key !== '' ? key : isJoining(ch) ? '' : ' ';
  }
  // The alphabet of a transcript is small; the cap only guards against pathological input.
  if (charFolds.size < 20_000) charFolds.set(ch, folded);
  return folded;
}

export function foldWithOffsets(original: string): FoldedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = true; // no leading space
  for (let i = 0; i < original.length;) {
    const code = original.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < original.length ? 2 : 1;
    const folded = foldChar(width === 1 ? original[i]! : original.slice(i, i + 2));
    for (let k = 0; k < folded.length; k++) {
      const ch = folded[k]!;
      if (ch === ' ') {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else {
        lastWasSpace = false;
      }
      out.push(ch);
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  if (out.length > 0 && out[out.length - 1] === ' ') {
    out.pop();
    starts.pop();
    ends.pop();
  }
  return { original, folded: out.join(''), starts, ends };
}

/** The original [start, end) behind folded [from, to). */
export function originalRange(text: FoldedText, from: number, to: number): [number, number] {
  if (to <= from) {
    const at = text.starts[from] ?? text.original.length;
    return [at, at];
  }
  return [text.starts[from]!, text.ends[to - 1]!];
}
