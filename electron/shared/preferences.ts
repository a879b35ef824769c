import { z } from 'zod';

/** Per-workstation preferences (not clinic data): kept beside the database, not in it. */
export const languages = ['fa', 'en'] as const;
export const preferencesSchema = z.strictObject({
  language: z.enum(languages).default('fa'),
  /**
   * The microphone chosen for recording on this workstation (the browser's device id, which is
   * stable per machine and origin). Absent: the system's default microphone.
   */
  microphoneId: z.string().max(512).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/**
 * A change to some preferences; the others stay as they are (the language switch must not forget
 * the microphone). `microphoneId: null` goes back to the system's default microphone.
 */
export const preferencesUpdateSchema = z.strictObject({
  language: z.enum(languages).optional(),
  microphoneId: z.string().max(512).nullable().optional(),
});
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;
