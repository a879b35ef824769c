/**
 * Clinic wall-clock time. Working hours, slots and "today" are the clinic's local time (Iran:
 * Asia/Tehran, UTC+3:30 without daylight saving since 2022, with it before); visits are stored as
 * UTC instants. A local moment is a calendar date ('YYYY-MM-DD', Gregorian) and minutes from that
 * day's local midnight. Conversions go through Intl, so historic daylight-saving rules are honoured.
 */

export const MINUTES_PER_DAY = 24 * 60;

export interface LocalMoment {
  /** Gregorian calendar date in the clinic's zone, 'YYYY-MM-DD'. */
  readonly date: string;
  /** Minutes since local midnight, 0–1439. */
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone, as if they were UTC (for offset arithmetic). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(new Date(instantMs))
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
}

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The UTC instant (ISO string) of a local date and minute in the clinic's zone. */
export function toInstant(date: string, minute: number, timeZone: string): string {
  const [year, month, day] = parseDate(date);
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  // Start from the wall time read as UTC, then correct by the zone's offset there; a second
  // pass settles the rare case where the first guess lands across an offset change.
  let instant = wall - (wallClockMs(wall, timeZone) - wall);
  instant = wall - (wallClockMs(instant, timeZone) - instant);
  return new Date(instant).toISOString();
}

/** The local date and minute of an instant in the clinic's zone. */
export function toLocal(instant: string | Date, timeZone: string): LocalMoment {
  const wall = new Date(wallClockMs(new Date(instant).getTime(), timeZone));
  return {
    date: wall.toISOString().slice(0, 10),
    minute: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

/** Today's local date in the clinic's zone. */
export function localToday(now: Date, timeZone: string): string {
  return toLocal(now, timeZone).date;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday (as Date.getDay). */
export function weekdayOf(date: string): number {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The Saturday on or before `date`: the Iranian week starts on Saturday. */
export function weekStartOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 1) % 7));
}

/** 'HH:MM' for minutes since midnight. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Minutes since midnight from 'H:MM' or 'HH:MM' (Persian digits allowed); null if not a time. */
export function parseMinute(text: string): number | null {
  const ascii = text
    .trim()
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  const match = /^(\d{1,2})[:٫.](\d{2})$/.exec(ascii);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}
