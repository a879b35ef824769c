import type { Message } from './index';

/** Report signatures: the doctor's signing key and the signed, amendable report versions. */
export const signingMessages = {
  'signing.passwordRequired': {
    fa: 'برای امضای گزارش، رمز عبور خود را وارد کنید.',
    en: 'Enter your password to sign the report.',
  },
  'signing.wrongPassword': {
    fa: 'رمز عبور نادرست است؛ کلید امضا باز نشد.',
    en: 'The password is not correct; the signing key was not opened.',
  },
  'signing.keyUnreadable': {
    fa: 'کلید امضای شما خوانا نیست یا دست‌کاری شده است.',
    en: 'Your signing key is unreadable or has been altered.',
  },
  'signing.notYourKey': {
    fa: 'این کلید امضا متعلق به شما نیست.',
    en: 'This signing key does not belong to you.',
  },
  'signing.payloadInvalid': {
    fa: 'گزارش کامل یا معتبر نیست و امضا نشد.',
    en: 'The report is incomplete or not valid, so it was not signed.',
  },
  'signing.amendmentReasonRequired': {
    fa: 'برای اصلاح گزارش امضاشده، دلیل اصلاح را بنویسید.',
    en: 'Give a reason for amending a signed report.',
  },
  // Why a signed report or its chain of amendments does not verify (UI and command line).
  'signing.check.empty': {
    fa: 'این گزارش هیچ نسخهٔ امضاشده‌ای ندارد.',
    en: 'This report has no signed version.',
  },
  'signing.check.payloadInvalid': {
    fa: 'نسخهٔ {version} گزارش ساختار معتبری ندارد.',
    en: 'Version {version} of the report is not well formed.',
  },
  'signing.check.signatureInvalid': {
    fa: 'امضای نسخهٔ {version} گزارش معتبر نیست؛ گزارش پس از امضا تغییر کرده است.',
    en: 'The signature of version {version} is not valid; the report was changed after signing.',
  },
  'signing.check.untrustedKey': {
    fa: 'نسخهٔ {version} با کلیدی امضا شده که کلید پزشک آن نیست.',
    en: 'Version {version} was signed with a key that is not its doctor’s.',
  },
  'signing.check.signerKeyChanged': {
    fa: 'نسخهٔ {version} با کلید دیگری جز کلید همان پزشک در نسخه‌های پیشین امضا شده است.',
    en: 'Version {version} was signed with a different key than the same doctor used before.',
  },
  'signing.check.versionMissing': {
    fa: 'نسخهٔ {expected} گزارش در زنجیرهٔ اصلاحات نیست.',
    en: 'Version {expected} of the report is missing from its amendments.',
  },
  'signing.check.versionOutOfOrder': {
    fa: 'ترتیب نسخه‌های گزارش به هم خورده است (در جای نسخهٔ {expected}، نسخهٔ {version} آمده است).',
    en: 'The report versions are out of order (version {version} stands where {expected} belongs).',
  },
  'signing.check.versionDuplicate': {
    fa: 'نسخهٔ {version} گزارش بیش از یک بار آمده است.',
    en: 'Version {version} of the report appears more than once.',
  },
  'signing.check.differentReport': {
    fa: 'نسخهٔ {version} به گزارش، ویزیت یا بیمار دیگری تعلق دارد.',
    en: 'Version {version} belongs to another report, visit or patient.',
  },
  'signing.check.unexpectedPreviousHash': {
    fa: 'نسخهٔ نخست گزارش به نسخهٔ پیشینی اشاره می‌کند که وجود ندارد.',
    en: 'The first version of the report points to a previous version that does not exist.',
  },
  'signing.check.previousHashMismatch': {
    fa: 'نسخهٔ {version} به نسخهٔ پیشین خود در زنجیره پیوند ندارد.',
    en: 'Version {version} is not linked to the version before it.',
  },
  'signing.check.amendmentReasonMissing': {
    fa: 'برای اصلاح نسخهٔ {version} دلیلی ثبت نشده است.',
    en: 'Version {version} is an amendment without a reason.',
  },
} as const satisfies Record<string, Message>;
