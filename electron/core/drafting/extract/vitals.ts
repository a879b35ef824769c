import {
  vitalUnits,
  type DraftingSegment,
  type Evidence,
  type Vital,
  type VitalKind,
} from '../../../shared/soap';
import { newItemId, type ExtractOptions } from './item-ids';
import type { Lexeme } from './lexemes';
import { PhraseIndex } from './phrase-index';
import { followedByTime, formatValue } from './quantities';
import { anchorRange, passagesOf, type Passage } from './running-text';
import { foldWords, isSentenceEnd, mergeEvidence, wordAt, wordIs } from './transcript';

/**
 * Vital signs said during the visit: a keyword ("فشار خون", "نبض", "SpO2", …), then within a few
 * words a number, optionally a unit. Numbers may be written (۱۲۰, ١٢٠, 120, ۳۸٫۵, ۳۸/۵) or spoken
 * ("صد و بیست روی هشتاد", "سی و هشت و نیم").
 *
 * Decisions:
 * - Blood pressure said as "۱۲ روی ۸" / "دوازده هشت" is the Iranian shorthand in cmHg for
 *   120/80 mmHg: when both numbers are small (systolic ≤ 30, diastolic ≤ 20) they are multiplied
 *   by ten ("دوازده و نیم روی هشت" = 125/80). Anything else must already be plausible mmHg.
 * - Temperature: °F is converted when said ("101.3 F", "فارنهایت") or when an unlabelled value
 *   only makes sense in °F (86–113). Values outside 30–45 °C are dropped, not repaired: "3.85" is
 *   not silently read as 38.5.
 * - "۳۸/۵" with one digit after the slash is a Persian decimal (38.5), except for blood pressure.
 * - Weight in lb and g, height in m and inches are converted (to kg and cm); the evidence keeps
 *   the words as said.
 * - A number followed by a span of time ("تب از ۳ روز پیش") is skipped; the next number in the
 *   window may still be the value. So is a number of things ("در صورت تب ۳۰ تا قرص"), except
 *   for the rates, which are counts ("نبضش نود و دو تا").
 * - Each reading's window ends at the next vital keyword, the end of the sentence, or 10 lexemes.
 * - The transcript is read as running text (running-text.ts): a reading cut between segments
 *   («فشار خون ۱۲۰» | «روی ۸۰», «BP 120» | «/80») is one reading, with one anchor per segment.
 */

const KEYWORDS: Readonly<Record<VitalKind, readonly string[]>> = {
  blood_pressure: ['فشار خون', 'فشار', 'bp', 'b p', 'blood pressure', 'pressure'],
  heart_rate: [
    'نبض',
    'ضربان قلب',
    'ضربان',
    'تعداد ضربان',
    'hr',
    'heart rate',
    'pulse',
    'pulse rate',
  ],
  respiratory_rate: [
    'تعداد تنفس',
    'تنفس',
    'ریت تنفسی',
    'rr',
    'resp rate',
    'respiratory rate',
    'respirations',
    'respiration',
    'breathing rate',
  ],
  temperature: [
    'تب',
    'دما',
    'دمای بدن',
    'درجه حرارت',
    'حرارت',
    'حرارت بدن',
    'temp',
    'temperature',
    'fever',
  ],
  spo2: [
    'اکسیژن خون',
    'اکسیژن',
    'اشباع اکسیژن',
    'سچوریشن',
    'ساچوریشن',
    'ست اکسیژن',
    'spo2',
    'sp o2',
    'sao2',
    'o2 sat',
    'o2 saturation',
    'oxygen saturation',
    'oxygen sat',
    'saturation',
    'sat',
    'sats',
    'pulse ox',
    'pulse oximetry',
  ],
  weight: ['وزن', 'weight', 'wt', 'weighs', 'weighing'],
  height: ['قد', 'طول قد', 'height', 'ht'],
};

type UnitId = 'c' | 'f' | 'kg' | 'lb' | 'g' | 'cm' | 'm' | 'in' | 'percent' | 'per_min' | 'mmhg';

