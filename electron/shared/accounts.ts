import { z } from 'zod';
import { msg } from './validation';
import { roles } from './roles';
import { passwordProblems } from './passwords';
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

const userFields = {
  username: usernameSchema,
  displayName: displayNameSchema,
  specialty: optionalText(100),
  medicalCouncilNo: optionalText(20),
  password: z.string(msg('account.password.required')).max(256),
};

/** The password rules, reported under `password` together with every other field's problem. */
function passwordRule(value: { username: string; password: string }, ctx: z.RefinementCtx): void {
  for (const problem of passwordProblems(value.password, value.username)) {
    ctx.addIssue({
      code: 'custom',
      path: ['password'],
      message: problem.messageKey,
      ...(problem.params ? { params: problem.params } : {}),
    });
  }
}

export const newUserSchema = z
  .object({ ...userFields, role: z.enum(roles, msg('account.role.invalid')) })
  .superRefine(passwordRule);
export type NewUserInput = z.input<typeof newUserSchema>;

/** The first administrator at setup: a new user whose role is not chosen. */
export const setupAdminSchema = z.object(userFields).superRefine(passwordRule);

export const userUpdateSchema = z.object({
  displayName: displayNameSchema.optional(),
  role: z.enum(roles, msg('account.role.invalid')).optional(),
  specialty: optionalText(100).optional(),
  medicalCouncilNo: optionalText(20).optional(),
  isActive: z.boolean().optional(),
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const userSummarySchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  specialty: z.string().nullable(),
  medicalCouncilNo: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const sessionStates = ['active', 'locked'] as const;
export type SessionState = (typeof sessionStates)[number];

export const sessionInfoSchema = z.strictObject({
  id: z.string(),
  user: userSummarySchema,
  state: z.enum(sessionStates),
  startedAt: z.string(),
  lastActivityAt: z.string(),
  /** When the session will lock if nothing happens. */
  locksAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
