import type { DraftingSegment } from '../../../../shared/soap';

/**
 * A sentence cut into segments the way Whisper and 30 s chunks cut speech: at word boundaries
 * (the space between them is dropped, as Whisper trims segments) or right before a "/"
 * ("BP 120" | "/80"). For the tables that check a phrase is read the same however it is cut.
 */
export interface Cut {
  /** The segments' texts. */
  readonly parts: readonly string[];
  /** Where each part starts in the uncut text. */
  readonly offsets: readonly number[];
  /** How the text was cut, for test names: «فشار خون | ۱۲۰ روی ۸۰». */
  readonly label: string;
}

/** Places a text may be cut: [index, characters dropped there]. */
function cutPoints(text: string): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 1; i < text.length; i++) {
    if (text[i] === ' ' && text[i - 1] !== ' ') points.push([i, 1]);
    else if (text[i] === '/' && text[i - 1] !== ' ') points.push([i, 0]);
  }
  return points;
}

function cutAt(text: string, points: readonly [number, number][]): Cut {
  const parts: string[] = [];
  const offsets: number[] = [];
  let from = 0;
  for (const [at, drop] of points) {
    parts.push(text.slice(from, at));
    offsets.push(from);
    from = at + drop;
  }
  parts.push(text.slice(from));
  offsets.push(from);
  return { parts, offsets, label: parts.join(' | ') };
}

/** Every way to cut the text into `pieces` (2 or 3) segments. */
export function everyCut(text: string, pieces: 2 | 3): Cut[] {
  const points = cutPoints(text);
  const out: Cut[] = [];
  for (let a = 0; a < points.length; a++) {
    if (pieces === 2) {
      out.push(cutAt(text, [points[a]!]));
      continue;
    }
    for (let b = a + 1; b < points.length; b++) out.push(cutAt(text, [points[a]!, points[b]!]));
  }
  return out;
}

/** Segments s1, s2, … said back to back (no pause), or with `gapMs` of silence between them. */
export function segmentsOf(parts: readonly string[], gapMs = 0): DraftingSegment[] {
  let at = 0;
  return parts.map((text, i) => {
    const segment = { id: `s${i + 1}`, startMs: at, endMs: at + 2500, text };
    at += 2500 + gapMs;
    return segment;
  });
}
