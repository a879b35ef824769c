import { z } from 'zod';
import {
  checklistCategories,
  checklistEvaluationSchema,
  checklistItemSchema,
  checklistKeywordsSchema,
  checklistPriorities,
  checklistStatuses,
  draftSources,
  evidenceFlagSchema,
  flagResolutions,
  generationMethods,
  soapContentSchema,
  soapSections,
} from './soap';

/**
 * The SOAP report as the renderer sees it and asks for it: the working draft with its flags, the
 * signed versions, the drafting run in progress, the checklist, and the inputs of every call.
 */

const id = z.string().min(1).max(64);
const instant = z.string();

export const reportStatuses = ['none', 'draft', 'approved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const draftingPhases = ['queued', 'extract', 'map', 'reduce', 'check', 'done'] as const;
export type DraftingPhase = (typeof draftingPhases)[number];
export const draftingJobStatuses = [
  'running',
  'completed',
  'failed',
  'cancelled',
  'interrupted',
] as const;

export const draftingJobSchema = z.strictObject({
  id,
  kind: z.enum(['draft', 'section']),
  section: z.enum(soapSections).nullable(),
  method: z.enum(draftSources),
  model: z.string().nullable(),
  status: z.enum(draftingJobStatuses),
  phase: z.enum(draftingPhases),
  /** 1-based part being worked on (map), or the reduce step's part count. */
  part: z.number().int().nonnegative(),
  parts: z.number().int().positive(),
  tokensOut: z.number().int().nonnegative(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  /** The estimate shown before starting (null for the extractors, which take well under a second). */
  expectedSeconds: z.number().nonnegative().nullable(),
  /** Technical reason of a failure (never patient data). */
  error: z.string().nullable(),
});
export type DraftingJob = z.infer<typeof draftingJobSchema>;

export const reportVersionSummarySchema = z.strictObject({
  version: z.number().int().positive(),
  signedAt: instant,
  doctorId: id,
  doctorName: z.string(),
  fingerprint: z.string(),
  generationMethod: z.enum(generationMethods),
  amendmentReason: z.string().nullable(),
  payloadHash: z.string(),
});
export type ReportVersionSummary = z.infer<typeof reportVersionSummarySchema>;

export const reportViewSchema = z.strictObject({
  encounterId: id,
  patientId: id,
  doctorId: id,
  status: z.enum(reportStatuses),
  /** Newest signed version (0: never approved). */
  approvedVersion: z.number().int().nonnegative(),
  /** The working draft; for an approved report, the newest signed content. */
  content: soapContentSchema,
  flags: z.array(evidenceFlagSchema),
  unresolvedFlags: z.number().int().nonnegative(),
  generationMethod: z.enum(generationMethods),
  draftSource: z.enum(draftSources).nullable(),
  draftModel: z.string().nullable(),
  aiConfidence: z.number().min(0).max(1).nullable(),
  draftedAt: instant.nullable(),
  updatedAt: instant.nullable(),
  /** While an amendment is being written. */
  amendmentReason: z.string().nullable(),
  templateId: z.string().nullable(),
  versions: z.array(reportVersionSummarySchema),
  job: draftingJobSchema.nullable(),
  /** What this user may do now (the core checks again). */
  canEdit: z.boolean(),
  canApprove: z.boolean(),
  canAmend: z.boolean(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const byEncounterSchema = z.strictObject({ encounterId: id });

export const draftMethods = ['auto', 'llm', 'extractors'] as const;
export type DraftMethod = (typeof draftMethods)[number];

export const startDraftSchema = z.strictObject({
  encounterId: id,
  /** auto: the LLM when a model is installed, else the extractors. */
  method: z.enum(draftMethods).default('auto'),
  templateId: id.optional(),
});
export type StartDraftInput = z.input<typeof startDraftSchema>;

export const regenerateSectionSchema = z.strictObject({
  encounterId: id,
  section: z.enum(soapSections),
});

/** What drafting can use now, shown before the doctor starts it. */
export const draftingOptionsSchema = z.strictObject({
  llm: z.discriminatedUnion('available', [
    z.strictObject({
      available: z.literal(true),
      modelId: z.string(),
      modelName: z.string(),
      /** For this visit's transcript, from the hardware plan. */
      expectedSeconds: z.number().nonnegative(),
      promptTokens: z.number().int().nonnegative(),
    }),
    z.strictObject({
      available: z.literal(false),
      reason: z.enum(['no_model', 'model_corrupt', 'engine_unavailable']),
      detail: z.string(),
    }),
  ]),
  templates: z.array(
    z.strictObject({
      id,
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      isDefault: z.boolean(),
    }),
  ),
  transcriptSegments: z.number().int().nonnegative(),
  transcriptionComplete: z.boolean(),
});
export type DraftingOptions = z.infer<typeof draftingOptionsSchema>;

/** A change to the working draft: the sections and lists given replace the current ones. */
export const updateReportSchema = z.strictObject({
  encounterId: id,
  content: soapContentSchema.partial(),
});
export type UpdateReportInput = z.input<typeof updateReportSchema>;

/**
 * Keep the item as written, or delete it (a dose flag deletes only the dose). The third way out,
 * editing, happens through updateReport: a flagged item the doctor changes is resolved as edited.
 */
export const resolveFlagSchema = z.strictObject({
  encounterId: id,
  flagId: id,
  action: z.enum(flagResolutions).exclude(['edit']),
});

export const approveReportSchema = z.strictObject({
  encounterId: id,
  password: z.string().min(1).max(1024),
});

export const amendReportSchema = z.strictObject({
  encounterId: id,
  reason: z.string().trim().min(3).max(2000),
});

export const reportExportSchema = z.strictObject({
  encounterId: id,
  /** A signed version; the working draft when omitted. */
  version: z.number().int().positive().optional(),
});

export const reportPdfSchema = z.strictObject({
  fileName: z.string(),
  base64: z.string(),
  pages: z.number().int().positive(),
});

export const reportMarkdownSchema = z.strictObject({
  fileName: z.string(),
  text: z.string(),
});

export const signatureCheckSchema = z.strictObject({
  encounterId: id,
  ok: z.boolean(),
  versions: z.array(
    z.strictObject({
      version: z.number().int().positive(),
      ok: z.boolean(),
      /** Why it failed (technical, for support). */
      reason: z.string().nullable(),
      fingerprint: z.string(),
    }),
  ),
});
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

// --- Checklist ------------------------------------------------------------------------------------

export const checklistEntrySchema = z.strictObject({
  item: checklistItemSchema,
  evaluation: checklistEvaluationSchema,
  /** The doctor's own status, when set, wins over the evaluation's. */
  doctorStatus: z.enum(checklistStatuses).nullable(),
  doctorNote: z.string().nullable(),
});
export type ChecklistEntry = z.infer<typeof checklistEntrySchema>;

export const visitChecklistSchema = z.strictObject({
  encounterId: id,
  templateId: z.string().nullable(),
  entries: z.array(checklistEntrySchema),
  evaluatedAt: instant.nullable(),
});
export type VisitChecklist = z.infer<typeof visitChecklistSchema>;

export const setChecklistStatusSchema = z.strictObject({
  encounterId: id,
  itemId: id,
  status: z.enum(checklistStatuses).nullable(),
  note: z.string().trim().max(2000).optional(),
});

export const checklistItemInputSchema = z.strictObject({
  /** Absent: a new item. */
  id: id.optional(),
  code: z.string().regex(/^[a-z0-9_]{1,64}$/),
  title: z.string().trim().min(1).max(500),
  titleEn: z.string().trim().max(500).default(''),
  description: z.string().trim().max(2000).default(''),
  category: z.enum(checklistCategories),
  priority: z.enum(checklistPriorities),
  keywords: checklistKeywordsSchema,
  questionTemplate: z.string().trim().max(1000).default(''),
  isActive: z.boolean().default(true),
});

export const specialtyTemplateSchema = z.strictObject({
  id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  specialty: z.string(),
  description: z.string(),
  isDefault: z.boolean(),
  prompt: z.string(),
  sections: z.array(z.enum(soapSections)),
  itemIds: z.array(id),
  isActive: z.boolean(),
});
export type SpecialtyTemplate = z.infer<typeof specialtyTemplateSchema>;

export const specialtyTemplateInputSchema = z.strictObject({
  id: id.optional(),
  code: z.string().regex(/^[a-z0-9_]{1,64}$/),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).default(''),
  specialty: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  isDefault: z.boolean().default(false),
  prompt: z.string().trim().max(8000).default(''),
  sections: z.array(z.enum(soapSections)).min(1).max(4),
  itemIds: z.array(id).max(500),
  isActive: z.boolean().default(true),
});