const UNIT_WORDS: Readonly<Record<UnitId, readonly string[]>> = {
  c: [
    'درجه',
    'درجه سانتیگراد',
    'سانتیگراد',
    'سانتی گراد',
    'c',
    'celsius',
    'centigrade',
    'degrees',
    'degree',
    'degrees c',
  ],
  f: ['f', 'فارنهایت', 'درجه فارنهایت', 'fahrenheit', 'degrees f', 'degrees fahrenheit'],
  kg: ['کیلو', 'کیلوگرم', 'کیلو گرم', 'kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms'],
  lb: ['lb', 'lbs', 'pound', 'pounds', 'پوند'],
  g: ['گرم', 'g', 'gram', 'grams'],
  cm: [
    'سانت',
    'سانتی',
    'سانتیمتر',
    'سانتی متر',
    'cm',
    'centimeter',
    'centimeters',
    'centimetre',
    'centimetres',
  ],
  m: ['متر', 'm', 'meter', 'meters', 'metre', 'metres'],
  in: ['اینچ', 'in', 'inch', 'inches'],
  percent: ['درصد', 'percent', '%'],
  per_min: [
    'در دقیقه',
    'بار در دقیقه',
    'تا در دقیقه',
    'per minute',
    'per min',
    'bpm',
    'a minute',
    'ضربه',
    'ضربه در دقیقه',
  ],
  mmhg: ['میلیمتر جیوه', 'میلی متر جیوه', 'mmhg', 'mm hg'],
};

const KEYWORD_INDEX = new PhraseIndex<VitalKind>();
for (const [kind, words] of Object.entries(KEYWORDS) as [VitalKind, readonly string[]][]) {
  for (const w of words) KEYWORD_INDEX.add(w, kind);
}
const UNIT_INDEX = new PhraseIndex<UnitId>();
for (const [unit, words] of Object.entries(UNIT_WORDS) as [UnitId, readonly string[]][]) {
  for (const w of words) UNIT_INDEX.add(w, unit);
}

const BP_SEPARATORS = ['روی', 'رو', 'بر', 'over', 'on'];
/** Words that make a preceding number a count of things: "۳۰ تا قرص", "۲ عدد". */
const COUNT_WORDS = foldWords(['تا', 'عدد', 'دونه', 'دانه', 'قرص', 'کپسول', 'بار', 'نخ']);
const WINDOW = 10;

/** A vital as heard in one place of the transcript. */
export interface VitalReading {
  readonly kind: VitalKind;
  /** As stored in a Vital ("120/80", "38.5"). */
  readonly value: string;
  /** The numbers of `value` (two for blood pressure). */
  readonly numbers: readonly number[];
  /** The passage lexemes [from, to) it was read from: keyword through value and unit. */
  readonly from: number;
  readonly to: number;
  /** One anchor per segment the reading was said over. */
  readonly evidence: readonly Evidence[];
}

function unitAt(lexemes: readonly Lexeme[], i: number): { unit: UnitId; to: number } | undefined {
  const best = UNIT_INDEX.matchesAt(lexemes, i)[0];
  return best ? { unit: best.value, to: best.to } : undefined;
}

const RANGES: Readonly<Record<Exclude<VitalKind, 'blood_pressure'>, readonly [number, number]>> = {
  heart_rate: [20, 250],
  respiratory_rate: [4, 80],
  temperature: [30, 45],
  spo2: [50, 100],
  weight: [0.3, 350],
  height: [30, 250],
};
const DECIMALS: Readonly<Record<VitalKind, number>> = {
  blood_pressure: 0,
  heart_rate: 0,
  respiratory_rate: 0,
  temperature: 1,
  spo2: 0,
  weight: 1,
  height: 1,
};

