import { toPersianDigits } from '../../../shared/text/normalize';
import type { DrugEntry, DrugForm, DrugRoute } from './drug-lexicon';
import { doseUnitAt, type DoseAmount } from './doses';
import type { Lexeme } from './lexemes';
import { PhraseIndex } from './phrase-index';
import { wordAt, wordIs } from './transcript';

/**
 * Reads a prescription's details from the words around a drug name: dose, route, frequency and
 * duration. Frequency and duration come out in Persian with Persian digits ("هر ۸ ساعت",
 * "روزی ۳ بار", "۷ روز"), whatever language they were said in ("TDS", "q8h", "for 10 days").
 */

export interface MedicationDetails {
  dose?: DoseAmount;
  route?: string;
  frequency?: string;
  duration?: string;
  /** The lexeme ranges [from, to) the details were read from (for the evidence anchors). */
  used: [from: number, to: number][];
}

const fa = (n: number) => toPersianDigits(String(n));

// --- Routes and forms -----------------------------------------------------------------------------

/** The route as written in a Persian report. */
export const ROUTE_FA: Readonly<Record<DrugRoute, string>> = {
  PO: 'خوراکی',
  IM: 'عضلانی',
  IV: 'وریدی',
  SC: 'زیرجلدی',
  SL: 'زیرزبانی',
  inhaled: 'استنشاقی',
  nasal: 'بینی',
  ophthalmic: 'چشمی',
  otic: 'گوشی',
  rectal: 'مقعدی',
  topical: 'موضعی',
  vaginal: 'واژینال',
};

const ROUTE_WORDS: Readonly<Record<DrugRoute, readonly string[]>> = {
  PO: ['خوراکی', 'از راه دهان', 'po', 'oral', 'orally', 'by mouth'],
  IM: ['عضلانی', 'داخل عضلانی', 'im', 'intramuscular', 'intramuscularly'],
  IV: ['وریدی', 'داخل وریدی', 'iv', 'intravenous', 'intravenously'],
  SC: ['زیرجلدی', 'زیر جلدی', 'sc', 'subcutaneous', 'subcutaneously', 'subcut'],
  SL: ['زیرزبانی', 'زیر زبانی', 'زیر زبان', 'sublingual', 'sublingually', 'sl'],
  inhaled: ['استنشاقی', 'inhaled', 'inhalation'],
  nasal: ['داخل بینی', 'nasal', 'intranasal'],
  ophthalmic: ['چشمی', 'ophthalmic', 'eye drop', 'eye drops'],
  otic: ['گوشی', 'قطره گوش', 'otic', 'ear drops'],
  rectal: ['مقعدی', 'rectal', 'rectally', 'per rectum'],
  topical: ['موضعی', 'topical', 'topically'],
  vaginal: ['واژینال', 'واژینالی', 'vaginal', 'vaginally'],
};
const ROUTE_INDEX = new PhraseIndex<DrugRoute>();
for (const [route, words] of Object.entries(ROUTE_WORDS) as [DrugRoute, readonly string[]][]) {
  for (const w of words) ROUTE_INDEX.add(w, route);
}

