import { searchTokens } from '../../shared/text/normalize';
import type { BlindIndexer } from '../crypto/blind-index';
import type { BlindIndex } from '../db/sealed';

/**
 * Name search over blind indexes. Every name field is folded to search tokens (shared
 * normaliser); a field of several words is also indexed as one joined word, so 'محمدرضا' is found
 * by 'محمد رضا' and the reverse. Each token contributes the keyed hashes of its prefixes of
 * MIN..MAX letters. A query token longer than MAX is looked up by its first MAX letters and the
 * candidates are checked against the decrypted names.
 *
 * MIN is 3: a one- or two-letter prefix matches thousands of patients in a large registry (the
 * list would be cut short anyway), and its hash would split the registry into a few coarse
 * groups, telling more about how names are distributed. A shorter word in a longer query still
 * narrows the results; it is only not looked up by itself. MAX is 6, which makes nearly every
 * lookup exact at clinic scale while keeping about eight index rows per patient.
 */
export const MIN_PREFIX = 3;
export const MAX_PREFIX = 6;

export interface PersonName {
  readonly firstName: string;
  readonly lastName: string;
  readonly firstNameLatin: string | null;
  readonly lastNameLatin: string | null;
}

function nameFields(person: PersonName): string[] {
  return [person.firstName, person.lastName, person.firstNameLatin, person.lastNameLatin].filter(
    (field): field is string => Boolean(field),
  );
}

/** One name field's search tokens, its joined form included. */
function fieldTokens(field: string): string[] {
  const words = searchTokens(field);
  return words.length > 1 ? [...words, words.join('')] : words;
}

/** The search tokens of a patient's names, each field's joined form included. */
export function nameTokens(person: PersonName): string[] {
  return [...new Set(nameFields(person).flatMap(fieldTokens))];
}

/** The prefixes to index for a set of tokens. */
export function indexedPrefixes(tokens: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const token of tokens) {
    const letters = [...token];
    for (let length = MIN_PREFIX; length <= Math.min(letters.length, MAX_PREFIX); length += 1) {
      prefixes.add(letters.slice(0, length).join(''));
    }
  }
  return [...prefixes];
}

/** The prefix a query token is looked up by. */
export function lookupPrefix(queryToken: string): string {
  return [...queryToken].slice(0, MAX_PREFIX).join('');
}

/**
 * The index entries of each distinct name field, per indexer. Names repeat heavily (a few hundred
 * first names cover most of a registry), so bulk registration mostly finds a field's entries
 * here instead of normalising and hashing it again. Bounded; it holds name fields and their
 * hashes in this process's memory only, and goes with the indexer.
 */
const FIELD_MEMO_ENTRIES = 20_000;
const fieldMemos = new WeakMap<BlindIndexer, Map<string, readonly BlindIndex[]>>();

function fieldEntries(indexer: BlindIndexer, field: string): readonly BlindIndex[] {
  let memo = fieldMemos.get(indexer);
  if (!memo) {
    memo = new Map();
    fieldMemos.set(indexer, memo);
  }
  let entries = memo.get(field);
  if (!entries) {
    entries = indexedPrefixes(fieldTokens(field)).map((prefix) => indexer.namePrefix(prefix));
    if (memo.size >= FIELD_MEMO_ENTRIES) memo.clear();
    memo.set(field, entries);
  }
  return entries;
}

/**
 * The name-prefix index entries of a patient. A prefix two fields share ('محمد' in محمد محمدی)
 * comes back as the same object from the indexer's memo and is listed once; a rare duplicate that
 * slips through is harmless (the insert ignores it).
 */
export function nameIndexEntries(indexer: BlindIndexer, person: PersonName): BlindIndex[] {
  const entries = new Set<BlindIndex>();
  for (const field of nameFields(person)) {
    for (const entry of fieldEntries(indexer, field)) entries.add(entry);
  }
  return [...entries];
}

/** Whether every query token starts some token of the patient's names. */
export function nameMatches(
  queryTokens: readonly string[],
  patientTokens: readonly string[],
): boolean {
  return queryTokens.every((query) => patientTokens.some((token) => token.startsWith(query)));
}

/** Ranks a match: more query tokens equal to whole name tokens first. */
export function nameMatchScore(
  queryTokens: readonly string[],
  patientTokens: readonly string[],
): number {
  return queryTokens.filter((query) => patientTokens.includes(query)).length;
}
