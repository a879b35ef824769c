import { describe, expect, it } from 'vitest';
import type { DraftingSegment } from '../../../shared/soap';
import type { Lexeme } from './lexemes';
import { anchorRange, JOIN_GAP_MS, passagesOf, quotedText } from './running-text';

/** Segments said one after another, each `gaps[i]` ms after the previous one ended. */
function said(texts: readonly string[], gaps: readonly number[] = []): DraftingSegment[] {
  let at = 0;
  return texts.map((text, i) => {
    at += i === 0 ? 0 : (gaps[i - 1] ?? 0);
    const segment = { id: `s${i + 1}`, startMs: at, endMs: at + 3000, text };
    at += 3000;
    return segment;
  });
}

const show = (lexemes: readonly Lexeme[]) =>
  lexemes.map((l) => (l.kind === 'word' ? l.text : l.kind === 'number' ? l.value : l.mark));

describe('passagesOf', () => {
  it('joins segments at most JOIN_GAP_MS apart and cuts at a longer silence', () => {
    const segments = said(
      ['فشار خون ۱۲۰', 'روی ۸۰', 'نبض ۹۰', 'تب ندارد'],
      [JOIN_GAP_MS, JOIN_GAP_MS + 1, 0],
    );
    const passages = passagesOf(segments);
    expect(passages.map((p) => p.segments.map((s) => s.id))).toEqual([
      ['s1', 's2'],
      ['s3', 's4'],
    ]);
    expect(show(passages[0]!.lexemes)).toEqual(['فشار', 'خون', 120, 'روی', 80]);
    expect(passages[0]!.startSegment).toEqual([0, 0, 0, 1, 1]);
    expect(passages[0]!.segmentStarts).toEqual([0, 3, 5]);
  });

  it('joins segments whose times overlap (a chunk boundary re-heard)', () => {
    const segments: DraftingSegment[] = [
      { id: 'a', startMs: 0, endMs: 30_200, text: 'فشار خون' },
      { id: 'b', startMs: 30_000, endMs: 31_000, text: '۱۲۰ روی ۸۰' },
    ];
    expect(passagesOf(segments)).toHaveLength(1);
  });

  it('composes a number said across a cut into one number', () => {
    const [p] = passagesOf(said(['فشار خون صد و', 'بیست روی هشتاد', 'تب سی و هشت', 'و نیم']));
    expect(show(p!.lexemes)).toEqual(['فشار', 'خون', 120, 'روی', 80, 'تب', 38.5]);
    // 120 starts in the first segment and ends in the second; 38.5 likewise in the 3rd and 4th.
    expect([p!.startSegment[2], p!.endSegment[2]]).toEqual([0, 1]);
    expect([p!.startSegment[6], p!.endSegment[6]]).toEqual([2, 3]);
    // The second segment's own lexemes start after the number that began before it.
    expect(p!.segmentStarts).toEqual([0, 3, 5, 7, 7]);
  });

  it('returns the same passage object for the same segments (a cache by ids and texts)', () => {
    const segments = said(['فشار خون', '۱۲۰ روی ۸۰']);
    expect(passagesOf(segments)[0]).toBe(passagesOf(segments.map((s) => ({ ...s })))[0]);
    const renamed = segments.map((s) => ({ ...s, id: `x-${s.id}` }));
    expect(passagesOf(renamed)[0]).not.toBe(passagesOf(segments)[0]);
  });

  it('gives nothing for no segments', () => {
    expect(passagesOf([])).toEqual([]);
  });
});

describe('anchorRange', () => {
  it('gives one anchor per segment a range touches, each a slice of its own text', () => {
    const segments = said(['گفتم فشار خون ۱۲۰', '', 'روی ۸۰ است']);
    const [p] = passagesOf(segments);
    // "فشار" … "۸۰": lexemes 1..6 of گفتم فشار خون ۱۲۰ روی ۸۰ است.
    const evidence = anchorRange(p!, 1, 6);
    expect(evidence).toEqual([
      { segmentId: 's1', start: 5, end: 17, quote: 'فشار خون ۱۲۰' },
      { segmentId: 's3', start: 0, end: 6, quote: 'روی ۸۰' },
    ]);
    expect(quotedText(evidence)).toBe('فشار خون ۱۲۰ روی ۸۰');
    expect(anchorRange(p!, 3, 3)).toEqual([]);
  });

  it('anchors a number said across a cut in both segments', () => {
    const segments = said(['دمای بدن سی و', 'هشت درجه']);
    const [p] = passagesOf(segments);
    expect(show(p!.lexemes)).toEqual(['دمای', 'بدن', 38, 'درجه']);
    expect(anchorRange(p!, 2, 3)).toEqual([
      { segmentId: 's1', start: 9, end: 13, quote: 'سی و' },
      { segmentId: 's2', start: 0, end: 3, quote: 'هشت' },
    ]);
  });

  it('covers the whole of a segment in the middle of a range', () => {
    const segments = said(['فشار', 'خون', '۱۲۰ روی ۸۰ بود']);
    const [p] = passagesOf(segments);
    expect(anchorRange(p!, 0, 5).map((e) => [e.segmentId, e.quote])).toEqual([
      ['s1', 'فشار'],
      ['s2', 'خون'],
      ['s3', '۱۲۰ روی ۸۰'],
    ]);
  });
});
