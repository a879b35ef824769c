import { z } from 'zod';
import { msg } from './validation';
import { setupAdminSchema } from './accounts';
import { normalizeText } from './text/normalize';

const optionalText = (max: number) =>
  z
    .string()
    .transform((value) => normalizeText(value))
    .pipe(z.string().max(max))
    .nullish()
    .transform((value) => (value ? value : null));

export const clinicProfileSchema = z.object({
  name: z
    .string(msg('clinic.name.required'))
    .transform((value) => normalizeText(value))
    .pipe(z.string().min(1, msg('clinic.name.required')).max(120)),
  nameEn: optionalText(120),
  address: optionalText(300),
  phone: optionalText(40),
  helssaClinicId: optionalText(64),
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, msg('clinic.timeZone.invalid'))
    .default('Asia/Tehran'),
});
export type ClinicProfileInput = z.input<typeof clinicProfileSchema>;

export const clinicProfileOutputSchema = z.strictObject({
  name: z.string(),
  nameEn: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  helssaClinicId: z.string().nullable(),
  timeZone: z.string(),
});
export type ClinicProfile = z.infer<typeof clinicProfileOutputSchema>;

/** First-run setup: the clinic and its first administrator. */
export const setupSchema = z.object({
  clinic: clinicProfileSchema,
  admin: setupAdminSchema,
});
export type SetupInput = z.input<typeof setupSchema>;
