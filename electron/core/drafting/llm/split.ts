import type { DraftingSegment } from '../../../shared/soap';
import { formatLine, type TranscriptLine } from './prompt';

/**
 * Splitting a visit's transcript into parts that fit the context, on segment boundaries (a long
 * visit is never cut short: every segment lands in exactly one part, in order). A single segment
 * too long for a part on its own is broken at spaces into pieces that keep its number, so the
 * evidence of every piece still points at that segment.
 */

/** The visit's segments as numbered lines (1-based), empty ones left out. */
export function transcriptLines(segments: readonly DraftingSegment[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  segments.forEach((segment, index) => {
    if (segment.text.trim() !== '') lines.push({ number: index + 1, text: segment.text });
  });
  return lines;
}

/** Cuts `text` into `pieces` runs of about equal length, at spaces where there are any. */
function cutText(text: string, pieces: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  for (let left = pieces; left > 1 && rest.length > 0; left--) {
    const target = Math.ceil(rest.length / left);
    let at = rest.lastIndexOf(' ', target);
    if (at <= 0) at = rest.indexOf(' ', target);
    if (at <= 0) at = target;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest.length > 0) out.push(rest);
  return out.filter((piece) => piece.length > 0);
}

/**
 * Lines that each fit `budget` tokens: `count` gives the tokens of formatted lines (the engine's
 * tokenizer); a line over the budget is cut into pieces and counted again until all fit.
 */
export async function fitLines(
  lines: readonly TranscriptLine[],
  budget: number,
  count: (texts: readonly string[]) => Promise<number[]>,
): Promise<{ line: TranscriptLine; tokens: number }[]> {
  if (lines.length === 0) return [];
  const tokens = await count(lines.map((line) => `${formatLine(line)}\n`));
  const out: { line: TranscriptLine; tokens: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const size = tokens[i]!;
    if (size <= budget) {
      out.push({ line, tokens: size });
      continue;
    }
    const pieces = cutText(line.text, Math.ceil((size / budget) * 1.25));
    if (pieces.length <= 1) {
      // Nothing left to cut at (one enormous "word"): halve it by characters.
      const half = Math.ceil(line.text.length / 2);
      if (line.text.length < 2) throw new RangeError('a single character does not fit the budget');
      pieces.splice(0, pieces.length, line.text.slice(0, half), line.text.slice(half));
    }
    out.push(
      ...(await fitLines(
        pieces.map((text) => ({ number: line.number, text })),
        budget,
        count,
      )),
    );
  }
  return out;
}

/** Consecutive runs of lines whose tokens add up to at most `budget` each. */
export function partition<T extends { tokens: number }>(
  items: readonly T[],
  budget: number,
): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    if (item.tokens > budget) throw new RangeError('an item is larger than the budget');
    if (current.length > 0 && used + item.tokens > budget) {
      parts.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += item.tokens;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
