import bidiFactory, { type EmbeddingLevels } from 'bidi-js';

/**
 * The bidi layer of the PDF report: breaks a paragraph into lines and lays each line out in
 * visual order, left to right, as runs the PDF renderer can place one after the other.
 *
 * Why it exists: pdfmake (through pdfkit and fontkit) shapes Arabic-script letters but has no
 * bidirectional layout. It places words left to right in the order they were written, so a Persian
 * sentence reads backwards, and fontkit reverses every glyph run whose script is right-to-left —
 * Persian digits are Arabic script — so ۳۸٫۵ prints as ۵٫۸۳.
 *
 * Why lines are broken here first and reordered after: the Unicode Bidirectional Algorithm
 * (UAX #9, rule L2) reorders each *line*. Reordering a whole paragraph and letting pdfmake wrap
 * the result puts the end of the sentence on the first line. So this module measures the logical
 * text with the real font, breaks it at spaces, and only then reorders each line (bidi-js).
 *
 * Why each run is handed over in a particular character order (`VisualRun.text`): pdfkit lays out
 * every space-separated piece on its own, and fontkit shapes the piece in the order it is given
 * and then reverses it when the piece's first strong script is right-to-left (see `isRtlRun`).
 * Shaping (which letters join, initial/medial/final forms) depends on logical neighbours, so a
 * Persian word must reach fontkit in logical order and let fontkit reverse it; a run of Persian
 * digits, which must read left to right, is handed over reversed so that fontkit's reversal
 * restores it; Latin and neutral runs are handed over in visual order. fontkit does not mirror
 * brackets (Vazirmatn has no `rtlm` feature), so this layer mirrors them (UAX #9 rule L4).
 */

const bidi = bidiFactory();

/**
 * The paragraph direction: the report's prose is right-to-left whatever its first word; a table
 * cell takes the direction of its first strong character ('auto', UAX #9 P2–P3), so a cell
 * holding only "500 mg" or "Salbutamol (Ventolin)" reads left to right.
 */
export type BaseDirection = 'rtl' | 'ltr' | 'auto';

/** A piece of a paragraph in one style; the layer never looks inside the style. */
export interface StyledSpan<S> {
  readonly text: string;
  readonly style: S;
}

export interface LineLayoutOptions<S> {
  /** Width of the line box, in the same unit `measure` returns (PDF points). */
  readonly maxWidth: number;
  /** Paragraph direction. Default 'rtl'. */
  readonly direction?: BaseDirection;
  /** Advance width of `text` exactly as it will be handed to the renderer, in `style`. */
  readonly measure: (text: string, style: S) => number;
}

/** One run of a visual line: one style, one embedding level, one script, no spaces inside. */
export interface VisualRun<S> {
  /** The characters in the order the renderer must receive them (see the module comment). */
  readonly text: string;
  /** What the reader sees, left to right, brackets mirrored. For tests and debugging. */
  readonly visual: string;
  readonly style: S;
  readonly width: number;
  readonly isSpace: boolean;
  /** True when the renderer will reverse this run itself (its script is right-to-left). */
  readonly rendererReverses: boolean;
}

export interface VisualLine<S> {
  /** Left to right. Empty for an empty line. */
  readonly runs: readonly VisualRun<S>[];
  readonly width: number;
}

type ScriptClass = 'rtl' | 'ltr' | 'neutral';

/**
 * The right-to-left scripts fontkit 2 knows (its RTL table), by Unicode script name: a piece
 * whose first non-Common, non-Inherited character is one of these is shaped as RTL and reversed.
 */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Cypriot}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Nko}\p{Script=Lydian}\p{Script=Avestan}\p{Script=Imperial_Aramaic}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_South_Arabian}\p{Script=Old_Turkic}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Manichaean}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Old_North_Arabian}\p{Script=Palmyrene}\p{Script=Psalter_Pahlavi}]/u;
const NEUTRAL_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
/** Characters a line must not be cut before: combining marks, joiners, a surrogate's second half. */
const CLINGS_TO_PREVIOUS = /\p{M}|\u200c|\u200d|[\udc00-\udfff]/u;
/**
 * Explicit bidi formatting characters (marks, embeddings, overrides, isolates): they steer the
 * algorithm and are then dropped (UAX #9 X9); drawn, they would become stray zero-width glyphs
 * that text extraction reads as spaces.
 */
const BIDI_FORMATTING = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** pdfkit splits a text into pieces at these, so they are runs of their own here. */
const SPACE = ' ';
/** Widths are summed in floating point; this keeps a line that fits exactly from being split. */
const FIT_TOLERANCE = 0.01;

function scriptClass(char: string): ScriptClass {
  if (RTL_SCRIPT.test(char)) return 'rtl';
  if (NEUTRAL_SCRIPT.test(char)) return 'neutral';
  return 'ltr';
}

