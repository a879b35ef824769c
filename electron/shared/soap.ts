import { z } from 'zod';

/**
 * The SOAP report (seed 000's SOAPReport) as every layer sees it: the four sections, the
 * structured items with the transcript evidence behind each, the evidence flags the doctor must
 * resolve, and the report's versions with their signatures. One schema, used by the core to
 * validate, by the drafting engine (its grammar is derived from `draftOutputSchema` in
 * core/drafting) and by the contract to check every answer.
 */

export const soapSections = ['subjective', 'objective', 'assessment', 'plan'] as const;
export type SoapSection = (typeof soapSections)[number];

/** Seed 000: generation_method. */
export const generationMethods = ['ai', 'manual', 'hybrid'] as const;
export type GenerationMethod = (typeof generationMethods)[number];

/** Where a draft came from: the local LLM, or the deterministic extractors when there is none. */
export const draftSources = ['llm', 'extractors'] as const;
export type DraftSource = (typeof draftSources)[number];

const id = z.string().min(1).max(64);
const shortText = z.string().max(500);
const sectionText = z.string().max(20_000);

/**
 * One piece of transcript behind a claim: the segment, and the character range [start, end) of
 * the segment's text as it was when the draft was made (the quote keeps that text, so a later
 * correction of the segment does not make the anchor point at something else).
 */
export const evidenceSchema = z.strictObject({
  segmentId: id,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string().max(2000),
});
export type Evidence = z.infer<typeof evidenceSchema>;

const evidenceList = z.array(evidenceSchema).max(20);

/** ICD-10 as printed: a letter, two digits, optionally a dot and up to four more. */
export const ICD10_PATTERN = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/;

