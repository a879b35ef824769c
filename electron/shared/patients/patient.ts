import type { Sex } from './patient-input';

/** A patient as the services hand it out: plain values, decrypted in memory only. */
export interface Patient {
  readonly id: string;
  readonly mrn: string;
  readonly nationalId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly firstNameLatin: string | null;
  readonly lastNameLatin: string | null;
  readonly fatherName: string | null;
  /** Gregorian 'YYYY-MM-DD'; the UI shows it as a Jalali date. */
  readonly birthDate: string | null;
  readonly sex: Sex | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly helssaRef: string | null;
  /** Null when the acting role may not see clinical data. */
  readonly clinical: { readonly allergies: string; readonly notes: string } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type PatientListItem = Omit<Patient, 'clinical' | 'address' | 'helssaRef'>;

export type PatientMatchKind = 'name' | 'national_id' | 'phone' | 'mrn';

export interface PatientSearchResult {
  readonly items: readonly PatientListItem[];
  /** More patients match than were returned; the user should type more. */
  readonly truncated: boolean;
  readonly matchedBy: readonly PatientMatchKind[];
}
