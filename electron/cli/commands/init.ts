import { ClinicCore } from '../../core/clinic-core';
import { PassphraseKeyVault } from '../../core/crypto/passphrase-vault';
import { AppError } from '../../core/errors';
import { defineCommand } from '../command';
import { EXIT } from '../errors';
import { secretVariables } from '../secrets';

export const initCommand = defineCommand({
  path: ['init'],
  synopsis:
    '--clinic-name <name> [--clinic-name-en <name>] --admin <username> --admin-name <display name>',
  summary: {
    fa: 'راه‌اندازی اولیهٔ پوشهٔ داده: کلیدها (با عبارت عبور کلیدها)، مشخصات کلینیک و نخستین مدیر.',
    en: 'First-run setup of the data folder: the keys (behind the key passphrase), the clinic profile and the first administrator.',
  },
  options: {
    'clinic-name': {
      type: 'string',
      value: '<name>',
      required: true,
      help: { fa: 'نام کلینیک.', en: "The clinic's name." },
    },
    'clinic-name-en': {
      type: 'string',
      value: '<name>',
      help: { fa: 'نام انگلیسی کلینیک.', en: "The clinic's name in English." },
    },
    admin: {
      type: 'string',
      value: '<username>',
      required: true,
      help: { fa: 'نام کاربری مدیر.', en: "The administrator's user name." },
    },
    'admin-name': {
      type: 'string',
      value: '<display name>',
      required: true,
      help: { fa: 'نام نمایشی مدیر.', en: "The administrator's display name." },
    },
  },
  actsAsUser: false,
  secrets: ['passphrase', 'newPassword'],
  fields: {
    'clinic.name': '--clinic-name',
    'clinic.nameEn': '--clinic-name-en',
    'admin.username': '--admin',
    'admin.displayName': '--admin-name',
    'admin.password': secretVariables.newPassword,
  },
  async run(context) {
    const { args, out, secrets } = context;
    const username = args.required('admin');
    const core = ClinicCore.open({ dataDir: context.dataDir, logger: context.logger() });
    try {
      // Refused before any secret is asked for.
      if (core.isSetUp()) throw new AppError('already_set_up', 'setup.alreadyDone');
      secrets.ensureAvailable('passphrase', 'newPassword');
      const passphrase = await secrets.get('passphrase', {
        prompt: 'cli.prompt.newPassphrase',
        confirm: true,
      });
      PassphraseKeyVault.assertStrongEnough(passphrase);
      const password = await secrets.get('newPassword', {
        prompt: 'cli.prompt.newPassword',
        params: { username },
        confirm: true,
      });
      const { admin } = await core.setUp([new PassphraseKeyVault(passphrase)], {
        clinic: {
          name: args.required('clinic-name'),
          nameEn: args.string('clinic-name-en') ?? null,
        },
        admin: { username, displayName: args.required('admin-name'), password },
      });
      const clinic = core.services.clinic.profile();
      if (out.json) {
        out.document({ ok: true, dataDir: context.dataDir, clinic, admin });
      } else {
        out.say('cli.init.done', { clinic: clinic.name });
        out.say('cli.init.admin', { username: admin.username });
        out.say('cli.common.dataDir', { dir: context.dataDir });
        out.say('cli.init.keepPassphrase');
      }
      return EXIT.ok;
    } finally {
      core.close();
    }
  },
});
