import type { NewUserInput, UserSummary } from '../../shared/accounts';
import { asSignedInUser } from '../clinic';
import { defineCommand } from '../command';
import { EXIT } from '../errors';
import { secretVariables } from '../secrets';

export const usersAddCommand = defineCommand({
  path: ['users', 'add'],
  synopsis:
    '--username <name> --name <display name> --role admin|doctor|staff [--specialty <text>] [--council-no <no>]',
  summary: {
    fa: 'افزودن کاربر؛ گذرواژهٔ کاربر تازه از HELSSA_NEW_PASSWORD یا پرسش (دو بار).',
    en: "Adds a user; the new user's password comes from HELSSA_NEW_PASSWORD or a prompt (twice).",
  },
  options: {
    username: {
      type: 'string',
      value: '<name>',
      required: true,
      help: {
        fa: 'نام کاربری (حروف لاتین، رقم، . - _).',
        en: 'User name (Latin letters, digits, . - _).',
      },
    },
    name: {
      type: 'string',
      value: '<display name>',
      required: true,
      help: { fa: 'نام نمایشی.', en: 'Display name.' },
    },
    role: {
      type: 'string',
      value: 'admin|doctor|staff',
      required: true,
      help: { fa: 'نقش: مدیر، پزشک یا کارمند.', en: 'Role: admin, doctor or staff.' },
    },
    specialty: {
      type: 'string',
      value: '<text>',
      help: { fa: 'تخصص پزشک.', en: "The doctor's specialty." },
    },
    'council-no': {
      type: 'string',
      value: '<no>',
      help: { fa: 'شمارهٔ نظام پزشکی.', en: 'Medical council number.' },
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password', 'newPassword'],
  fields: {
    username: '--username',
    displayName: '--name',
    role: '--role',
    specialty: '--specialty',
    medicalCouncilNo: '--council-no',
    password: secretVariables.newPassword,
  },
  run(context) {
    const { args, out } = context;
    return asSignedInUser(context, ['newPassword'], async ({ services, actor }) => {
      const username = args.required('username');
      const password = await context.secrets.get('newPassword', {
        prompt: 'cli.prompt.newPassword',
        params: { username },
        confirm: true,
      });
      const user = await services.accounts.createUser(actor, {
        username,
        displayName: args.required('name'),
        // Checked against the roles by the core's schema (exit 3 with its message).
        role: args.required('role') as NewUserInput['role'],
        specialty: args.string('specialty') ?? null,
        medicalCouncilNo: args.string('council-no') ?? null,
        password,
      });
      if (out.json) out.document({ ok: true, user });
      else out.say('cli.users.added', { username: user.username, role: user.role });
      return EXIT.ok;
    });
  },
});

export const usersListCommand = defineCommand({
  path: ['users', 'list'],
  synopsis: '',
  summary: { fa: 'فهرست کاربران.', en: 'Lists the users.' },
  options: {},
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  run(context) {
    const { out } = context;
    return asSignedInUser(context, [], ({ services, actor }) => {
      const users = services.accounts.listUsers(actor);
      if (out.json) {
        out.document({ ok: true, users });
        return EXIT.ok;
      }
      if (users.length === 0) {
        out.say('cli.users.none');
        return EXIT.ok;
      }
      out.table(
        [
          { label: 'cli.col.username' },
          { label: 'cli.col.displayName' },
          { label: 'cli.col.role' },
          { label: 'cli.col.specialty' },
          { label: 'cli.col.councilNo' },
          { label: 'cli.col.status' },
        ],
        users.map((user) => [
          user.username,
          user.displayName,
          user.role,
          user.specialty ?? '',
          user.medicalCouncilNo ?? '',
          statusOf(user),
        ]),
      );
      return EXIT.ok;
    });
  },
});

function statusOf(user: UserSummary): string {
  if (!user.isActive) return 'disabled';
  if (user.lockedUntil && user.lockedUntil > new Date().toISOString()) {
    return `locked until ${user.lockedUntil}`;
  }
  return user.mustChangePassword ? 'active (must change password)' : 'active';
}