/** The value in the stored unit, or undefined when it cannot be that vital. */
function toStoredUnit(
  kind: Exclude<VitalKind, 'blood_pressure'>,
  value: number,
  unit: UnitId | undefined,
): number | undefined {
  let v: number | undefined = value;
  switch (kind) {
    case 'temperature':
      if (unit === 'f' || (unit === undefined && value >= 86 && value <= 113)) {
        v = ((value - 32) * 5) / 9;
      } else if (unit !== undefined && unit !== 'c') v = undefined;
      break;
    case 'weight':
      if (unit === 'lb') v = value * 0.45359237;
      else if (unit === 'g') v = value >= 300 ? value / 1000 : undefined;
      else if (unit !== undefined && unit !== 'kg') v = undefined;
      break;
    case 'height':
      if (unit === 'm' || (unit === undefined && value >= 0.3 && value <= 2.5)) v = value * 100;
      else if (unit === 'in') v = value * 2.54;
      else if (unit !== undefined && unit !== 'cm') v = undefined;
      break;
    case 'spo2':
      if (unit !== undefined && unit !== 'percent') v = undefined;
      break;
    case 'heart_rate':
    case 'respiratory_rate':
      if (unit !== undefined && unit !== 'per_min') v = undefined;
      break;
  }
  if (v === undefined) return undefined;
  const [min, max] = RANGES[kind];
  const rounded = Number(formatValue(v, DECIMALS[kind]));
  return rounded >= min && rounded <= max ? rounded : undefined;
}

interface Found {
  readonly numbers: number[];
  /** Index of the last lexeme that belongs to the reading (value or unit). */
  readonly last: number;
}

function readSingle(
  kind: Exclude<VitalKind, 'blood_pressure'>,
  lexemes: readonly Lexeme[],
  from: number,
  to: number,
): Found | undefined {
  for (let j = from; j < to; j++) {
    const l = lexemes[j]!;
    if (l.kind !== 'number' || followedByTime(lexemes, j)) continue;
    const rate = kind === 'heart_rate' || kind === 'respiratory_rate';
    if (!rate && wordIs(lexemes, j + 1, COUNT_WORDS)) continue;
    let value = l.value;
    let last = j;
    const slash = lexemes[j + 1];
    const decimal = lexemes[j + 2];
    if (
      slash?.kind === 'mark' &&
      slash.mark === '/' &&
      decimal?.kind === 'number' &&
      !decimal.spoken &&
      Number.isInteger(decimal.value) &&
      decimal.value < 10 &&
      decimal.end - decimal.start === 1
    ) {
      value += decimal.value / 10;
      last = j + 2;
    }
    let unit = unitAt(lexemes, last + 1);
    if (unit) last = unit.to - 1;
    if (kind === 'height' && unit?.unit === 'm' && value < 3) {
      // "یک متر و هفتاد و پنج" = 175 cm
      const rest = lexemes[last + 2];
      if (wordAt(lexemes, last + 1) === 'و' && rest?.kind === 'number' && rest.value < 100) {
        value = value * 100 + rest.value;
        unit = { unit: 'cm', to: last + 3 };
        last += 2;
      }
    }
    const stored = toStoredUnit(kind, value, unit?.unit);
    if (stored !== undefined) return { numbers: [stored], last };
  }
  return undefined;
}

function readBloodPressure(
  lexemes: readonly Lexeme[],
  from: number,
  to: number,
): Found | undefined {
  for (let j = from; j < to; j++) {
    const first = lexemes[j]!;
    if (first.kind !== 'number' || followedByTime(lexemes, j)) continue;
    let k = j + 1;
    const sep = lexemes[k];
    if (
      (sep?.kind === 'mark' && sep.mark === '/') ||
      (sep?.kind === 'word' && BP_SEPARATORS.includes(sep.text))
    ) {
      k++;
    }
    const second = lexemes[k];
    if (second?.kind !== 'number') continue;
    let systolic = first.value;
    let diastolic = second.value;
    if (systolic <= 30 && diastolic <= 20) {
      systolic *= 10;
      diastolic *= 10;
    }
    systolic = Math.round(systolic);
    diastolic = Math.round(diastolic);
    if (systolic < 50 || systolic > 300 || diastolic < 20 || diastolic > 200) continue;
    if (systolic <= diastolic) continue;
    let last = k;
    const unit = unitAt(lexemes, k + 1);
    if (unit?.unit === 'mmhg') last = unit.to - 1;
    return { numbers: [systolic, diastolic], last };
  }
  return undefined;
}

