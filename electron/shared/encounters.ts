import { z } from 'zod';

/** A past or planned visit, as the patient's visit history shows it. */
export const visitSummarySchema = z.strictObject({
  id: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  type: z.string(),
  status: z.string(),
  scheduledAt: z.string(),
  durationMinutes: z.number().int(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  chiefComplaint: z.string(),
  /** Rials. */
  feeAmount: z.number().int(),
  isPaid: z.boolean(),
});
export type VisitSummary = z.infer<typeof visitSummarySchema>;
