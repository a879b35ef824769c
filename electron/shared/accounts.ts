import { z } from 'zod';
import { msg } from './validation';
import { roles } from './roles';
import { normalizeText } from './text/normalize';

/** What a person may choose as a user name: Latin letters, digits, dot, dash, underscore. */
export const usernameSchema = z
  .string(msg('account.username.required'))
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, msg('account.username.invalid'));

const displayNameSchema = z
  .string(msg('account.displayName.required'))
  .transform((value) => normalizeText(value))
  .pipe(z.string().min(1, msg('account.displayName.required')).max(100));

const optionalText = (max: number) =>
  z
    .string()
    .transform((value) => normalizeText(value))
    .pipe(z.string().max(max))
    .transform((value) => (value === '' ? null : value))
    .nullish()
    .transform((value) => value ?? null);

export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: z.enum(roles, msg('account.role.invalid')),
  specialty: optionalText(100),
  medicalCouncilNo: optionalText(20),
  password: z.string(msg('account.password.required')),
});
export type NewUserInput = z.input<typeof newUserSchema>;

export const userUpdateSchema = z.object({
  displayName: displayNameSchema.optional(),
  role: z.enum(roles, msg('account.role.invalid')).optional(),
  specialty: optionalText(100).optional(),
  medicalCouncilNo: optionalText(20).optional(),
  isActive: z.boolean().optional(),
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: (typeof roles)[number];
  readonly specialty: string | null;
  readonly medicalCouncilNo: string | null;
  readonly isActive: boolean;
  readonly mustChangePassword: boolean;
  readonly lockedUntil: string | null;
}
