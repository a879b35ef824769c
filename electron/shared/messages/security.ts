import type { Message } from './index';

export const securityMessages = {
  // Operating-system key vault (Electron safeStorage), see electron/main/safe-storage-vault.ts.
  'vault.safeStorageUnavailable': {
    fa: 'فضای امن نگهداری کلید در سیستم‌عامل در دسترس نیست، بنابراین کلید اصلی داده‌ها را نمی‌توان با آن محافظت کرد.',
    en: "The operating system's secure key storage is not available, so the data root key cannot be protected with it.",
  },
  'vault.basicTextBackend': {
    fa: 'روی این سیستم لینوکس کیف کلید امنی (مانند GNOME Keyring یا KWallet) پیدا نشد و برنامه کلید را بدون محافظت ذخیره نمی‌کند. یک کیف کلید نصب و باز کنید و برنامه را دوباره اجرا کنید.',
    en: 'No secure keyring (such as GNOME Keyring or KWallet) was found on this Linux system, and the app will not store the key unprotected. Install and unlock a keyring, then start the app again.',
  },
  'vault.safeStorageDecryptFailed': {
    fa: 'کلید اصلی داده‌ها با فضای امن سیستم‌عامل باز نشد. ممکن است حساب کاربری سیستم‌عامل یا کیف کلید تغییر کرده باشد، یا دادهٔ ذخیره‌شده آسیب دیده باشد.',
    en: "The data root key could not be unlocked with the operating system's secure storage. The operating system account or keyring may have changed, or the stored data may be damaged.",
  },
} as const satisfies Record<string, Message>;