export const diagnosisSchema = z.strictObject({
  id,
  /** Empty when the doctor or the model did not give a code. */
  icd10: z.union([z.literal(''), z.string().regex(ICD10_PATTERN)]),
  title: shortText,
  evidence: evidenceList,
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const medicationSchema = z.strictObject({
  id,
  /** Generic name as written in the report (usually Latin, e.g. "Amoxicillin"). */
  name: shortText,
  /** e.g. "500 mg". */
  dose: shortText,
  /** e.g. "خوراکی" / "PO". */
  route: shortText,
  /** e.g. "هر ۸ ساعت". */
  frequency: shortText,
  /** e.g. "۷ روز". */
  duration: shortText,
  evidence: evidenceList,
});
export type Medication = z.infer<typeof medicationSchema>;

export const labOrderSchema = z.strictObject({
  id,
  name: shortText,
  reason: shortText,
  evidence: evidenceList,
});
export type LabOrder = z.infer<typeof labOrderSchema>;

export const followUpSchema = z.strictObject({
  /** e.g. "۲ هفته" or "1 week". */
  interval: shortText,
  reason: shortText,
  evidence: evidenceList,
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const vitalKinds = [
  'blood_pressure',
  'heart_rate',
  'respiratory_rate',
  'temperature',
  'spo2',
  'weight',
  'height',
] as const;
export type VitalKind = (typeof vitalKinds)[number];

/** The unit each vital is stored in (the extractors convert, e.g. °F → °C, lb → kg). */
export const vitalUnits: Readonly<Record<VitalKind, string>> = {
  blood_pressure: 'mmHg',
  heart_rate: '/min',
  respiratory_rate: '/min',
  temperature: '°C',
  spo2: '%',
  weight: 'kg',
  height: 'cm',
};

export const vitalSchema = z.strictObject({
  id,
  kind: z.enum(vitalKinds),
  /** ASCII digits and "." ("120/80" for blood pressure, "38.5" for temperature). */
  value: z.string().regex(/^\d{1,3}(\.\d{1,2})?(\/\d{1,3})?$/),
  unit: z.string().max(16),
  evidence: evidenceList,
});
export type Vital = z.infer<typeof vitalSchema>;

/** The content of a report: what is shown, printed, signed and sent. */
export const soapContentSchema = z.strictObject({
  subjective: sectionText,
  objective: sectionText,
  assessment: sectionText,
  plan: sectionText,
  chiefComplaint: shortText,
  vitals: z.array(vitalSchema).max(50),
  diagnoses: z.array(diagnosisSchema).max(50),
  medications: z.array(medicationSchema).max(50),
  labOrders: z.array(labOrderSchema).max(50),
  followUp: followUpSchema.nullable(),
});
export type SoapContent = z.infer<typeof soapContentSchema>;

export function emptySoapContent(): SoapContent {
  return {
    subjective: '',
    objective: '',
    assessment: '',
    plan: '',
    chiefComplaint: '',
    vitals: [],
    diagnoses: [],
    medications: [],
    labOrders: [],
    followUp: null,
  };
}

// --- Evidence flags ------------------------------------------------------------------------------

/** What a flag is about: the structured list and, for a medication's dose, the field. */
export const flaggedItemKinds = [
  'medication',
  'dose',
  'diagnosis',
  'vital',
  'lab_order',
  'follow_up',
] as const;
export type FlaggedItemKind = (typeof flaggedItemKinds)[number];

export const flagReasons = [
  /** Nothing in the transcript mentions it. */
  'no_evidence',
  /** The transcript mentions the item but with another value (e.g. 250 mg said, 500 mg written). */
  'value_mismatch',
] as const;
export type FlagReason = (typeof flagReasons)[number];

export const flagResolutions = ['keep', 'edit', 'delete'] as const;
export type FlagResolutionAction = (typeof flagResolutions)[number];

export const evidenceFlagSchema = z.strictObject({
  id,
  kind: z.enum(flaggedItemKinds),
  /** The structured item's id (the follow-up's is "follow_up"). */
  itemId: id,
  /** What was checked, as written in the draft (e.g. "Amoxicillin", "500 mg", "38.5 °C"). */
  claim: shortText,
  reason: z.enum(flagReasons),
  /** For value_mismatch: what the transcript says instead. */
  heard: shortText.nullable(),
  resolution: z
    .strictObject({
      action: z.enum(flagResolutions),
      by: id,
      at: z.string(),
    })
    .nullable(),
});
export type EvidenceFlag = z.infer<typeof evidenceFlagSchema>;

// --- Checklist (seed 003) ------------------------------------------------------------------------

export const checklistCategories = [
  'subjective',
  'objective',
  'assessment',
  'plan',
  'general',
] as const;
export type ChecklistCategory = (typeof checklistCategories)[number];
export const checklistPriorities = ['low', 'medium', 'high', 'critical'] as const;
export type ChecklistPriority = (typeof checklistPriorities)[number];
export const checklistStatuses = ['covered', 'partial', 'missing', 'unclear'] as const;
export type ChecklistStatus = (typeof checklistStatuses)[number];

export const checklistKeywordsSchema = z.strictObject({
  /** Any of these (Persian or English) counts as the item being talked about. */
  any: z.array(z.string().min(1).max(100)).max(100),
  /** Details that make it covered rather than partial (e.g. duration, severity); may be empty. */
  details: z.array(z.string().min(1).max(100)).max(100),
});
export type ChecklistKeywords = z.infer<typeof checklistKeywordsSchema>;

export const checklistItemSchema = z.strictObject({
  id,
  /** Stable code for the default items ("allergy_history"); admin-made items get one too. */
  code: z.string().regex(/^[a-z0-9_]{1,64}$/),
  title: shortText,
  titleEn: shortText,
  description: z.string().max(2000),
  category: z.enum(checklistCategories),
  priority: z.enum(checklistPriorities),
  keywords: checklistKeywordsSchema,
  /** Asked when the item is missing (Persian). */
  questionTemplate: z.string().max(1000),
  isActive: z.boolean(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const checklistEvaluationSchema = z.strictObject({
  itemId: id,
  code: z.string(),
  status: z.enum(checklistStatuses),
  confidence: z.number().min(0).max(1),
  evidenceText: z.string().max(2000),
  anchors: z.array(evidenceSchema).max(20),
  /** For missing, partial and unclear items: what to ask the patient. */
  generatedQuestion: z.string().max(1000),
});
export type ChecklistEvaluation = z.infer<typeof checklistEvaluationSchema>;

/** What of an evaluation is about the patient, sealed together in the database. */
export const checklistEvidenceSchema = checklistEvaluationSchema.pick({
  evidenceText: true,
  anchors: true,
  generatedQuestion: true,
});
export type ChecklistEvidence = z.infer<typeof checklistEvidenceSchema>;

// --- Transcript as drafting sees it --------------------------------------------------------------

/** A transcript segment as the drafting, extractors and checklist read it (corrections applied). */
export interface DraftingSegment {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
}
