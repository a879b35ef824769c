import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import type { Period } from '../../../electron/shared/access';
import { useI18n } from '../../i18n/i18n';
import { dayEnd, dayStart, isValidDate } from './labels';

/** Year first in both languages, as Jalali dates are written (and as i18n.date() shows them). */
const DATE_FORMAT = 'yyyy/MM/dd';

export interface DateRangeValue {
  readonly from: Date | null;
  readonly to: Date | null;
}

export const NO_DATES: DateRangeValue = { from: null, to: null };

/** What is wrong with a range, by end (a half-typed date, or a start after the end). */
export function rangeErrors(range: DateRangeValue): { from?: 'invalid'; to?: 'invalid' | 'order' } {
  const errors: { from?: 'invalid'; to?: 'invalid' | 'order' } = {};
  if (range.from !== null && !isValidDate(range.from)) errors.from = 'invalid';
  if (range.to !== null && !isValidDate(range.to)) errors.to = 'invalid';
  if (isValidDate(range.from) && isValidDate(range.to) && range.from > range.to) {
    errors.to = 'order';
  }
  return errors;
}

/** The range as the core takes it: from the start of the first day to the end of the last. */
export function periodOf(range: DateRangeValue): { from?: string; to?: string } & Period {
  return {
    ...(isValidDate(range.from) ? { from: dayStart(range.from) } : {}),
    ...(isValidDate(range.to) ? { to: dayEnd(range.to) } : {}),
  };
}

/** Two Jalali date pickers: from and to (either may stay empty). */
export function DateRangeFields({
  value,
  onChange,
  showErrors,
  width,
}: {
  value: DateRangeValue;
  onChange: (next: DateRangeValue) => void;
  /** Errors show once the person tries to use the range. */
  showErrors: boolean;
  /** A fixed width for each field (otherwise they fill their place). */
  width?: number;
}) {
  const i18n = useI18n();
  const errors = showErrors ? rangeErrors(value) : {};
  const text = (error: 'invalid' | 'order' | undefined) =>
    error === 'invalid'
      ? i18n.t('audit.filter.invalidDate')
      : error === 'order'
        ? i18n.t('audit.filter.badRange')
        : undefined;
  return (
    <>
      <DatePicker
        label={i18n.t('audit.filter.from')}
        value={value.from}
        onChange={(from) => onChange({ ...value, from })}
        format={DATE_FORMAT}
        disableFuture
        slotProps={{
          field: { clearable: true },
          textField: {
            error: Boolean(errors.from),
            helperText: text(errors.from),
            sx: width ? { width } : {},
          },
        }}
      />
      <DatePicker
        label={i18n.t('audit.filter.to')}
        value={value.to}
        onChange={(to) => onChange({ ...value, to })}
        format={DATE_FORMAT}
        slotProps={{
          field: { clearable: true },
          textField: {
            error: Boolean(errors.to),
            helperText: text(errors.to),
            sx: width ? { width } : {},
          },
        }}
      />
    </>
  );
}
