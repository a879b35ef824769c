import type { SoapSection } from '../../shared/soap';
import { soapSections } from '../../shared/soap';

/**
 * The specialty templates a new clinic starts with: which checklist items a visit of that kind is
 * checked against, and the instructions the drafting model gets. General practice is the default.
 * Admins edit the stored copies; these are only the starting point.
 */
export interface DefaultSpecialtyTemplate {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly specialty: string;
  readonly description: string;
  readonly isDefault: boolean;
  /** Catalog item codes (default-catalog.ts). */
  readonly itemCodes: readonly string[];
  /** Drafting instructions in Persian. */
  readonly prompt: string;
  /** The report sections the template drafts. */
  readonly sections: readonly SoapSection[];
}

const COMMON_RULES = [
  'فقط آنچه در گفتگو آمده است را بنویسید و چیزی از خود اضافه نکنید.',
  'اعداد (علائم حیاتی، دوز داروها، مدت‌ها) را دقیقاً همان‌طور که گفته شده ثبت کنید.',
  'تشخیص و کد ICD-10 را فقط وقتی بنویسید که پزشک آن را بیان کرده باشد.',
  'داروها را با نام ژنریک، دوز، راه مصرف، دفعات و مدت مصرف بنویسید.',
  'برای هر مورد ساختاریافته، بخش‌هایی از متن گفتگو را که منبع آن است ذکر کنید.',
].join('\n- ');

export const defaultSpecialtyTemplates: readonly DefaultSpecialtyTemplate[] = [
  {
    code: 'general_practice',
    name: 'پزشکی عمومی',
    nameEn: 'General practice',
    specialty: 'general_practice',
    description: 'ویزیت سرپایی پزشک عمومی.',
    isDefault: true,
    itemCodes: [
      'chief_complaint',
      'onset_duration',
      'severity',
      'location_character',
      'associated_symptoms',
      'allergy_history',
      'current_medications',
      'past_medical_history',
      'family_history',
      'smoking',
      'pregnancy_status',
      'red_flags',
      'vital_signs',
      'physical_exam',
      'diagnosis_stated',
      'treatment_plan',
      'lab_orders',
      'follow_up',
      'return_precautions',
      'patient_education',
    ],
    prompt: [
      'شما دستیار پزشک عمومی هستید. از روی متن گفتگوی پزشک و بیمار، گزارش SOAP را به فارسی بنویسید:',
      'S (شرح حال): شکایت اصلی، زمان شروع و مدت، شدت، علائم همراه، سابقه بیماری، داروهای مصرفی و حساسیت‌ها.',
      'O (یافته‌ها): علائم حیاتی و یافته‌های معاینه.',
      'A (ارزیابی): تشخیص یا تشخیص‌های افتراقی.',
      'P (برنامه): داروها، آزمایش‌ها، توصیه‌ها و زمان پیگیری.',
      `قواعد:\n- ${COMMON_RULES}`,
    ].join('\n'),
    sections: soapSections,
  },
  {
    code: 'internal_medicine',
    name: 'داخلی',
    nameEn: 'Internal medicine',
    specialty: 'internal_medicine',
    description: 'ویزیت متخصص داخلی، از جمله پیگیری بیماری‌های مزمن.',
    isDefault: false,
    itemCodes: [
      'chief_complaint',
      'onset_duration',
      'severity',
      'associated_symptoms',
      'allergy_history',
      'current_medications',
      'medication_adherence',
      'past_medical_history',
      'surgical_history',
      'family_history',
      'smoking',
      'alcohol_substance',
      'social_history',
      'review_of_systems',
      'red_flags',
      'vital_signs',
      'physical_exam',
      'chronic_disease_control',
      'diagnosis_stated',
      'treatment_plan',
      'side_effects',
      'lab_orders',
      'follow_up',
      'return_precautions',
      'patient_education',
    ],
    prompt: [
      'شما دستیار متخصص داخلی هستید. از روی متن گفتگوی پزشک و بیمار، گزارش SOAP را به فارسی بنویسید:',
      'S (شرح حال): شکایت اصلی و سیر آن، مرور سیستم‌ها، بیماری‌های زمینه‌ای و میزان کنترل آن‌ها، داروهای مصرفی و مصرف منظم آن‌ها، حساسیت‌ها، سابقه خانوادگی و اجتماعی.',
      'O (یافته‌ها): علائم حیاتی، یافته‌های معاینه و نتایج آزمایش‌هایی که در گفتگو خوانده شده است.',
      'A (ارزیابی): تشخیص‌ها و وضعیت کنترل هر بیماری مزمن.',
      'P (برنامه): تغییرات دارویی، آزمایش‌ها و تصویربرداری، توصیه‌های سبک زندگی، عوارض دارویی که توضیح داده شد و زمان پیگیری.',
      `قواعد:\n- ${COMMON_RULES}`,
    ].join('\n'),
    sections: soapSections,
  },
  {
    code: 'pediatrics',
    name: 'کودکان',
    nameEn: 'Pediatrics',
    specialty: 'pediatrics',
    description: 'ویزیت کودکان؛ شرح حال معمولاً از والدین گرفته می‌شود.',
    isDefault: false,
    itemCodes: [
      'chief_complaint',
      'onset_duration',
      'severity',
      'associated_symptoms',
      'allergy_history',
      'current_medications',
      'past_medical_history',
      'immunization',
      'feeding',
      'growth_development',
      'family_history',
      'red_flags',
      'vital_signs',
      'physical_exam',
      'diagnosis_stated',
      'treatment_plan',
      'follow_up',
      'return_precautions',
      'patient_education',
    ],
    prompt: [
      'شما دستیار متخصص کودکان هستید. از روی متن گفتگوی پزشک با کودک و والدین، گزارش SOAP را به فارسی بنویسید:',
      'S (شرح حال): شکایت اصلی از زبان والدین، مدت و سیر علائم، تغذیه، وضعیت واکسیناسیون، سابقه بیماری و حساسیت‌ها.',
      'O (یافته‌ها): وزن، قد و دور سر، علائم حیاتی و یافته‌های معاینه.',
      'A (ارزیابی): تشخیص یا تشخیص‌های افتراقی.',
      'P (برنامه): داروها با دوز متناسب با وزن و شکل دارویی (شربت، قطره)، توصیه‌ها به والدین، علائم هشدار و زمان پیگیری.',
      `قواعد:\n- ${COMMON_RULES}`,
    ].join('\n'),
    sections: soapSections,
  },
];
