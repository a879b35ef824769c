import { toSearchKey } from '../../../shared/text/normalize';

/**
 * Numbers as doctors say them, in Persian and English words ("سی و هشت و نیم", "صد و بیست",
 * "ninety eight point six"). Whisper writes what it hears, so a transcript holds "دوازده روی هشت"
 * as often as "۱۲ روی ۸".
 *
 * A number is a run of components of falling place value: hundreds, then tens, then units, with
 * "و" between them in Persian ("صد و بیست و پنج"); a unit or teen followed by "صد"/"هزار"
 * multiplies ("یک صد", "دو هزار"). Two components that cannot follow each other ("دوازده هشت",
 * "صد و بیست هشتاد") make two numbers: the first ends where the grammar stops. That is exactly
 * how spoken blood pressure comes out ("دوازده هشت" = 12 then 8).
 */

/** 'thousand' is any multiplier of a group (هزار, میلیون). */
export type NumberClass = 'unit' | 'teen' | 'ten' | 'hundred' | 'thousand' | 'hundred_word';

export interface NumberWord {
  readonly value: number;
  readonly cls: NumberClass;
  readonly lang: 'fa' | 'en';
}

const PERSIAN_WORDS: ReadonlyArray<readonly [string, number, NumberClass]> = [
  ['یک', 1, 'unit'],
  ['یه', 1, 'unit'],
  ['دو', 2, 'unit'],
  ['سه', 3, 'unit'],
  ['چهار', 4, 'unit'],
  ['چار', 4, 'unit'],
  ['پنج', 5, 'unit'],
  ['شش', 6, 'unit'],
  ['شیش', 6, 'unit'],
  ['هفت', 7, 'unit'],
  ['هشت', 8, 'unit'],
  ['نه', 9, 'unit'],
  ['ده', 10, 'teen'],
  ['یازده', 11, 'teen'],
  ['دوازده', 12, 'teen'],
  ['سیزده', 13, 'teen'],
  ['چهارده', 14, 'teen'],
  ['پانزده', 15, 'teen'],
  ['پونزده', 15, 'teen'],
  ['شانزده', 16, 'teen'],
  ['شونزده', 16, 'teen'],
  ['هفده', 17, 'teen'],
  ['هیفده', 17, 'teen'],
  ['هجده', 18, 'teen'],
  ['هیجده', 18, 'teen'],
  ['هیژده', 18, 'teen'],
  ['نوزده', 19, 'teen'],
  ['بیست', 20, 'ten'],
  ['سی', 30, 'ten'],
  ['چهل', 40, 'ten'],
  ['پنجاه', 50, 'ten'],
  ['شصت', 60, 'ten'],
  ['هفتاد', 70, 'ten'],
  ['هشتاد', 80, 'ten'],
  ['نود', 90, 'ten'],
  ['صد', 100, 'hundred_word'],
  ['یکصد', 100, 'hundred'],
  ['دویست', 200, 'hundred'],
  ['سیصد', 300, 'hundred'],
  ['چهارصد', 400, 'hundred'],
  ['پانصد', 500, 'hundred'],
  ['پونصد', 500, 'hundred'],
  ['ششصد', 600, 'hundred'],
  ['شیشصد', 600, 'hundred'],
  ['هفتصد', 700, 'hundred'],
  ['هشتصد', 800, 'hundred'],
  ['نهصد', 900, 'hundred'],
  ['هزار', 1000, 'thousand'],
  ['میلیون', 1_000_000, 'thousand'],
];

const ENGLISH_WORDS: ReadonlyArray<readonly [string, number, NumberClass]> = [
  ['one', 1, 'unit'],
  ['two', 2, 'unit'],
  ['three', 3, 'unit'],
  ['four', 4, 'unit'],
  ['five', 5, 'unit'],
  ['six', 6, 'unit'],
  ['seven', 7, 'unit'],
  ['eight', 8, 'unit'],
  ['nine', 9, 'unit'],
  ['ten', 10, 'teen'],
  ['eleven', 11, 'teen'],
  ['twelve', 12, 'teen'],
  ['thirteen', 13, 'teen'],
  ['fourteen', 14, 'teen'],
  ['fifteen', 15, 'teen'],
  ['sixteen', 16, 'teen'],
  ['seventeen', 17, 'teen'],
  ['eighteen', 18, 'teen'],
  ['nineteen', 19, 'teen'],
  ['twenty', 20, 'ten'],
  ['thirty', 30, 'ten'],
  ['forty', 40, 'ten'],
  ['fifty', 50, 'ten'],
  ['sixty', 60, 'ten'],
  ['seventy', 70, 'ten'],
  ['eighty', 80, 'ten'],
  ['ninety', 90, 'ten'],
  ['hundred', 100, 'hundred_word'],
  ['thousand', 1000, 'thousand'],
  ['million', 1_000_000, 'thousand'],
];

const NUMBER_WORDS = new Map<string, NumberWord>();
for (const [word, value, cls] of PERSIAN_WORDS) {
  NUMBER_WORDS.set(toSearchKey(word), { value, cls, lang: 'fa' });
}
for (const [word, value, cls] of ENGLISH_WORDS) {
  NUMBER_WORDS.set(word, { value, cls, lang: 'en' });
}

export function numberWord(folded: string): NumberWord | undefined {
  return NUMBER_WORDS.get(folded);
}

export const AND_FA = 'و';
export const HALF_FA = 'نیم';
export const TENTH_FA = 'دهم';
export const DECIMAL_POINT_WORDS: ReadonlySet<string> = new Set(['ممیز', 'اعشار', 'point']);
export const ENGLISH_DIGIT_ZERO: ReadonlySet<string> = new Set(['zero', 'oh']);

/**
 * "نه" is both nine and "no"; it is nine only inside a compound ("سی و نه") or right before a
 * word that counts something ("نه روز", "نه ساعت").
 */
export const COUNTED_WORDS: ReadonlySet<string> = new Set(
  [
    'روز',
    'روزه',
    'ساعت',
    'هفته',
    'ماه',
    'سال',
    'بار',
    'تا',
    'عدد',
    'قرص',
    'کپسول',
    'میلی',
    'میلیگرم',
    'گرم',
    'درجه',
    'کیلو',
    'سانت',
    'درصد',
    'دقیقه',
    'سی',
    'قطره',
    'پاف',
    'واحد',
  ].map(toSearchKey),
);

/**
 * "سی" is thirty, but also the letter C in spoken abbreviations: "سی سی" (cc), "سی بی سی" (CBC),
 * "سی تی" (CT), "سی آر پی" (CRP). Next to one of these spelled letters it is the letter.
 */
export const LETTER_SI_BEFORE: ReadonlySet<string> = new Set(
  ['سی', 'بی', 'تی', 'آر', 'دی', 'اس', 'ام', 'پی'].map(toSearchKey),
);

/**
 * "سیوهشت", "صدوبیست": a compound written without spaces. Returns its words with the "و"s
 * between them, or null when the word is not such a compound.
 */
export function splitJoinedNumber(word: string): string[] | null {
  if (word.length < 4 || word.length > 24 || NUMBER_WORDS.has(word)) return null;
  for (
    let k = word.indexOf(AND_FA, 1);
    k > 0 && k < word.length - 1;
    k = word.indexOf(AND_FA, k + 1)
  ) {
    const left = word.slice(0, k);
    if (!NUMBER_WORDS.has(left)) continue;
    const right = word.slice(k + 1);
    if (NUMBER_WORDS.has(right)) return [left, AND_FA, right];
    const rest = splitJoinedNumber(right);
    if (rest) return [left, AND_FA, ...rest];
  }
  return null;
}