/** Would fontkit shape `text` as right-to-left (and so reverse its glyphs)? */
export function isRtlRun(text: string): boolean {
  for (const char of text) {
    const kind = scriptClass(char);
    if (kind !== 'neutral') return kind === 'rtl';
  }
  return false;
}

const isOdd = (level: number) => (level & 1) === 1;

function mirrored(chars: string[]): string[] {
  return chars.map((char) => bidi.getMirroredCharacter(char) ?? char);
}

/**
 * A maximal logical range of one style, one embedding level and at most one strong script, with
 * no space inside (or made only of spaces). Such a range stays contiguous on every line it lands
 * on, in visual order too, because UAX #9 L2 never reverses part of a same-level run.
 */
interface Chunk {
  readonly start: number;
  end: number;
  readonly span: number;
  readonly level: number;
  readonly isSpace: boolean;
  script: ScriptClass;
}

class ParagraphLayout<S> {
  private readonly text: string;
  private readonly levels: EmbeddingLevels;
  private readonly chunks: Chunk[] = [];
  /** Chunk index of every UTF-16 unit. */
  private readonly chunkOf: Int32Array;
  private readonly widthCache = new Map<string, number>();

  constructor(
    private readonly spans: readonly StyledSpan<S>[],
    private readonly options: LineLayoutOptions<S>,
  ) {
    this.text = spans.map((span) => span.text).join('');
    this.levels = bidi.getEmbeddingLevels(this.text, options.direction ?? 'rtl');
    this.chunkOf = new Int32Array(this.text.length);
    this.buildChunks();
  }

  private buildChunks(): void {
    let index = 0;
    let current: Chunk | null = null;
    this.spans.forEach((span, spanIndex) => {
      for (const char of span.text) {
        const level = this.levels.levels[index] ?? 0;
        const isSpace = char === SPACE;
        const script = isSpace ? 'neutral' : scriptClass(char);
        const conflicts =
          current !== null &&
          script !== 'neutral' &&
          current.script !== 'neutral' &&
          current.script !== script;
        if (
          current === null ||
          current.span !== spanIndex ||
          current.level !== level ||
          current.isSpace !== isSpace ||
          conflicts
        ) {
          current = { start: index, end: index, span: spanIndex, level, isSpace, script };
          this.chunks.push(current);
        } else if (current.script === 'neutral') {
          current.script = script;
        }
        for (let unit = 0; unit < char.length; unit += 1) {
          this.chunkOf[index + unit] = this.chunks.length - 1;
        }
        index += char.length;
        current.end = index;
      }
    });
  }

  private chunkAt(index: number): Chunk {
    const chunk = this.chunks[this.chunkOf[index] ?? -1];
    if (!chunk) throw new Error(`bidi layout: no chunk at ${index}`);
    return chunk;
  }

  private styleOf(chunk: Chunk): S {
    const span = this.spans[chunk.span];
    if (!span) throw new Error(`bidi layout: no span ${chunk.span}`);
    return span.style;
  }

  /** The part [start, end) of one chunk, as the reader sees it and as the renderer gets it. */
  private piece(chunk: Chunk, start: number, end: number): VisualRun<S> {
    const logical = Array.from(this.text.slice(start, end).replace(BIDI_FORMATTING, ''));
    const odd = isOdd(chunk.level);
    const shown = odd ? mirrored(logical) : logical;
    const visual = odd ? [...shown].reverse() : shown;
    // Asked of the piece, not its chunk: a cut can leave a piece with no strong letter at all.
    const rendererReverses = isRtlRun(shown.join(''));
    const text = (rendererReverses ? [...visual].reverse() : visual).join('');
    const style = this.styleOf(chunk);
    const key = `${chunk.span}\u0000${text}`;
    let width = this.widthCache.get(key);
    if (width === undefined) {
      width = this.options.measure(text, style);
      this.widthCache.set(key, width);
    }
    return {
      text,
      visual: visual.join(''),
      style,
      width,
      isSpace: chunk.isSpace,
      rendererReverses,
    };
  }

  /** Width of the logical range [start, end) as it will be rendered (chunks cut at the edges). */
  private rangeWidth(start: number, end: number): number {
    let width = 0;
    let index = start;
    while (index < end) {
      const chunk = this.chunkAt(index);
      const pieceEnd = Math.min(chunk.end, end);
      width += this.piece(chunk, index, pieceEnd).width;
      index = pieceEnd;
    }
    return width;
  }

  private skipSpaces(index: number): number {
    let at = index;
    while (at < this.text.length && this.text[at] === SPACE) at += 1;
    return at;
  }

  private wordEnd(index: number): number {
    let at = index;
    while (at < this.text.length && this.text[at] !== SPACE) at += 1;
    return at;
  }

