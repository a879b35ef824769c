import { asSignedInUser } from '../clinic';
import { defineCommand } from '../command';
import { EXIT, usageError } from '../errors';

const text = (fa: string, en: string) => ({ fa, en });

export const reportsVerifyCommand = defineCommand({
  path: ['reports', 'verify'],
  synopsis: '<visit-id>',
  summary: text(
    'امضای هر نسخهٔ تأییدشدهٔ گزارش SOAP یک ویزیت و زنجیرهٔ اصلاحیه‌های آن را بررسی می‌کند؛ اگر نسخه‌ای پس از امضا تغییر کرده، جابه‌جا یا حذف شده باشد، آن را نام می‌برد و با کد ۵ بیرون می‌آید.',
    "Checks the signature of every approved version of a visit's SOAP report and the chain of its amendments; names any version changed, moved or removed after signing, and exits with 5 if one was.",
  ),
  positional: { name: '<visit-id>', required: true },
  options: {},
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: { encounterId: '<visit-id>' },
  run(context) {
    const { out, args } = context;
    const [encounterId, ...extra] = args.positionals;
    if (extra.length > 0) throw usageError('cli.usage.unexpectedArgument');
    if (encounterId === undefined)
      throw usageError('cli.usage.missingArgument', { name: '<visit-id>' });
    return asSignedInUser(context, [], ({ services, actor }) => {
      const check = services.reports.verify(actor, encounterId);
      if (out.json) {
        out.document(check);
      } else {
        out.say(check.ok ? 'cli.reports.verified' : 'cli.reports.broken', {
          versions: check.versions.length,
        });
        for (const version of check.versions) {
          out.say(
            version.ok ? 'cli.reports.versionOk' : 'cli.reports.versionBroken',
            { version: version.version, fingerprint: version.fingerprint },
            '  ',
          );
          // The reason is technical English (names and positions, never content).
          if (version.reason) out.print([`    (${version.reason})`]);
        }
      }
      return check.ok ? EXIT.ok : EXIT.integrity;
    });
  },
});
