import { z } from 'zod';
import { sexes } from '../../shared/patients/patient-input';
import { jsonColumn } from '../crypto/column-cipher';
import type { PatientClinical, PatientDemographics } from '../db/schema';

const demographicsSchema: z.ZodType<PatientDemographics> = z.object({
  mrn: z.string(),
  nationalId: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  firstNameLatin: z.string().nullable(),
  lastNameLatin: z.string().nullable(),
  fatherName: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(sexes).nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  helssaRef: z.string().nullable(),
});

const clinicalSchema: z.ZodType<PatientClinical> = z.object({
  allergies: z.string(),
  notes: z.string(),
});

/**
 * Patient data is sealed in two columns: who the patient is (read for every list and search) and
 * clinical notes (read on the detail screen by clinical roles). One AES-GCM value per group
 * instead of one per field keeps bulk registration and search-result decryption cheap, with the
 * same protection: each value is bound to its table, column and row.
 */
export const patientColumns = {
  demographics: jsonColumn('patients', 'demographics', demographicsSchema),
  clinical: jsonColumn('patients', 'clinical', clinicalSchema),
};
