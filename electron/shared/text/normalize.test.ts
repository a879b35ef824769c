import { describe, expect, it } from 'vitest';
import {
  formatNumberFa,
  normalizeText,
  searchTokens,
  toAsciiDigits,
  toPersianDigits,
  toSearchKey,
} from './normalize';

// Invisible characters are written as escapes so the tests say exactly what they contain.
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
const NBSP = '\u00A0';
const LRM = '\u200E';
const RLM = '\u200F';
const BOM = '\uFEFF';

const sample = [
  '',
  '   ',
  'علي',
  'كريمي',
  'مصطفى',
  `  محمد${ZWNJ}${ZWNJ}رضا   ${NBSP}كاظمي  `,
  `${LRM}۰۹۱۲${RLM}\u202Bسلام\u202C\u2066x\u2069${BOM}`,
  '٠١٢٣٤٥٦٧٨٩ 0123456789 ۰۱۲۳۴۵۶۷۸۹',
  `${ZWNJ} می ${ZWNJ}روم${ZWNJ}`,
  'Zahrā  Ḥosseini-Nežad',
  'İstanbul ㎒ ﬁle Ǆ',
  'أحمد إبراهيم آرش ٱلله مؤمن رئيس خانۀ مدرسة جزء',
  'مُحَمَّد ـــ عـلـی',
  'ﻛﺘﺎﺏ ﻻ',
  '«سلام»، خوبی؟ (بله) [نه] a/b\\c; d: e_f "g" \'h\' ۱۲٪ ٣٫٥',
  'ي\u0654 ه\u0654 ا\u0653',
  `خط اول\r\n\r\n\r\n  خط${ZWNJ} دوم  \n`,
  '😀 emoji ‍👩‍⚕️',
  'ΑΣ Straße',
];

