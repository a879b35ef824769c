import { describe, expect, it } from 'vitest';
import { formatJalaliDate, parseJalaliDate } from './jalali';
import {
  addDays,
  formatMinute,
  localToday,
  parseMinute,
  toInstant,
  toLocal,
  weekdayOf,
  weekStartOf,
} from './clinic-time';

const TEHRAN = 'Asia/Tehran';

describe('clinic time', () => {
  it('uses UTC+3:30 all year in Iran now that daylight saving is gone', () => {
    // 1405/01/01 (2026-03-21) and 1405/06/31 (2026-09-22): the same offset in spring and summer.
    expect(toInstant('2026-03-21', 8 * 60, TEHRAN)).toBe('2026-03-21T04:30:00.000Z');
    expect(toInstant('2026-07-01', 8 * 60, TEHRAN)).toBe('2026-07-01T04:30:00.000Z');
    expect(toInstant('2026-09-22', 8 * 60, TEHRAN)).toBe('2026-09-22T04:30:00.000Z');
  });

  it('honours the daylight saving Iran still had in 2021 (UTC+4:30 in summer)', () => {
    expect(toInstant('2021-07-01', 8 * 60, TEHRAN)).toBe('2021-07-01T03:30:00.000Z');
    expect(toInstant('2021-01-01', 8 * 60, TEHRAN)).toBe('2021-01-01T04:30:00.000Z');
    expect(toLocal('2021-07-01T03:30:00.000Z', TEHRAN)).toEqual({
      date: '2021-07-01',
      minute: 480,
    });
  });

  it('round-trips every quarter hour of a day, and crosses midnight correctly', () => {
    for (let minute = 0; minute < 24 * 60; minute += 15) {
      expect(toLocal(toInstant('2026-11-22', minute, TEHRAN), TEHRAN)).toEqual({
        date: '2026-11-22',
        minute,
      });
    }
    // 02:00 in Tehran is still the previous day in UTC.
    expect(toInstant('2026-11-22', 120, TEHRAN)).toBe('2026-11-21T22:30:00.000Z');
    expect(localToday(new Date('2026-11-21T21:00:00Z'), TEHRAN)).toBe('2026-11-22');
    expect(localToday(new Date('2026-11-21T20:00:00Z'), TEHRAN)).toBe('2026-11-21');
  });

  it('walks calendar days across Jalali month and year boundaries', () => {
    // 1405/06/31 → 1405/07/01 (the first months have 31 days, the next 30).
    const end = parseJalaliDate('1405/06/31')!;
    expect(formatJalaliDate(addDays(end, 1), 'latin')).toBe('1405/07/01');
    // 1404 is not a leap year: Esfand has 29 days, so 1404/12/29 is followed by 1405/01/01.
    expect(formatJalaliDate(addDays(parseJalaliDate('1404/12/29')!, 1), 'latin')).toBe(
      '1405/01/01',
    );
    // 1403 is: 1403/12/30 exists and is followed by 1404/01/01.
    expect(formatJalaliDate(addDays(parseJalaliDate('1403/12/30')!, 1), 'latin')).toBe(
      '1404/01/01',
    );
  });

  it('starts weeks on Saturday', () => {
    // 2026-11-22 is a Sunday; its week began on Saturday 2026-11-21.
    expect(weekdayOf('2026-11-22')).toBe(0);
    expect(weekStartOf('2026-11-22')).toBe('2026-11-21');
    expect(weekStartOf('2026-11-21')).toBe('2026-11-21');
    expect(weekStartOf('2026-11-27')).toBe('2026-11-21');
    expect(weekStartOf('2026-11-28')).toBe('2026-11-28');
  });

  it('reads and writes clock times, Persian digits included', () => {
    expect(formatMinute(8 * 60 + 5)).toBe('08:05');
    expect(parseMinute('۱۰:۳۰')).toBe(630);
    expect(parseMinute('9:15')).toBe(555);
    expect(parseMinute('24:00')).toBeNull();
    expect(parseMinute('10')).toBeNull();
  });
});
