import { searchTokens } from '../electron/shared/text/normalize';
import { MIN_PREFIX } from '../electron/core/patients/name-index';
import { normalizeText, toPersianDigits } from '../electron/shared/text/normalize';
import { Rng, type Dataset, type GeneratedPatient } from './dataset';

/**
 * Search queries as reception staff type them, drawn from the registry itself (so common names are
 * searched more often, as in a real clinic), plus a few that find nothing.
 */
export type NameQueryKind = 'persian-prefix' | 'latin-prefix' | 'two-word' | 'no-match';

export interface NameQuery {
  readonly kind: NameQueryKind;
  readonly text: string;
}

/** The first `length` letters of a name (ZWNJ and spaces do not count as letters). */
function prefixOf(name: string, length: number): string {
  let letters = 0;
  let out = '';
  for (const ch of name) {
    if (letters >= length) break;
    out += ch;
    if (ch !== '\u200c' && ch !== ' ') letters += 1;
  }
  return out.replace(/[\u200c ]+$/u, '');
}

function letterCount(name: string): number {
  return [...name].filter((ch) => ch !== '\u200c' && ch !== ' ').length;
}

const RARE_LETTERS = ['ظ', 'ث', 'ژ', 'غ', 'ض', 'ص', 'ط', 'ذ'];

function garbage(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += rng.pick(RARE_LETTERS);
  return out;
}

function persianName(patient: GeneratedPatient, field: 'first' | 'last'): string {
  return normalizeText(field === 'first' ? patient.firstName.fa : patient.lastName.fa);
}

export function nameQueries(dataset: Dataset, count: number, seed: number): NameQuery[] {
  const rng = new Rng(seed);
  const { patients } = dataset;
  const withLatin = patients.filter((p) => p.hasLatin);
  const queries: NameQuery[] = [];
  // A query with no word of MIN_PREFIX letters is refused with "type more" (not a search).
  const searchable = (text: string) =>
    searchTokens(text).some((token) => [...token].length >= MIN_PREFIX);
  const push = (query: NameQuery) => {
    if (searchable(query.text)) queries.push(query);
  };
  while (queries.length < count) {
    const r = rng.next();
    const patient = rng.pick(patients);
    if (r < 0.55) {
      const name = persianName(patient, rng.chance(0.5) ? 'first' : 'last');
      const length = Math.min(rng.between(MIN_PREFIX, 7), letterCount(name));
      push({ kind: 'persian-prefix', text: prefixOf(name, length) });
    } else if (r < 0.7) {
      const p = withLatin.length > 0 ? rng.pick(withLatin) : patient;
      const name = rng.chance(0.5) ? p.firstName.latin : p.lastName.latin;
      const text = name.slice(0, Math.min(rng.between(MIN_PREFIX, 7), name.length));
      push({ kind: 'latin-prefix', text: rng.chance(0.7) ? text.toLowerCase() : text });
    } else if (r < 0.92) {
      const first = persianName(patient, 'first');
      const lastName = persianName(patient, 'last');
      const s = rng.next();
      let text: string;
      if (s < 0.6) {
        text = `${first} ${prefixOf(lastName, rng.between(2, letterCount(lastName)))}`;
      } else if (s < 0.8) {
        text = `${lastName} ${first}`;
      } else {
        text = `${prefixOf(first, rng.between(2, 4))} ${prefixOf(lastName, rng.between(MIN_PREFIX, 4))}`;
      }
      push({ kind: 'two-word', text });
    } else {
      const s = rng.next();
      let text: string;
      if (s < 0.4) text = garbage(rng, rng.between(MIN_PREFIX, 5));
      else if (s < 0.6) text = ['qxz', 'zzqv', 'xqj', 'vvxq'][rng.int(4)]!;
      // A typo in the second word: the first word alone matches many patients.
      else text = `${persianName(patient, 'first')} ${garbage(rng, rng.between(2, 4))}`;
      push({ kind: 'no-match', text });
    }
  }
  return queries;
}

/** Existing phone numbers (95%, typed in the usual ways) and a few that nobody has. */
export function phoneQueries(dataset: Dataset, count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const phones = dataset.patients.flatMap((p) => (p.phone ? [p.phone] : []));
  return Array.from({ length: count }, () => {
    const phone = rng.chance(0.95) ? rng.pick(phones) : rng.pick(dataset.unusedPhones);
    const r = rng.next();
    if (r < 0.15) return toPersianDigits(phone);
    if (r < 0.25) return `${phone.slice(0, 4)} ${phone.slice(4)}`;
    return phone;
  });
}

/** Existing national IDs (95%) and valid ones that nobody has. */
export function nationalIdQueries(dataset: Dataset, count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const ids = dataset.patients.flatMap((p) => (p.nationalId ? [p.nationalId] : []));
  return Array.from({ length: count }, () => {
    const id = rng.chance(0.95) ? rng.pick(ids) : rng.pick(dataset.unusedNationalIds);
    return rng.chance(0.15) ? toPersianDigits(id) : id;
  });
}
