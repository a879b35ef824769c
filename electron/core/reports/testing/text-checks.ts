/**
 * Checks on what poppler reads out of a report PDF, shared by the tests (which also run them on
 * stock pdfmake output to show they can fail).
 *
 * Two things poppler does to correct Persian text that the checks model instead of hiding:
 * - the lam-alef ligature (لا) is one glyph whose Unicode is "لا"; poppler places the two letters
 *   left to right inside the glyph box and then reverses the word, so plain `pdftotext` gives "ال"
 *   (سلامت → سالمت), and the drawing-order dump (-bbox) keeps "لا" inside the reversed word;
 * - ZWNJ becomes a zero-width space glyph: plain `pdftotext` drops it, -bbox splits the word there.
 */

const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZWNJ = /\u200c/g;
const LAM_ALEF_LOGICAL = /ل([اأإآ])/g;
const LAM_ALEF_VISUAL = /([اأإآ])ل/g;
/** Letters of the Arabic script (not its digits or punctuation). */
const PERSIAN_WORD = /(?:(?=\p{L})\p{Script=Arabic})+/gu;

/** pdftotext's output without the embedding marks it wraps runs in. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** A logical Persian text as plain `pdftotext` returns it from a correct PDF (see above). */
export function asPdftotextReadsIt(logical: string): string {
  return logical.replace(LAM_ALEF_LOGICAL, '$1ل').replace(ZWNJ, '');
}

/** A visual (left-to-right) line as `pdftotext -bbox` returns it from a correct PDF. */
export function asDrawnReadsIt(visual: string): string {
  return visual.replace(LAM_ALEF_VISUAL, 'ل$1').replace(ZWNJ, ' ');
}

/** The Persian words of a text, in order. */
export function persianWords(text: string): string[] {
  return [...withoutBidiControls(text).replace(ZWNJ, '').matchAll(PERSIAN_WORD)].map(
    (match) => match[0],
  );
}

/**
 * Does the extracted text hold the sentence's Persian words, all of them, one after the other in
 * the sentence's (logical) order? Stock pdfmake output gives them backwards.
 */
export function wordsInLogicalOrder(extracted: string, sentence: string): boolean {
  const haystack = persianWords(extracted);
  const needle = persianWords(asPdftotextReadsIt(sentence));
  if (needle.length === 0) throw new Error('sentence has no Persian words');
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    if (needle.every((word, index) => haystack[start + index] === word)) return true;
  }
  return false;
}

/** The tokens (numbers, doses, codes, dates) not found intact in the extracted text. */
export function missingTokens(extracted: string, tokens: readonly string[]): string[] {
  const text = withoutBidiControls(extracted);
  return tokens.filter((token) => !text.includes(token));
}
