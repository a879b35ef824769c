import { z } from 'zod';
import { ICD10_PATTERN } from '../../../shared/soap';
import { analyzeText, type Lexeme } from '../extract/lexemes';
import { PhraseIndex } from '../extract/phrase-index';
import icdData from './data/icd10.json';
import labData from './data/lab-tests.json';

/**
 * Shipped terminology the evidence check resolves written claims through: ICD-10 codes of the
 * ~100 most common outpatient diagnoses with their English title and Persian and English names
 * (data/icd10.json), and common lab tests and imaging with their names (data/lab-tests.json).
 * A diagnosis written as "J02.9", "Acute pharyngitis" or «گلودرد حاد» is the same entry, and any
 * of its names in the transcript supports it.
 */

const icdEntrySchema = z.strictObject({
  code: z.string().regex(ICD10_PATTERN),
  title: z.string().min(1),
  en: z.array(z.string().min(1)),
  fa: z.array(z.string().min(1)).min(1),
});
export type IcdEntry = z.infer<typeof icdEntrySchema>;

const labEntrySchema = z.strictObject({
  name: z.string().min(1),
  en: z.array(z.string().min(1)).min(1),
  fa: z.array(z.string().min(1)).min(1),
});
export type LabEntry = z.infer<typeof labEntrySchema>;

export const icd10Lexicon: readonly IcdEntry[] = z.array(icdEntrySchema).parse(icdData);
export const labLexicon: readonly LabEntry[] = z.array(labEntrySchema).parse(labData);

export function icdNames(entry: IcdEntry): string[] {
  return [entry.title, ...entry.en, ...entry.fa];
}

export function labNames(entry: LabEntry): string[] {
  return [entry.name, ...entry.en, ...entry.fa];
}

const icdIndex = new PhraseIndex<IcdEntry>();
for (const entry of icd10Lexicon) for (const name of icdNames(entry)) icdIndex.add(name, entry);
const labIndex = new PhraseIndex<LabEntry>();
for (const entry of labLexicon) for (const name of labNames(entry)) labIndex.add(name, entry);
const byCode = new Map(icd10Lexicon.map((e) => [e.code, e]));

/**
 * The entries an ICD code stands for: the code itself, else its parent category in the lexicon
 * ("I48.91" → I48), else the lexicon's subcodes of a category ("J02" → J02.0, J02.9).
 */
export function icdByCode(code: string): IcdEntry[] {
  const exact = byCode.get(code);
  if (exact) return [exact];
  const parents = icd10Lexicon
    .filter((e) => code.startsWith(e.code))
    .sort((a, b) => b.code.length - a.code.length);
  if (parents.length > 0) return [parents[0]!];
  return icd10Lexicon.filter((e) => e.code.startsWith(`${code}.`));
}

/** The entry whose name is the whole text ("Acute pharyngitis", «فشار خون بالا»), if any. */
export function icdByTitle(title: string): IcdEntry | undefined {
  return wholeMatch(icdIndex, title);
}

/** Every lab entry named in a lab order ("CBC و ESR" names two). */
export function labsNamedIn(text: string): LabEntry[] {
  const found = labIndex.findAll(analyzeText(text).lexemes, { longestOnly: true });
  return [...new Set(found.map((m) => m.value))];
}

function wholeMatch<T>(index: PhraseIndex<T>, text: string): T | undefined {
  const lexemes = analyzeText(text).lexemes;
  let end = lexemes.length;
  while (end > 0 && lexemes[end - 1]!.kind === 'mark') end--;
  const matches = index.matchesAt(lexemes, 0);
  return matches.find((m) => m.to >= end)?.value;
}

/**
 * Lexeme ranges where a diagnosis name is said (the checklist's "#diagnosis" detail). Chapter R
 * (symptoms and signs: fever, cough, headache) is left out: naming a symptom is not a diagnosis.
 */
export function diagnosisTermsIn(lexemes: readonly Lexeme[]): { from: number; to: number }[] {
  return icdIndex
    .findAll(lexemes, { longestOnly: true })
    .filter((m) => !m.value.code.startsWith('R'));
}

/** Lexeme ranges where a lab test or imaging is named (the checklist's "#lab" detail). */
export function labTermsIn(lexemes: readonly Lexeme[]): { from: number; to: number }[] {
  return labIndex.findAll(lexemes, { longestOnly: true });
}