describe('normalizeText', () => {
  it('turns Arabic yeh, alef maksura and kaf into Persian ی and ک', () => {
    expect(normalizeText('علي كريمي')).toBe('علی کریمی');
    expect(normalizeText('مصطفى')).toBe('مصطفی');
    expect(normalizeText('علي')).toBe('عل\u06CC');
    expect(normalizeText('ك')).toBe('\u06A9');
  });

  it('keeps hamza-on-yeh (ئ) even when typed decomposed', () => {
    expect(normalizeText('رئیس')).toBe('رئیس');
    // ي + combining hamza above is canonically ئ; the yeh fix must not break it apart.
    expect(normalizeText('ر\u064A\u0654یس')).toBe('رئیس');
  });

  it('removes bidi controls and the BOM', () => {
    const controls = [
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\uFEFF',
    ];
    for (const c of controls) expect(normalizeText(`ال${c}ف${c}`)).toBe('الف');
    expect(normalizeText(`${BOM}${LRM}۰۹۱۲۳۴۵۶۷۸۹${RLM}`)).toBe('۰۹۱۲۳۴۵۶۷۸۹');
  });

  it('turns Arabic-Indic digits into Persian digits and leaves ASCII digits alone', () => {
    expect(normalizeText('٠١٢٣٤٥٦٧٨٩')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(normalizeText('۱۲ and 12')).toBe('۱۲ and 12');
  });

  it('trims and collapses whitespace, NBSP, tabs and newlines to one space', () => {
    expect(normalizeText(`  زهرا \t\t${NBSP}${NBSP} احمدی \n `)).toBe('زهرا احمدی');
    expect(normalizeText('\u2003a\u3000\u202Fb\u2029')).toBe('a b');
  });

  it('keeps a single ZWNJ inside a word', () => {
    expect(normalizeText(`می${ZWNJ}روم`)).toBe(`می${ZWNJ}روم`);
    expect(normalizeText(`محمد${ZWNJ}رضا`)).toBe(`محمد${ZWNJ}رضا`);
  });

  it('collapses repeated ZWNJ and drops it next to a space or at either end', () => {
    expect(normalizeText(`می${ZWNJ}${ZWNJ}${ZWNJ}روم`)).toBe(`می${ZWNJ}روم`);
    expect(normalizeText(`می${ZWNJ} روم`)).toBe('می روم');
    expect(normalizeText(`می ${ZWNJ}روم`)).toBe('می روم');
    expect(normalizeText(`می ${ZWNJ} ${ZWNJ}  روم`)).toBe('می روم');
    expect(normalizeText(`${ZWNJ}${ZWNJ}کتاب${ZWNJ}`)).toBe('کتاب');
    expect(normalizeText(` ${ZWNJ} `)).toBe('');
    expect(normalizeText(ZWNJ)).toBe('');
  });

  it('keeps diacritics, hamza forms, ZWJ and Latin case as typed', () => {
    expect(normalizeText('مُحَمَّد')).toBe('مُحَمَّد');
    expect(normalizeText('أحمد آرش خانۀ')).toBe('أحمد آرش خانۀ');
    expect(normalizeText(`a${ZWJ}b`)).toBe(`a${ZWJ}b`);
    expect(normalizeText('Zahrā')).toBe('Zahrā');
  });

  it('returns NFC', () => {
    // a + combining macron, and alef + combining maddah, compose.
    expect(normalizeText('Zahra\u0304')).toBe('Zahr\u0101');
    expect(normalizeText('\u0627\u0653رش')).toBe('آرش');
    // Composition happens even when a bidi mark sat between the letter and its mark.
    expect(normalizeText(`\u0627${LRM}\u0653`)).toBe('آ');
  });

  it('handles mixed Persian and Latin text', () => {
    expect(normalizeText(`  دكتر  Ali  كريمي ${LRM}(MD) `)).toBe('دکتر Ali کریمی (MD)');
  });

  it('returns an empty string for empty or blank input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(` \t\n${NBSP}${LRM}${BOM}`)).toBe('');
  });

  it('keeps line breaks when asked, with at most one empty line in a row', () => {
    expect(
      normalizeText(`\n\n  سطر  اول  \r\n\r\n\r\n\r\nسطر${ZWNJ} دوم\rسوم \n\n`, {
        keepLineBreaks: true,
      }),
    ).toBe('سطر اول\n\nسطر دوم\nسوم');
    expect(normalizeText('a\u2028b', { keepLineBreaks: true })).toBe('a\nb');
    expect(normalizeText('a\n\nb')).toBe('a b');
  });

  it('is idempotent', () => {
    for (const s of sample) {
      const once = normalizeText(s);
      expect(normalizeText(once)).toBe(once);
      const lines = normalizeText(s, { keepLineBreaks: true });
      expect(normalizeText(lines, { keepLineBreaks: true })).toBe(lines);
    }
  });

  it('stays fast on long runs of ZWNJ and spaces (no regex backtracking blow-up)', () => {
    const long = `${ZWNJ.repeat(50_000)}x${` ${ZWNJ}`.repeat(50_000)}y${ZWNJ.repeat(50_000)}`;
    const started = performance.now();
    expect(normalizeText(long)).toBe('x y');
    expect(toSearchKey(long)).toBe('x y');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('toSearchKey', () => {
  it('does everything normalizeText does', () => {
    expect(toSearchKey(`  علي ${LRM}كريمي  `)).toBe('علی کریمی');
  });

  it('removes diacritics and tatweel', () => {
    expect(toSearchKey('مُحَمَّد')).toBe('محمد');
    expect(toSearchKey('عـــلـی')).toBe('علی');
    expect(toSearchKey('کتابً رحمٰن')).toBe('کتاب رحمن');
    // U+06D6..U+06ED: Quranic annotation marks, some not combining marks at all.
    expect(toSearchKey('قال\u06D6 \u06DDالله\u06ED')).toBe('قال الله');
  });

  it('folds alef, waw, yeh and heh variants and drops standalone hamza', () => {
    expect(toSearchKey('أحمد')).toBe('احمد');
    expect(toSearchKey('إبراهیم')).toBe('ابراهیم');
    expect(toSearchKey('ٱلله')).toBe('الله');
    expect(toSearchKey('آرش')).toBe('ارش');
    expect(toSearchKey('مؤمن')).toBe('مومن');
    expect(toSearchKey('رئیس')).toBe('رییس');
    expect(toSearchKey('خانۀ')).toBe('خانه');
    expect(toSearchKey('خانهٔ')).toBe('خانه');
    expect(toSearchKey('مدرسة')).toBe('مدرسه');
    expect(toSearchKey('جزء')).toBe('جز');
    expect(toSearchKey('مسئله')).toBe('مسیله');
  });

  it('removes ZWNJ and ZWJ so joined and half-spaced spellings match', () => {
    expect(toSearchKey(`محمد${ZWNJ}رضا`)).toBe('محمدرضا');
    expect(toSearchKey(`محمد${ZWNJ}رضا`)).toBe(toSearchKey('محمدرضا'));
    expect(toSearchKey(`می${ZWJ}روم`)).toBe('میروم');
  });

  it('turns every digit into ASCII', () => {
    expect(toSearchKey('۰۹۱۲ ٠٩١٢ 0912')).toBe('0912 0912 0912');
    expect(toSearchKey('１２３')).toBe('123');
  });

  it('folds Latin text: accents off, lower-case, compatibility forms', () => {
    expect(toSearchKey('Zahrā')).toBe('zahra');
    expect(toSearchKey('ḤOSSEINI Nežad')).toBe('hosseini nezad');
    expect(toSearchKey('İstanbul')).toBe('istanbul');
    expect(toSearchKey('ﬁle')).toBe('file');
    expect(toSearchKey('㎒')).toBe('mhz');
  });

  it('folds Arabic presentation forms to ordinary letters', () => {
    expect(toSearchKey('ﻛﺘﺎﺏ')).toBe('کتاب');
    expect(toSearchKey('ﻻ')).toBe('لا');
  });

  it('turns Latin and Persian punctuation and symbols into single spaces', () => {
    expect(toSearchKey('a.b,c;d:e-f_g\'h"i(j)k[l]m/n\\o')).toBe('a b c d e f g h i j k l m n o');
    expect(toSearchKey('«سلام»، خوبی؟ بله؛ نه')).toBe('سلام خوبی بله نه');
    expect(toSearchKey('۱۲٪ + 3 = ۱۵!')).toBe('12 3 15');
    expect(toSearchKey('  --  ')).toBe('');
  });

  it('handles mixed Persian and Latin text', () => {
    expect(toSearchKey(`دكتر Zahrā  كريمي${ZWNJ}نژاد (MD)`)).toBe('دکتر zahra کریمینژاد md');
  });

  it('returns an empty key for empty input', () => {
    expect(toSearchKey('')).toBe('');
    expect(toSearchKey(`${ZWNJ}${LRM} ـ `)).toBe('');
  });

  it('is idempotent', () => {
    for (const s of sample) {
      const once = toSearchKey(s);
      expect(toSearchKey(once)).toBe(once);
    }
  });

  it('is idempotent on pseudo-random strings over tricky characters', () => {
    const alphabet = [
      ...'aZĀİß ,.-_/«»،؛؟ـ',
      ...'ابپتآأإٱؤئءۀةهيىكیکﻛﻻ',
      ...'\u064B\u064E\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u06D6\u06DD',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u00A0',
      '\uFEFF',
      ...'0۵٥㎒ﬁ\n\t',
    ];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2_000; n++) {
      let s = '';
      const length = next() % 12;
      for (let i = 0; i < length; i++) s += alphabet[next() % alphabet.length] ?? '';
      const text = normalizeText(s);
      expect(normalizeText(text)).toBe(text);
      const key = toSearchKey(s);
      expect(toSearchKey(key)).toBe(key);
    }
  });
});

describe('searchTokens', () => {
  it('splits the key into distinct words in order', () => {
    expect(searchTokens('  علي  كريمي، علی (Ali) ali ')).toEqual(['علی', 'کریمی', 'ali']);
  });

  it('returns no tokens for empty or punctuation-only input', () => {
    expect(searchTokens('')).toEqual([]);
    expect(searchTokens(' ، . - ')).toEqual([]);
  });

  it('matches the spellings a clinic sees for one name', () => {
    const stored = searchTokens(`محمد${ZWNJ}رضا كاظمي`);
    expect(searchTokens('محمدرضا کاظمی')).toEqual(stored);
    expect(searchTokens('مُحَمَّدرضا  کاظمی')).toEqual(stored);
  });
});

describe('digits', () => {
  it('toAsciiDigits converts Persian and Arabic-Indic digits only', () => {
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('کد ۱۲-34 ٥')).toBe('کد 12-34 5');
    expect(toAsciiDigits('')).toBe('');
  });

  it('toPersianDigits converts ASCII and Arabic-Indic digits only', () => {
    expect(toPersianDigits('0123456789')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(toPersianDigits('٠١٢٣٤٥٦٧٨٩')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(toPersianDigits('1370/05/12 ۱')).toBe('۱۳۷۰/۰۵/۱۲ ۱');
    expect(toPersianDigits('')).toBe('');
  });

  it('round-trips', () => {
    expect(toAsciiDigits(toPersianDigits('09123456789'))).toBe('09123456789');
  });
});

describe('formatNumberFa', () => {
  it('uses Persian digits and separators', () => {
    expect(formatNumberFa(0)).toBe('۰');
    expect(formatNumberFa(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatNumberFa(3.5)).toBe('۳٫۵');
  });

  it('passes options to Intl.NumberFormat', () => {
    expect(formatNumberFa(0.25, { style: 'percent' })).toBe('۲۵٪');
    expect(formatNumberFa(1234.5678, { maximumFractionDigits: 1 })).toBe('۱٬۲۳۴٫۶');
    expect(formatNumberFa(1234, { useGrouping: false })).toBe('۱۲۳۴');
  });

  it('marks negative numbers with an LRM and a real minus sign', () => {
    expect(formatNumberFa(-12)).toBe('\u200E\u2212۱۲');
  });
});
