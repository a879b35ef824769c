import type { UiString } from './types';

/**
 * The Patients section: search, the patient form, the patient's page and visit history.
 * The built-in visit types' names are here too (patients.visitType.*) because the visit history
 * is the first screen that shows them; status names are shared with the core (visitStatusNames).
 */
export const patientsStrings = {
  'patients.title': { fa: 'بیماران', en: 'Patients' },

  // Search
  'patients.search.label': { fa: 'جست‌وجوی بیمار', en: 'Search patients' },
  'patients.search.placeholder': {
    fa: 'نام، کد ملی، شمارهٔ تلفن یا شمارهٔ پرونده',
    en: 'Name, national ID, phone or record number',
  },
  'patients.search.start': {
    fa: 'برای پیدا کردن بیمار، بخشی از نام، کد ملی، شمارهٔ تلفن یا شمارهٔ پرونده را بنویسید.',
    en: 'To find a patient, type part of the name, the national ID, the phone number or the record number.',
  },
  'patients.search.keys': {
    fa: 'با کلید ↓ به نتایج بروید و با Enter پرونده را باز کنید.',
    en: 'Press ↓ to reach the results and Enter to open a patient.',
  },
  'patients.search.searching': { fa: 'در حال جست‌وجو…', en: 'Searching…' },
  'patients.search.found': { fa: '{count} بیمار پیدا شد.', en: 'Patients found: {count}.' },
  'patients.search.none': {
    fa: 'بیماری با «{query}» پیدا نشد.',
    en: 'No patient matches “{query}”.',
  },
  'patients.search.noneHint': {
    fa: 'املای نام یا شماره را بررسی کنید، یا بیمار را به‌عنوان بیمار جدید ثبت کنید.',
    en: 'Check the spelling or the number, or register the person as a new patient.',
  },
  'patients.search.truncated': {
    fa: 'بیماران بیشتری با این جست‌وجو مطابقت دارند؛ برای محدودتر شدن نتایج، بیشتر بنویسید.',
    en: 'More patients match — type more to narrow the results.',
  },
  'patients.results.caption': { fa: 'نتایج جست‌وجوی بیمار', en: 'Patient search results' },

  // Columns and fields
  'patients.field.mrn': { fa: 'شمارهٔ پرونده', en: 'Record number' },
  'patients.field.name': { fa: 'نام و نام خانوادگی', en: 'Name' },
  'patients.field.firstName': { fa: 'نام', en: 'First name' },
  'patients.field.lastName': { fa: 'نام خانوادگی', en: 'Last name' },
  'patients.field.fatherName': { fa: 'نام پدر', en: "Father's name" },
  'patients.field.firstNameLatin': { fa: 'نام به لاتین', en: 'First name in Latin letters' },
  'patients.field.lastNameLatin': {
    fa: 'نام خانوادگی به لاتین',
    en: 'Last name in Latin letters',
  },
  'patients.field.latinName': { fa: 'نام به لاتین', en: 'Name in Latin letters' },
  'patients.field.nationalId': { fa: 'کد ملی', en: 'National ID' },
  'patients.field.phone': { fa: 'شمارهٔ تلفن', en: 'Phone number' },
  'patients.field.birthDate': { fa: 'تاریخ تولد', en: 'Birth date' },
  'patients.field.age': { fa: 'سن', en: 'Age' },
  'patients.field.sex': { fa: 'جنسیت', en: 'Sex' },
  'patients.field.address': { fa: 'نشانی', en: 'Address' },
  'patients.field.allergies': { fa: 'حساسیت‌ها (آلرژی)', en: 'Allergies' },
  'patients.field.notes': { fa: 'یادداشت‌های بالینی', en: 'Clinical notes' },
  'patients.field.createdAt': { fa: 'تاریخ تشکیل پرونده', en: 'Record created' },
  'patients.field.sexUnspecified': { fa: 'مشخص نشده', en: 'Not specified' },
  'patients.help.mrn': {
    fa: 'خالی بگذارید تا شماره به‌طور خودکار داده شود؛ فقط برای پرونده‌های کاغذی قدیمی وارد کنید.',
    en: 'Leave empty to have it assigned automatically; fill it in only for records moved from paper.',
  },
  'patients.help.nationalId': { fa: '۱۰ رقم', en: '10 digits' },
  'patients.help.phone': {
    fa: 'همراه مانند ۰۹۱۲۳۴۵۶۷۸۹، ثابت با کد شهر',
    en: 'Mobile like 09123456789, landline with its area code',
  },
  'patients.help.birthDate': {
    fa: 'سال/ماه/روز شمسی، مثلاً ۱۳۷۰/۰۵/۱۲',
    en: 'Jalali year/month/day, for example 1370/05/12',
  },
  'patients.help.latin': {
    fa: 'برای نسخه و نامه‌های انگلیسی',
    en: 'For prescriptions and letters in English',
  },
  'patients.age': { fa: '{years} سال', en: '{years} years' },
  'patients.ageUnderOne': { fa: 'کمتر از یک سال', en: 'Under one year' },
  'patients.notRecorded': { fa: 'ثبت نشده', en: 'Not recorded' },

  // Form
  'patients.new': { fa: 'بیمار جدید', en: 'New patient' },
  'patients.new.title': { fa: 'ثبت بیمار جدید', en: 'New patient' },
  'patients.edit.title': { fa: 'ویرایش اطلاعات {name}', en: 'Edit {name}' },
  'patients.section.identity': { fa: 'مشخصات فردی', en: 'Personal details' },
  'patients.section.contact': { fa: 'تماس و نشانی', en: 'Contact' },
  'patients.section.clinical': { fa: 'اطلاعات بالینی', en: 'Clinical information' },
  'patients.form.saving': { fa: 'در حال ذخیره…', en: 'Saving…' },
  'patients.form.required': {
    fa: 'موارد ستاره‌دار الزامی‌اند.',
    en: 'Fields marked with a star are required.',
  },
  'patients.created': { fa: 'پروندهٔ بیمار ثبت شد.', en: 'The patient was registered.' },
  'patients.updated': { fa: 'تغییرات ذخیره شد.', en: 'The changes were saved.' },
  'patients.unchanged': { fa: 'چیزی تغییر نکرده بود.', en: 'Nothing had changed.' },

  // Patient page
  'patients.backToSearch': { fa: 'بازگشت به جست‌وجو', en: 'Back to search' },
  'patients.demographics': { fa: 'مشخصات بیمار', en: 'Patient details' },
  'patients.delete.title': { fa: 'حذف پروندهٔ بیمار', en: 'Delete the patient record' },
  'patients.delete.body': {
    fa: 'پروندهٔ «{name}» با شمارهٔ {mrn} از فهرست‌ها و جست‌وجو برداشته می‌شود. این کار در گزارش دسترسی ثبت می‌شود.',
    en: 'The record of “{name}” (number {mrn}) will no longer appear in lists or searches. This is recorded in the access log.',
  },
  'patients.delete.confirm': { fa: 'حذف پرونده', en: 'Delete the record' },
  'patients.deleted': { fa: 'پروندهٔ بیمار حذف شد.', en: 'The patient record was deleted.' },

  // Visit history
  'patients.visits.title': { fa: 'سوابق ویزیت', en: 'Visit history' },
  'patients.visits.none': {
    fa: 'هنوز ویزیتی برای این بیمار ثبت نشده است.',
    en: 'No visits have been recorded for this patient yet.',
  },
  'patients.visits.date': { fa: 'تاریخ و ساعت', en: 'Date and time' },
  'patients.visits.doctor': { fa: 'پزشک', en: 'Doctor' },
  'patients.visits.type': { fa: 'نوع ویزیت', en: 'Type' },
  'patients.visits.status': { fa: 'وضعیت', en: 'Status' },
  'patients.visits.complaint': { fa: 'شکایت اصلی', en: 'Chief complaint' },
  'patients.visits.fee': { fa: 'هزینه (ریال)', en: 'Fee (rials)' },
  'patients.visits.paid': { fa: 'پرداخت', en: 'Paid' },
  'patients.visits.isPaid': { fa: 'پرداخت شده', en: 'Paid' },
  'patients.visits.unpaid': { fa: 'پرداخت نشده', en: 'Not paid' },
  'patients.visitType.in_person': { fa: 'حضوری', en: 'In person' },
  'patients.visitType.video': { fa: 'تصویری', en: 'Video' },
  'patients.visitType.audio': { fa: 'تلفنی (صوتی)', en: 'Audio' },
  'patients.visitType.chat': { fa: 'گفت‌وگوی متنی', en: 'Chat' },
  'patients.visitType.follow_up': { fa: 'پیگیری', en: 'Follow-up' },
} as const satisfies Record<string, UiString>;
