import { normalizeText, toAsciiDigits } from '../text/normalize';

/**
 * Iranian national ID (کد ملی): ten digits, the last a check digit. Leading zeros are
 * significant (many IDs from some provinces start with 00), so IDs are strings, never numbers.
 */

// People paste IDs from cards, letters and spreadsheets with any of these as group separators.
const SEPARATORS = /[\s\u200C\-\u2010-\u2015\u2212_.\u06D4/]/g;

/**
 * Brings a typed ID to its ten ASCII digits, or null when it cannot be one. Eight or nine
 * digits are left-padded with zeros, as the official rule allows (spreadsheets drop leading
 * zeros). Does not check the check digit: that is `isValidNationalId`.
 */
export function normalizeNationalId(input: string): string | null {
  const digits = toAsciiDigits(normalizeText(input)).replace(SEPARATORS, '');
  if (!/^[0-9]{8,10}$/.test(digits)) return null;
  return digits.padStart(10, '0');
}

/** The check digit for the first nine digits of an ID. */
export function nationalIdCheckDigit(nineDigits: string): number {
  if (!/^[0-9]{9}$/.test(nineDigits)) {
    throw new RangeError('A national ID check digit needs exactly nine ASCII digits.');
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/**
 * The official checksum on exactly ten ASCII digits (normalise first). IDs of one repeated
 * digit (0000000000, 1111111111, …) pass the arithmetic but are never issued, and are typed
 * as placeholders, so they are rejected.
 */
export function isValidNationalId(tenDigits: string): boolean {
  if (!/^[0-9]{10}$/.test(tenDigits)) return false;
  if (/^(\d)\1{9}$/.test(tenDigits)) return false;
  return nationalIdCheckDigit(tenDigits.slice(0, 9)) === Number(tenDigits[9]);
}

/**
 * Appends the check digit to nine digits, giving a valid fictional ID for tests, the demo clinic
 * and benchmarks. Throws when the result would be a repeated-digit ID, which is never valid.
 */
export function makeValidNationalId(nineDigits: string): string {
  const id = nineDigits + String(nationalIdCheckDigit(nineDigits));
  if (!isValidNationalId(id)) {
    throw new RangeError('These nine digits make a repeated-digit national ID, never valid.');
  }
  return id;
}
