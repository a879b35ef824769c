import type { Message } from './index';

export const databaseMessages = {
  'db.newerThanApp': {
    fa: 'این پایگاه داده (نسخه {dbVersion}) با نسخه جدیدتری از برنامه ساخته شده است و این برنامه تنها تا نسخه {appVersion} را می‌شناسد. برنامه را به‌روزرسانی کنید.',
    en: 'This database (schema {dbVersion}) was written by a newer version of the app; this app knows up to schema {appVersion}. Update the app.',
  },
  'db.migrationFailed': {
    fa: 'به‌روزرسانی ساختار پایگاه داده (مرحله {version}) انجام نشد و هیچ تغییری ذخیره نشد.',
    en: 'Updating the database structure (step {version}) failed; nothing was changed.',
  },
  'db.backupBeforeMigrationFailed': {
    fa: 'پیش از به‌روزرسانی پایگاه داده، تهیه نسخه پشتیبان ممکن نشد؛ به‌روزرسانی انجام نشد.',
    en: 'Could not copy the database aside before updating it; the update was not started.',
  },
  'db.openFailed': {
    fa: 'پایگاه داده باز نشد: {detail}',
    en: 'The database could not be opened: {detail}',
  },
  'setup.alreadyDone': {
    fa: 'راه‌اندازی اولیه این کلینیک قبلاً انجام شده است.',
    en: 'This clinic has already been set up.',
  },
  'setup.required': {
    fa: 'این کلینیک هنوز راه‌اندازی نشده است.',
    en: 'This clinic has not been set up yet.',
  },
  'backup.invalid': {
    fa: 'فایل پشتیبان معتبر نیست یا آسیب دیده است؛ هیچ چیز جایگزین نشد.',
    en: 'The backup file is not valid or is damaged; nothing was replaced.',
  },
  'backup.cannotRead': {
    fa: 'فایل پشتیبان خوانده نشد.',
    en: 'The backup file could not be read.',
  },
  'backup.wrongPassphrase': {
    fa: 'عبارت عبور فایل پشتیبان نادرست است.',
    en: 'The backup passphrase is wrong.',
  },
  'backup.fileExists': {
    fa: 'فایلی با این نام از قبل وجود دارد؛ نام دیگری انتخاب کنید.',
    en: 'A file with this name already exists; choose another name.',
  },
  'backup.auditChainBroken': {
    fa: 'زنجیره گزارش دسترسی در این نسخه پشتیبان دست‌کاری شده است؛ بازیابی انجام نشد.',
    en: 'The access-log chain in this backup has been tampered with; it was not restored.',
  },
} as const satisfies Record<string, Message>;
