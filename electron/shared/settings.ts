import { z } from 'zod';

/**
 * Medical vocabulary for whisper's initial prompt, Persian with the English terms doctors mix in.
 * whisper reads only the last ~220 tokens of a prompt, so it stays short.
 */
export const DEFAULT_INITIAL_PROMPT =
  'گفتگوی پزشک و بیمار در مطب. فشار خون، قند خون، ضربان قلب، تب، سرفه، تنگی نفس، درد قفسه سینه، ' +
  'سردرد، آموکسی‌سیلین، استامینوفن، ایبوپروفن، متفورمین، لوزارتان، آتورواستاتین، سالبوتامول، ' +
  'میلی‌گرم، قرص، کپسول، شربت، آمپول، روزی دو بار، هر هشت ساعت.';

/**
 * Clinic-wide settings kept in the database (every workstation of the clinic shares them). Each
 * has a schema and a default; a stored value that no longer fits its schema falls back to the
 * default rather than breaking start-up. Per-machine preferences live outside the database.
 */
export const settingDefinitions = {
  /** Minutes without activity before a session locks. */
  'security.autoLockMinutes': {
    schema: z.number().int().min(1).max(240),
    default: 10,
  },
  /** Local clock hours counted as after-hours access (seed 002: 22:00–06:00). */
  'audit.afterHours': {
    schema: z
      .object({
        startHour: z.number().int().min(0).max(23),
        endHour: z.number().int().min(0).max(23),
      })
      .refine((hours) => hours.startHour !== hours.endHour),
    default: { startHour: 22, endHour: 6 },
  },
  /** One user opening this many different patients within the window is flagged. */
  'audit.rapidAccess': {
    schema: z.object({
      patients: z.number().int().min(2).max(10_000),
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
    default: { patients: 20, windowMinutes: 10 },
  },
  /** This many exports or prints by one user within the window are flagged as bulk export. */
  'audit.bulkExport': {
    schema: z.object({
      actions: z.number().int().min(2).max(10_000),
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
    default: { actions: 10, windowMinutes: 60 },
  },
  /** Length of a recording's chunk files; each is transcribed as soon as it closes. */
  'recording.chunkSeconds': {
    schema: z.number().int().min(5).max(120),
    default: 30,
  },
  /** The language spoken in the room: Persian by default; 'auto' lets whisper detect it. */
  'transcription.language': {
    schema: z.enum(['fa', 'en', 'auto']),
    default: 'fa',
  },
  /** Words whisper should expect (drug names, terms); it biases spelling, not meaning. */
  'transcription.initialPrompt': {
    schema: z.string().max(1000),
    default: DEFAULT_INITIAL_PROMPT,
  },
  /**
   * Skipping silence: 'auto' uses whisper.cpp's Silero VAD when its model is installed and the
   * built-in energy detector otherwise; 'off' transcribes every second.
   */
  'transcription.vad': {
    schema: z.enum(['auto', 'energy', 'off']),
    default: 'auto',
  },
  /** The speech model's manifest id, or 'auto': the recommended model among those installed. */
  'transcription.model': {
    schema: z.string().min(1).max(128),
    default: 'auto',
  },
  /** Where IT keeps models for every workstation (a shared or local folder); '' for none. */
  /** The drafting language model's manifest id, or 'auto': the recommended one among those installed. */
  'drafting.model': {
    schema: z.string().min(1).max(128),
    default: 'auto',
  },
  'models.provisionedDir': {
    schema: z.string().max(4096),
    default: '',
  },
  /** The ffmpeg executable (or its folder) used to import audio files; '' to search for it. */
  'audio.ffmpegPath': {
    schema: z.string().max(4096),
    default: '',
  },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingDefinitions)[K]['schema']>;
export type SettingsSnapshot = { readonly [K in SettingKey]: SettingValue<K> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}