const FORM_WORDS: Readonly<Record<DrugForm, readonly string[]>> = {
  tablet: ['قرص', 'tablet', 'tab', 'tabs'],
  capsule: ['کپسول', 'پرل', 'capsule', 'cap', 'caps', 'pearl'],
  effervescent_tablet: ['قرص جوشان', 'جوشان', 'effervescent'],
  syrup: ['شربت', 'syrup'],
  suspension: ['سوسپانسیون', 'suspension'],
  drops: ['قطره', 'drops'],
  eye_drops: ['قطره چشمی', 'قطره چشم'],
  injection: ['آمپول', 'تزریق', 'تزریقی', 'ویال', 'injection', 'inj', 'shot', 'vial', 'ampoule'],
  inhaler: ['اسپری استنشاقی', 'افشانه', 'inhaler', 'puffer'],
  nebulizer: ['نبولایزر', 'nebulizer', 'nebuliser', 'neb'],
  spray: ['اسپری', 'spray'],
  cream: ['کرم', 'cream'],
  ointment: ['پماد', 'ointment'],
  gel: ['ژل', 'gel'],
  lotion: ['لوسیون', 'lotion'],
  shampoo: ['شامپو', 'shampoo'],
  suppository: ['شیاف', 'suppository'],
  vaginal_tablet: ['قرص واژینال', 'شیاف واژینال'],
  sachet: ['ساشه', 'sachet'],
  powder: ['پودر', 'powder'],
};
const FORM_INDEX = new PhraseIndex<DrugForm>();
for (const [form, words] of Object.entries(FORM_WORDS) as [DrugForm, readonly string[]][]) {
  for (const w of words) FORM_INDEX.add(w, form);
}

export function formAt(
  lexemes: readonly Lexeme[],
  i: number,
): { form: DrugForm; to: number } | undefined {
  const best = FORM_INDEX.matchesAt(lexemes, i)[0];
  return best ? { form: best.value, to: best.to } : undefined;
}

/**
 * The route a spoken form implies ("شربت" is oral, "پماد" topical). An injection or a spray is
 * resolved through the drug's usual routes when only one of them fits; otherwise the route stays
 * unsaid rather than guessed.
 */
export function routeFromForm(form: DrugForm, entry: DrugEntry): string | undefined {
  const only = (candidates: readonly DrugRoute[]): string | undefined => {
    const fits = entry.routes.filter((r) => candidates.includes(r));
    return fits.length === 1 ? ROUTE_FA[fits[0]!] : undefined;
  };
  switch (form) {
    case 'tablet':
    case 'capsule':
    case 'effervescent_tablet':
    case 'syrup':
    case 'suspension':
    case 'sachet':
    case 'powder':
      return ROUTE_FA.PO;
    case 'eye_drops':
      return ROUTE_FA.ophthalmic;
    case 'inhaler':
    case 'nebulizer':
      return ROUTE_FA.inhaled;
    case 'cream':
    case 'ointment':
    case 'gel':
    case 'lotion':
    case 'shampoo':
      return ROUTE_FA.topical;
    case 'vaginal_tablet':
      return ROUTE_FA.vaginal;
    case 'suppository':
      return only(['rectal', 'vaginal']) ?? ROUTE_FA.rectal;
    case 'injection':
      return only(['IM', 'IV', 'SC']) ?? 'تزریقی';
    case 'spray':
      return only(['inhaled', 'nasal']);
    case 'drops':
      return only(['PO', 'ophthalmic', 'otic', 'nasal']);
  }
}

// --- Frequency ------------------------------------------------------------------------------------

interface Found {
  readonly text: string;
  readonly to: number;
}

function num(lexemes: readonly Lexeme[], i: number): number | undefined {
  const l = lexemes[i];
  return l?.kind === 'number' ? l.value : undefined;
}

function is(lexemes: readonly Lexeme[], i: number, words: readonly string[]): boolean {
  const w = wordAt(lexemes, i);
  return w !== undefined && words.includes(w);
}

const DAILY = (n: number) => `روزی ${fa(n)} بار`;
const EVERY_HOURS = (n: number) => `هر ${fa(n)} ساعت`;
const AT_NIGHT = 'هر شب';
const AS_NEEDED = 'در صورت نیاز';

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  bid: DAILY(2),
  bd: DAILY(2),
  tid: DAILY(3),
  tds: DAILY(3),
  qid: DAILY(4),
  qds: DAILY(4),
  od: DAILY(1),
  qd: DAILY(1),
  daily: DAILY(1),
  nightly: AT_NIGHT,
  hs: AT_NIGHT,
  qhs: AT_NIGHT,
  prn: AS_NEEDED,
  روزانه: DAILY(1),
  شبها: AT_NIGHT,
};
const HOUR_WORDS = ['ساعت', 'hour', 'hours', 'hr', 'hrs', 'h', 'hourly'];
const TIMES_WORDS = ['بار', 'مرتبه', 'دفعه', 'تا', 'عدد', 'دونه', 'قرص', 'کپسول'];
const PER_DAY_FA = ['روزی', 'روزانه'];

