import { afterEach, describe, expect, it } from 'vitest';
import { newDate, startOfWeek } from 'date-fns-jalali';
import {
  JALALI_MAX_YEAR,
  JALALI_MIN_YEAR,
  JALALI_WEEK_STARTS_ON,
  formatJalaliDate,
  jalaliPartsOf,
  jalaliYearOf,
  parseJalaliDate,
  toIsoDate,
} from './jalali';

// Jalali → Gregorian pairs. Each agrees with date-fns-jalali and with a source independent of it:
const KNOWN_PAIRS: readonly (readonly [string, string])[] = [
  ['1300/01/01', '1921-03-21'], // start of the 1300s, widely tabulated
  ['1357/11/22', '1979-02-11'], // 22 Bahman 1357, the revolution's anniversary
  // 1370/01/01 is 1991-03-21; four 31-day months (124 days) + 11 days = 135 days later.
  ['1370/05/12', '1991-08-03'],
  // 1375/01/01 is 1996-03-20; 6·31 + 3·30 + 10 = 286 days later is 31 December.
  ['1375/10/11', '1996-12-31'],
  ['1375/10/12', '1997-01-01'],
  ['1399/01/01', '2020-03-20'], // Nowruz 2020 (equinox 20 March 07:19 Tehran, before noon)
  ['1399/12/30', '2021-03-20'], // 1399 is a leap year
  ['1400/01/01', '2021-03-21'], // Nowruz 2021
  ['1402/06/31', '2023-09-22'],
  ['1402/07/01', '2023-09-23'],
  ['1403/12/30', '2025-03-20'], // 1403 is a leap year
  ['1404/01/01', '2025-03-21'], // Nowruz 2025 (equinox 20 March 12:31 Tehran, after noon)
  ['1404/12/29', '2026-03-20'], // 1404 is not a leap year: the next day is Nowruz
  ['1405/01/01', '2026-03-21'],
];

// Leap years by the astronomical rule (jalaali-js's `breaks` algorithm), 1340–1460.
const LEAP_YEARS = new Set([
  1342, 1346, 1350, 1354, 1358, 1362, 1366, 1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403,
  1408, 1412, 1416, 1420, 1424, 1428, 1432, 1436, 1441, 1445, 1449, 1453, 1457,
]);

