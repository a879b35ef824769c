import {
  accessLogFilterSchema,
  periodSchema,
  type AccessEntry,
  type AccessLogFilter,
  type AccessLogPage,
  type AuditVerifyReport,
  type PatientAccessReport,
  type Period,
  type SuspiciousFlag,
  type SuspiciousKind,
} from '../../shared/access';
import type { Actor } from '../../shared/roles';
import { readClinicProfile } from '../clinic/clinic-service';
import { q, type ClinicDatabase, type ReadTx } from '../db/database';
import type { SettingsService } from '../settings/settings-service';
import { parseInput } from '../validation';
import type { AccessControl } from './access-control';
import { toEntry, type AccessLog } from './access-log';

/** Actions that take patient data out of the app. */
const EXPORT_ACTIONS = ['export', 'print', 'backup'] as const;

interface ReportDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly settings: SettingsService;
}

/**
 * Reading the access log: the filtered list for the viewer, the per-patient report and the
 * suspicious-activity flags of HELSSA's audit service (seed 002): after-hours access, rapid
 * access to many patients, bulk export. Looking at the log is itself logged.
 */
export class AccessReportService {
  private readonly deps: ReportDeps;

  constructor(deps: ReportDeps) {
    this.deps = deps;
  }

  list(actor: Actor, filter: AccessLogFilter): AccessLogPage {
    const { access, db, log } = this.deps;
    access.require(actor, 'access_log.view', { action: 'view', resourceType: 'access_log' });
    const f = parseInput(accessLogFilterSchema, filter);
    return db.write((tx) => {
      let query = q.selectFrom('access_log').selectAll();
      if (f.from) query = query.where('at', '>=', f.from);
      if (f.to) query = query.where('at', '<=', f.to);
      if (f.userId) query = query.where('user_id', '=', f.userId);
      if (f.patientId) query = query.where('patient_id', '=', f.patientId);
      if (f.action) query = query.where('action', '=', f.action);
      if (f.granted !== undefined) query = query.where('granted', '=', f.granted ? 1 : 0);
      if (f.beforeSeq) query = query.where('seq', '<', f.beforeSeq);
      const rows = tx.all(query.orderBy('seq', 'desc').limit(f.limit + 1));
      const entries = rows.slice(0, f.limit).map(toEntry);
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'access_log',
        patientId: f.patientId ?? null,
        granted: true,
        detail: { entries: entries.length },
      });
      return {
        entries,
        nextBeforeSeq: rows.length > f.limit ? (entries.at(-1)?.seq ?? null) : null,
      };
    });
  }

  patientReport(actor: Actor, patientId: string, period: Period = {}): PatientAccessReport {
    const { access, db, log } = this.deps;
    access.require(actor, 'access_log.view', {
      action: 'view',
      resourceType: 'access_log',
      patientId,
    });
    const p = parseInput(periodSchema, period);
    return db.write((tx) => {
      let base = q.selectFrom('access_log').where('patient_id', '=', patientId);
      if (p.from) base = base.where('at', '>=', p.from);
      if (p.to) base = base.where('at', '<=', p.to);
      const rows = tx.all(base.selectAll().orderBy('seq'));
      const entries = rows.map(toEntry);
      const report: PatientAccessReport = {
        patientId,
        summary: {
          total: entries.length,
          uniqueUsers: new Set(entries.map((entry) => entry.userId)).size,
          granted: entries.filter((entry) => entry.granted).length,
          denied: entries.filter((entry) => !entry.granted).length,
        },
        byUser: countBy(
          entries,
          (entry) => entry.userId ?? '',
          (group) => ({
            userId: group[0]!.userId,
            username: group[0]!.username,
            role: group[0]!.role,
            count: group.length,
            lastAt: group.at(-1)!.at,
          }),
        ),
        byAction: countBy(
          entries,
          (entry) => entry.action,
          (group) => ({
            action: group[0]!.action,
            count: group.length,
          }),
        ),
        byResource: countBy(
          entries,
          (entry) => entry.resourceType,
          (group) => ({
            resourceType: group[0]!.resourceType,
            count: group.length,
            granted: group.filter((entry) => entry.granted).length,
          }),
        ),
        recent: entries.slice(-20).reverse(),
        flags: this.flagsFor(tx, entries, p),
      };
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'access_log',
        patientId,
        granted: true,
        detail: { report: 'patient' },
      });
      return report;
    });
  }

  /** Walks the whole hash chain on an administrator's behalf, and records that it was checked. */
  verifyChain(actor: Actor): AuditVerifyReport {
    const { access, db, log } = this.deps;
    access.require(actor, 'access_log.verify', { action: 'verify', resourceType: 'access_log' });
    const report = log.verify(db);
    log.record(db, {
      actor,
      action: 'verify',
      resourceType: 'access_log',
      granted: true,
      reason: report.ok ? 'chain intact' : 'chain broken',
      detail: { entries: report.entries, problems: report.problems.length },
    });
    return report;
  }

  /** Every flag in a period, across all users and patients (the administrator's overview). */
  suspiciousActivity(actor: Actor, period: Period = {}): SuspiciousFlag[] {
    const { access, db, log } = this.deps;
    access.require(actor, 'access_log.view', { action: 'view', resourceType: 'access_log' });
    const p = parseInput(periodSchema, period);
    return db.write((tx) => {
      let base = q.selectFrom('access_log').selectAll();
      if (p.from) base = base.where('at', '>=', p.from);
      if (p.to) base = base.where('at', '<=', p.to);
      const entries = tx.all(base.orderBy('seq')).map(toEntry);
      const flags = this.flagsFor(tx, entries, p);
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'access_log',
        granted: true,
        detail: { report: 'suspicious', flags: flags.length },
      });
      return flags;
    });
  }

  /**
   * Flags touching `entries`. Rapid access and bulk export depend on what the same users did to
   * other patients, so those users' entries in the period are read as well.
   */
  private flagsFor(
    tx: ReadTx,
    entries: readonly AccessEntry[],
    period: { from?: string; to?: string },
  ): SuspiciousFlag[] {
    const { settings } = this.deps;
    const timeZone = readClinicProfile(tx)?.timeZone ?? 'Asia/Tehran';
    const hours = settings.get('audit.afterHours', tx);
    const rapid = settings.get('audit.rapidAccess', tx);
    const bulk = settings.get('audit.bulkExport', tx);
    const flags: SuspiciousFlag[] = [];

    const localHour = hourIn(timeZone);
    // Reviewing the log at night is not access to patients.
    const afterHours = entries.filter(
      (entry) =>
        entry.userId !== null &&
        entry.resourceType !== 'access_log' &&
        isAfterHours(localHour(entry.at), hours),
    );
    for (const group of groupBy(afterHours, (entry) => entry.userId ?? '').values()) {
      flags.push(flag('after_hours_access', group, group.length));
    }

    const seqsOfInterest = new Set(entries.map((entry) => entry.seq));
    const users = [
      ...new Set(entries.map((entry) => entry.userId).filter((id): id is string => id !== null)),
    ];
    for (const userId of users) {
      let query = q
        .selectFrom('access_log')
        .selectAll()
        .where('user_id', '=', userId)
        .where('granted', '=', 1);
      if (period.from) query = query.where('at', '>=', period.from);
      if (period.to) query = query.where('at', '<=', period.to);
      const history = tx.all(query.orderBy('seq')).map(toEntry);

      const patientAccess = history.filter(
        (entry) => entry.patientId !== null && entry.resourceType !== 'access_log',
      );
      for (const burst of bursts(
        patientAccess,
        rapid.windowMinutes,
        (window) => new Set(window.map((entry) => entry.patientId)).size >= rapid.patients,
      )) {
        if (burst.some((entry) => seqsOfInterest.has(entry.seq))) {
          flags.push(
            flag('rapid_access', burst, new Set(burst.map((entry) => entry.patientId)).size),
          );
        }
      }

      const exports = history.filter((entry) =>
        (EXPORT_ACTIONS as readonly string[]).includes(entry.action),
      );
      for (const burst of bursts(
        exports,
        bulk.windowMinutes,
        (window) => window.length >= bulk.actions,
      )) {
        if (burst.some((entry) => seqsOfInterest.has(entry.seq))) {
          flags.push(flag('bulk_export', burst, burst.length));
        }
      }
    }
    return flags;
  }
}

