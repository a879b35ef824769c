import { normalizeText, toAsciiDigits } from '../text/normalize';

/**
 * Phone numbers are stored in one canonical form so that duplicates are found and search by
 * phone works however the number was typed:
 * - Iranian numbers as dialled at home: `0` + 10 digits (mobile 09xxxxxxxxx, landline with its
 *   area code such as 02188776655);
 * - foreign numbers as `+` + country code + number (E.164, 8–15 digits).
 */

const SEPARATORS = /[\s\u200C\-\u2010-\u2015\u2212_.()/]/g;
const IRANIAN = /^0[1-9][0-9]{9}$/;
const MOBILE = /^09[0-9]{9}$/;
const INTERNATIONAL_DIGITS = /^[1-9][0-9]{7,14}$/;

function iranianFromNational(rest: string): string | null {
  // People often keep the trunk zero after the country code: +98 0912 …
  const national = rest.startsWith('0') ? rest.slice(1) : rest;
  const candidate = `0${national}`;
  return IRANIAN.test(candidate) ? candidate : null;
}

/**
 * The canonical form of a typed phone number, or null when it is not one we can dial.
 * A local landline without its area code (8 digits) is rejected: the area is unknown.
 */
export function normalizePhone(input: string): string | null {
  const compact = toAsciiDigits(normalizeText(input)).replace(SEPARATORS, '');

  let international: string | null = null;
  if (/^\+[0-9]+$/.test(compact)) international = compact.slice(1);
  else if (/^00[0-9]+$/.test(compact)) international = compact.slice(2);

  if (international !== null) {
    if (international.startsWith('98')) return iranianFromNational(international.slice(2));
    return INTERNATIONAL_DIGITS.test(international) ? `+${international}` : null;
  }

  if (!/^[0-9]+$/.test(compact)) return null;
  if (IRANIAN.test(compact)) return compact;
  // A mobile typed without its leading zero.
  if (/^9[0-9]{9}$/.test(compact)) return `0${compact}`;
  // The +98 form with the plus lost, as some phones and spreadsheets export it: 98 + 10 digits
  // is twelve digits, which no Iranian local number has.
  if (/^98[1-9][0-9]{9}$/.test(compact)) return `0${compact.slice(2)}`;
  return null;
}

/** Whether a number from `normalizePhone` is an Iranian mobile (09xxxxxxxxx). */
export function isMobile(normalized: string): boolean {
  return MOBILE.test(normalized);
}
