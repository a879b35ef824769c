import type { Message } from './index';

export const patientMessages = {
  'patient.nationalId.invalidFormat': {
    fa: 'کد ملی باید ۱۰ رقم باشد.',
    en: 'The national ID must be 10 digits.',
  },
  'patient.nationalId.checksum': {
    fa: 'این کد ملی معتبر نیست (رقم کنترل آن درست نیست). لطفاً دوباره بررسی کنید.',
    en: 'This national ID is not valid: its check digit is wrong. Please check it again.',
  },
  'patient.nationalId.duplicate': {
    fa: 'بیماری با این کد ملی قبلاً ثبت شده است.',
    en: 'A patient with this national ID already exists.',
  },
  'patient.phone.invalid': {
    fa: 'شمارهٔ تلفن معتبر نیست. شمارهٔ همراه را مانند ۰۹۱۲۳۴۵۶۷۸۹ و تلفن ثابت را با کد شهر وارد کنید.',
    en: 'The phone number is not valid. Enter a mobile number like 09123456789 and a landline with its area code.',
  },
  'patient.birthDate.invalid': {
    fa: 'تاریخ تولد معتبر نیست. آن را به شکل سال/ماه/روز شمسی وارد کنید، مثلاً ۱۳۷۰/۰۵/۱۲.',
    en: 'The birth date is not a valid Jalali date. Enter it as year/month/day, for example 1370/05/12.',
  },
  'patient.birthDate.future': {
    fa: 'تاریخ تولد نمی‌تواند در آینده باشد.',
    en: 'The birth date cannot be in the future.',
  },
  'patient.birthDate.tooOld': {
    fa: 'این تاریخ تولد بیش از حد قدیمی است. لطفاً سال را بررسی کنید.',
    en: 'This birth date is implausibly long ago. Please check the year.',
  },
  'patient.firstName.required': {
    fa: 'نام بیمار را وارد کنید.',
    en: "Enter the patient's first name.",
  },
  'patient.lastName.required': {
    fa: 'نام خانوادگی بیمار را وارد کنید.',
    en: "Enter the patient's last name.",
  },
  'patient.name.invalidCharacters': {
    fa: 'نام شامل نویسه‌های غیرمجاز (مانند عدد یا نماد) است.',
    en: 'The name contains characters that are not allowed, such as digits or symbols.',
  },
  'patient.sex.invalid': {
    fa: 'جنسیت انتخاب‌شده معتبر نیست.',
    en: 'The selected sex is not valid.',
  },
  'patient.mrn.invalid': {
    fa: 'شمارهٔ پرونده معتبر نیست.',
    en: 'The medical record number is not valid.',
  },
  'patient.mrn.duplicate': {
    fa: 'پرونده‌ای با این شماره قبلاً ثبت شده است.',
    en: 'A patient with this medical record number already exists.',
  },
  'patient.notFound': {
    fa: 'بیمار پیدا نشد.',
    en: 'The patient was not found.',
  },
  'patient.search.tooShort': {
    fa: 'برای جست‌وجو دست‌کم ۳ حرف از نام وارد کنید.',
    en: 'Type at least 3 letters of the name to search.',
  },
  'patient.name.latinOnly': {
    fa: 'نام لاتین فقط می‌تواند حروف لاتین داشته باشد.',
    en: 'The Latin name may contain Latin letters only.',
  },
} as const satisfies Record<string, Message>;
