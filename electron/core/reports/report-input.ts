import { z } from 'zod';
import { sexes } from '../../shared/patients/patient-input';
import { generationMethods, soapContentSchema } from '../../shared/soap';

/**
 * Everything a printed or exported visit report shows, already decided by the caller: the report
 * service gathers it (decrypted, in memory) and this folder only lays it out. Dates arrive as
 * Jalali strings for display; the layout turns their digits Persian. User text is printed exactly
 * as given.
 */

const line = z.string().max(500);

export const reportDocumentStatuses = ['draft', 'approved', 'amended'] as const;
export type ReportDocumentStatus = (typeof reportDocumentStatuses)[number];

export const reportDocumentInputSchema = z.strictObject({
  clinic: z.strictObject({
    /** Persian name, the header's first line. */
    name: z.string().min(1).max(200),
    nameEn: z.string().max(200),
    address: line.nullable().optional(),
    phone: z.string().max(50).nullable().optional(),
  }),
  patient: z.strictObject({
    fullName: z.string().min(1).max(200),
    mrn: z.string().min(1).max(50),
    nationalId: z.string().max(20).nullable(),
    /** Jalali, e.g. '۱۳۷۰/۰۵/۱۲' or '1370/05/12'. */
    birthDate: z.string().max(20).nullable(),
    /** Whole years. */
    age: z.number().int().min(0).max(150).nullable(),
    sex: z.enum(sexes).nullable(),
  }),
  visit: z.strictObject({
    /** Jalali, e.g. '۱۴۰۵/۰۹/۰۱'. */
    date: z.string().min(1).max(20),
    /** e.g. '10:30'. */
    time: z.string().max(10),
    /** The visit type as the clinic names it (e.g. «ویزیت اول»). */
    typeLabel: z.string().max(100),
    doctorName: z.string().min(1).max(200),
    /** Medical council number (شماره نظام پزشکی). */
    doctorLicence: z.string().max(50).nullable().optional(),
  }),
  report: z.strictObject({
    version: z.number().int().positive(),
    status: z.enum(reportDocumentStatuses),
    content: soapContentSchema,
    generationMethod: z.enum(generationMethods),
    /** Why this version amends the previous one; null for a first version. */
    amendmentReason: z.string().max(2000).nullable(),
  }),
  /** The signature of this version; null while the report is a draft. */
  signature: z
    .strictObject({
      doctorName: z.string().min(1).max(200),
      /** Jalali date and time, e.g. '۱۴۰۵/۰۹/۰۱ ۱۱:۴۰'. */
      signedAt: z.string().min(1).max(40),
      /** Hex fingerprint of the signature (or of the signing key), printed in groups. */
      fingerprint: z.string().regex(/^[0-9a-fA-F]{8,128}$/),
      /** e.g. 'Ed25519'. */
      algorithm: z.string().min(1).max(40),
    })
    .nullable(),
});

export type ReportDocumentInput = z.input<typeof reportDocumentInputSchema>;
/** The input after validation (optional fields made explicit). */
export type ReportDocument = z.output<typeof reportDocumentInputSchema>;
