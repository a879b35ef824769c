import type { UiString } from './types';

export const settingsStrings = {
  'settings.title': { fa: 'تنظیمات', en: 'Settings' },
  'settings.sections': { fa: 'بخش‌های تنظیمات', en: 'Settings sections' },
  'settings.section.language': { fa: 'زبان', en: 'Language' },
  'settings.section.users': { fa: 'کاربران', en: 'Users' },
  'settings.section.security': { fa: 'امنیت', en: 'Security' },
  'settings.notAllowed.title': {
    fa: 'اجازهٔ دیدن این بخش را ندارید',
    en: 'You are not allowed to see this section',
  },
  'settings.notAllowed.body': {
    fa: 'این بخش فقط برای مدیر کلینیک در دسترس است.',
    en: 'Only the clinic administrator can use this section.',
  },

  'settings.language.title': { fa: 'زبان برنامه', en: 'Language of the app' },
  'settings.language.intro': {
    fa: 'زبان و جهت نوشتار برنامه روی همین رایانه. رایانه‌های دیگر کلینیک انتخاب خود را نگه می‌دارند.',
    en: 'The language and writing direction of the app on this computer. The clinic’s other computers keep their own choice.',
  },
  'settings.language.legend': { fa: 'زبان', en: 'Language' },
  'settings.language.saved': {
    fa: 'زبان برنامه فارسی شد.',
    en: 'The app is now in English.',
  },

  'settings.users.title': { fa: 'کاربران', en: 'Users' },
  'settings.users.intro': {
    fa: 'کسانی که با این برنامه کار می‌کنند و نقش هر کدام. حساب‌ها حذف نمی‌شوند؛ حسابی را که دیگر لازم نیست غیرفعال کنید.',
    en: 'The people who use the app and the role of each. Accounts are never deleted; disable an account that is no longer needed.',
  },
  'settings.users.add': { fa: 'افزودن کاربر', en: 'Add user' },
  'settings.users.table': { fa: 'فهرست کاربران', en: 'Users' },
  'settings.users.col.displayName': { fa: 'نام', en: 'Name' },
  'settings.users.col.username': { fa: 'نام کاربری', en: 'User name' },
  'settings.users.col.role': { fa: 'نقش', en: 'Role' },
  'settings.users.col.specialty': { fa: 'تخصص', en: 'Specialty' },
  'settings.users.col.status': { fa: 'وضعیت', en: 'Status' },
  'settings.users.col.lockedUntil': { fa: 'قفل تا', en: 'Locked until' },
  'settings.users.col.actions': { fa: 'کارها', en: 'Actions' },
  'settings.users.active': { fa: 'فعال', en: 'Active' },
  'settings.users.inactive': { fa: 'غیرفعال', en: 'Disabled' },
  'settings.users.you': { fa: '(شما)', en: '(you)' },
  'settings.users.empty': { fa: 'هنوز کاربری ثبت نشده است.', en: 'There are no users yet.' },
  'settings.users.editLabel': { fa: 'ویرایش {name}', en: 'Edit {name}' },
  'settings.users.unlock': { fa: 'باز کردن قفل', en: 'Unlock' },
  'settings.users.unlockLabel': {
    fa: 'باز کردن قفل حساب {name}',
    en: 'Unlock the account of {name}',
  },
  'settings.users.unlocked': {
    fa: 'قفل حساب «{name}» باز شد.',
    en: 'The account of “{name}” is unlocked.',
  },
  'settings.users.created': {
    fa: 'حساب «{name}» ساخته شد.',
    en: 'The account of “{name}” was created.',
  },
  'settings.users.updated': {
    fa: 'تغییرات حساب «{name}» ذخیره شد.',
    en: 'The changes to the account of “{name}” were saved.',
  },
  'settings.users.addTitle': { fa: 'افزودن کاربر', en: 'Add a user' },
  'settings.users.editTitle': { fa: 'ویرایش حساب {name}', en: 'Edit the account of {name}' },
  'settings.users.username': { fa: 'نام کاربری (حروف لاتین)', en: 'User name (Latin letters)' },
  'settings.users.usernameHint': {
    fa: 'برای ورود به برنامه؛ ۳ تا ۳۲ نویسه از حروف لاتین، رقم، نقطه یا خط تیره.',
    en: 'Used to sign in; 3–32 Latin letters, digits, dots or dashes.',
  },
  'settings.users.displayName': { fa: 'نام و نام خانوادگی', en: 'Full name' },
  'settings.users.role': { fa: 'نقش', en: 'Role' },
  'settings.users.specialty': { fa: 'تخصص (اختیاری)', en: 'Specialty (optional)' },
  'settings.users.council': {
    fa: 'شمارهٔ نظام پزشکی (اختیاری)',
    en: 'Medical council number (optional)',
  },
  'settings.users.password': { fa: 'گذرواژه', en: 'Password' },
  'settings.users.confirm': { fa: 'تکرار گذرواژه', en: 'Repeat the password' },
  'settings.users.activeSwitch': { fa: 'حساب فعال است', en: 'The account is active' },
  'settings.users.activeHint': {
    fa: 'با حساب غیرفعال نمی‌توان وارد برنامه شد؛ سوابق آن باقی می‌ماند.',
    en: 'A disabled account cannot sign in; its records stay.',
  },
  'settings.users.selfHint': {
    fa: 'نقش و فعال بودن حساب خودتان را نمی‌توانید تغییر دهید.',
    en: 'You cannot change the role of your own account or disable it.',
  },
  'settings.users.create': { fa: 'افزودن', en: 'Add' },

  'settings.security.title': { fa: 'امنیت', en: 'Security' },
  'settings.security.intro': {
    fa: 'این تنظیمات برای همهٔ رایانه‌های کلینیک یکسان است. هر بخش جداگانه ذخیره می‌شود.',
    en: 'These settings are the same on every computer of the clinic. Each part is saved on its own.',
  },
  'settings.security.saved': { fa: 'ذخیره شد.', en: 'Saved.' },
  'settings.security.range': { fa: 'عددی از {min} تا {max}', en: 'A number from {min} to {max}' },
  'settings.security.autoLock.title': { fa: 'قفل خودکار', en: 'Automatic lock' },
  'settings.security.autoLock.explain': {
    fa: 'اگر در این مدت با برنامه کاری انجام نشود، صفحه قفل می‌شود و برای ادامه گذرواژه لازم است.',
    en: 'When the app is not used for this long, the screen locks and the password is needed to continue.',
  },
  'settings.security.autoLock.minutes': {
    fa: 'مدت بی‌کاری پیش از قفل (دقیقه)',
    en: 'Idle minutes before the lock',
  },
  'settings.security.afterHours.title': { fa: 'ساعات غیرکاری', en: 'After-hours access' },
  'settings.security.afterHours.explain': {
    fa: 'دسترسی به اطلاعات بیماران در این ساعت‌ها در گزارش دسترسی «دسترسی در ساعات غیرکاری» علامت می‌خورد. بازهٔ شبانه (مثلاً از ۲۲ تا ۶) هم پذیرفته است؛ ساعت شروع و پایان نباید یکی باشد.',
    en: 'Access to patient data during these hours is flagged as after-hours access in the access log. A night-time span (e.g. 22 to 6) is fine; the start and end hours must differ.',
  },
  'settings.security.afterHours.start': { fa: 'از ساعت', en: 'From hour' },
  'settings.security.afterHours.end': { fa: 'تا ساعت', en: 'Until hour' },
  'settings.security.rapid.title': {
    fa: 'دسترسی سریع به بیماران متعدد',
    en: 'Rapid access to many patients',
  },
  'settings.security.rapid.explain': {
    fa: 'اگر یک کاربر در این بازهٔ زمانی به پروندهٔ دست‌کم این تعداد بیمار مختلف دسترسی داشته باشد، علامت می‌خورد.',
    en: 'A user who accesses at least this many different patients within this window is flagged.',
  },
  'settings.security.rapid.patients': { fa: 'تعداد بیماران مختلف', en: 'Different patients' },
  'settings.security.window': { fa: 'در بازهٔ (دقیقه)', en: 'Within (minutes)' },
  'settings.security.bulk.title': { fa: 'خروجی انبوه', en: 'Bulk export' },
  'settings.security.bulk.explain': {
    fa: 'اگر یک کاربر در این بازهٔ زمانی دست‌کم این تعداد بار چاپ، خروجی یا پشتیبان‌گیری انجام دهد، علامت می‌خورد.',
    en: 'A user who prints, exports or backs up at least this many times within this window is flagged.',
  },
  'settings.security.bulk.actions': {
    fa: 'تعداد چاپ یا خروجی',
    en: 'Prints or exports',
  },
} as const satisfies Record<string, UiString>;
