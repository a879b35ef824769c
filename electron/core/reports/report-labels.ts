import type { Sex } from '../../shared/patients/patient-input';
import type { GenerationMethod, SoapSection, VitalKind } from '../../shared/soap';
import { toPersianDigits } from '../../shared/text/normalize';
import type { ReportDocumentStatus } from './report-input';

/**
 * The words the report prints around the doctor's text, shared by the PDF and the Markdown
 * export so both say the same thing. Numbers and dates the report generates get Persian digits;
 * text the doctor or the model wrote is never touched here.
 */

export const REPORT_TITLE = 'گزارش ویزیت';
export const MARKDOWN_TITLE = 'گزارش ملاقات پزشکی';

export const sectionHeadings: Readonly<Record<SoapSection, string>> = {
  subjective: 'شرح حال (Subjective)',
  objective: 'معاینه (Objective)',
  assessment: 'ارزیابی (Assessment)',
  plan: 'برنامه درمان (Plan)',
};

export const vitalLabels: Readonly<Record<VitalKind, string>> = {
  blood_pressure: 'فشار خون',
  heart_rate: 'ضربان قلب',
  respiratory_rate: 'تعداد تنفس',
  temperature: 'دمای بدن',
  spo2: 'اشباع اکسیژن (SpO2)',
  weight: 'وزن',
  height: 'قد',
};

export const sexLabels: Readonly<Record<Sex, string>> = {
  female: 'زن',
  male: 'مرد',
  other: 'سایر',
};

export const statusLabels: Readonly<Record<ReportDocumentStatus, string>> = {
  draft: 'پیش‌نویس',
  approved: 'تأییدشده',
  amended: 'اصلاحیه',
};

export const generationMethodLabels: Readonly<Record<GenerationMethod, string>> = {
  ai: 'پیش‌نویس هوش مصنوعی',
  manual: 'نوشتهٔ پزشک',
  hybrid: 'هوش مصنوعی و پزشک',
};

export const labels = {
  patientName: 'نام بیمار',
  mrn: 'شماره پرونده',
  nationalId: 'کد ملی',
  birthDate: 'تاریخ تولد',
  age: 'سن',
  sex: 'جنس',
  visitDate: 'تاریخ ویزیت',
  visitTime: 'ساعت',
  visitType: 'نوع ویزیت',
  doctor: 'پزشک',
  doctorLicence: 'شماره نظام پزشکی',
  generationMethod: 'روش تهیه',
  chiefComplaint: 'شکایت اصلی',
  vitals: 'علائم حیاتی',
  diagnoses: 'تشخیص‌ها',
  diagnosisTitle: 'عنوان تشخیص',
  icd10: 'کد ICD-10',
  prescription: 'نسخه پزشکی',
  row: 'ردیف',
  drugName: 'نام دارو',
  dose: 'دوز',
  route: 'روش مصرف',
  frequency: 'تعداد/دفعات',
  duration: 'مدت',
  labOrders: 'آزمایشات درخواستی',
  labName: 'نام آزمایش',
  labReason: 'دلیل',
  followUp: 'پیگیری',
  followUpWhen: 'زمان',
  followUpReason: 'دلیل',
  signature: 'امضای دیجیتال',
  approvedBy: 'تایید شده توسط',
  signedAt: 'تاریخ تایید',
  algorithm: 'الگوریتم',
  fingerprint: 'اثر انگشت امضا',
  draftBanner: 'پیش‌نویس — امضا نشده',
  draftNotice: 'این گزارش هنوز توسط پزشک تأیید و امضا نشده است و اعتبار پزشکی ندارد.',
  version: 'نسخه',
  amendmentReason: 'دلیل اصلاح',
  none: '—',
  years: 'سال',
} as const;

/** Digits of a date or time the report prints: Persian, whatever the caller sent. */
export function persianDigits(text: string): string {
  return toPersianDigits(text);
}

/** «صفحه ۱ از ۳». */
export function pageLabel(page: number, pages: number): string {
  return `صفحه ${toPersianDigits(String(page))} از ${toPersianDigits(String(pages))}`;
}

export function ageLabel(age: number | null): string {
  return age === null ? labels.none : `${toPersianDigits(String(age))} ${labels.years}`;
}

export function versionLabel(version: number, status: ReportDocumentStatus): string {
  return `${labels.version} ${toPersianDigits(String(version))} — ${statusLabels[status]}`;
}

/** A 1-based list number in Persian digits. */
export function ordinal(index: number): string {
  return toPersianDigits(String(index + 1));
}

/**
 * A hex fingerprint in groups of four, lower case, so a person can read it aloud and compare it
 * with what the verifier shows.
 */
export function groupFingerprint(hex: string): string {
  return (
    hex
      .toLowerCase()
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}
