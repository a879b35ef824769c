import { z } from 'zod';
import { bytesColumn, jsonColumn, textColumn } from '../crypto/column-cipher';

export const encounterColumns = {
  chiefComplaint: textColumn('encounters', 'chief_complaint'),
  patientNotes: textColumn('encounters', 'patient_notes'),
  doctorNotes: textColumn('encounters', 'doctor_notes'),
  encryptionKey: bytesColumn('encounters', 'encryption_key'),
  metadata: jsonColumn('encounters', 'metadata', z.record(z.string(), z.unknown())),
};
