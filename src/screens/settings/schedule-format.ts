import { formatMinute } from '../../../electron/shared/dates/clinic-time';
import { toAsciiDigits } from '../../../electron/shared/text/normalize';
import type { I18n } from '../../i18n/i18n';

/** The Iranian week, Saturday first, as JavaScript weekday numbers (0 = Sunday). */
export const WEEK_FROM_SATURDAY = [6, 0, 1, 2, 3, 4, 5] as const;
export type Weekday = (typeof WEEK_FROM_SATURDAY)[number];

export function weekdayName(i18n: I18n, weekday: number): string {
  return i18n.t(`settings.weekday.${weekday as Weekday}`);
}

/** A minute of the day as people read it: '۰۸:۳۰' in Persian (24:00 for the day's end). */
export function minuteText(i18n: I18n, minute: number): string {
  return i18n.digits(minute === 1440 ? '24:00' : formatMinute(minute));
}

/**
 * A time as typed: '8', '08', '8:30', '08.30', '0830' or '24:00', in Persian, Arabic or Latin
 * digits. Returns minutes since midnight, or null when it is not a time.
 */
export function parseTimeText(text: string): number | null {
  const ascii = toAsciiDigits(text)
    .trim()
    .replace(/[٫.،,]/g, ':');
  const match = /^(\d{1,2})(?::?(\d{2}))?$/.exec(ascii);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours === 24 && minutes === 0) return 1440;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** A whole number as typed, Persian digits and thousands separators allowed; null otherwise. */
export function parseWholeNumber(text: string): number | null {
  const ascii = toAsciiDigits(text).replace(/[\s,٬،'_]/g, '');
  return /^\d{1,15}$/.test(ascii) ? Number(ascii) : null;
}

/** A whole number with thousands separators, in the interface's digits ('۱۲۰٬۰۰۰'). */
export function groupedNumber(i18n: I18n, value: number): string {
  return new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en-US', {
    maximumFractionDigits: 0,
  }).format(value);
}

/** A calendar date with its weekday: 'شنبه ۱۴۰۵/۰۹/۲۸'. */
export function dayAndDate(i18n: I18n, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return i18n.t('settings.exceptions.dayDate', {
    day: weekdayName(i18n, weekday),
    date: i18n.date(isoDate),
  });
}

/** The picker's Date (local midnight of the chosen day) as an ISO calendar date, or null. */
export function isoOfPickerDate(date: Date | null): string | null {
  if (date === null || Number.isNaN(date.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An ISO calendar date as the picker's Date: local noon of that day. */
export function pickerDateOf(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 12);
}
