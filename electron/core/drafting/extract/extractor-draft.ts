import {
  emptySoapContent,
  type DraftingSegment,
  type Medication,
  type SoapContent,
  type Vital,
  type VitalKind,
} from '../../../shared/soap';
import { toPersianDigits } from '../../../shared/text/normalize';
import { extractChiefComplaint } from './chief-complaint';
import { newItemId, type NewItemId } from './item-ids';
import { extractMedications } from './medications';
import { extractVitals } from './vitals';

/**
 * The draft made without a language model: what the extractors can vouch for, each item with its
 * evidence, and nothing else — no diagnosis, no assessment text. Objective lists the vitals and
 * Plan the medications in Persian with Persian digits; Subjective and the chief complaint carry
 * the complaint as the patient put it.
 */

export interface ExtractorDraftOptions {
  readonly newId?: NewItemId;
}

const VITAL_LABELS: Readonly<Record<VitalKind, { label: string; unit: string }>> = {
  blood_pressure: { label: 'فشار خون', unit: 'میلی‌متر جیوه' },
  heart_rate: { label: 'ضربان قلب', unit: 'در دقیقه' },
  respiratory_rate: { label: 'تعداد تنفس', unit: 'در دقیقه' },
  temperature: { label: 'دمای بدن', unit: 'درجه سانتی‌گراد' },
  spo2: { label: 'اشباع اکسیژن خون', unit: 'درصد' },
  weight: { label: 'وزن', unit: 'کیلوگرم' },
  height: { label: 'قد', unit: 'سانتی‌متر' },
};

/** "38.5" → "۳۸٫۵", "120/80" → "۱۲۰/۸۰": Persian digits and the Persian decimal separator. */
export function persianNumber(value: string): string {
  return toPersianDigits(value.replace(/\./g, '\u066B'));
}

export function vitalLine(vital: Vital): string {
  const { label, unit } = VITAL_LABELS[vital.kind];
  return `${label}: ${persianNumber(vital.value)} ${unit}`;
}

export function medicationLine(medication: Medication): string {
  const parts = [medication.dose ? `${medication.name} ${medication.dose}` : medication.name];
  if (medication.route) parts.push(medication.route);
  if (medication.frequency) parts.push(medication.frequency);
  if (medication.duration) parts.push(`به مدت ${medication.duration}`);
  return parts.join('، ');
}

export function draftFromExtractors(
  segments: readonly DraftingSegment[],
  options: ExtractorDraftOptions = {},
): SoapContent {
  const newId = options.newId ?? newItemId;
  const content = emptySoapContent();
  const complaint = extractChiefComplaint(segments);
  // The schema caps each list at 50 items; a very long visit keeps the first ones said.
  const vitals = extractVitals(segments, { newId }).slice(0, 50);
  const medications = extractMedications(segments, { newId }).slice(0, 50);

  if (complaint) {
    content.chiefComplaint = complaint.text.slice(0, 500);
    content.subjective = `شکایت اصلی: ${complaint.text}`;
  }
  if (vitals.length > 0) {
    content.objective = ['علائم حیاتی:', ...vitals.map((v) => `- ${vitalLine(v)}`)].join('\n');
  }
  if (medications.length > 0) {
    content.plan = ['داروها:', ...medications.map((m) => `- ${medicationLine(m)}`)].join('\n');
  }
  content.vitals = vitals;
  content.medications = medications;
  return content;
}
