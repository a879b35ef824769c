import type { Message } from './index';

export const keyMessages = {
  'vault.passphraseTooShort': {
    fa: 'عبارت عبور باید دست‌کم {min} نویسه باشد.',
    en: 'The passphrase must be at least {min} characters long.',
  },
  'vault.passphraseTooSimple': {
    fa: 'عبارت عبور بیش از حد ساده است؛ از نویسه‌های متنوع‌تری استفاده کنید.',
    en: 'The passphrase is too simple; use a more varied set of characters.',
  },
  'vault.wrongPassphrase': {
    fa: 'عبارت عبور کلیدها نادرست است.',
    en: 'The key passphrase is wrong.',
  },
  'vault.blobUnreadable': {
    fa: 'کلید محافظت‌شده خوانا نیست یا دست‌کاری شده است.',
    en: 'The protected key is unreadable or has been altered.',
  },
  'vault.notRegistered': {
    fa: 'کلیدهای این پایگاه داده با روش «{vault}» محافظت نشده‌اند؛ از روش دیگری برای باز کردن استفاده کنید.',
    en: 'This database’s keys are not protected by “{vault}”; unlock it another way.',
  },
  'vault.keyRingDamaged': {
    fa: 'دسته‌کلید پایگاه داده آسیب دیده یا دست‌کاری شده است. از نسخه پشتیبان بازیابی کنید.',
    en: 'The database key ring is damaged or has been altered. Restore from a backup.',
  },
  'vault.locked': {
    fa: 'کلیدهای رمزنگاری بسته هستند.',
    en: 'The encryption keys are locked.',
  },
  'crypto.valueUnreadable': {
    fa: 'بخشی از اطلاعات رمزشده قابل خواندن نیست؛ ممکن است دست‌کاری شده باشد.',
    en: 'Part of the encrypted data cannot be read; it may have been altered.',
  },
  'keys.rotationInProgress': {
    fa: 'چرخش کلید در حال انجام است.',
    en: 'A key rotation is already in progress.',
  },
} as const satisfies Record<string, Message>;
