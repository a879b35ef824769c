import { z } from 'zod';
import { key, msg } from '../validation';
import { parseCalendarDate } from '../dates/calendar-date';
import { normalizeText, toAsciiDigits } from '../text/normalize';
import { isValidNationalId, normalizeNationalId } from './national-id';
import { normalizePhone } from './phone';

/**
 * The patient form's schema, shared by the renderer (instant field messages) and the core (the
 * check that counts). Every error message is a message key (fa/en).
 */
export const sexes = ['female', 'male', 'other'] as const;
export type Sex = (typeof sexes)[number];

/** Persian or Latin letters, spaces, ZWNJ, and the punctuation names really contain. */
const NAME_CHARACTERS = /^[\p{Script=Arabic}\p{Script=Latin}\u200c .'’-]+$/u;
const LATIN_NAME_CHARACTERS = /^[\p{Script=Latin} .'’-]+$/u;
const MRN_PATTERN = /^[A-Z0-9][A-Z0-9/-]{0,19}$/;

const emptyToNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

const name = (requiredKey: 'patient.firstName.required' | 'patient.lastName.required') =>
  z
    .string({ error: requiredKey })
    .transform((value) => normalizeText(value))
    .pipe(
      z
        .string()
        .min(1, { error: requiredKey })
        .max(60)
        .regex(NAME_CHARACTERS, msg('patient.name.invalidCharacters')),
    );

const optional = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z.string().nullish().transform(emptyToNull).pipe(inner.nullable());

const optionalName = optional(
  z
    .string()
    .transform((value) => normalizeText(value))
    .pipe(z.string().max(60).regex(NAME_CHARACTERS, msg('patient.name.invalidCharacters'))),
);

const optionalLatinName = optional(
  z
    .string()
    .transform((value) => normalizeText(value))
    .pipe(z.string().max(60).regex(LATIN_NAME_CHARACTERS, msg('patient.name.latinOnly'))),
);

const optionalText = (max: number) =>
  optional(
    z
      .string()
      .transform((value) => normalizeText(value))
      .pipe(z.string().max(max)),
  );

const nationalId = optional(
  z.string().transform((value, ctx) => {
    const normalized = normalizeNationalId(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: key('patient.nationalId.invalidFormat') });
      return z.NEVER;
    }
    if (!isValidNationalId(normalized)) {
      ctx.addIssue({ code: 'custom', message: key('patient.nationalId.checksum') });
      return z.NEVER;
    }
    return normalized;
  }),
);

const phone = optional(
  z.string().transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: key('patient.phone.invalid') });
      return z.NEVER;
    }
    return normalized;
  }),
);

/** Birth date as typed (Jalali) or as a date picker gives it (ISO); stored as Gregorian ISO. */
export const parseBirthDate = parseCalendarDate;

const birthDate = optional(
  z.string().transform((value, ctx) => {
    const iso = parseBirthDate(value);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: key('patient.birthDate.invalid') });
      return z.NEVER;
    }
    const today = new Date().toISOString().slice(0, 10);
    if (iso > today) {
      ctx.addIssue({ code: 'custom', message: key('patient.birthDate.future') });
      return z.NEVER;
    }
    if (iso < '1900-01-01') {
      ctx.addIssue({ code: 'custom', message: key('patient.birthDate.tooOld') });
      return z.NEVER;
    }
    return iso;
  }),
);

const mrn = optional(
  z
    .string()
    .transform((value) => toAsciiDigits(value).trim().toUpperCase())
    .pipe(z.string().regex(MRN_PATTERN, msg('patient.mrn.invalid'))),
);

const sex = z
  .enum(sexes, msg('patient.sex.invalid'))
  .nullish()
  .transform((value) => value ?? null);

const fields = {
  firstName: name('patient.firstName.required'),
  lastName: name('patient.lastName.required'),
  firstNameLatin: optionalLatinName,
  lastNameLatin: optionalLatinName,
  fatherName: optionalName,
  nationalId,
  birthDate,
  sex,
  phone,
  address: optionalText(300),
  helssaRef: optionalText(64),
  allergies: optionalText(2000),
  notes: optionalText(4000),
};

/** A new patient. The MRN may be given (records moved from paper) or is assigned. */
export const newPatientSchema = z.object({ ...fields, mrn });
export type NewPatientInput = z.input<typeof newPatientSchema>;
export type NewPatient = z.output<typeof newPatientSchema>;

/** A change: only the fields present are changed; null or '' clears an optional field. */
export const patientUpdateSchema = z.object(fields).partial();
export type PatientUpdateInput = z.input<typeof patientUpdateSchema>;
export type PatientUpdate = z.output<typeof patientUpdateSchema>;

export const patientSearchSchema = z.object({
  query: z.string().max(100),
  limit: z.number().int().min(1).max(200).default(50),
});
export type PatientSearchInput = z.input<typeof patientSearchSchema>;
