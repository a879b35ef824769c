import { patientClinicalSchema, patientDemographicsSchema } from '../../shared/patients/patient';
import { jsonColumn } from '../crypto/column-cipher';

/**
 * Patient data is sealed in two columns: who the patient is (read for every list and search) and
 * clinical notes (read on the detail screen by clinical roles). One AES-GCM value per group
 * instead of one per field keeps bulk registration and search-result decryption cheap, with the
 * same protection: each value is bound to its table, column and row.
 */
export const patientColumns = {
  demographics: jsonColumn('patients', 'demographics', patientDemographicsSchema),
  clinical: jsonColumn('patients', 'clinical', patientClinicalSchema),
};
