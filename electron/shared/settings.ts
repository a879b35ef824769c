import { z } from 'zod';

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
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingDefinitions)[K]['schema']>;
export type SettingsSnapshot = { readonly [K in SettingKey]: SettingValue<K> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}
