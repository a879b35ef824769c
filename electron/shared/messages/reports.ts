import type { Message } from './index';

export const reportMessages = {
  'report.notFound': {
    fa: 'برای این ویزیت هنوز گزارشی نوشته نشده است.',
    en: 'No report has been written for this visit yet.',
  },
  'report.versionNotFound': {
    fa: 'این نسخهٔ گزارش پیدا نشد.',
    en: 'This version of the report was not found.',
  },
  'report.notYours': {
    fa: 'فقط پزشک همین ویزیت می‌تواند گزارش آن را بنویسد، تأیید یا اصلاح کند.',
    en: 'Only the doctor of this visit can write, approve or amend its report.',
  },
  'report.locked': {
    fa: 'این گزارش تأیید و امضا شده است؛ برای تغییر، اصلاحیه ثبت کنید.',
    en: 'This report is approved and signed; record an amendment to change it.',
  },
  'report.notApproved': {
    fa: 'این گزارش هنوز تأیید نشده است؛ اصلاحیه فقط برای گزارش تأییدشده است.',
    en: 'This report is not approved yet; amendments are for approved reports.',
  },
  'report.flagsUnresolved': {
    fa: '{count} مورد بدون پشتوانه در رونوشت مانده است؛ هر کدام را نگه دارید، ویرایش یا حذف کنید.',
    en: '{count} item(s) without support in the transcript remain; keep, edit or delete each one.',
  },
  'report.empty': {
    fa: 'گزارش خالی است؛ دست‌کم یکی از بخش‌ها را بنویسید.',
    en: 'The report is empty; write at least one section.',
  },
  'report.flagNotFound': {
    fa: 'این هشدار دیگر وجود ندارد؛ گزارش را دوباره باز کنید.',
    en: 'This flag no longer exists; reopen the report.',
  },
  'report.wrongPassword': {
    fa: 'گذرواژه درست نیست؛ گزارش تأیید نشد.',
    en: 'The password is not right; the report was not approved.',
  },
  'report.changedDuringApproval': {
    fa: 'گزارش هنگام تأیید تغییر کرد؛ آن را دوباره بخوانید و سپس تأیید کنید.',
    en: 'The report changed during approval; read it again, then approve.',
  },
  'report.signatureInvalid': {
    fa: 'امضای این گزارش معتبر نیست؛ ممکن است گزارش پس از امضا تغییر کرده باشد.',
    en: 'This report’s signature is not valid; it may have been changed after signing.',
  },
  'drafting.busy': {
    fa: 'پیش‌نویس این ویزیت در حال تهیه است؛ صبر کنید یا آن را لغو کنید.',
    en: 'A draft is already being prepared for this visit; wait or cancel it.',
  },
  'drafting.noTranscript': {
    fa: 'هنوز رونوشتی برای این ویزیت نیست؛ پس از ضبط و رونویسی دوباره امتحان کنید.',
    en: 'There is no transcript for this visit yet; try again after recording and transcription.',
  },
  'drafting.noModel': {
    fa: 'مدل زبانی برای تهیهٔ پیش‌نویس نصب نیست؛ پیش‌نویس با استخراج خودکار تهیه می‌شود.',
    en: 'No language model is installed for drafting; the draft is made by the extractors.',
  },
  'drafting.failure.cancelled': {
    fa: 'تهیهٔ پیش‌نویس لغو شد.',
    en: 'Drafting was cancelled.',
  },
  'drafting.failure.engine_unavailable': {
    fa: 'موتور مدل زبانی روی این رایانه در دسترس نیست؛ برنامه را دوباره نصب کنید یا پیش‌نویس را با استخراج خودکار تهیه کنید.',
    en: 'The language-model engine is not available on this computer; reinstall the app or draft with the extractors.',
  },
  'drafting.failure.model_load_failed': {
    fa: 'فایل مدل زبانی باز نشد؛ در تنظیمات › مدل‌ها آن را بررسی یا دوباره نصب کنید.',
    en: 'The language model file did not load; check or reinstall it in Settings › Models.',
  },
  'drafting.failure.engine_crashed': {
    fa: 'موتور مدل زبانی در میانهٔ کار متوقف شد و دوباره راه افتاد؛ دوباره امتحان کنید.',
    en: 'The language-model engine stopped mid-draft and has restarted; try again.',
  },
  'drafting.failure.engine_failed': {
    fa: 'موتور مدل زبانی پاسخ نمی‌دهد؛ برنامه را ببندید و دوباره باز کنید.',
    en: 'The language-model engine is not responding; close and reopen the app.',
  },
  'drafting.failure.context_too_small': {
    fa: 'حافظهٔ متن مدل برای این ویزیت کافی نیست؛ در تنظیمات › مدل‌ها مدل دیگری برگزینید.',
    en: 'The model’s context is too small for this visit; choose another model in Settings › Models.',
  },
  'drafting.failure.invalid_output': {
    fa: 'پاسخ مدل زبانی پیش‌نویس معتبری نبود؛ دوباره امتحان کنید یا مدل دیگری برگزینید.',
    en: 'The language model’s answer was not a valid draft; try again or choose another model.',
  },
  'drafting.failure.internal': {
    fa: 'خطای پیش‌بینی‌نشده‌ای در تهیهٔ پیش‌نویس رخ داد؛ جزئیات در گزارش برنامه ثبت شد.',
    en: 'An unexpected error stopped the draft; the details are in the app log.',
  },
  'drafting.noJob': {
    fa: 'پیش‌نویسی در حال تهیه نیست.',
    en: 'No draft is being prepared.',
  },
  'checklist.itemNotFound': {
    fa: 'این مورد چک‌لیست پیدا نشد.',
    en: 'This checklist item was not found.',
  },
  'checklist.codeTaken': {
    fa: 'این کد قبلاً برای مورد دیگری به کار رفته است.',
    en: 'This code is already used by another item.',
  },
  'template.notFound': {
    fa: 'این الگوی تخصصی پیدا نشد.',
    en: 'This specialty template was not found.',
  },
  'template.codeTaken': {
    fa: 'این کد قبلاً برای الگوی دیگری به کار رفته است.',
    en: 'This code is already used by another template.',
  },
} as const satisfies Record<string, Message>;