// Zones where a day-shift bug would show: DST switching at midnight (Tehran until 2022,
// São Paulo), the extreme offsets on either side of UTC, and a non-whole-hour offset.
const TIME_ZONES = [
  'UTC',
  'Asia/Tehran',
  'America/Sao_Paulo',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/Los_Angeles',
  'Asia/Kathmandu',
];

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function isoDaysBetween(fromIso: string, toIso: string): string[] {
  const days: string[] = [];
  // Walk in UTC so the test's own calendar cannot be shifted by the zone under test.
  for (
    let t = Date.parse(`${fromIso}T00:00:00Z`);
    t <= Date.parse(`${toIso}T00:00:00Z`);
    t += 86_400_000
  ) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe('parseJalaliDate', () => {
  it('converts known pairs', () => {
    for (const [jalali, iso] of KNOWN_PAIRS) expect(parseJalaliDate(jalali), jalali).toBe(iso);
  });

  it('accepts dashes, dots, single-digit month and day, and spaces around separators', () => {
    expect(parseJalaliDate('1370-05-12')).toBe('1991-08-03');
    expect(parseJalaliDate('1370/5/12')).toBe('1991-08-03');
    expect(parseJalaliDate('1370-5-3')).toBe('1991-07-25');
    expect(parseJalaliDate('1370.05.12')).toBe('1991-08-03');
    expect(parseJalaliDate('  1370 / 05 / 12 ')).toBe('1991-08-03');
  });

  it('accepts Persian and Arabic-Indic digits and ignores bidi marks', () => {
    expect(parseJalaliDate('۱۳۷۰/۰۵/۱۲')).toBe('1991-08-03');
    expect(parseJalaliDate('۱۳۷۰/۵/۱۲')).toBe('1991-08-03');
    expect(parseJalaliDate('١٣٧٠-٠٥-١٢')).toBe('1991-08-03');
    expect(parseJalaliDate('\u200F۱۳۷۰/۰۵/۱۲\u200E')).toBe('1991-08-03');
  });

  it('knows the last day of Esfand in leap and common years', () => {
    expect(parseJalaliDate('1403/12/30')).toBe('2025-03-20');
    expect(parseJalaliDate('1404/12/30')).toBeNull();
    expect(parseJalaliDate('1402/12/30')).toBeNull();
    expect(parseJalaliDate('1399/12/30')).toBe('2021-03-20');
    expect(parseJalaliDate('1403/12/31')).toBeNull();
  });

  it('knows that months 1–6 have 31 days and months 7–11 have 30', () => {
    expect(parseJalaliDate('1402/06/31')).toBe('2023-09-22');
    expect(parseJalaliDate('1402/07/31')).toBeNull();
    expect(parseJalaliDate('1402/11/30')).toBe('2024-02-19');
    expect(parseJalaliDate('1402/11/31')).toBeNull();
  });

  it('rejects impossible months and days', () => {
    expect(parseJalaliDate('1402/13/01')).toBeNull();
    expect(parseJalaliDate('1402/00/10')).toBeNull();
    expect(parseJalaliDate('1402/01/00')).toBeNull();
    expect(parseJalaliDate('1402/01/32')).toBeNull();
  });

  it('rejects other shapes', () => {
    for (const input of [
      '',
      '   ',
      '70/05/12',
      '12/05/1370',
      '1370/05',
      '1370/05/12/1',
      '13700/05/12',
      '1370/005/12',
      '1370 05 12',
      '1370/05/12 10:00',
      'امروز',
      '1991-08-03T00:00:00Z',
    ]) {
      expect(parseJalaliDate(input), input).toBeNull();
    }
  });

  it(`rejects years outside ${JALALI_MIN_YEAR}–${JALALI_MAX_YEAR}`, () => {
    expect(parseJalaliDate(`${JALALI_MIN_YEAR - 1}/12/29`)).toBeNull();
    expect(parseJalaliDate(`${JALALI_MIN_YEAR}/01/01`)).toBe('1799-03-21');
    expect(parseJalaliDate(`${JALALI_MAX_YEAR}/12/29`)).not.toBeNull();
    expect(parseJalaliDate(`${JALALI_MAX_YEAR + 1}/01/01`)).toBeNull();
  });

  it('finds exactly the astronomical leap years 1340–1460', () => {
    for (let year = 1340; year <= 1460; year++) {
      expect(parseJalaliDate(`${year}/12/30`) !== null, String(year)).toBe(LEAP_YEARS.has(year));
    }
  });
});

describe('formatJalaliDate', () => {
  it('formats with Persian digits by default', () => {
    expect(formatJalaliDate('1991-08-03')).toBe('۱۳۷۰/۰۵/۱۲');
    expect(formatJalaliDate('2025-03-21', 'fa')).toBe('۱۴۰۴/۰۱/۰۱');
  });

  it('formats with Latin digits on request', () => {
    expect(formatJalaliDate('1991-08-03', 'latin')).toBe('1370/05/12');
  });

  it('converts known pairs', () => {
    for (const [jalali, iso] of KNOWN_PAIRS)
      expect(formatJalaliDate(iso, 'latin'), iso).toBe(jalali);
  });

  it('throws on strings that are not ISO calendar dates', () => {
    for (const input of ['2025-02-30', '2025-13-01', '2025-2-3', '1991-08-03T12:00:00Z', '', 'x']) {
      expect(() => formatJalaliDate(input), input).toThrow(RangeError);
    }
  });

  it('throws outside the supported years', () => {
    expect(() => formatJalaliDate('1700-01-01')).toThrow(RangeError);
    expect(() => formatJalaliDate('2300-01-01')).toThrow(RangeError);
  });

  it('round-trips every day from 1300 to 1450 with parseJalaliDate, one day at a time', () => {
    let previous = jalaliPartsOf('1921-03-20');
    for (const iso of isoDaysBetween('1921-03-21', '2072-03-19')) {
      const text = formatJalaliDate(iso, 'latin');
      expect(parseJalaliDate(text)).toBe(iso);
      const parts = jalaliPartsOf(iso);
      const nextDay = parts.day === previous.day + 1 && parts.month === previous.month;
      const nextMonth = parts.day === 1 && parts.month === previous.month + 1;
      const nextYear = parts.day === 1 && parts.month === 1 && parts.year === previous.year + 1;
      if (!(nextDay || nextMonth || nextYear)) expect.fail(`${iso} does not follow the day before`);
      previous = parts;
    }
  });
});

describe('jalaliYearOf and jalaliPartsOf', () => {
  it('read an ISO calendar date', () => {
    expect(jalaliYearOf('1991-08-03')).toBe(1370);
    expect(jalaliYearOf('2025-03-20')).toBe(1403);
    expect(jalaliYearOf('2025-03-21')).toBe(1404);
    expect(jalaliPartsOf('1991-08-03')).toEqual({ year: 1370, month: 5, day: 12 });
  });

  it("read a Date's local calendar day", () => {
    expect(jalaliYearOf(new Date(2025, 2, 20, 23, 59))).toBe(1403);
    expect(jalaliYearOf(new Date(2025, 2, 21, 0, 1))).toBe(1404);
    expect(jalaliPartsOf(new Date(1991, 7, 3))).toEqual({ year: 1370, month: 5, day: 12 });
  });

  it('throw on invalid input', () => {
    expect(() => jalaliYearOf('not a date')).toThrow(RangeError);
    expect(() => jalaliYearOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('toIsoDate', () => {
  it("gives a Date's local calendar day", () => {
    expect(toIsoDate(new Date(1991, 7, 3, 0, 0))).toBe('1991-08-03');
    expect(toIsoDate(new Date(1991, 7, 3, 23, 59))).toBe('1991-08-03');
    expect(() => toIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('time zones', () => {
  it('never shifts a day, whatever the computer time zone', () => {
    // Node applies a TZ change at run time; each zone reruns the conversions from scratch.
    const aroundNowruzAndDst = [
      ...isoDaysBetween('2020-03-18', '2020-03-24'),
      ...isoDaysBetween('2020-09-19', '2020-09-23'),
      ...isoDaysBetween('2018-11-02', '2018-11-06'),
      ...isoDaysBetween('2019-02-15', '2019-02-18'),
      ...isoDaysBetween('2025-03-19', '2025-03-23'),
    ];
    process.env.TZ = 'UTC';
    const expected = aroundNowruzAndDst.map((iso) => formatJalaliDate(iso, 'latin'));

    for (const zone of TIME_ZONES) {
      process.env.TZ = zone;
      for (const [jalali, iso] of KNOWN_PAIRS) {
        expect(parseJalaliDate(jalali), `${zone} ${jalali}`).toBe(iso);
        expect(formatJalaliDate(iso, 'latin'), `${zone} ${iso}`).toBe(jalali);
      }
      aroundNowruzAndDst.forEach((iso, i) => {
        expect(formatJalaliDate(iso, 'latin'), `${zone} ${iso}`).toBe(expected[i]);
        expect(parseJalaliDate(expected[i] ?? ''), `${zone} ${iso}`).toBe(iso);
      });
    }
  });

  it('really changes the zone for Date (so the test above tests something)', () => {
    process.env.TZ = 'Asia/Tehran';
    const tehran = new Date(2020, 0, 1).getTimezoneOffset();
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date(2020, 0, 1).getTimezoneOffset()).not.toBe(tehran);
  });
});

describe('week', () => {
  it('starts on Saturday, as date-fns-jalali does by default', () => {
    expect(JALALI_WEEK_STARTS_ON).toBe(6);
    // 1404/01/06 is Wednesday 2025-03-26; its week starts on Saturday 1404/01/02.
    const start = startOfWeek(newDate(1404, 0, 6, 12));
    expect(start.getDay()).toBe(JALALI_WEEK_STARTS_ON);
    expect(toIsoDate(start)).toBe('2025-03-22');
    expect(startOfWeek(newDate(1404, 0, 6, 12), { weekStartsOn: JALALI_WEEK_STARTS_ON })).toEqual(
      start,
    );
  });
});
