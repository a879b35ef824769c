import { describe, expect, it } from 'vitest';
import { foldWithOffsets, originalRange } from './folded-text';
import { analyzeText, type Lexeme } from './lexemes';

const show = (lexemes: readonly Lexeme[]) =>
  lexemes.map((l) => (l.kind === 'word' ? l.text : l.kind === 'number' ? l.value : l.mark));

describe('numbers, written and spoken', () => {
  it.each([
    ['۱۲۰', 120],
    ['١٢٠', 120],
    ['۳۸٫۵', 38.5],
    ['38.5', 38.5],
    ['سی و هشت و نیم', 38.5],
    ['سیوهشت', 38],
    ['سی و هفت و پنج دهم', 37.5],
    ['سی و هشت ممیز دو', 38.2],
    ['صد و بیست', 120],
    ['یکصد و بیست و پنج', 125],
    ['پونصد', 500],
    ['دو هزار و پانصد', 2500],
    ['پنجاه هزار', 50000],
    ['50 هزار', 50000],
    ['یک میلیون و دویست هزار', 1200000],
    ['نود و نه', 99],
    ['دو و نیم', 2.5],
    ['نیم', 0.5],
    ['ninety eight point six', 98.6],
    ['one hundred and twenty', 120],
    ['twenty five', 25],
    ['seven and a half', 7.5],
  ])('%s = %d', (text, value) => {
    expect(show(analyzeText(text).lexemes)).toEqual([value]);
  });

  it('stops where the grammar stops: spoken blood pressure is two numbers', () => {
    expect(show(analyzeText('دوازده هشت').lexemes)).toEqual([12, 8]);
    expect(show(analyzeText('صد و بیست هشتاد').lexemes)).toEqual([120, 80]);
  });

  it('reads "نه" as "no" unless it counts something or is part of a number', () => {
    expect(show(analyzeText('نه، حساسیت ندارم').lexemes)).toEqual(['نه', ',', 'حساسیت', 'ندارم']);
    expect(show(analyzeText('نه روز').lexemes)).toEqual([9, 'روز']);
    expect(show(analyzeText('سی و نه').lexemes)).toEqual([39]);
  });

  it('reads "سی" as the letter C in spelled abbreviations', () => {
    expect(show(analyzeText('پنج سی سی').lexemes)).toEqual([5, 'سی', 'سی']);
    expect(show(analyzeText('سی بی سی').lexemes)).toEqual(['سی', 'بی', 'سی']);
  });

  it('keeps the marks numbers and questions need', () => {
    expect(show(analyzeText('BP 120/80، SpO2 96٪ حساسیت دارید؟').lexemes)).toEqual([
      'bp',
      120,
      '/',
      80,
      ',',
      'spo',
      2,
      96,
      '%',
      'حساسیت',
      'دارید',
      '?',
    ]);
  });
});

describe('folding keeps a map back to the original characters', () => {
  it('anchors of every lexeme slice the original text exactly', () => {
    // Arabic yeh and kaf, ZWNJ, a diacritic, tatweel, an RLM, Arabic-Indic digits, an emoji.
    const text = 'آموکسي‌سيلين ٥٠٠ ميلي‌گرم 😀 مُسکّن ــ دارو\u200F ۳۸٫۵';
    const { lexemes } = analyzeText(text);
    expect(lexemes.map((l) => text.slice(l.start, l.end))).toEqual([
      'آموکسي‌سيلين',
      '٥٠٠',
      'ميلي‌گرم',
      'مُسکّن',
      'دارو',
      '۳۸٫۵',
    ]);
    expect(show(lexemes)).toEqual(['اموکسیسیلین', 500, 'میلیگرم', 'مسکن', 'دارو', 38.5]);
  });

  it('maps folded ranges back to original ranges', () => {
    const text = 'فشار  خون:   ١٢٠';
    const folded = foldWithOffsets(text);
    expect(folded.folded).toBe('فشار خون, 120');
    const at = folded.folded.indexOf('120');
    const [start, end] = originalRange(folded, at, at + 3);
    expect(text.slice(start, end)).toBe('١٢٠');
  });
});