  /**
   * The longest head of an over-long word that fits (at least one character): a word wider
   * than the whole line (a long code or URL) is cut, never allowed to overflow the box.
   */
  private cutWord(start: number, end: number): number {
    const fits = (cut: number) => this.rangeWidth(start, cut) <= this.options.maxWidth;
    const boundaries: number[] = [];
    for (let at = start + 1; at < end; at += 1) {
      if (!CLINGS_TO_PREVIOUS.test(this.text[at] ?? '')) boundaries.push(at);
    }
    let low = 0;
    let high = boundaries.length - 1;
    let best = boundaries[0] ?? end;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const cut = boundaries[middle] ?? end;
      if (fits(cut)) {
        best = cut;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return best;
  }

  /** Greedy line breaking at spaces, in logical order. Returns [start, end) ranges, trimmed. */
  breakLines(): Array<[number, number]> {
    const lines: Array<[number, number]> = [];
    const { maxWidth } = this.options;
    let position = this.skipSpaces(0);
    while (position < this.text.length) {
      const lineStart = position;
      let lineEnd = this.wordEnd(lineStart);
      let width = this.rangeWidth(lineStart, lineEnd);
      if (width > maxWidth + FIT_TOLERANCE) {
        lineEnd = this.cutWord(lineStart, lineEnd);
        lines.push([lineStart, lineEnd]);
        position = lineEnd;
        continue;
      }
      for (;;) {
        const nextWord = this.skipSpaces(lineEnd);
        if (nextWord >= this.text.length) break;
        const nextEnd = this.wordEnd(nextWord);
        const added = this.rangeWidth(lineEnd, nextEnd);
        if (width + added > maxWidth + FIT_TOLERANCE) break;
        width += added;
        lineEnd = nextEnd;
      }
      lines.push([lineStart, lineEnd]);
      position = this.skipSpaces(lineEnd);
    }
    return lines;
  }

  /** UAX #9 L2 on one line (bidi-js), then the line cut back into runs, left to right. */
  visualLine(start: number, end: number): VisualLine<S> {
    const order = bidi
      .getReorderedIndices(this.text, this.levels, start, end - 1)
      .slice(start, end);
    const runs: VisualRun<S>[] = [];
    let at = 0;
    while (at < order.length) {
      const chunkIndex = this.chunkOf[order[at] ?? 0] ?? -1;
      let low = order[at] ?? 0;
      let high = low;
      while (at < order.length && this.chunkOf[order[at] ?? 0] === chunkIndex) {
        low = Math.min(low, order[at] ?? low);
        high = Math.max(high, order[at] ?? high);
        at += 1;
      }
      const chunk = this.chunks[chunkIndex];
      if (!chunk) throw new Error(`bidi layout: no chunk ${chunkIndex}`);
      const run = this.piece(chunk, low, high + 1);
      if (run.text !== '') runs.push(run);
    }
    return { runs, width: runs.reduce((sum, run) => sum + run.width, 0) };
  }
}

/**
 * Lays out one paragraph (no line feed inside): lines broken to `maxWidth`, each in visual order.
 * A paragraph of nothing but spaces gives one empty line, so blank lines keep their height.
 */
function layoutParagraph<S>(
  spans: readonly StyledSpan<S>[],
  options: LineLayoutOptions<S>,
): VisualLine<S>[] {
  const layout = new ParagraphLayout(spans, options);
  const lines = layout.breakLines();
  if (lines.length === 0) return [{ runs: [], width: 0 }];
  return lines.map(([start, end]) => layout.visualLine(start, end));
}

/**
 * Lays out styled text: line feeds end paragraphs (each its own bidi paragraph, UAX #9 P1), tabs
 * count as spaces, carriage returns are dropped. The text itself is never changed otherwise.
 */
export function layoutText<S>(
  spans: readonly StyledSpan<S>[],
  options: LineLayoutOptions<S>,
): VisualLine<S>[] {
  const paragraphs: StyledSpan<S>[][] = [[]];
  for (const span of spans) {
    const parts = span.text.replace(/\r\n?/g, '\n').replace(/\t/g, SPACE).split('\n');
    parts.forEach((part, index) => {
      if (index > 0) paragraphs.push([]);
      if (part !== '') paragraphs[paragraphs.length - 1]?.push({ text: part, style: span.style });
    });
  }
  return paragraphs.flatMap((paragraph) => layoutParagraph(paragraph, options));
}

/**
 * What a reader sees of `text` on one unbroken line, left to right, brackets mirrored: the
 * layer's answer in plain characters, for tests and for single-line labels.
 */
export function visualString(text: string, direction: BaseDirection = 'rtl'): string {
  return layoutText([{ text, style: null }], {
    maxWidth: Number.POSITIVE_INFINITY,
    direction,
    measure: (piece) => piece.length,
  })
    .map((line) => line.runs.map((run) => run.visual).join(''))
    .join('\n');
}
