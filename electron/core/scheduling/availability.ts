import type {
  DayAvailability,
  ScheduleException,
  SchedulePeriod,
  WorkPeriod,
} from '../../shared/scheduling';
import { weekdayOf } from '../../shared/dates/clinic-time';

/**
 * When a doctor can be booked on a given day, from the weekly hours (work periods minus breaks)
 * and that day's exceptions: a clinic-wide closure or a doctor's day off closes the day; a
 * doctor's changed day replaces the week's hours; a clinic-wide changed day limits everyone's.
 * Pure functions over minutes of the clinic's local day.
 */
export type Interval = WorkPeriod;

/** Sorted, with overlapping and touching intervals merged. */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.startMinute - b.startMinute);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.startMinute <= last.endMinute) {
      merged[merged.length - 1] = {
        startMinute: last.startMinute,
        endMinute: Math.max(last.endMinute, next.endMinute),
      };
    } else {
      merged.push({ startMinute: next.startMinute, endMinute: next.endMinute });
    }
  }
  return merged;
}

/** `base` with every part covered by `cut` removed. */
export function subtract(base: readonly Interval[], cut: readonly Interval[]): Interval[] {
  let result = merge(base);
  for (const hole of merge(cut)) {
    result = result.flatMap((part) => {
      if (hole.endMinute <= part.startMinute || hole.startMinute >= part.endMinute) return [part];
      const pieces: Interval[] = [];
      if (hole.startMinute > part.startMinute)
        pieces.push({ startMinute: part.startMinute, endMinute: hole.startMinute });
      if (hole.endMinute < part.endMinute)
        pieces.push({ startMinute: hole.endMinute, endMinute: part.endMinute });
      return pieces;
    });
  }
  return result;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  for (const x of merge(a)) {
    for (const y of merge(b)) {
      const startMinute = Math.max(x.startMinute, y.startMinute);
      const endMinute = Math.min(x.endMinute, y.endMinute);
      if (endMinute > startMinute) result.push({ startMinute, endMinute });
    }
  }
  return merge(result);
}

/** Whether [start, end) lies inside one of the intervals. */
export function covers(
  intervals: readonly Interval[],
  startMinute: number,
  endMinute: number,
): boolean {
  return merge(intervals).some(
    (part) => part.startMinute <= startMinute && endMinute <= part.endMinute,
  );
}

/** Whether two half-open ranges overlap; ranges that only touch (one ends as the other starts) do not. */
export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

export function dayAvailability(
  date: string,
  weekly: readonly SchedulePeriod[],
  exceptions: readonly ScheduleException[],
): DayAvailability {
  const clinic = exceptions.filter((exception) => exception.doctorId === null);
  const own = exceptions.filter((exception) => exception.doctorId !== null);
  const closing = [...clinic, ...own].find((exception) => exception.kind === 'closed');
  if (closing) return { date, periods: [], closed: true, note: closing.note };

  const weekday = weekdayOf(date);
  const ofDay = weekly.filter((period) => period.weekday === weekday);
  const changed = own.find((exception) => exception.kind === 'changed');
  let periods = changed
    ? merge(changed.periods)
    : subtract(
        ofDay.filter((period) => period.kind === 'work'),
        ofDay.filter((period) => period.kind === 'break'),
      );
  const clinicHours = clinic.find((exception) => exception.kind === 'changed');
  if (clinicHours) periods = intersect(periods, clinicHours.periods);
  const note = changed?.note ?? clinicHours?.note ?? null;
  return { date, periods, closed: periods.length === 0, note };
}
