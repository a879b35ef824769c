import type { QueryClient } from '@tanstack/react-query';
import { formatMinute } from '../../../electron/shared/dates/clinic-time';
import {
  activeVisitStatuses,
  type Visit,
  type VisitStatus,
  type VisitType,
} from '../../../electron/shared/scheduling';
import type { I18n } from '../../i18n/i18n';
import { rials } from '../patients/format';

/** TanStack Query keys of scheduling; every change invalidates all of them (and patients' visits). */
export const calendarKeys = {
  all: ['calendar'] as const,
  now: ['calendar', 'now'] as const,
  doctors: ['calendar', 'doctors'] as const,
  visitTypes: ['calendar', 'visitTypes'] as const,
  day: (date: string) => ['calendar', 'day', date] as const,
  week: (doctorId: string, date: string) => ['calendar', 'week', doctorId, date] as const,
  freeSlots: (doctorId: string, from: string, duration: number) =>
    ['calendar', 'freeSlots', doctorId, from, duration] as const,
  queue: ['calendar', 'queue'] as const,
  waitlist: ['calendar', 'waitlist'] as const,
  visit: (id: string) => ['calendar', 'visit', id] as const,
};

/** After a booking or any change of a visit: every calendar, queue and patient visit list. */
export function refreshSchedule(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['patient'] }),
  ]).then(() => undefined);
}

/** A time of day ('HH:MM') in the language's digits, isolated left to right. */
export function timeText(i18n: I18n, minute: number): string {
  return `\u2066${i18n.digits(formatMinute(minute))}\u2069`;
}

export function rangeText(i18n: I18n, from: number, to: number): string {
  return `${timeText(i18n, from)}–${timeText(i18n, to)}`;
}

export function feeText(i18n: I18n, amount: number): string {
  return i18n.t('calendar.fee', { amount: rials(i18n, amount) });
}

/** A visit type's name in the interface language. */
export function visitTypeLabel(i18n: I18n, type: VisitType): string {
  return i18n.language === 'fa' ? type.nameFa : type.nameEn;
}

/** The name of a visit type given by code; an unknown code as it is. */
export function typeName(i18n: I18n, types: readonly VisitType[] | undefined, code: string) {
  const type = types?.find((candidate) => candidate.code === code);
  return type ? visitTypeLabel(i18n, type) : code;
}

export function typeColor(types: readonly VisitType[] | undefined, code: string): string {
  return types?.find((candidate) => candidate.code === code)?.color ?? '#607d8b';
}

const movable = new Set<VisitStatus>(['scheduled', 'confirmed']);
/** Visits that can still be moved in time (not yet arrived, not closed). */
export function isMovable(visit: Visit): boolean {
  return movable.has(visit.status) && !visit.isWalkIn;
}

const holding = new Set<string>(activeVisitStatuses);
export function isActive(visit: Visit): boolean {
  return holding.has(visit.status);
}

const jalaliWeekdays = {
  fa: ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The weekday's name of an ISO date ('2026-12-19' → شنبه). */
export function weekdayName(i18n: I18n, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return jalaliWeekdays[i18n.language][new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

export function dayTitle(i18n: I18n, isoDate: string): string {
  return `${weekdayName(i18n, isoDate)} ${i18n.date(isoDate)}`;
}