function frequencyAt(lexemes: readonly Lexeme[], j: number): Found | undefined {
  const w = wordAt(lexemes, j);
  const n1 = num(lexemes, j + 1);
  // هر ۸ ساعت / every 8 hours / q 8 h (q8h)
  if (
    (w === 'هر' || w === 'every' || w === 'q') &&
    n1 !== undefined &&
    is(lexemes, j + 2, HOUR_WORDS)
  ) {
    return { text: EVERY_HOURS(n1), to: j + 3 };
  }
  // هر ۲ روز / every other day
  if (
    (w === 'هر' || w === 'every') &&
    n1 !== undefined &&
    is(lexemes, j + 2, ['روز', 'day', 'days'])
  ) {
    return { text: `هر ${fa(n1)} روز`, to: j + 3 };
  }
  if (w === 'every' && is(lexemes, j + 1, ['other']) && is(lexemes, j + 2, ['day'])) {
    return { text: 'یک روز در میان', to: j + 3 };
  }
  if (w === 'یک' || num(lexemes, j) === 1) {
    if (is(lexemes, j + 1, ['روز']) && is(lexemes, j + 2, ['در']) && is(lexemes, j + 3, ['میان'])) {
      return { text: 'یک روز در میان', to: j + 4 };
    }
    if (is(lexemes, j + 1, ['روز']) && is(lexemes, j + 2, ['درمیان'])) {
      return { text: 'یک روز در میان', to: j + 3 };
    }
  }
  // روزی ۳ بار / روزانه دو عدد / روزی یکی
  if (w !== undefined && PER_DAY_FA.includes(w)) {
    if (n1 !== undefined) {
      const to = is(lexemes, j + 2, TIMES_WORDS) ? j + 3 : j + 2;
      return { text: DAILY(n1), to };
    }
    if (is(lexemes, j + 1, ['یکی'])) return { text: DAILY(1), to: j + 2 };
  }
  if (w === 'هر' && is(lexemes, j + 1, ['روز'])) return { text: DAILY(1), to: j + 2 };
  if (w === 'هر' && is(lexemes, j + 1, ['شب'])) return { text: AT_NIGHT, to: j + 2 };
  if (w === 'شبی' && (n1 !== undefined || is(lexemes, j + 1, ['یکی'])))
    return { text: AT_NIGHT, to: j + 2 };
  // ۳ بار در روز / 3 times a day / three times daily
  const n0 = num(lexemes, j);
  if (n0 !== undefined && is(lexemes, j + 1, ['بار', 'مرتبه', 'دفعه'])) {
    if (is(lexemes, j + 2, ['در']) && is(lexemes, j + 3, ['روز']))
      return { text: DAILY(n0), to: j + 4 };
    if (is(lexemes, j + 2, ['روزانه'])) return { text: DAILY(n0), to: j + 3 };
    if (is(lexemes, j + 2, ['در']) && is(lexemes, j + 3, ['هفته'])) {
      return { text: `هفته‌ای ${fa(n0)} بار`, to: j + 4 };
    }
  }
  if (n0 !== undefined && is(lexemes, j + 1, ['times', 'time'])) {
    if (is(lexemes, j + 2, ['daily'])) return { text: DAILY(n0), to: j + 3 };
    if (is(lexemes, j + 2, ['a', 'per']) && is(lexemes, j + 3, ['day']))
      return { text: DAILY(n0), to: j + 4 };
    if (is(lexemes, j + 2, ['a', 'per']) && is(lexemes, j + 3, ['week'])) {
      return { text: `هفته‌ای ${fa(n0)} بار`, to: j + 4 };
    }
  }
  const onceTwice: Readonly<Record<string, number>> = { once: 1, twice: 2, thrice: 3 };
  if (w !== undefined && onceTwice[w] !== undefined) {
    const n = onceTwice[w];
    if (is(lexemes, j + 1, ['daily'])) return { text: DAILY(n), to: j + 2 };
    if (is(lexemes, j + 1, ['a', 'per']) && is(lexemes, j + 2, ['day']))
      return { text: DAILY(n), to: j + 3 };
    if (is(lexemes, j + 1, ['a', 'per']) && is(lexemes, j + 2, ['week'])) {
      return { text: `هفته‌ای ${fa(n)} بار`, to: j + 3 };
    }
  }
  if ((w === 'هفتهای' || w === 'هفته') && (w === 'هفتهای' || is(lexemes, j + 1, ['ای']))) {
    const k = w === 'هفتهای' ? j + 1 : j + 2;
    const n = num(lexemes, k);
    if (n !== undefined && is(lexemes, k + 1, ['بار', 'مرتبه', 'دفعه'])) {
      return { text: `هفته‌ای ${fa(n)} بار`, to: k + 2 };
    }
  }
  if (w === 'weekly') return { text: 'هفته‌ای ۱ بار', to: j + 1 };
  // at night / at bedtime / قبل از خواب
  if (w === 'at' && is(lexemes, j + 1, ['night', 'bedtime'])) return { text: AT_NIGHT, to: j + 2 };
  if (w === 'قبل' && is(lexemes, j + 1, ['از']) && is(lexemes, j + 2, ['خواب'])) {
    return { text: AT_NIGHT, to: j + 3 };
  }
  if (w === 'شب' && is(lexemes, j + 1, ['ها'])) return { text: AT_NIGHT, to: j + 2 };
  // در صورت نیاز / as needed / when needed / if needed
  if (w === 'در' && is(lexemes, j + 1, ['صورت']) && is(lexemes, j + 2, ['نیاز', 'لزوم', 'درد'])) {
    return { text: AS_NEEDED, to: j + 3 };
  }
  if ((w === 'as' || w === 'when' || w === 'if') && is(lexemes, j + 1, ['needed', 'required'])) {
    return { text: AS_NEEDED, to: j + 2 };
  }
  if (w !== undefined && ABBREVIATIONS[w] !== undefined)
    return { text: ABBREVIATIONS[w], to: j + 1 };
  return undefined;
}

