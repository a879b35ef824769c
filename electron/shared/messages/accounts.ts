import type { Message } from './index';

export const accountMessages = {
  'account.username.required': { fa: 'نام کاربری الزامی است.', en: 'A user name is required.' },
  'account.username.invalid': {
    fa: 'نام کاربری باید ۳ تا ۳۲ نویسه از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط باشد.',
    en: 'The user name must be 3–32 characters: Latin letters, digits, dot, dash or underscore.',
  },
  'account.username.taken': {
    fa: 'این نام کاربری قبلاً ثبت شده است.',
    en: 'This user name is already taken.',
  },
  'account.displayName.required': {
    fa: 'نام نمایشی الزامی است.',
    en: 'A display name is required.',
  },
  'account.role.invalid': {
    fa: 'نقش باید یکی از «مدیر»، «پزشک» یا «کارمند» باشد.',
    en: 'The role must be admin, doctor or staff.',
  },
  'account.password.required': { fa: 'گذرواژه الزامی است.', en: 'A password is required.' },
  'account.password.tooShort': {
    fa: 'گذرواژه باید دست‌کم {min} نویسه باشد.',
    en: 'The password must be at least {min} characters long.',
  },
  'account.password.tooCommon': {
    fa: 'این گذرواژه بیش از حد رایج یا ساده است؛ گذرواژه دیگری انتخاب کنید.',
    en: 'This password is too common or too simple; choose another.',
  },
  'account.password.currentWrong': {
    fa: 'گذرواژه فعلی نادرست است.',
    en: 'The current password is wrong.',
  },
  'account.password.sameAsOld': {
    fa: 'گذرواژه جدید باید با گذرواژه فعلی متفاوت باشد.',
    en: 'The new password must differ from the current one.',
  },
  'account.wrongCredentials': {
    fa: 'نام کاربری یا گذرواژه نادرست است.',
    en: 'The user name or password is wrong.',
  },
  'account.locked': {
    fa: 'این حساب به دلیل تلاش‌های ناموفق پیاپی تا {until} قفل شده است.',
    en: 'This account is locked after repeated failed attempts until {until}.',
  },
  'account.disabled': { fa: 'این حساب کاربری غیرفعال است.', en: 'This account is disabled.' },
  'account.notFound': { fa: 'کاربر پیدا نشد.', en: 'User not found.' },
  'account.cannotDemoteSelf': {
    fa: 'نمی‌توانید نقش مدیریتی خود را بردارید یا حساب خود را غیرفعال کنید.',
    en: 'You cannot remove your own administrator role or disable your own account.',
  },
  'session.locked': {
    fa: 'جلسه کاری به دلیل عدم فعالیت قفل شد؛ برای ادامه گذرواژه خود را وارد کنید.',
    en: 'The session is locked; enter your password to continue.',
  },
  'session.expired': {
    fa: 'جلسه کاری به پایان رسیده است؛ دوباره وارد شوید.',
    en: 'The session has ended; sign in again.',
  },
  'access.denied': {
    fa: 'شما اجازه انجام این کار را ندارید.',
    en: 'You are not allowed to do this.',
  },
  'settings.unknownKey': { fa: 'این تنظیم وجود ندارد.', en: 'There is no such setting.' },
  'clinic.name.required': { fa: 'نام کلینیک الزامی است.', en: 'The clinic name is required.' },
  'clinic.timeZone.invalid': { fa: 'منطقه زمانی معتبر نیست.', en: 'The time zone is not valid.' },
} as const satisfies Record<string, Message>;
