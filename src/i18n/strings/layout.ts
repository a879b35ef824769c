import type { UiString } from './types';

export const layoutStrings = {
  'nav.label': { fa: 'بخش‌های برنامه', en: 'Sections' },
  'nav.today': { fa: 'امروز', en: 'Today' },
  'nav.calendar': { fa: 'تقویم', en: 'Calendar' },
  'nav.patients': { fa: 'بیماران', en: 'Patients' },
  'nav.visits': { fa: 'ویزیت‌ها', en: 'Visits' },
  'nav.reports': { fa: 'گزارش‌ها', en: 'Reports' },
  'nav.sync': { fa: 'همگام‌سازی', en: 'Sync' },
  'nav.settings': { fa: 'تنظیمات', en: 'Settings' },
  'nav.accessLog': { fa: 'گزارش دسترسی', en: 'Access log' },
  'menu.account': { fa: 'حساب کاربری', en: 'Account' },
  'menu.lock': { fa: 'قفل صفحه', en: 'Lock the screen' },
  'menu.signOut': { fa: 'خروج', en: 'Sign out' },
  'menu.changePassword': { fa: 'تغییر گذرواژه', en: 'Change password' },
  'menu.language': { fa: 'زبان', en: 'Language' },
  'password.title': { fa: 'تغییر گذرواژه', en: 'Change password' },
  'password.current': { fa: 'گذرواژهٔ فعلی', en: 'Current password' },
  'password.new': { fa: 'گذرواژهٔ جدید', en: 'New password' },
  'password.changed': { fa: 'گذرواژه تغییر کرد.', en: 'The password was changed.' },
  'skip.toContent': { fa: 'رفتن به محتوای اصلی', en: 'Skip to the main content' },
  'later.title': { fa: 'این بخش به‌زودی', en: 'Coming in a later release' },
  'later.body': {
    fa: 'بخش «{section}» در نسخه‌های بعدی برنامه اضافه می‌شود.',
    en: 'The “{section}” section arrives in a later release of the app.',
  },
  'today.title': { fa: 'امروز', en: 'Today' },
} as const satisfies Record<string, UiString>;
