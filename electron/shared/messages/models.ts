import type { Message } from './index';

/** Speech models: missing, damaged, imported from a folder or USB stick. */
export const modelMessages = {
  'models.missing': {
    fa: 'مدل گفتار «{model}» نصب نیست. ضبط ادامه دارد و رونویسی پس از نصب مدل انجام می‌شود. فایل {file} را در پوشه مدل‌ها بگذارید یا در تنظیمات ← مدل‌ها آن را از پوشه یا حافظه USB وارد کنید.',
    en: 'The speech model “{model}” is not installed. Recording still works; transcription starts once the model is installed. Put {file} in the models folder, or import it from a folder or USB stick in Settings → Models.',
  },
  'models.corrupt': {
    fa: 'فایل مدل گفتار «{model}» ({file}) آسیب دیده یا ناقص است. رونویسی تا جایگزینی آن منتظر می‌ماند؛ یک نسخه سالم را از پوشه یا حافظه USB وارد کنید.',
    en: 'The speech model file “{model}” ({file}) is damaged or incomplete. Transcription waits until it is replaced; import a good copy from a folder or USB stick.',
  },
  'models.unknown': {
    fa: 'مدل «{model}» در فهرست مدل‌های پشتیبانی‌شده نیست.',
    en: '“{model}” is not one of the supported models.',
  },
  'models.sourceUnreadable': {
    fa: 'پوشه «{folder}» خوانده نشد.',
    en: 'The folder “{folder}” could not be read.',
  },
  'models.cancelled': {
    fa: 'کار روی مدل لغو شد؛ چیزی نیمه‌کاره باقی نماند.',
    en: 'The model operation was cancelled; nothing was left half-done.',
  },
  'models.manifestInvalid': {
    fa: 'فهرست مدل‌ها (manifest.json) معتبر نیست.',
    en: 'The model list (manifest.json) is not valid.',
  },
  'models.noEngine': {
    fa: 'این برنامه موتور گفتار ندارد؛ مدل‌ها را در خود برنامه مطب مدیریت کنید.',
    en: 'This program has no speech engine; manage models in the clinic app itself.',
  },
} as const satisfies Record<string, Message>;