// --- Duration -------------------------------------------------------------------------------------

const DURATION_UNITS: Readonly<Record<string, string>> = {
  روز: 'روز',
  روزه: 'روز',
  day: 'روز',
  days: 'روز',
  هفته: 'هفته',
  week: 'هفته',
  weeks: 'هفته',
  ماه: 'ماه',
  ماهه: 'ماه',
  month: 'ماه',
  months: 'ماه',
};
/** After these a span of time is history ("از ۳ روز پیش") or a follow-up ("دو هفته دیگه"). */
const NOT_DURATION_AFTER = [
  'پیش',
  'قبل',
  'ago',
  'است',
  'هست',
  'گذشته',
  'اخیر',
  'دیگه',
  'دیگر',
  'بعد',
  'later',
];
const NOT_DURATION_BEFORE = ['از', 'هر', 'every', 'since', 'in', 'last', 'past'];

function durationAt(lexemes: readonly Lexeme[], j: number): Found | undefined {
  // "for a week" is one week.
  const n =
    num(lexemes, j) ?? (is(lexemes, j, ['a']) && is(lexemes, j - 1, ['for']) ? 1 : undefined);
  if (n === undefined) return undefined;
  const unitWord = wordAt(lexemes, j + 1);
  const unit = unitWord !== undefined ? DURATION_UNITS[unitWord] : undefined;
  if (!unit) return undefined;
  if (is(lexemes, j - 1, NOT_DURATION_BEFORE) || is(lexemes, j + 2, NOT_DURATION_AFTER))
    return undefined;
  return { text: `${fa(n)} ${unit}`, to: j + 2 };
}

