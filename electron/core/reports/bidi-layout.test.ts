import { describe, expect, it } from 'vitest';
import { isRtlRun, layoutText, visualString, type VisualLine } from './bidi-layout';

/**
 * Expected strings are written by hand: what a reader sees, left to right, on one line. A Persian
 * word therefore appears with its letters reversed (رامیب is بیمار seen left to right), while
 * numbers, codes and Latin words keep their order.
 */

/** One character = one unit of width, so line breaks are easy to predict by hand. */
const byLength = (text: string) => Array.from(text).length;

function visualLines(text: string, maxWidth: number, direction: 'rtl' | 'ltr' = 'rtl'): string[] {
  return layoutText([{ text, style: null }], { maxWidth, direction, measure: byLength }).map(
    (line) => line.runs.map((run) => run.visual).join(''),
  );
}

describe('visual order of one line (right-to-left paragraph)', () => {
  it.each([
    ['Persian words run right to left', 'بیمار امروز خوب است', 'تسا بوخ زورما رامیب'],
    ['a Persian decimal with ٫ stays whole', 'تب ۳۸٫۵ درجه', 'هجرد ۳۸٫۵ بت'],
    ['a Latin decimal stays whole', 'دمای 38.5 درجه', 'هجرد 38.5 یامد'],
    [
      'a dose in Latin is one left-to-right run',
      'شروع Amoxicillin 500 mg هر ۸ ساعت',
      'تعاس ۸ ره Amoxicillin 500 mg عورش',
    ],
    ['an ICD-10 code in brackets', 'فارنژیت حاد (J02.9) است', 'تسا (J02.9) داح تیژنراف'],
    ['brackets around Persian are mirrored', 'سرفه (خشک) شدید', 'دیدش (کشخ) هفرس'],
    ['square brackets around a mixed run', 'کنترل [HbA1c 7.2%] نسبی', 'یبسن [HbA1c 7.2%] لرتنک'],
    ['guillemets are mirrored', 'علامت «تب» دارد', 'دراد «بت» تمالع'],
    ['a Jalali date and a time', 'تاریخ ۱۴۰۵/۰۸/۳۰ ساعت ۱۰:۳۰', '۱۰:۳۰ تعاس ۱۴۰۵/۰۸/۳۰ خیرات'],
    [
      'thousands separators, Persian and Latin',
      'مبلغ ۱۲٬۵۰۰ و 1,250 ریال',
      'لایر 1,250 و ۱۲٬۵۰۰ غلبم',
    ],
    ['blood pressure', 'فشار خون 120/80 است', 'تسا 120/80 نوخ راشف'],
    // UAX #9 W2: digits after Arabic letters are Arabic numbers, so the percent sign is a
    // neutral that follows them in reading order, i.e. to their left.
    ['a Persian percentage', 'اشباع ۹۶٪ است', 'تسا ٪۹۶ عابشا'],
    // After a Persian word, "500" is an Arabic number (W2) and "mg" a separate Latin run: read
    // right to left, the reader still meets 500 first — as every UAX #9 renderer shows it.
    ['a number and unit inside brackets', 'دوز (500 mg) است', 'تسا (mg 500) زود'],
    [
      'a Latin dose inside brackets',
      'دارو (Amoxicillin 500 mg) است',
      'تسا (Amoxicillin 500 mg) وراد',
    ],
    ['a bullet starts the line on the right', '• ریه‌ها پاک', 'کاپ اه‌هیر •'],
    ['a Latin numbered item keeps 1. on the right', '1. Amoxicillin', 'Amoxicillin .1'],
    ['Persian digits glued to a Latin unit', 'مقدار ۵۰۰mg است', 'تسا ۵۰۰mg رادقم'],
  ])('%s', (_name, logical, visual) => {
    expect(visualString(logical)).toBe(visual);
  });

  it('a left-to-right paragraph keeps Latin order and puts Persian runs right to left', () => {
    expect(visualString('Salbutamol (Ventolin) 100 mcg', 'ltr')).toBe(
      'Salbutamol (Ventolin) 100 mcg',
    );
    expect(visualString('Dose: ۵۰۰ میلی گرم', 'ltr')).toBe('Dose: ۵۰۰ مرگ یلیم');
  });

  it('a phone number after Persian text: digit groups right to left, unless isolated', () => {
    expect(visualString('تلفن 021-88776655')).toBe('88776655-021 نفلت');
    // LRI … PDI keeps it left to right; the formatting characters themselves are not drawn.
    expect(visualString('تلفن \u2066021-88776655\u2069')).toBe('021-88776655 نفلت');
  });

  it('auto direction follows the first strong character (a table cell of "500 mg")', () => {
    expect(visualString('500 mg', 'auto')).toBe('500 mg');
    expect(visualString('500 mg', 'rtl')).toBe('mg 500');
    expect(visualString('هر ۶ ساعت', 'auto')).toBe('تعاس ۶ ره');
  });
});

