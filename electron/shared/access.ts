import { z } from 'zod';
import { roles } from './roles';

/** What someone did, as the access log records it. */
export const accessActions = [
  'view',
  'search',
  'create',
  'update',
  'delete',
  'export',
  'print',
  'login',
  'login_failed',
  'logout',
  'lock',
  'unlock',
  'unlock_failed',
  'password_change',
  'setup',
  'key_rotate',
  'backup',
  'restore',
  'verify',
  'override',
  'approve',
  'approval_failed',
  'amend',
] as const;
export type AccessAction = (typeof accessActions)[number];

/** What it was done to. */
export const resourceTypes = [
  'patient',
  'encounter',
  'user',
  'session',
  'clinic',
  'settings',
  'key_ring',
  'backup',
  'access_log',
  'schedule',
  'waitlist',
  'recording',
  'transcript',
  'soap_report',
  'checklist',
  'specialty_template',
] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** Non-identifying detail an entry may carry: counts, kinds, codes — never patient data. */
export const accessDetailSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type AccessDetail = Readonly<z.infer<typeof accessDetailSchema>>;

export const accessEntrySchema = z.strictObject({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.enum(roles).nullable(),
  workstationId: z.string(),
  action: z.enum(accessActions),
  resourceType: z.enum(resourceTypes),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  granted: z.boolean(),
  reason: z.string().nullable(),
  detail: accessDetailSchema.nullable(),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;

/** Suspicious patterns from HELSSA's access audit (seed 002). */
export const suspiciousKinds = ['after_hours_access', 'rapid_access', 'bulk_export'] as const;
export type SuspiciousKind = (typeof suspiciousKinds)[number];

export const suspiciousFlagSchema = z.strictObject({
  kind: z.enum(suspiciousKinds),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  /** Entries behind the flag (sequence numbers), oldest first. */
  seqs: z.array(z.number().int()),
  firstAt: z.string(),
  lastAt: z.string(),
  /** Distinct patients (rapid access) or export actions (bulk export) in the burst. */
  count: z.number().int(),
});
export type SuspiciousFlag = z.infer<typeof suspiciousFlagSchema>;

export const patientAccessReportSchema = z.strictObject({
  patientId: z.string(),
  summary: z.strictObject({
    total: z.number().int(),
    uniqueUsers: z.number().int(),
    granted: z.number().int(),
    denied: z.number().int(),
  }),
  byUser: z.array(
    z.strictObject({
      userId: z.string().nullable(),
      username: z.string().nullable(),
      role: z.enum(roles).nullable(),
      count: z.number().int(),
      lastAt: z.string(),
    }),
  ),
  byAction: z.array(z.strictObject({ action: z.enum(accessActions), count: z.number().int() })),
  byResource: z.array(
    z.strictObject({
      resourceType: z.enum(resourceTypes),
      count: z.number().int(),
      granted: z.number().int(),
    }),
  ),
  recent: z.array(accessEntrySchema),
  flags: z.array(suspiciousFlagSchema),
});
export type PatientAccessReport = z.infer<typeof patientAccessReportSchema>;

export const auditProblemKinds = ['edited', 'deleted', 'reordered'] as const;
export type AuditProblemKind = (typeof auditProblemKinds)[number];

export const auditVerifyReportSchema = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int(),
  lastSeq: z.number().int(),
  problems: z.array(
    z.strictObject({ seq: z.number().int(), kind: z.enum(auditProblemKinds), note: z.string() }),
  ),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyReportSchema>;
export type AuditProblem = AuditVerifyReport['problems'][number];

/** A period bound as an instant, written the way entries store it, so text comparison is exact. */
const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .optional();

export const periodSchema = z.strictObject({ from: instant, to: instant });
export type Period = z.input<typeof periodSchema>;

/** Filters of the access-log viewer. */
export const accessLogFilterSchema = z.strictObject({
  from: instant,
  to: instant,
  userId: z.string().max(64).optional(),
  patientId: z.string().max(64).optional(),
  action: z.enum(accessActions).optional(),
  granted: z.boolean().optional(),
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AccessLogFilter = z.input<typeof accessLogFilterSchema>;

export const accessLogPageSchema = z.strictObject({
  entries: z.array(accessEntrySchema),
  nextBeforeSeq: z.number().int().nullable(),
});
export type AccessLogPage = z.infer<typeof accessLogPageSchema>;