// --- Dose -----------------------------------------------------------------------------------------

function doseAt(
  lexemes: readonly Lexeme[],
  j: number,
): { dose: DoseAmount; to: number } | undefined {
  const n = num(lexemes, j);
  if (n === undefined) return undefined;
  const unit = doseUnitAt(lexemes, j + 1);
  if (!unit) return undefined;
  return { dose: { amount: n, unit: unit.unit }, to: unit.to };
}

/** "آموکسی‌سیلین ۵۰۰": a bare number right after the name that is one of the drug's strengths. */
function usualStrength(entry: DrugEntry, value: number): DoseAmount | undefined {
  return entry.strengthAmounts.find((s) => s.amount === value && s.unit !== '%');
}

/**
 * Details in lexemes [from, to) after a drug name (`from` is right after the name), plus the
 * form or dose said just before it in [before, nameFrom). From `settled` on (default `to`), the
 * reading stops as soon as dose, frequency and duration are all known: a prescription complete
 * in the name's segment takes nothing from the next one.
 */
export function readDetails(
  lexemes: readonly Lexeme[],
  entry: DrugEntry,
  window: { before: number; nameFrom: number; from: number; to: number; settled?: number },
): MedicationDetails {
  const details: MedicationDetails = { used: [] };
  const use = (a: number, b: number) => {
    details.used.push([a, b]);
  };
  let form: { form: DrugForm; at: number } | undefined;

  for (let j = window.before; j < window.nameFrom; j++) {
    const f = formAt(lexemes, j);
    if (f && f.to <= window.nameFrom) {
      form = { form: f.form, at: j };
      use(j, f.to);
    }
    const d = doseAt(lexemes, j);
    if (d && d.to <= window.nameFrom && !details.dose) {
      details.dose = d.dose;
      use(j, d.to);
    }
  }

  const settled = window.settled ?? window.to;
  for (let j = window.from; j < window.to;) {
    if (j >= settled && details.dose && details.frequency && details.duration) break;
    if (!details.frequency) {
      const f = frequencyAt(lexemes, j);
      if (f && f.to <= window.to) {
        details.frequency = f.text;
        use(j, f.to);
        j = f.to;
        continue;
      }
    }
    if (!details.duration) {
      const d = durationAt(lexemes, j);
      if (d) {
        details.duration = d.text;
        use(j, d.to);
        j = d.to;
        continue;
      }
    }
    if (!details.dose) {
      const d = doseAt(lexemes, j);
      if (d && d.to <= window.to) {
        details.dose = d.dose;
        use(j, d.to);
        j = d.to;
        continue;
      }
      // A bare strength right after the name, or after a form word that follows it.
      const n = num(lexemes, j);
      const adjacent =
        j === window.from || (form !== undefined && form.at === j - 1 && j - 1 >= window.from);
      if (n !== undefined && adjacent && !wordIs(lexemes, j + 1, TIMES_WORDS)) {
        const strength = usualStrength(entry, n);
        if (strength) {
          details.dose = strength;
          use(j, j + 1);
          j++;
          continue;
        }
      }
    }
    if (!details.route) {
      const r = ROUTE_INDEX.matchesAt(lexemes, j)[0];
      if (r && r.to <= window.to) {
        details.route = ROUTE_FA[r.value];
        use(j, r.to);
        j = r.to;
        continue;
      }
    }
    const f = formAt(lexemes, j);
    if (f && f.to <= window.to) {
      if (!form) form = { form: f.form, at: j };
      use(j, f.to);
      j = f.to;
      continue;
    }
    j++;
  }
  if (!details.route && form) details.route = routeFromForm(form.form, entry);
  return details;
}
