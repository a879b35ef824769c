import { z } from 'zod';
import drugData from './data/drugs.json';
import type { Lexeme } from './lexemes';
import { analyzeText } from './lexemes';
import { PhraseIndex } from './phrase-index';
import { parseStrength, type DoseAmount } from './doses';

/**
 * The drug lexicon shipped with the app (data/drugs.json): common outpatient generics in Iran,
 * each with its English and Persian names as doctors say and Whisper writes them (generic,
 * brand-ish and colloquial forms: "بروفن" is ibuprofen, "آموکسی" amoxicillin), the usual forms,
 * routes and strengths. Routes: PO, IM, IV, SC, SL, inhaled, nasal, ophthalmic, otic, rectal,
 * topical, vaginal.
 */

export const drugRoutes = [
  'PO',
  'IM',
  'IV',
  'SC',
  'SL',
  'inhaled',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'topical',
  'vaginal',
] as const;
export type DrugRoute = (typeof drugRoutes)[number];

export const drugForms = [
  'tablet',
  'capsule',
  'effervescent_tablet',
  'syrup',
  'suspension',
  'drops',
  'eye_drops',
  'injection',
  'inhaler',
  'nebulizer',
  'spray',
  'cream',
  'ointment',
  'gel',
  'lotion',
  'shampoo',
  'suppository',
  'vaginal_tablet',
  'sachet',
  'powder',
] as const;
export type DrugForm = (typeof drugForms)[number];

const STRENGTH = /^\d+(\.\d+)?\s?(mg|g|mcg|ml|units|%)$/;

const drugEntrySchema = z.strictObject({
  generic: z.string().min(1).max(100),
  en: z.array(z.string().min(1)).min(1),
  fa: z.array(z.string().min(1)).min(1),
  forms: z.array(z.enum(drugForms)).min(1),
  routes: z.array(z.enum(drugRoutes)).min(1),
  strengths: z.array(z.string().regex(STRENGTH)),
});

export interface DrugEntry extends z.infer<typeof drugEntrySchema> {
  readonly strengthAmounts: readonly DoseAmount[];
}

export const drugLexicon: readonly DrugEntry[] = z
  .array(drugEntrySchema)
  .parse(drugData)
  .map((entry) => ({
    ...entry,
    strengthAmounts: entry.strengths.map((s) => parseStrength(s)),
  }));

const index = new PhraseIndex<DrugEntry>();
for (const entry of drugLexicon) {
  for (const name of [entry.generic, ...entry.en, ...entry.fa]) index.add(name, entry);
}

// Whisper misspells long drug names by a letter ("آموکسی‌سیلن", "متفورمن"). One edit is
// forgiven on single-word names of at least FUZZY_MIN_LENGTH letters, found through a
// deletion index (every name and each of its one-letter deletions) instead of comparing every
// word with every name.
const FUZZY_MIN_LENGTH = 7;
const deletionIndex = new Map<string, Set<{ name: string; entry: DrugEntry }>>();
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < word.length; k++) out.push(word.slice(0, k) + word.slice(k + 1));
  return out;
}
for (const entry of drugLexicon) {
  for (const name of [entry.generic, ...entry.en, ...entry.fa]) {
    const words = analyzeText(name).lexemes;
    if (words.length !== 1 || words[0]!.kind !== 'word') continue;
    const text = words[0]!.text;
    if (text.length < FUZZY_MIN_LENGTH) continue;
    for (const key of [text, ...deletions(text)]) {
      let set = deletionIndex.get(key);
      if (!set) {
        set = new Set();
        deletionIndex.set(key, set);
      }
      set.add({ name: text, entry });
    }
  }
}

/** Optimal string alignment distance, stopped early past 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (restA.slice(1) === restB.slice(1)) return true; // substitution
  if (restA.slice(1) === restB) return true; // deletion from a
  if (restA === restB.slice(1)) return true; // insertion into a
  return (
    restA.length >= 2 &&
    restA[0] === restB[1] &&
    restA[1] === restB[0] &&
    restA.slice(2) === restB.slice(2)
  );
}

function fuzzyDrug(word: string): DrugEntry | undefined {
  if (word.length < FUZZY_MIN_LENGTH) return undefined;
  const found = new Set<DrugEntry>();
  for (const key of [word, ...deletions(word)]) {
    for (const candidate of deletionIndex.get(key) ?? []) {
      if (withinOneEdit(word, candidate.name)) found.add(candidate.entry);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

export interface DrugMention {
  readonly entry: DrugEntry;
  /** Lexeme range of the name. */
  readonly from: number;
  readonly to: number;
}

/** Drug names in a segment, left to right; the longest name wins ("co-amoxiclav" over "amoxiclav"). */
export function findDrugMentions(lexemes: readonly Lexeme[]): DrugMention[] {
  const out: DrugMention[] = [];
  for (let i = 0; i < lexemes.length;) {
    const best = index.matchesAt(lexemes, i)[0];
    if (best) {
      out.push({ entry: best.value, from: i, to: best.to });
      i = best.to;
      continue;
    }
    const l = lexemes[i]!;
    if (l.kind === 'word') {
      const entry = fuzzyDrug(l.text);
      if (entry) out.push({ entry, from: i, to: i + 1 });
    }
    i++;
  }
  return out;
}

/** The lexicon entry a written name refers to ("Amoxicillin", "آموکسی‌سیلین", "Amoxil"), if any. */
export function resolveDrug(name: string): DrugEntry | undefined {
  return findDrugMentions(analyzeText(name).lexemes)[0]?.entry;
}
