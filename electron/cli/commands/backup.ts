import type { Actor } from '../../shared/roles';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../../migrations';
import { restoreBackup, type Progress } from '../../core/backup/backup-service';
import { ClinicCore } from '../../core/clinic-core';
import { systemClock } from '../../core/clock';
import { PassphraseKeyVault } from '../../core/crypto/passphrase-vault';
import { loadWorkstation } from '../../core/machine/workstation';
import { dataPaths } from '../../core/paths';
import { asSignedInUser, requireUsername, signIn } from '../clinic';
import { defineCommand, type CommandContext } from '../command';
import { CliError, EXIT } from '../errors';

const text = (fa: string, en: string) => ({ fa, en });

export const backupCommand = defineCommand({
  path: ['backup'],
  synopsis: '--out <file>',
  summary: text(
    'نسخهٔ پشتیبان رمزشده از کل پایگاه داده؛ عبارت عبور آن از HELSSA_BACKUP_PASSPHRASE یا پرسش (دو بار).',
    'Writes an encrypted backup of the whole database; its passphrase comes from HELSSA_BACKUP_PASSPHRASE or a prompt (twice).',
  ),
  options: {
    out: {
      type: 'string',
      value: '<file>',
      required: true,
      help: text(
        'فایل پشتیبان تازه (نباید از پیش وجود داشته باشد).',
        'The new backup file (must not exist yet).',
      ),
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password', 'backupPassphrase'],
  run(context) {
    const { args, out } = context;
    const outFile = path.resolve(args.required('out'));
    return asSignedInUser(context, ['backupPassphrase'], async ({ services, actor }) => {
      const passphrase = await context.secrets.get('backupPassphrase', {
        prompt: 'cli.prompt.newBackupPassphrase',
        confirm: true,
      });
      const progress = byteProgress(context);
      const result = await services.backup.create(actor, {
        outFile,
        passphrase,
        ...(progress ? { onProgress: progress.onProgress } : {}),
      });
      progress?.end();
      if (out.json) {
        out.document({ ok: true, ...result });
      } else {
        out.say('cli.backup.done', { file: result.file, bytes: result.bytes });
        out.say('cli.backup.keepPassphrase');
      }
      return EXIT.ok;
    });
  },
});

export const restoreCommand = defineCommand({
  path: ['restore'],
  synopsis: '--in <file>',
  summary: text(
    'بازیابی پایگاه داده از فایل پشتیبان. همه‌چیز پیش از جایگزینی بررسی می‌شود و پایگاه دادهٔ پیشین کنار گذاشته می‌شود. اگر پوشه کلینیکی راه‌اندازی‌شده دارد، یک مدیر باید با --user وارد شود. کلیدهای بازیابی‌شده با عبارت عبور کلیدها (HELSSA_PASSPHRASE) محافظت می‌شوند.',
    'Restores the database from a backup file. Everything is checked before anything is replaced, and the previous database is kept aside. If the folder holds a set-up clinic, an administrator must sign in with --user. The restored keys are protected by the key passphrase (HELSSA_PASSPHRASE).',
  ),
  options: {
    in: {
      type: 'string',
      value: '<file>',
      required: true,
      help: text('فایل پشتیبان.', 'The backup file.'),
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password', 'backupPassphrase'],
  async run(context) {
    const { args, out, secrets } = context;
    const file = path.resolve(args.required('in'));
    if (!fs.existsSync(file)) throw new CliError('input', 'cli.restore.fileMissing', { file });
    const paths = dataPaths(context.dataDir);

    let current: ClinicCore | null = null;
    if (fs.existsSync(paths.database)) {
      current = ClinicCore.open({ dataDir: context.dataDir, logger: context.logger() });
      if (!current.isSetUp()) {
        current.close();
        current = null;
      }
    }
    let passphrase: string;
    let requestedBy: Actor | null = null;
    try {
      if (current) {
        // Replacing a clinic: an administrator says so, on the record, before it is closed.
        requireUsername(context);
        secrets.ensureAvailable('passphrase', 'password', 'backupPassphrase');
        passphrase = await secrets.get('passphrase', { prompt: 'cli.prompt.passphrase' });
        const services = await current.unlock(new PassphraseKeyVault(passphrase));
        const actor = await signIn(context, services);
        services.backup.authorizeRestore(actor);
        requestedBy = actor;
        current.close();
        current = null;
        out.warn('cli.restore.authorized', { username: actor.username });
      } else {
        secrets.ensureAvailable('passphrase', 'backupPassphrase');
        passphrase = await secrets.get('passphrase', {
          prompt: 'cli.prompt.newPassphrase',
          confirm: true,
        });
        PassphraseKeyVault.assertStrongEnough(passphrase);
      }
    } finally {
      current?.close();
    }

    const backupPassphrase = await secrets.get('backupPassphrase', {
      prompt: 'cli.prompt.backupPassphrase',
    });
    fs.mkdirSync(paths.root, { recursive: true, mode: 0o700 });
    const progress = byteProgress(context);
    const report = await restoreBackup({
      file,
      passphrase: backupPassphrase,
      paths,
      vault: new PassphraseKeyVault(passphrase),
      migrations,
      clock: systemClock,
      logger: context.logger(),
      workstationId: loadWorkstation(paths.workstation).id,
      requestedBy,
      ...(progress ? { onProgress: progress.onProgress } : {}),
    });
    progress?.end();

    // Proof that the restored database opens with the key passphrase (and its schema brought up
    // to date, as any open does).
    const restored = ClinicCore.open({ dataDir: context.dataDir, logger: context.logger() });
    try {
      await restored.unlock(new PassphraseKeyVault(passphrase));
    } finally {
      restored.close();
    }

    if (out.json) {
      out.document({ ok: true, dataDir: context.dataDir, ...report });
      return EXIT.ok;
    }
    out.say('cli.restore.done');
    const check = (line: string) => `  ✓ ${line}`;
    out.print(out.lines('cli.restore.check.chunks').map(check));
    out.print(out.lines('cli.restore.check.integrity').map(check));
    out.print(out.lines('cli.restore.check.schema', { version: report.schemaVersion }).map(check));
    out.print(out.lines('cli.restore.check.values', { count: report.valuesChecked }).map(check));
    out.print(out.lines('cli.restore.check.chain', { entries: report.auditEntries }).map(check));
    out.print(out.lines('cli.restore.check.vault').map(check));
    out.say('cli.restore.createdAt', { at: report.backupCreatedAt });
    out.say('cli.common.dataDir', { dir: context.dataDir });
    if (report.previousDatabase) out.say('cli.restore.previous', { file: report.previousDatabase });
    return EXIT.ok;
  },
});

/** Percent progress on a terminal's stderr; nothing on a pipe (backups are quick). */
function byteProgress(context: CommandContext): { onProgress: Progress; end(): void } | null {
  if (!context.stderrIsTty) return null;
  let shown = -1;
  return {
    onProgress: (done, total) => {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (percent === shown) return;
      shown = percent;
      context.out.progress('cli.backup.progress', { percent }, true);
    },
    end: () => {
      if (shown >= 0) context.out.endProgress(true);
    },
  };
}
