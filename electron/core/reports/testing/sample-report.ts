import type { Medication, SoapContent } from '../../../shared/soap';
import type { ReportDocumentInput } from '../report-input';

/**
 * Visit reports for tests and the benchmark: full of what breaks right-to-left layout — Persian
 * and English side by side, Persian and Latin decimals, doses, ICD-10 codes, Jalali dates, times,
 * percentages, blood pressure, brackets and guillemets, bullets, long paragraphs that wrap and a
 * prescription long enough to run onto another page.
 */

const evidence: never[] = [];

/** Sentences a doctor would write; each one is checked verbatim in the PDF's text layer. */
export const sampleSentences = {
  fever: 'بیمار از سه روز پیش تب ۳۸٫۵ درجه و گلودرد دارد و دمای امروز 38.5 درجه اندازه‌گیری شد.',
  pressure: 'فشار خون 120/80 میلی‌متر جیوه و اشباع اکسیژن ۹۶٪ است.',
  dose: 'داروی قبلی بیمار Metformin 1000 mg روزی دو بار بوده است.',
  date: 'آخرین مراجعه در تاریخ ۱۴۰۵/۰۸/۳۰ ساعت ۱۰:۳۰ بوده است.',
  bracket: 'سرفه (خشک و بدون خلط) از شب گذشته شدیدتر شده است.',
  glucose: 'قند ناشتا ۱۲٬۵۰۰ نیست بلکه 126 mg/dL و HbA1c برابر 7.2% گزارش شده است.',
} as const;

/** One paragraph long enough to wrap over several lines, made of the sample sentences. */
export function longSubjective(repeat = 2): string {
  const one = Object.values(sampleSentences).join(' ');
  return Array.from({ length: repeat }, () => one).join(' ');
}

const baseMedications: ReadonlyArray<Omit<Medication, 'id' | 'evidence'>> = [
  {
    name: 'Amoxicillin',
    dose: '500 mg',
    route: 'خوراکی',
    frequency: 'هر ۸ ساعت',
    duration: '۷ روز',
  },
  {
    name: 'Metformin',
    dose: '1000 mg',
    route: 'خوراکی (PO)',
    frequency: 'روزی ۲ بار',
    duration: '۳ ماه',
  },
  {
    name: 'Acetaminophen',
    dose: '325 mg',
    route: 'خوراکی',
    frequency: 'هر ۶ ساعت در صورت تب بالای 38.5',
    duration: '۵ روز',
  },
  {
    name: 'Salbutamol (Ventolin)',
    dose: '100 mcg',
    route: 'استنشاقی',
    frequency: '۲ پاف هر ۴ ساعت',
    duration: '۱۰ روز',
  },
];

export function sampleMedications(count = baseMedications.length): Medication[] {
  return Array.from({ length: count }, (_, index) => {
    const base = baseMedications[index % baseMedications.length]!;
    return { ...base, id: `med-${index + 1}`, evidence };
  });
}

export function sampleContent(
  options: { subjectiveRepeat?: number; medications?: number } = {},
): SoapContent {
  return {
    chiefComplaint: 'تب و گلودرد از ۳ روز پیش',
    subjective: longSubjective(options.subjectiveRepeat ?? 2),
    objective:
      'دمای بدن ۳۸٫۵ درجه، فشار خون 120/80، ضربان قلب ۹۲ در دقیقه. حلق قرمز و لوزه‌ها بزرگ (grade 2) هستند.\n• غدد لنفاوی گردن حساس\n• ریه‌ها پاک',
    assessment:
      'فارنژیت حاد (J02.9) محتمل است؛ دیابت نوع ۲ (E11.9) با کنترل نسبی [HbA1c 7.2%] تحت نظر است.',
    plan: 'شروع Amoxicillin 500 mg هر ۸ ساعت به مدت ۷ روز، ادامهٔ Metformin 1000 mg و استراحت کافی. در صورت تب بالای 39 °C مراجعه شود.',
    vitals: [
      { id: 'v1', kind: 'blood_pressure', value: '120/80', unit: 'mmHg', evidence },
      { id: 'v2', kind: 'temperature', value: '38.5', unit: '°C', evidence },
      { id: 'v3', kind: 'heart_rate', value: '92', unit: '/min', evidence },
      { id: 'v4', kind: 'spo2', value: '96', unit: '%', evidence },
      { id: 'v5', kind: 'weight', value: '72.5', unit: 'kg', evidence },
    ],
    diagnoses: [
      { id: 'd1', icd10: 'J02.9', title: 'فارنژیت حاد، نامشخص', evidence },
      { id: 'd2', icd10: 'E11.9', title: 'دیابت نوع ۲ بدون عارضه (Type 2 diabetes)', evidence },
    ],
    medications: sampleMedications(options.medications),
    labOrders: [
      { id: 'l1', name: 'CBC', reason: 'بررسی عفونت باکتریایی', evidence },
      { id: 'l2', name: 'HbA1c', reason: 'پیگیری دیابت (هر ۳ ماه)', evidence },
    ],
    followUp: { interval: '۲ هفته', reason: 'کنترل پاسخ به درمان و قند خون', evidence },
  };
}

export function sampleReport(
  options: {
    subjectiveRepeat?: number;
    medications?: number;
    signed?: boolean;
  } = {},
): ReportDocumentInput {
  const signed = options.signed ?? true;
  return {
    clinic: {
      name: 'درمانگاه تخصصی سلامت',
      nameEn: 'Salamat Specialty Clinic',
      address: 'تهران، خیابان ولیعصر، پلاک ۱۲',
      phone: '021-88776655',
    },
    patient: {
      fullName: 'مریم احمدی',
      mrn: 'MRN-1405-00042',
      nationalId: '0012345678',
      birthDate: '۱۳۶۸/۰۴/۱۵',
      age: 36,
      sex: 'female',
    },
    visit: {
      date: '۱۴۰۵/۰۹/۰۱',
      time: '10:30',
      typeLabel: 'ویزیت اول',
      doctorName: 'دکتر علی رضایی',
      doctorLicence: '123456',
    },
    report: {
      version: signed ? 2 : 1,
      status: signed ? 'amended' : 'draft',
      content: sampleContent(options),
      generationMethod: 'hybrid',
      amendmentReason: signed ? 'اصلاح دوز Amoxicillin از 250 mg به 500 mg' : null,
    },
    signature: signed
      ? {
          doctorName: 'دکتر علی رضایی',
          signedAt: '1405/09/01 11:40',
          fingerprint: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          algorithm: 'Ed25519',
        }
      : null,
  };
}
