import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { enUS } from 'date-fns-jalali/locale/en-US';
import { faIR } from 'date-fns-jalali/locale/fa-IR';
import { useEffect, type ReactNode } from 'react';
import { toAsciiDigits, toPersianDigits } from '../../electron/shared/text/normalize';
import { useI18n } from '../i18n/i18n';

/**
 * The Jalali adapter writes dates with Latin digits ('1405/08/01'); this one writes Persian
 * digits, in the calendar and in the typed field alike, and reads either kind back.
 */
class PersianDigitsJalaliAdapter extends AdapterDateFnsJalali {
  constructor(...args: ConstructorParameters<typeof AdapterDateFnsJalali>) {
    super(...args);
    const formatByString = this.formatByString;
    this.formatByString = (value, format) => toPersianDigits(formatByString(value, format));
    const parse = this.parse;
    this.parse = (value, format) => parse(toAsciiDigits(value), format);
    // The fields detect a four-digit year by a leading Latin '0' (year 1 → '0001'); with
    // Persian digits ('۰۰۰۱') they need the year's length spelled out.
    this.formatTokenMap = {
      ...this.formatTokenMap,
      yyyy: { sectionType: 'year', contentType: 'digit', maxLength: 4 },
    };
  }
}

/** Jalali month names in English (Farvardin…), the week still starting on Saturday. */
const englishJalali = { ...enUS, options: { ...enUS.options, weekStartsOn: 6 as const } };

const persianPlaceholders = {
  fieldYearPlaceholder: () => 'سال',
  fieldMonthPlaceholder: () => 'ماه',
  fieldDayPlaceholder: () => 'روز',
};

const faWeekdays = ['ی', 'د', 'س', 'چ', 'پ', 'ج', 'ش'];
const enWeekdays = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];

/** The calendar's column headings: one Persian letter per day (ش ی د س چ پ ج). */
export function weekdayFormatter(language: 'fa' | 'en'): (date: Date) => string {
  const names = language === 'fa' ? faWeekdays : enWeekdays;
  return (date) => names[date.getDay()] ?? '';
}

const NON_LATIN_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/;

/**
 * Every date picker in the app: the Jalali calendar (week from Saturday), read in the interface's
 * language — Persian digits in Persian, Jalali month names in English in English. The pickers'
 * fields only take Latin key presses, so a digit typed on a Persian keyboard (۱۲۳) is swapped
 * for its Latin twin before the field sees it.
 */
export function JalaliLocalization({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  useEffect(() => {
    const onBeforeInput = (event: InputEvent) => {
      const data = event.data;
      const target = event.target as Element | null;
      if (!data || !NON_LATIN_DIGIT.test(data)) return;
      if (!target?.closest?.('.MuiPickersSectionList-root')) return;
      event.preventDefault();
      // execCommand is the one way to insert text as if typed (it fires the input event).
      document.execCommand('insertText', false, toAsciiDigits(data));
    };
    document.addEventListener('beforeinput', onBeforeInput, true);
    return () => document.removeEventListener('beforeinput', onBeforeInput, true);
  }, []);
  return i18n.language === 'fa' ? (
    <LocalizationProvider
      dateAdapter={PersianDigitsJalaliAdapter}
      adapterLocale={faIR}
      localeText={persianPlaceholders}
    >
      {children}
    </LocalizationProvider>
  ) : (
    <LocalizationProvider dateAdapter={AdapterDateFnsJalali} adapterLocale={englishJalali}>
      {children}
    </LocalizationProvider>
  );
}