function windowEnd(lexemes: readonly Lexeme[], from: number, nextKeyword: number): number {
  const limit = Math.min(lexemes.length, nextKeyword, from + WINDOW);
  for (let j = from; j < limit; j++) if (isSentenceEnd(lexemes[j])) return j;
  return limit;
}

function valueText(kind: VitalKind, numbers: readonly number[]): string {
  if (kind === 'blood_pressure') return `${numbers[0]}/${numbers[1]}`;
  return formatValue(numbers[0]!, DECIMALS[kind]);
}

// The draft, the evidence check and the checklist's "#vital" all read the same passages.
const readingsCache = new WeakMap<Passage, readonly VitalReading[]>();

/** Every vital heard in a passage, in order (read once per passage). */
export function readVitals(passage: Passage): readonly VitalReading[] {
  let readings = readingsCache.get(passage);
  if (!readings) {
    readings = readingsIn(passage);
    readingsCache.set(passage, readings);
  }
  return readings;
}

function readingsIn(passage: Passage): VitalReading[] {
  const { lexemes } = passage;
  const keywords = KEYWORD_INDEX.findAll(lexemes, { longestOnly: true });
  const readings: VitalReading[] = [];
  const reading = (kind: VitalKind, numbers: readonly number[], from: number, last: number) => {
    readings.push({
      kind,
      value: valueText(kind, numbers),
      numbers,
      from,
      to: last + 1,
      evidence: anchorRange(passage, from, last + 1),
    });
  };
  const covered = new Uint8Array(lexemes.length);
  keywords.forEach((match, n) => {
    const kind = match.value;
    const next = keywords[n + 1]?.from ?? lexemes.length;
    const end = windowEnd(lexemes, match.to, next);
    const found =
      kind === 'blood_pressure'
        ? readBloodPressure(lexemes, match.to, end)
        : readSingle(kind, lexemes, match.to, end);
    if (!found) return;
    covered.fill(1, match.from, found.last + 1);
    reading(kind, found.numbers, match.from, found.last);
  });
  // "۳۸ و نیم درجه" with no keyword: a number of 34–43 followed by degrees is a temperature.
  for (let j = 0; j < lexemes.length; j++) {
    const l = lexemes[j]!;
    if (l.kind !== 'number' || l.value < 34 || l.value > 43) continue;
    if (covered[j]) continue;
    const unit = unitAt(lexemes, j + 1);
    if (unit?.unit !== 'c') continue;
    reading('temperature', [l.value], j, unit.to - 1);
  }
  readings.sort((a, b) => a.from - b.from);
  return readings;
}

/**
 * The vitals of a visit. A value said twice is one vital with both anchors; a vital measured
 * again with another value is listed again (the doctor decides which one stays).
 */
export function extractVitals(
  segments: readonly DraftingSegment[],
  options: ExtractOptions = {},
): Vital[] {
  const newId = options.newId ?? newItemId;
  const byKey = new Map<
    string,
    { kind: VitalKind; value: string; evidence: (readonly Evidence[])[] }
  >();
  for (const passage of passagesOf(segments)) {
    for (const r of readVitals(passage)) {
      const key = `${r.kind}:${r.value}`;
      const existing = byKey.get(key);
      if (existing) existing.evidence.push(r.evidence);
      else byKey.set(key, { kind: r.kind, value: r.value, evidence: [r.evidence] });
    }
  }
  return [...byKey.values()].map((v) => ({
    id: newId(),
    kind: v.kind,
    value: v.value,
    unit: vitalUnits[v.kind],
    evidence: mergeEvidence(v.evidence),
  }));
}