describe('line breaking happens before reordering', () => {
  it('the first words of the paragraph fill the first line, read right to left', () => {
    // Widths: 2 letters per word, 1 per space → 'یک دو سه' is 8 wide.
    expect(visualLines('یک دو سه چهار پنج شش', 8)).toEqual(['هس ود کی', 'جنپ راهچ', 'شش']);
  });

  it('a number at the end of a line stays whole and in order', () => {
    const lines = visualLines('دمای بدن ۳۸٫۵ و فشار خون 120/80 و وزن 72.5 کیلوگرم', 14);
    expect(lines).toEqual(['۳۸٫۵ ندب یامد', 'نوخ راشف و', 'نزو و 120/80', 'مرگولیک 72.5']);
  });

  it('a mixed Latin run that wraps keeps its words in Latin order on each line', () => {
    expect(visualLines('داروی Metformin 1000 mg روزانه', 20)).toEqual([
      'Metformin 1000 یوراد',
      'هنازور mg',
    ]);
  });

  it('a word wider than the line is cut, never left to overflow', () => {
    expect(visualLines('Acetaminophen', 5, 'ltr')).toEqual(['Aceta', 'minop', 'hen']);
  });

  it('line feeds end paragraphs; an empty line is kept as an empty line', () => {
    const lines = layoutText([{ text: 'یک\n\nدو  سه', style: null }], {
      maxWidth: 100,
      measure: byLength,
    });
    expect(lines.map((line) => line.runs.map((run) => run.visual).join(''))).toEqual([
      'کی',
      '',
      'هس  ود',
    ]);
  });

  it('lines are trimmed: no line starts or ends with a space', () => {
    const lines = layoutText([{ text: '  الف   ب  پ  ', style: null }], {
      maxWidth: 5,
      measure: byLength,
    });
    for (const line of lines) {
      expect(line.runs[0]?.isSpace).toBe(false);
      expect(line.runs.at(-1)?.isSpace).toBe(false);
    }
  });
});

describe('what the renderer is handed', () => {
  const [line] = layoutText(
    [
      { text: 'دوز: ', style: 'bold' },
      { text: 'تب ۳۸٫۵ و (J02.9) Amoxicillin', style: 'normal' },
    ],
    { maxWidth: 1000, measure: byLength },
  ) as [VisualLine<string>];

  const run = (visual: string) => {
    const found = line.runs.find((candidate) => candidate.visual === visual);
    if (!found) throw new Error(`no run ${visual} in ${line.runs.map((r) => r.visual).join('|')}`);
    return found;
  };

  it('a Persian word goes in logical order, for fontkit to shape and reverse', () => {
    expect(run('بت').text).toBe('تب');
    expect(run('بت').rendererReverses).toBe(true);
  });

  it('Persian digits go reversed, so that fontkit’s reversal restores them', () => {
    expect(run('۳۸٫۵').text).toBe('۵٫۸۳');
    expect(run('۳۸٫۵').rendererReverses).toBe(true);
  });

  it('Latin runs go as they are seen; mirrored brackets go as drawn', () => {
    expect(run('Amoxicillin').text).toBe('Amoxicillin');
    expect(run('J02.9').text).toBe('J02.9');
    expect(
      line.runs.filter((r) => r.visual === '(' || r.visual === ')').map((r) => r.text),
    ).toEqual(['(', ')']);
  });

  it('each run keeps the style of its span', () => {
    expect(run(':زود').style).toBe('bold');
    expect(run('بت').style).toBe('normal');
  });

  it('the whole line reads right to left', () => {
    expect(line.runs.map((r) => r.visual).join('')).toBe('Amoxicillin (J02.9) و ۳۸٫۵ بت :زود');
  });

  it('a run never contains a space and no two runs of different script touch inside a word', () => {
    for (const candidate of line.runs) {
      if (!candidate.isSpace) expect(candidate.text).not.toContain(' ');
    }
  });
});

describe('isRtlRun mirrors fontkit’s choice of direction', () => {
  it.each([
    ['سلام', true],
    ['۳۸٫۵', true],
    ['(سلام)', true],
    ['38.5', false],
    ['J02.9', false],
    ['(', false],
    ['—', false],
  ])('%s → %s', (text, rtl) => {
    expect(isRtlRun(text)).toBe(rtl);
  });
});
