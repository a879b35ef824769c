import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatJalaliDate } from '../../electron/shared/dates/jalali';
import type { ErrorShape, FieldError, MessageParams } from '../../electron/shared/errors';
import { isMessageKey, translate, type Language } from '../../electron/shared/messages';
import { toPersianDigits } from '../../electron/shared/text/normalize';
import { uiStrings, type UiStringKey } from './strings';

export interface I18n {
  readonly language: Language;
  readonly dir: 'rtl' | 'ltr';
  /** Interface text. */
  t(key: UiStringKey, params?: MessageParams): string;
  /** A message of the core's catalogue (errors, validation). */
  message(key: string, params?: MessageParams): string;
  /** The text to show for a refused call. */
  errorText(error: ErrorShape): string;
  /** Each field error, by field name. */
  fieldErrors(error: ErrorShape | null | undefined): Record<string, string>;
  /** Digits as people read them: Persian digits in Persian. */
  digits(text: string | number): string;
  /** A calendar date ('YYYY-MM-DD') as a Jalali date. */
  date(isoDate: string): string;
  /** An instant as a Jalali date and time in the clinic's time zone. */
  dateTime(iso: string): string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^\d{2}:\d{2}$/;

function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createI18n(language: Language, timeZone = 'Asia/Tehran'): I18n {
  const digits = (text: string | number) =>
    language === 'fa' ? toPersianDigits(String(text)) : String(text);
  const dateTimeFormat = new Intl.DateTimeFormat(
    language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB-u-ca-persian',
    { dateStyle: 'medium', timeStyle: 'short', timeZone },
  );
  const date = (isoDate: string) => formatJalaliDate(isoDate, language === 'fa' ? 'fa' : 'latin');
  /**
   * Parameters shown to people: instants and calendar dates ('YYYY-MM-DD') as Jalali dates, times
   * of day ('HH:MM') and numbers in the language's digits. Other strings are left as they are
   * (names, ids, codes): a caller wanting Persian digits in one uses digits().
   */
  const readableValue = (value: string | number): string => {
    if (typeof value === 'number') return digits(value);
    if (ISO_INSTANT.test(value)) return dateTimeFormat.format(new Date(value));
    if (ISO_DATE.test(value)) return date(value);
    if (TIME_OF_DAY.test(value)) return digits(value);
    return value;
  };
  const readable = (params?: MessageParams): MessageParams | undefined =>
    params &&
    Object.fromEntries(Object.entries(params).map(([name, value]) => [name, readableValue(value)]));
  const message = (key: string, params?: MessageParams) =>
    isMessageKey(key) ? translate(key, language, readable(params)) : key;
  return {
    language,
    dir: language === 'fa' ? 'rtl' : 'ltr',
    t: (key, params) => fill(uiStrings[key][language], readable(params)),
    message,
    errorText: (error) => message(error.messageKey, error.params),
    fieldErrors: (error) =>
      Object.fromEntries(
        (error?.fields ?? []).map((field: FieldError) => [
          field.field,
          message(field.messageKey, field.params),
        ]),
      ),
    digits,
    date,
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
  };
}

const I18nContext = createContext<I18n>(createI18n('fa'));

export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** Builds the i18n object once per language. */
export function useI18nFor(language: Language): I18n {
  return useMemo(() => createI18n(language), [language]);
}
