// Per-function entry points: the package index pulls in all of date-fns (about half a second of
// start-up for the command-line tool).
import { getDate } from 'date-fns-jalali/getDate';
import { getMonth } from 'date-fns-jalali/getMonth';
import { getYear } from 'date-fns-jalali/getYear';
import { newDate } from 'date-fns-jalali/newDate';
import { normalizeText, toAsciiDigits, toPersianDigits } from '../text/normalize';

/**
 * Jalali (Solar Hijri) dates for people, ISO Gregorian calendar dates ('YYYY-MM-DD') for storage.
 *
 * A calendar date is not an instant: a birth date must not move by a day because the computer's
 * time zone changed. date-fns-jalali reads and writes a Date's *local* fields, so every Date
 * built here is local noon of the day meant; noon is never skipped or repeated by a DST change
 * and is 12 hours from either neighbouring day, whatever the zone.
 */

/** Saturday, as in Iran (date-fns-jalali's default too). */
export const JALALI_WEEK_STARTS_ON = 6 as const;

/**
 * Years accepted and produced. date-fns-jalali uses the arithmetic 33-year leap cycle, which
 * agrees with the astronomical Iranian calendar (as computed by jalaali-js) only from 1178 to
 * 1633 (1799–2255 CE); outside, it can be a day off. Nobody in a clinic was born before 1178.
 */
export const JALALI_MIN_YEAR = 1178;
export const JALALI_MAX_YEAR = 1633;

export interface JalaliDateParts {
  readonly year: number;
  /** 1–12 (Farvardin = 1), unlike Date's 0–11. */
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const JALALI_INPUT = /^([0-9]{4}) ?[/\-.] ?([0-9]{1,2}) ?[/\-.] ?([0-9]{1,2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function isoOfLocalDay(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** Local noon of an ISO calendar date, or null if the string is not a real Gregorian date. */
function localNoonOfIso(isoDate: string): Date | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 12);
  // The Date constructor rolls 2025-02-30 over to March; a real date survives the round trip.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return null;
  }
  return date;
}

function dayOf(isoDateOrDate: string | Date): Date {
  if (typeof isoDateOrDate === 'string') {
    const date = localNoonOfIso(isoDateOrDate);
    if (!date) throw new RangeError('Expected an ISO calendar date (YYYY-MM-DD).');
    return date;
  }
  if (Number.isNaN(isoDateOrDate.getTime())) throw new RangeError('Invalid Date.');
  return isoDateOrDate;
}

/**
 * The ISO calendar date of a Date as seen on this computer's clock, e.g. today's date for
 * "birth date in the future" checks. Throws on an invalid Date.
 */
export function toIsoDate(date: Date): string {
  return isoOfLocalDay(dayOf(date));
}

/**
 * The Jalali year, month and day of an ISO calendar date, or of a Date's local day.
 * Throws RangeError on an invalid date or one outside JALALI_MIN_YEAR..JALALI_MAX_YEAR.
 */
export function jalaliPartsOf(isoDateOrDate: string | Date): JalaliDateParts {
  const date = dayOf(isoDateOrDate);
  const parts = { year: getYear(date), month: getMonth(date) + 1, day: getDate(date) };
  if (parts.year < JALALI_MIN_YEAR || parts.year > JALALI_MAX_YEAR) {
    throw new RangeError(
      `Dates are supported from Jalali year ${JALALI_MIN_YEAR} to ${JALALI_MAX_YEAR}.`,
    );
  }
  return parts;
}

/** The Jalali year of an ISO calendar date or of a Date's local day. Throws like jalaliPartsOf. */
export function jalaliYearOf(isoDateOrDate: string | Date): number {
  return jalaliPartsOf(isoDateOrDate).year;
}

/**
 * Reads a Jalali date as people type it (۱۳۷۰/۵/۱۲, 1370-05-12, Persian or Arabic digits) and
 * returns its ISO Gregorian calendar date, or null when no such day exists (1404/12/30,
 * 1402/07/31, month 13, …) or the year is outside the supported range. Year first, four digits.
 */
export function parseJalaliDate(input: string): string | null {
  const match = JALALI_INPUT.exec(toAsciiDigits(normalizeText(input)));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < JALALI_MIN_YEAR || year > JALALI_MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;

  const date = newDate(year, month - 1, day, 12);
  // newDate rolls an impossible day into the next month (1404/12/30 → 1405/01/01), so a day
  // that does not survive the round trip does not exist.
  if (getYear(date) !== year || getMonth(date) !== month - 1 || getDate(date) !== day) {
    return null;
  }
  return isoOfLocalDay(date);
}

/**
 * An ISO calendar date as a Jalali date for display: '۱۳۷۰/۰۵/۱۲', or '1370/05/12' with
 * `digits = 'latin'`. Throws like jalaliPartsOf: stored dates are always valid, so a bad one is a
 * bug to surface, not to hide.
 */
export function formatJalaliDate(isoDate: string, digits: 'fa' | 'latin' = 'fa'): string {
  const { year, month, day } = jalaliPartsOf(isoDate);
  const text = `${year}/${pad2(month)}/${pad2(day)}`;
  return digits === 'fa' ? toPersianDigits(text) : text;
}
