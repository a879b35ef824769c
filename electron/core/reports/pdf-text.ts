import type { Content } from 'pdfmake/interfaces';
import { layoutText, type BaseDirection, type VisualLine } from './bidi-layout';
import type { MeasureText } from './report-fonts';

/**
 * Text for pdfmake, set by the bidi layer: every paragraph arrives already broken into lines and
 * each line already in visual order, so pdfmake only stacks the lines and places the runs of a
 * line left to right. The report's layout asks a `TextSetter` for every piece of text and never
 * builds pdfmake text nodes itself.
 *
 * Why lines are broken here and not by pdfmake with a reordering hook: pdfmake 0.3 has no hook
 * between breaking a line and placing it; the only way in is replacing
 * `LayoutBuilder.prototype.buildNextLine`, a private method, for every pdfmake user in the process,
 * and re-measuring the inlines it built (its word splitter, UAX #14, also cuts inside runs that
 * must stay whole for the reordering). Breaking here needs only pdfmake's public document format
 * and pdfkit's public `widthOfString` — the very measurement pdfmake uses — at the price of knowing
 * every box's width up front, which the report's fixed layout does. Each line is marked `noWrap`
 * and is never wider than its box, so pdfmake neither splits a run nor moves one to another line.
 */

export interface TextStyle {
  readonly bold?: boolean;
  readonly fontSize?: number;
  readonly color?: string;
}

export interface TextSpan extends TextStyle {
  readonly text: string;
}

export type Alignment = 'right' | 'left' | 'center';

export interface ParagraphOptions {
  /** Width of the box the text goes in, PDF points (the table cell or page content width). */
  readonly width: number;
  readonly align?: Alignment;
  /** Base direction of the paragraph (default 'rtl'); alignment follows it unless given. */
  readonly direction?: BaseDirection;
  /** Style for spans that do not set their own. */
  readonly style?: TextStyle;
}

export interface TextSetter {
  /** The paragraph's lines, one pdfmake node each, so a layout can keep some of them together. */
  lines(text: string | readonly TextSpan[], options: ParagraphOptions): Content[];
  /**
   * One unbroken line as a single string for the places pdfmake draws text itself (the
   * watermark): pdfkit splits it at spaces and lays the pieces out left to right.
   */
  singleLine(text: string, style: TextStyle): string;
}

export const DEFAULT_FONT_SIZE = 10;

/** A whole paragraph as one node. */
export function paragraph(
  setter: TextSetter,
  text: string | readonly TextSpan[],
  options: ParagraphOptions,
): Content {
  return { stack: setter.lines(text, options) };
}

interface ResolvedStyle {
  readonly bold: boolean;
  readonly fontSize: number;
  readonly color: string | undefined;
}

function resolveSpans(text: string | readonly TextSpan[], base: TextStyle = {}) {
  const spans = typeof text === 'string' ? [{ text }] : text;
  return spans.map((span) => ({
    text: span.text,
    style: {
      bold: span.bold ?? base.bold ?? false,
      fontSize: span.fontSize ?? base.fontSize ?? DEFAULT_FONT_SIZE,
      color: span.color ?? base.color,
    } satisfies ResolvedStyle,
  }));
}

function lineContent(
  line: VisualLine<ResolvedStyle>,
  align: Alignment,
  emptyStyle: ResolvedStyle,
): Content {
  if (line.runs.length === 0) {
    // An empty line still takes a line's height.
    return { text: ' ', fontSize: emptyStyle.fontSize };
  }
  return {
    text: line.runs.map((run) => ({
      text: run.text,
      bold: run.style.bold,
      fontSize: run.style.fontSize,
      ...(run.style.color ? { color: run.style.color } : {}),
    })),
    alignment: align,
    // The line already fits: pdfmake must neither split a run nor move one to another line.
    noWrap: true,
  };
}

/** The report's text setter: bidi layer + the real font metrics. */
export function bidiTextSetter(measure: MeasureText): TextSetter {
  const measureRun = (text: string, style: ResolvedStyle) =>
    measure(text, style.bold, style.fontSize);
  return {
    lines(text, options) {
      const spans = resolveSpans(text, options.style);
      const lines = layoutText(spans, {
        maxWidth: options.width,
        direction: options.direction ?? 'rtl',
        measure: measureRun,
      });
      const emptyStyle = spans[0]?.style ?? resolveSpans('', options.style)[0]!.style;
      const align = options.align ?? (options.direction === 'ltr' ? 'left' : 'right');
      return lines.map((line) => lineContent(line, align, emptyStyle));
    },
    singleLine(text, style) {
      const [line, ...more] = layoutText(resolveSpans(text, style), {
        maxWidth: Number.POSITIVE_INFINITY,
        measure: measureRun,
      });
      if (!line || more.length > 0) throw new Error('singleLine: text must be one line');
      line.runs.forEach((run, index) => {
        const next = line.runs[index + 1];
        // Two runs touching without a space would reach pdfkit as one piece, one script.
        if (next && !run.isSpace && !next.isSpace) {
          throw new Error('singleLine: runs of different direction must be separated by spaces');
        }
      });
      return line.runs.map((run) => run.text).join('');
    },
  };
}
