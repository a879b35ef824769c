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
 * MIN is 2: a one-letter prefix would match a large share of the registry and its hash would
 * reveal how names are distributed. MAX is 6, which makes nearly every lookup exact at clinic
 * scale while keeping about eight index rows per patient.
 */
export const MIN_PREFIX = 2;
export const MAX_PREFIX = 6;

export interface PersonName {
  readonly firstName: string;
  readonly lastName: string;
  readonly firstNameLatin: string | null;
  readonly lastNameLatin: string | null;
}

/** The search tokens of a patient's names, each field's joined form included. */
export function nameTokens(person: PersonName): string[] {
  const tokens = new Set<string>();
  for (const field of [
    person.firstName,
    person.lastName,
    person.firstNameLatin,
    person.lastNameLatin,
  ]) {
    if (!field) continue;
    const words = searchTokens(field);
    for (const word of words) tokens.add(word);
    if (words.length > 1) tokens.add(words.join(''));
  }
  return [...tokens];
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

export function nameIndexEntries(indexer: BlindIndexer, person: PersonName): BlindIndex[] {
  return indexedPrefixes(nameTokens(person)).map((prefix) => indexer.namePrefix(prefix));
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
