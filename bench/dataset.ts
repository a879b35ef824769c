import type { NewPatientInput } from '../electron/shared/patients/patient-input';
import { makeValidNationalId } from '../electron/shared/patients/national-id';
import { toPersianDigits } from '../electron/shared/text/normalize';
import {
  ALLERGIES,
  CITIES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  MOBILE_PREFIXES,
  NOTES,
  STREETS,
  type NameEntry,
} from './names';

/**
 * A deterministic, seeded registry of FICTIONAL Iranian patients. Names are drawn from the lists
 * in names.ts with a Zipf-like skew by rank (محمد, علی, فاطمه, زهرا … are very common); fields are
 * typed the way clinic staff type them (Persian digits, dashes in IDs, spaces in phone numbers,
 * the odd Arabic yeh/kaf from a Windows keyboard), so the service's normalisation does real work.
 * National IDs are valid (check digit) and unique; nothing here is a real person.
 */

/** mulberry32: a small, fast, seedable PRNG; good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }
}

/** Samples indexes 0..n-1 with weight 1/(rank+1)^exponent. */
export class ZipfSampler<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(items: readonly T[], exponent: number) {
    this.items = items;
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i += 1) {
      total += 1 / (i + 1) ** exponent;
      this.cumulative[i] = total;
    }
    for (let i = 0; i < items.length; i += 1) this.cumulative[i]! /= total;
  }

  sample(rng: Rng): T {
    const u = rng.next();
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}

export interface GeneratedPatient {
  /** What the form (or an import file) hands to the service, as typed. */
  readonly input: NewPatientInput;
  readonly firstName: NameEntry;
  readonly lastName: NameEntry;
  readonly hasLatin: boolean;
  /** Canonical forms, for building queries. */
  readonly phone: string | null;
  readonly nationalId: string | null;
}

export interface Dataset {
  readonly seed: number;
  readonly patients: readonly GeneratedPatient[];
  /** Valid national IDs that no patient has (for searches that find nothing). */
  readonly unusedNationalIds: readonly string[];
  /** Mobile numbers that no patient has. */
  readonly unusedPhones: readonly string[];
  readonly stats: DatasetStats;
}

export interface DatasetStats {
  readonly patients: number;
  readonly distinctFirstNames: number;
  readonly distinctLastNames: number;
  readonly topFirstNames: readonly { name: string; share: number }[];
  readonly topLastNames: readonly { name: string; share: number }[];
  readonly withLatinNames: number;
  readonly withNationalId: number;
  readonly withPhone: number;
  readonly sharedPhones: number;
  readonly withBirthDate: number;
  readonly withAllergies: number;
  readonly withZwnjInName: number;
  readonly typedWithArabicLetters: number;
}

// 3^18: coprime with 10^9, so i ↦ (A·i + C) mod 10^9 is a permutation of nine-digit strings and
// sequential patients get unique, scattered IDs (about one in ten starting with 0, like real ones).
const ID_MULTIPLIER = 387_420_489;
const ID_OFFSET = 123_456_789;

function nationalIdAt(index: number): string | null {
  const nine = Number((BigInt(ID_MULTIPLIER) * BigInt(index) + BigInt(ID_OFFSET)) % 1_000_000_000n);
  try {
    return makeValidNationalId(String(nine).padStart(9, '0'));
  } catch {
    return null;
  }
}

const JALALI_MONTH_DAYS = [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29];

function arabicKeyboard(s: string): string {
  return s.replace(/\u06CC/g, '\u064A').replace(/\u06A9/g, '\u0643');
}

function typedNationalId(id: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.1) return `${id.slice(0, 3)}-${id.slice(3, 9)}-${id.slice(9)}`;
  if (r < 0.2) return toPersianDigits(id);
  return id;
}

function typedPhone(phone: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.15) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (r < 0.25) return `+98${phone.slice(1)}`;
  if (r < 0.3) return toPersianDigits(phone);
  return phone;
}

