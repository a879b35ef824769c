import { parseJalaliDate } from './jalali';
import { toAsciiDigits } from '../text/normalize';

/**
 * A calendar date as people type it (Jalali, '1405/09/01', Persian digits allowed) or as a date
 * picker gives it (Gregorian ISO 'YYYY-MM-DD'); returns the Gregorian ISO date or null. Years
 * below 1800 are Jalali.
 */
export function parseCalendarDate(input: string): string | null {
  const ascii = toAsciiDigits(input.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ascii);
  if (iso && Number(iso[1]) >= 1800) {
    const date = new Date(`${ascii}T12:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== ascii ? null : ascii;
  }
  return parseJalaliDate(ascii);
}
