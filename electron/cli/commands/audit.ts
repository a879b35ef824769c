import type { AccessEntry, AuditProblem, SuspiciousFlag } from '../../shared/access';
import type { CommandArgs } from '../args';
import { asSignedInUser } from '../clinic';
import { defineCommand } from '../command';
import { EXIT } from '../errors';
import type { Output } from '../output';

const text = (fa: string, en: string) => ({ fa, en });

const periodOptions = {
  from: {
    type: 'string',
    value: '<ISO time>',
    help: text(
      'از این زمان (ISO، مانند 2025-03-21T00:00:00Z؛ تاریخ تنها یعنی آغاز آن روز به UTC).',
      'From this time (ISO, e.g. 2025-03-21T00:00:00Z; a bare date means the start of that UTC day).',
    ),
  },
  to: {
    type: 'string',
    value: '<ISO time>',
    help: text(
      'تا این زمان (تاریخ تنها یعنی پایان آن روز به UTC).',
      'Up to this time (a bare date means the end of that UTC day).',
    ),
  },
} as const;

export const auditVerifyCommand = defineCommand({
  path: ['audit', 'verify'],
  synopsis: '',
  summary: text(
    'بررسی زنجیرهٔ هش گزارش دسترسی؛ اگر رویدادی ویرایش، حذف یا جابه‌جا شده باشد، آن را نام می‌برد و با کد ۵ بیرون می‌آید.',
    'Checks the access log’s hash chain; names every entry that was edited, deleted or moved, and exits with 5 if any was.',
  ),
  options: {},
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  run(context) {
    const { out } = context;
    return asSignedInUser(context, [], ({ services, actor }) => {
      const report = services.audit.verifyChain(actor);
      if (out.json) {
        out.document(report);
      } else if (report.ok) {
        out.say('cli.audit.ok', { entries: report.entries, lastSeq: report.lastSeq });
      } else {
        out.say('cli.audit.broken', { count: report.problems.length, entries: report.entries });
        for (const problem of report.problems) printProblem(out, problem);
      }
      return report.ok ? EXIT.ok : EXIT.integrity;
    });
  },
});

function printProblem(out: Output, problem: AuditProblem): void {
  const key = `cli.audit.problem.${problem.kind}` as const;
  out.say(key, { seq: problem.seq }, '  ');
  // The core's note is technical English (positions only, never content).
  out.print([`    (${problem.note})`]);
}