function birthDate(rng: Rng): string {
  const r = rng.next();
  const age = r < 0.2 ? rng.between(0, 17) : r < 0.8 ? rng.between(18, 60) : rng.between(61, 103);
  const year = 1403 - age;
  const month = rng.between(1, 12);
  const day = rng.between(1, JALALI_MONTH_DAYS[month - 1]!);
  const text = `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
  return rng.chance(0.25) ? toPersianDigits(text) : text;
}

function freshMobile(rng: Rng, prefixes: ZipfSampler<string>): string {
  return `${prefixes.sample(rng)}${String(rng.int(10_000_000)).padStart(7, '0')}`;
}

export function generateDataset(count: number, seed = 1405): Dataset {
  const rng = new Rng(seed);
  const male = new ZipfSampler(MALE_FIRST_NAMES, 1.0);
  const female = new ZipfSampler(FEMALE_FIRST_NAMES, 1.0);
  const last = new ZipfSampler(LAST_NAMES, 0.75);
  const prefixes = new ZipfSampler(MOBILE_PREFIXES, 0.8);
  const patients: GeneratedPatient[] = [];
  const phones = new Set<string>();
  const recentPhones: string[] = [];
  let idIndex = 0;
  let sharedPhones = 0;
  let typedWithArabicLetters = 0;

  for (let i = 0; i < count; i += 1) {
    const sex = rng.chance(0.55) ? 'female' : 'male';
    const firstName = (sex === 'female' ? female : male).sample(rng);
    const lastName = last.sample(rng);
    const hasLatin = rng.chance(1 / 3);

    let firstFa = firstName.fa;
    let lastFa = lastName.fa;
    // Some clinics type a space where the name has a ZWNJ (علی اصغر).
    if (rng.chance(0.2)) firstFa = firstFa.replace(/\u200c/g, ' ');
    if (rng.chance(0.04)) {
      firstFa = arabicKeyboard(firstFa);
      lastFa = arabicKeyboard(lastFa);
      typedWithArabicLetters += 1;
    }

    let nationalId: string | null = null;
    if (rng.chance(0.95)) {
      while (nationalId === null) nationalId = nationalIdAt(idIndex++);
    }

    let phone: string | null = null;
    if (rng.chance(0.92)) {
      if (recentPhones.length > 0 && rng.chance(0.03)) {
        phone = rng.pick(recentPhones);
        sharedPhones += 1;
      } else {
        phone = freshMobile(rng, prefixes);
        phones.add(phone);
        recentPhones.push(phone);
        if (recentPhones.length > 200) recentPhones.shift();
      }
    }

    const input: NewPatientInput = {
      firstName: firstFa,
      lastName: lastFa,
      firstNameLatin: hasLatin ? firstName.latin : null,
      lastNameLatin: hasLatin ? lastName.latin : null,
      fatherName: rng.chance(0.6) ? male.sample(rng).fa : null,
      nationalId: nationalId === null ? null : typedNationalId(nationalId, rng),
      birthDate: rng.chance(0.97) ? birthDate(rng) : null,
      sex,
      phone: phone === null ? null : typedPhone(phone, rng),
      address: rng.chance(0.5)
        ? `${rng.pick(CITIES)}، خیابان ${rng.pick(STREETS)}، کوچه ${toPersianDigits(String(rng.between(1, 40)))}، پلاک ${toPersianDigits(String(rng.between(1, 300)))}`
        : null,
      allergies: rng.chance(0.15)
        ? [...new Set([rng.pick(ALLERGIES), rng.pick(ALLERGIES)].slice(0, rng.between(1, 2)))].join(
            '، ',
          )
        : null,
      notes: rng.chance(0.05) ? rng.pick(NOTES) : null,
    };
    patients.push({ input, firstName, lastName, hasLatin, phone, nationalId });
  }

  const unusedNationalIds: string[] = [];
  for (let j = idIndex; unusedNationalIds.length < 200; j += 1) {
    const id = nationalIdAt(j);
    if (id !== null) unusedNationalIds.push(id);
  }
  const unusedPhones: string[] = [];
  while (unusedPhones.length < 200) {
    const candidate = freshMobile(rng, prefixes);
    if (!phones.has(candidate)) unusedPhones.push(candidate);
  }

  return {
    seed,
    patients,
    unusedNationalIds,
    unusedPhones,
    stats: datasetStats(patients, sharedPhones, typedWithArabicLetters),
  };
}

function topShares(values: readonly string[], top: number): { name: string; share: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => ({ name, share: Math.round((n / values.length) * 10_000) / 10_000 }));
}

function datasetStats(
  patients: readonly GeneratedPatient[],
  sharedPhones: number,
  typedWithArabicLetters: number,
): DatasetStats {
  const firsts = patients.map((p) => p.firstName.fa);
  const lasts = patients.map((p) => p.lastName.fa);
  return {
    patients: patients.length,
    distinctFirstNames: new Set(firsts).size,
    distinctLastNames: new Set(lasts).size,
    topFirstNames: topShares(firsts, 5),
    topLastNames: topShares(lasts, 5),
    withLatinNames: patients.filter((p) => p.hasLatin).length,
    withNationalId: patients.filter((p) => p.nationalId !== null).length,
    withPhone: patients.filter((p) => p.phone !== null).length,
    sharedPhones,
    withBirthDate: patients.filter((p) => p.input.birthDate).length,
    withAllergies: patients.filter((p) => p.input.allergies).length,
    withZwnjInName: patients.filter(
      (p) => p.firstName.fa.includes('\u200c') || p.lastName.fa.includes('\u200c'),
    ).length,
    typedWithArabicLetters,
  };
}
