import type { UiString } from './types';

export const authStrings = {
  'setup.title': { fa: 'راه‌اندازی کلینیک', en: 'Set up the clinic' },
  'setup.intro': {
    fa: 'این نخستین اجرای برنامه روی این رایانه است. نام کلینیک و حساب مدیر را وارد کنید. همهٔ اطلاعات بیماران روی همین رایانه و به‌صورت رمزشده نگهداری می‌شود.',
    en: 'This is the first time the app runs on this computer. Enter the clinic’s name and the administrator’s account. All patient data is kept on this computer, encrypted.',
  },
  'setup.clinicSection': { fa: 'کلینیک', en: 'Clinic' },
  'setup.clinicName': { fa: 'نام کلینیک', en: 'Clinic name' },
  'setup.clinicNameEn': { fa: 'نام لاتین کلینیک', en: 'Clinic name in Latin letters' },
  'setup.adminSection': { fa: 'حساب مدیر', en: 'Administrator account' },
  'setup.username': { fa: 'نام کاربری (حروف لاتین)', en: 'User name (Latin letters)' },
  'setup.displayName': { fa: 'نام و نام خانوادگی', en: 'Full name' },
  'setup.password': { fa: 'گذرواژه', en: 'Password' },
  'setup.passwordHint': {
    fa: 'دست‌کم ۸ نویسه؛ عبارتی بلند و به‌یادماندنی بهتر است.',
    en: 'At least 8 characters; a long, memorable phrase is best.',
  },
  'setup.confirm': { fa: 'تکرار گذرواژه', en: 'Repeat the password' },
  'setup.mismatch': { fa: 'دو گذرواژه یکسان نیستند.', en: 'The two passwords differ.' },
  'setup.submit': { fa: 'راه‌اندازی', en: 'Set up' },
  'setup.done': {
    fa: 'کلینیک راه‌اندازی شد. اکنون با حساب مدیر وارد شوید.',
    en: 'The clinic is set up. Sign in with the administrator account.',
  },
  'login.title': { fa: 'ورود', en: 'Sign in' },
  'login.username': { fa: 'نام کاربری', en: 'User name' },
  'login.password': { fa: 'گذرواژه', en: 'Password' },
  'login.submit': { fa: 'ورود', en: 'Sign in' },
  'lock.title': { fa: 'صفحه قفل است', en: 'The screen is locked' },
  'lock.explain': {
    fa: '{name}، برای ادامه گذرواژهٔ خود را وارد کنید.',
    en: '{name}, enter your password to continue.',
  },
  'lock.unlock': { fa: 'باز کردن', en: 'Unlock' },
  'lock.signOut': { fa: 'خروج از حساب', en: 'Sign out' },
  'startup.title': {
    fa: 'برنامه نمی‌تواند اطلاعات را باز کند',
    en: 'The app cannot open its data',
  },
  'password.show': { fa: 'نمایش گذرواژه', en: 'Show password' },
  'password.hide': { fa: 'پنهان کردن گذرواژه', en: 'Hide password' },
} as const satisfies Record<string, UiString>;
