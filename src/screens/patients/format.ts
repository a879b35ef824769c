import { jalaliPartsOf, toIsoDate } from '../../../electron/shared/dates/jalali';
import { visitStatusNames, type VisitStatus } from '../../../electron/shared/scheduling';
import type { PatientListItem } from '../../../electron/shared/patients/patient';
import type { I18n } from '../../i18n/i18n';
import { uiStrings, type UiStringKey } from '../../i18n/strings';

/** TanStack Query keys of this section; other sections invalidate them after their own changes. */
export const patientKeys = {
  /** Every search result list. */
  searches: ['patients', 'search'] as const,
  search: (query: string) => ['patients', 'search', query] as const,
  /** One patient; its visits live under it, so invalidating the patient refreshes them too. */
  patient: (id: string) => ['patient', id] as const,
  visits: (id: string) => ['patient', id, 'visits'] as const,
};

/**
 * A number or code inside a sentence, isolated left to right (LRI…PDI): in Persian text a run
 * like ۱۴۰۵-۰۰۰۴۹ would otherwise be shown as ۰۰۰۴۹-۱۴۰۵.
 */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}

/** Text typed by the user inside a sentence, isolated in its own direction (FSI…PDI). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

export function fullName(patient: Pick<PatientListItem, 'firstName' | 'lastName'>): string {
  return `${patient.firstName} ${patient.lastName}`;
}

export function latinName(
  patient: Pick<PatientListItem, 'firstNameLatin' | 'lastNameLatin'>,
): string | null {
  const name = [patient.firstNameLatin, patient.lastNameLatin].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

/**
 * The ISO calendar date ('YYYY-MM-DD') of a date picker's value, from the Date's local fields.
 * Not toISOString(): that is the UTC day, which is the day before for a local midnight east of
 * Greenwich (Tehran).
 */
export function isoOfPickedDate(date: Date): string {
  return toIsoDate(date);
}

/** A stored calendar date as the date picker's value: local noon of that day. */
export function pickerDateOf(isoDate: string | null): Date | null {
  if (!isoDate) return null;
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 12);
}

/** Age in whole years on the Jalali calendar (a birthday is the same Jalali month and day). */
export function ageInYears(birthDate: string, today: Date = new Date()): number | null {
  try {
    const born = jalaliPartsOf(birthDate);
    const now = jalaliPartsOf(today);
    const hadBirthday = now.month > born.month || (now.month === born.month && now.day >= born.day);
    const years = now.year - born.year - (hadBirthday ? 0 : 1);
    return years < 0 ? null : years;
  } catch {
    return null;
  }
}

export function ageText(i18n: I18n, birthDate: string): string | null {
  const years = ageInYears(birthDate);
  if (years === null) return null;
  return years === 0 ? i18n.t('patients.ageUnderOne') : i18n.t('patients.age', { years });
}

/** A Jalali date for a stored calendar date; never throws on a bad value (shows it as is). */
export function safeDate(i18n: I18n, isoDate: string): string {
  try {
    return i18n.date(isoDate);
  } catch {
    return isoDate;
  }
}

/** Rials with thousands separators, in the language's digits. */
export function rials(i18n: I18n, amount: number): string {
  return new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en-US').format(amount);
}

function hasKey(key: string): key is UiStringKey {
  return Object.hasOwn(uiStrings, key);
}

/** A visit type's name; a code this version does not know is shown as it is. */
export function visitTypeText(i18n: I18n, code: string): string {
  const key = `patients.visitType.${code}`;
  return hasKey(key) ? i18n.t(key) : code;
}

/** A visit status's name; a code this version does not know is shown as it is. */
export function visitStatusText(i18n: I18n, code: string): string {
  return Object.hasOwn(visitStatusNames, code)
    ? visitStatusNames[code as VisitStatus][i18n.language]
    : code;
}
