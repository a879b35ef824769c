import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';

describe('message parameters as people read them', () => {
  const fa = createI18n('fa');
  const en = createI18n('en');

  it('shows times of day in the language’s digits', () => {
    const params = { doctor: 'دکتر مریم کریمی', from: '09:00', to: '09:20' };
    expect(fa.message('scheduling.conflict.doctor', params)).toBe(
      'دکتر مریم کریمی در این زمان ویزیت دیگری دارد (۰۹:۰۰ تا ۰۹:۲۰).',
    );
    expect(en.message('scheduling.conflict.doctor', params)).toBe(
      'دکتر مریم کریمی already has a visit at this time (09:00–09:20).',
    );
  });

  it('shows calendar dates as Jalali dates and numbers in the language’s digits', () => {
    const params = { index: 3, date: '2026-12-22' };
    expect(fa.message('scheduling.conflict.series', params)).toBe(
      'نوبت ۳ این مجموعه (۱۴۰۵/۱۰/۰۱) تداخل دارد.',
    );
    expect(en.message('scheduling.conflict.series', params)).toBe(
      'Visit 3 of the series (1405/10/01) conflicts.',
    );
  });

  it('leaves names, codes and other text as they are', () => {
    expect(
      fa.message('scheduling.conflict.closedBecause', { doctor: 'Dr 12', note: 'J02.9' }),
    ).toBe('Dr 12 در این روز کار نمی‌کند: J02.9.');
  });
});
