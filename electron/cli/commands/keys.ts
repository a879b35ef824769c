import { asSignedInUser } from '../clinic';
import { defineCommand } from '../command';
import { EXIT } from '../errors';

/** Progress lines on a pipe: at most one a second (a terminal gets one line, rewritten). */
const PIPE_PROGRESS_INTERVAL_MS = 1000;

export const keysRotateCommand = defineCommand({
  path: ['keys', 'rotate'],
  synopsis: '[--batch-size <n>]',
  summary: {
    fa: 'چرخش کلید داده: همهٔ مقدارهای رمزشده با کلید تازه رمز می‌شوند. چرخش نیمه‌کاره خودکار از سر گرفته می‌شود.',
    en: 'Rotates the data key: every encrypted value is re-encrypted with a new key. An interrupted rotation is resumed automatically.',
  },
  options: {
    'batch-size': {
      type: 'string',
      value: '<n>',
      help: {
        fa: 'تعداد ردیف در هر تراکنش (پیش‌فرض ۵۰۰).',
        en: 'Rows per transaction (default 500).',
      },
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  run(context) {
    const { args, out } = context;
    const batchSize = args.integer('batch-size');
    return asSignedInUser(context, [], async ({ services, actor }) => {
      const pending = services.keys.pending();
      if (pending) {
        out.warn('cli.keys.resuming', {
          from: pending.from_key_id,
          to: pending.to_key_id,
          done: pending.values_done,
          total: pending.values_total,
        });
      } else {
        out.warn('cli.keys.starting');
      }
      const rewrite = context.stderrIsTty;
      let lastShown = 0;
      let shownAny = false;
      const report = await services.keys.rotate(actor, {
        ...(batchSize === undefined ? {} : { batchSize }),
        onProgress: ({ done, total, table }) => {
          const now = Date.now();
          if (!rewrite && now - lastShown < PIPE_PROGRESS_INTERVAL_MS) return;
          lastShown = now;
          shownAny = true;
          out.progress('cli.keys.progress', { done, total, table }, rewrite);
        },
      });
      if (shownAny) out.endProgress(rewrite);
      if (out.json) {
        out.document({ ok: true, ...report });
      } else {
        out.say('cli.keys.done', {
          from: report.fromKeyId,
          to: report.toKeyId,
          count: report.rewritten,
        });
        out.say(report.retiredKeyDropped ? 'cli.keys.retired' : 'cli.keys.incomplete');
      }
      return EXIT.ok;
    });
  },
});
