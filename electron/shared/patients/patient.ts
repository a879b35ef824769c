import { z } from 'zod';
import { sexes } from './patient-input';

/**
 * A patient as the services hand it out and as it crosses to the renderer: plain values,
 * decrypted in memory only. Strict objects: a stray field (say, a ciphertext) fails validation at
 * the process boundary instead of reaching the screen.
 */
/** Who the patient is: what the core seals in one column and every list shows. */
export const patientDemographicsSchema = z.strictObject({
  mrn: z.string(),
  nationalId: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  firstNameLatin: z.string().nullable(),
  lastNameLatin: z.string().nullable(),
  fatherName: z.string().nullable(),
  /** Gregorian 'YYYY-MM-DD'; the UI shows it as a Jalali date. */
  birthDate: z.string().nullable(),
  sex: z.enum(sexes).nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  helssaRef: z.string().nullable(),
});
export type PatientDemographics = z.infer<typeof patientDemographicsSchema>;

/** Clinical notes: sealed in a column of their own, shown to clinical roles only. */
export const patientClinicalSchema = z.strictObject({ allergies: z.string(), notes: z.string() });
export type PatientClinical = z.infer<typeof patientClinicalSchema>;

const recordFields = { id: z.string(), createdAt: z.string(), updatedAt: z.string() };

export const patientListItemSchema = patientDemographicsSchema
  .omit({ address: true, helssaRef: true })
  .extend(recordFields);
export type PatientListItem = z.infer<typeof patientListItemSchema>;

export const patientSchema = patientDemographicsSchema.extend({
  ...recordFields,
  /** Null when the acting role may not see clinical data. */
  clinical: patientClinicalSchema.nullable(),
});
export type Patient = z.infer<typeof patientSchema>;

export const patientMatchKinds = ['name', 'national_id', 'phone', 'mrn'] as const;
export type PatientMatchKind = (typeof patientMatchKinds)[number];

export const patientSearchResultSchema = z.strictObject({
  items: z.array(patientListItemSchema),
  /** More patients match than were returned; the user should type more. */
  truncated: z.boolean(),
  matchedBy: z.array(z.enum(patientMatchKinds)),
});
export type PatientSearchResult = z.infer<typeof patientSearchResultSchema>;