function isAfterHours(hour: number, hours: { startHour: number; endHour: number }): boolean {
  return hours.startHour > hours.endHour
    ? hour >= hours.startHour || hour < hours.endHour
    : hour >= hours.startHour && hour < hours.endHour;
}

function hourIn(timeZone: string): (iso: string) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
  return (iso) => Number(format.format(new Date(iso)));
}

/**
 * Maximal runs of entries where some window of `windowMinutes` satisfies `isBurst`; overlapping
 * windows merge into one burst so a long spree is reported once.
 */
function bursts(
  entries: readonly AccessEntry[],
  windowMinutes: number,
  isBurst: (window: readonly AccessEntry[]) => boolean,
): AccessEntry[][] {
  const windowMs = windowMinutes * 60_000;
  const result: AccessEntry[][] = [];
  let start = 0;
  let current: { from: number; to: number } | null = null;
  for (let end = 0; end < entries.length; end += 1) {
    const endTime = Date.parse(entries[end]!.at);
    while (Date.parse(entries[start]!.at) < endTime - windowMs) start += 1;
    const window = entries.slice(start, end + 1);
    if (!isBurst(window)) continue;
    if (current && start <= current.to) current.to = end;
    else {
      if (current) result.push(entries.slice(current.from, current.to + 1));
      current = { from: start, to: end };
    }
  }
  if (current) result.push(entries.slice(current.from, current.to + 1));
  return result;
}

function flag(
  kind: SuspiciousKind,
  entries: readonly AccessEntry[],
  count: number,
): SuspiciousFlag {
  return {
    kind,
    userId: entries[0]!.userId,
    username: entries[0]!.username,
    seqs: entries.map((entry) => entry.seq),
    firstAt: entries[0]!.at,
    lastAt: entries.at(-1)!.at,
    count,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function countBy<T, R extends { count: number }>(
  items: readonly T[],
  key: (item: T) => string,
  summarize: (group: T[]) => R,
): R[] {
  return [...groupBy(items, key).values()].map(summarize).sort((a, b) => b.count - a.count);
}
