import type { Message } from './index';

export const commonMessages = {
  'error.internal': {
    fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در گزارش برنامه ثبت شد.',
    en: 'An unexpected error occurred. The details were written to the application log.',
  },
  'error.io': {
    fa: 'خواندن یا نوشتن فایل ممکن نشد: {detail}',
    en: 'A file could not be read or written: {detail}',
  },
  'validation.invalid': {
    fa: 'مقدار واردشده معتبر نیست.',
    en: 'The value is not valid.',
  },
  'validation.required': {
    fa: 'این مورد الزامی است.',
    en: 'This field is required.',
  },
  'validation.tooLong': {
    fa: 'حداکثر {max} نویسه مجاز است.',
    en: 'At most {max} characters are allowed.',
  },
  'validation.tooLarge': {
    fa: 'حداکثر مقدار مجاز {max} است.',
    en: 'The largest allowed value is {max}.',
  },
  'validation.tooSmall': {
    fa: 'حداقل مقدار مجاز {min} است.',
    en: 'The smallest allowed value is {min}.',
  },
  'validation.failed': {
    fa: 'برخی از موارد واردشده معتبر نیستند.',
    en: 'Some of the values entered are not valid.',
  },
  'api.unknownCall': {
    fa: 'این درخواست شناخته‌شده نیست.',
    en: 'This request is not known.',
  },
  'notFound.generic': {
    fa: 'مورد درخواستی پیدا نشد.',
    en: 'The requested item was not found.',
  },
} as const satisfies Record<string, Message>;
