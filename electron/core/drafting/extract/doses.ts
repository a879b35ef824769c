import { analyzeText, type Lexeme } from './lexemes';
import { PhraseIndex } from './phrase-index';

/**
 * Doses: an amount and a unit ("500 mg", "۵ سی‌سی", "پنجاه هزار واحد", "دو پاف"). Written in a
 * draft as "<amount> <unit>" with ASCII digits; compared in a common unit so "0.5 g" and
 * "500 mg" are the same dose.
 */

export const doseUnits = ['mg', 'g', 'mcg', 'ml', 'units', '%', 'puffs', 'drops'] as const;
export type DoseUnit = (typeof doseUnits)[number];

export interface DoseAmount {
  readonly amount: number;
  readonly unit: DoseUnit;
}

const UNIT_WORDS: Readonly<Record<DoseUnit, readonly string[]>> = {
  mg: ['mg', 'mgs', 'milligram', 'milligrams', 'میلیگرم', 'میلی گرم', 'میلی', 'میلی‌گرمی'],
  g: ['g', 'gr', 'gram', 'grams', 'گرم', 'گرمی'],
  mcg: ['mcg', 'μg', 'ug', 'microgram', 'micrograms', 'میکروگرم', 'میکرو گرم', 'میکرو'],
  ml: ['ml', 'cc', 'milliliter', 'milliliters', 'millilitre', 'میلی لیتر', 'میلیلیتر', 'سی سی'],
  units: ['unit', 'units', 'iu', 'واحد', 'یونیت'],
  '%': ['%', 'درصد', 'percent'],
  puffs: ['puff', 'puffs', 'پاف'],
  drops: ['drop', 'drops', 'قطره'],
};

const UNIT_INDEX = new PhraseIndex<DoseUnit>();
for (const [unit, words] of Object.entries(UNIT_WORDS) as [DoseUnit, readonly string[]][]) {
  for (const w of words) UNIT_INDEX.add(w, unit);
}

/** The dose unit starting at lexeme i, with the index after it. */
export function doseUnitAt(
  lexemes: readonly Lexeme[],
  i: number,
): { unit: DoseUnit; to: number } | undefined {
  const best = UNIT_INDEX.matchesAt(lexemes, i)[0];
  return best ? { unit: best.value, to: best.to } : undefined;
}

function formatAmount(amount: number): string {
  return String(Math.round(amount * 1000) / 1000);
}

export function formatDose(dose: DoseAmount): string {
  return dose.unit === '%'
    ? `${formatAmount(dose.amount)}%`
    : `${formatAmount(dose.amount)} ${dose.unit}`;
}

/** A lexicon strength such as "500 mg" or "1%". */
export function parseStrength(text: string): DoseAmount {
  const dose = parseDose(text);
  if (!dose) throw new Error(`not a strength: ${text}`);
  return dose;
}

/**
 * The first "<number> <unit>" in free text as a draft or a doctor writes it ("500 mg",
 * "۵۰۰ میلی‌گرم", "1 g"); undefined when there is none.
 */
export function parseDose(text: string): DoseAmount | undefined {
  const lexemes = analyzeText(text).lexemes;
  for (let i = 0; i < lexemes.length; i++) {
    const l = lexemes[i]!;
    if (l.kind !== 'number') continue;
    const unit = doseUnitAt(lexemes, i + 1);
    if (unit) return { amount: l.value, unit: unit.unit };
  }
  return undefined;
}

/** The amount in a unit shared by its family (mass → mg), for comparing. */
function canonical(dose: DoseAmount): DoseAmount {
  if (dose.unit === 'g') return { amount: dose.amount * 1000, unit: 'mg' };
  if (dose.unit === 'mcg') return { amount: dose.amount / 1000, unit: 'mg' };
  return dose;
}

export function sameDose(a: DoseAmount, b: DoseAmount): boolean {
  const x = canonical(a);
  const y = canonical(b);
  return x.unit === y.unit && Math.abs(x.amount - y.amount) < 1e-9 * Math.max(1, x.amount);
}