export const auditReportCommand = defineCommand({
  path: ['audit', 'report'],
  synopsis: '--patient <id> [--from <ISO time>] [--to <ISO time>]',
  summary: text(
    'گزارش دسترسی به پروندهٔ یک بیمار: چه کسی، چه کاری، چه زمانی، و موارد مشکوک.',
    "Who looked at one patient's record, what they did and when, with any suspicious activity.",
  ),
  options: {
    patient: {
      type: 'string',
      value: '<id>',
      required: true,
      help: text('شناسهٔ بیمار.', "The patient's id."),
    },
    ...periodOptions,
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: { from: '--from', to: '--to' },
  run(context) {
    const { args, out } = context;
    const period = periodOf(args);
    return asSignedInUser(context, [], ({ services, actor }) => {
      const patientId = args.required('patient');
      const report = services.audit.patientReport(actor, patientId, period);
      if (out.json) {
        out.document({ ok: true, ...report });
        return EXIT.ok;
      }
      out.say('cli.audit.report.title', { patientId });
      printPeriod(out, period);
      out.say('cli.audit.report.summary', {
        total: report.summary.total,
        users: report.summary.uniqueUsers,
        granted: report.summary.granted,
        denied: report.summary.denied,
      });
      if (report.summary.total > 0) {
        out.blank();
        out.say('cli.audit.report.byUser');
        out.table(
          [
            { label: 'cli.col.user' },
            { label: 'cli.col.role' },
            { label: 'cli.col.count', align: 'right' },
            { label: 'cli.col.last' },
          ],
          report.byUser.map((row) => [
            row.username ?? '—',
            row.role ?? '',
            String(row.count),
            row.lastAt,
          ]),
        );
        out.blank();
        out.say('cli.audit.report.byAction');
        out.table(
          [{ label: 'cli.col.action' }, { label: 'cli.col.count', align: 'right' }],
          report.byAction.map((row) => [row.action, String(row.count)]),
        );
        out.blank();
        out.say('cli.audit.report.byResource');
        out.table(
          [
            { label: 'cli.col.resource' },
            { label: 'cli.col.count', align: 'right' },
            { label: 'cli.col.granted', align: 'right' },
          ],
          report.byResource.map((row) => [
            row.resourceType,
            String(row.count),
            String(row.granted),
          ]),
        );
        out.blank();
        out.say('cli.audit.report.recent');
        printEntries(out, report.recent);
      }
      out.blank();
      printFlags(out, report.flags);
      return EXIT.ok;
    });
  },
});

export const auditSuspiciousCommand = defineCommand({
  path: ['audit', 'suspicious'],
  synopsis: '[--from <ISO time>] [--to <ISO time>]',
  summary: text(
    'فعالیت‌های مشکوک همهٔ کاربران: دسترسی خارج از ساعت کاری، دسترسی سریع به بیماران بسیار، خروجی گرفتن انبوه.',
    'Suspicious activity by any user: after-hours access, rapid access to many patients, bulk export.',
  ),
  options: periodOptions,
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: { from: '--from', to: '--to' },
  run(context) {
    const { args, out } = context;
    const period = periodOf(args);
    return asSignedInUser(context, [], ({ services, actor }) => {
      const flags = services.audit.suspiciousActivity(actor, period);
      if (out.json) {
        out.document({ ok: true, flags });
        return EXIT.ok;
      }
      printPeriod(out, period);
      printFlags(out, flags);
      return EXIT.ok;
    });
  },
});

/** --from/--to; a bare date (YYYY-MM-DD) is widened to the whole UTC day. */
function periodOf(args: CommandArgs<'from' | 'to'>): { from?: string; to?: string } {
  const widen = (value: string | undefined, time: string) =>
    value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())
      ? `${value.trim()}T${time}Z`
      : value;
  const from = widen(args.string('from'), '00:00:00.000');
  const to = widen(args.string('to'), '23:59:59.999');
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

function printPeriod(out: Output, period: { from?: string; to?: string }): void {
  if (period.from === undefined && period.to === undefined) return;
  out.say('cli.audit.period', { from: period.from ?? '…', to: period.to ?? '…' });
}

function printEntries(out: Output, entries: readonly AccessEntry[]): void {
  out.table(
    [
      { label: 'cli.col.seq', align: 'right' },
      { label: 'cli.col.at' },
      { label: 'cli.col.user' },
      { label: 'cli.col.action' },
      { label: 'cli.col.resource' },
      { label: 'cli.col.result' },
    ],
    entries.map((entry) => [
      String(entry.seq),
      entry.at,
      entry.username ?? '—',
      entry.action,
      entry.resourceType,
      entry.granted ? 'granted' : 'denied',
    ]),
  );
}

function printFlags(out: Output, flags: readonly SuspiciousFlag[]): void {
  if (flags.length === 0) {
    out.say('cli.audit.noFlags');
    return;
  }
  out.say('cli.audit.flags');
  out.table(
    [
      { label: 'cli.col.kind' },
      { label: 'cli.col.user' },
      { label: 'cli.col.count', align: 'right' },
      { label: 'cli.col.first' },
      { label: 'cli.col.last' },
      { label: 'cli.col.entries' },
    ],
    flags.map((flag) => [
      flag.kind,
      flag.username ?? '—',
      String(flag.count),
      flag.firstAt,
      flag.lastAt,
      seqList(flag.seqs),
    ]),
  );
}

function seqList(seqs: readonly number[]): string {
  const shown = seqs.slice(0, 8).map((seq) => `#${seq}`);
  return seqs.length > shown.length ? `${shown.join(' ')} … (${seqs.length})` : shown.join(' ');
}
