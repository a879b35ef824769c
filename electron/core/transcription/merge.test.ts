import { describe, expect, it } from 'vitest';
import { joinChunk, type HeardSegment } from './merge';

const seg = (t0: number, t1: number, text: string): HeardSegment => ({
  t0,
  t1,
  text,
  confidence: 0.8,
});
const textOf = (segments: readonly HeardSegment[]) => segments.map((s) => s.text).join(' | ');

describe('joinChunk: chunk transcripts merged without duplicated words', () => {
  it('drops the Persian words both chunks heard in the overlap', () => {
    const joined = joinChunk(
      [seg(0, 1400, 'فشار خون بالا'), seg(1400, 4000, 'دارید و سردرد هم دارید')],
      { overlapMs: 1500, previousText: 'بیمار می‌گوید که فشار خون بالا' },
    );
    expect(textOf(joined.segments)).toBe('دارید و سردرد هم دارید');
    expect(joined.droppedWords).toBe(3);
    expect(joined.rule).toBe('words');
  });

  it('matches across spelling variants: Arabic/Persian letters, digits, ZWNJ, case and punctuation', () => {
    const joined = joinChunk([seg(0, 2000, 'مي گويد ۱۲۰ روي ۸۰. Aspirin, daily')], {
      overlapMs: 1500,
      previousText: 'فشار ۱۲۰ روی 80 و او می‌گوید 120 روی ٨٠',
    });
    // «مي گويد» (Arabic yeh, no ZWNJ) is «می‌گوید»; «۸۰.» is «٨٠».
    expect(textOf(joined.segments)).toBe('Aspirin, daily');
  });

  it('skips the tail of a word cut at the join before the shared run', () => {
    const joined = joinChunk([seg(0, 2500, 'ــین آموکسی‌سیلین پانصد میلی‌گرم هر هشت ساعت')], {
      overlapMs: 1500,
      previousText: 'برای عفونت آموکسی‌سیلین پانصد میلی‌گرم',
    });
    expect(textOf(joined.segments)).toBe('هر هشت ساعت');
    expect(joined.droppedWords).toBe(4);
  });

  it('keeps a word repeated on purpose when only a trivial one-word match exists', () => {
    const joined = joinChunk([seg(1600, 3000, 'و درد قفسه سینه')], {
      overlapMs: 1500,
      previousText: 'تب دارد و',
    });
    expect(textOf(joined.segments)).toBe('و درد قفسه سینه');
    expect(joined.droppedWords).toBe(0);
  });

  it('falls back to time when the two hearings differ: segments inside the overlap go', () => {
    const joined = joinChunk([seg(0, 1200, 'فشارخون بالاس'), seg(1300, 5000, 'از کی شروع شد؟')], {
      overlapMs: 1500,
      previousText: 'فشار خون بالاست',
    });
    expect(textOf(joined.segments)).toBe('از کی شروع شد؟');
    expect(joined.rule).toBe('time');
    expect(joined.droppedWords).toBe(2);
  });

  it('keeps everything for a first chunk, or when the previous chunk heard nothing', () => {
    const segments = [seg(0, 1000, 'سلام'), seg(1000, 2000, 'خوش آمدید')];
    expect(textOf(joinChunk(segments, { overlapMs: 0, previousText: 'x' }).segments)).toBe(
      'سلام | خوش آمدید',
    );
    expect(textOf(joinChunk(segments, { overlapMs: 1500, previousText: '' }).segments)).toBe(
      'سلام | خوش آمدید',
    );
  });

  it('drops empty segments and never invents text', () => {
    const joined = joinChunk([seg(0, 500, '   '), seg(500, 900, '')], {
      overlapMs: 1500,
      previousText: 'قبلی',
    });
    expect(joined.segments).toEqual([]);
  });

  it('prefers the longest shared run over a shorter one', () => {
    const joined = joinChunk([seg(0, 3000, 'درد دارد درد دارد شدید')], {
      overlapMs: 1500,
      previousText: 'او درد دارد درد دارد',
    });
    expect(textOf(joined.segments)).toBe('شدید');
    expect(joined.droppedWords).toBe(4);
  });

  it('a whole repeated chunk start across several segments is removed segment by segment', () => {
    const joined = joinChunk(
      [seg(0, 700, 'take one'), seg(700, 1400, 'tablet daily.'), seg(1400, 3000, 'Any allergies?')],
      { overlapMs: 1500, previousText: 'You should take one tablet daily.' },
    );
    expect(textOf(joined.segments)).toBe('Any allergies?');
    expect(joined.segments[0]!.t0).toBe(1400);
  });
});
