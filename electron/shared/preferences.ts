import { z } from 'zod';

/** Per-workstation preferences (not clinic data): kept beside the database, not in it. */
export const languages = ['fa', 'en'] as const;
export const preferencesSchema = z.strictObject({
  language: z.enum(languages).default('fa'),
});
export type Preferences = z.infer<typeof preferencesSchema>;
