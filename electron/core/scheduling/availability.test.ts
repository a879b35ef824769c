import { describe, expect, it } from 'vitest';
import type { ScheduleException, SchedulePeriod } from '../../shared/scheduling';
import { covers, dayAvailability, merge, overlaps, subtract } from './availability';

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
// 2026-11-22 is a Sunday (weekday 0); 2026-11-27 a Friday (5).
const SUNDAY = '2026-11-22';
const FRIDAY = '2026-11-27';

const week: SchedulePeriod[] = [
  { weekday: 0, startMinute: h(8), endMinute: h(13), kind: 'work' },
  { weekday: 0, startMinute: h(15), endMinute: h(19), kind: 'work' },
  { weekday: 0, startMinute: h(10, 30), endMinute: h(11), kind: 'break' },
];

const exception = (partial: Partial<ScheduleException>): ScheduleException => ({
  id: 'x',
  doctorId: 'doc',
  date: SUNDAY,
  kind: 'closed',
  periods: [],
  note: null,
  ...partial,
});

describe('availability', () => {
  it('is the work periods minus the breaks', () => {
    expect(dayAvailability(SUNDAY, week, [])).toEqual({
      date: SUNDAY,
      closed: false,
      note: null,
      periods: [
        { startMinute: h(8), endMinute: h(10, 30) },
        { startMinute: h(11), endMinute: h(13) },
        { startMinute: h(15), endMinute: h(19) },
      ],
    });
  });

  it('is closed on a weekday without hours (a day off in the week)', () => {
    expect(dayAvailability(FRIDAY, week, [])).toMatchObject({ closed: true, periods: [] });
  });

  it('is closed on a clinic holiday or a doctor’s day off, with the reason', () => {
    expect(
      dayAvailability(SUNDAY, week, [exception({ doctorId: null, note: 'تعطیل رسمی' })]),
    ).toEqual({
      date: SUNDAY,
      closed: true,
      periods: [],
      note: 'تعطیل رسمی',
    });
    expect(dayAvailability(SUNDAY, week, [exception({ note: 'مرخصی' })])).toMatchObject({
      closed: true,
      note: 'مرخصی',
    });
  });

  it('uses a changed day’s hours instead of the week’s, and a clinic-wide change limits them', () => {
    const changed = exception({
      kind: 'changed',
      periods: [{ startMinute: h(9), endMinute: h(12) }],
    });
    expect(dayAvailability(SUNDAY, week, [changed]).periods).toEqual([
      { startMinute: h(9), endMinute: h(12) },
    ]);
    const clinicShortDay = exception({
      doctorId: null,
      kind: 'changed',
      periods: [{ startMinute: h(8), endMinute: h(12) }],
    });
    expect(dayAvailability(SUNDAY, week, [clinicShortDay]).periods).toEqual([
      { startMinute: h(8), endMinute: h(10, 30) },
      { startMinute: h(11), endMinute: h(12) },
    ]);
  });

  it('treats touching visits as not overlapping, and one minute more as overlapping', () => {
    expect(overlaps(h(10), h(10, 20), h(10, 20), h(10, 40))).toBe(false);
    expect(overlaps(h(10), h(10, 21), h(10, 20), h(10, 40))).toBe(true);
    expect(overlaps(h(10, 20), h(10, 40), h(10), h(10, 20))).toBe(false);
    expect(overlaps(h(10), h(11), h(10, 15), h(10, 30))).toBe(true);
  });

  it('fits a visit only wholly inside an open period, breaks included', () => {
    const open = dayAvailability(SUNDAY, week, []).periods;
    expect(covers(open, h(8), h(8, 20))).toBe(true);
    expect(covers(open, h(10, 10), h(10, 30))).toBe(true);
    expect(covers(open, h(10, 20), h(10, 40))).toBe(false);
    expect(covers(open, h(12, 50), h(13, 10))).toBe(false);
    expect(covers(open, h(7, 50), h(8, 10))).toBe(false);
  });

  it('merges and subtracts intervals', () => {
    expect(
      merge([
        { startMinute: 10, endMinute: 20 },
        { startMinute: 20, endMinute: 30 },
        { startMinute: 5, endMinute: 8 },
      ]),
    ).toEqual([
      { startMinute: 5, endMinute: 8 },
      { startMinute: 10, endMinute: 30 },
    ]);
    expect(
      subtract(
        [{ startMinute: 0, endMinute: 100 }],
        [
          { startMinute: 10, endMinute: 20 },
          { startMinute: 90, endMinute: 120 },
        ],
      ),
    ).toEqual([
      { startMinute: 0, endMinute: 10 },
      { startMinute: 20, endMinute: 90 },
    ]);
  });
});
