import type { AccessAction, ResourceType } from '../../../electron/shared/access';
import { roles, type Role } from '../../../electron/shared/roles';
import type { I18n } from '../../i18n/i18n';
import type { UiStringKey } from '../../i18n/strings';

/** Every access-log query starts with this key, so one invalidation refreshes them all. */
export const AUDIT_QUERY = ['audit'] as const;

export function actionLabel(i18n: I18n, action: AccessAction): string {
  return i18n.t(`audit.action.${action}`);
}

export function resourceLabel(i18n: I18n, type: ResourceType): string {
  return i18n.t(`audit.resource.${type}`);
}

export function roleLabel(i18n: I18n, role: string | null): string {
  if (role === null) return i18n.t('common.none');
  return (roles as readonly string[]).includes(role) ? i18n.t(`role.${role as Role}`) : role;
}

/** The reasons the core writes (plain English) as people read them; unknown ones as written. */
const REASONS: Readonly<Record<string, UiStringKey>> = {
  idle: 'audit.reason.idle',
  'by user': 'audit.reason.byUser',
  'account locked': 'audit.reason.accountLocked',
  'account disabled': 'audit.reason.accountDisabled',
  'wrong password': 'audit.reason.wrongPassword',
  'wrong password; account locked': 'audit.reason.wrongPasswordLocked',
  'unknown user': 'audit.reason.unknownUser',
  'lockout lifted': 'audit.reason.lockoutLifted',
  'chain intact': 'audit.reason.chainIntact',
  'chain broken': 'audit.reason.chainBroken',
  'restore requested': 'audit.reason.restoreRequested',
  'database restored from backup': 'audit.reason.restored',
  completed: 'audit.reason.completed',
  started: 'audit.reason.started',
  'values remain under the old key': 'audit.reason.oldKeyRemains',
};
const LACKS = /^role (\w+) lacks ([\w.]+)$/;

export function reasonText(i18n: I18n, reason: string): { text: string; known: boolean } {
  const key = REASONS[reason];
  if (key) return { text: i18n.t(key), known: true };
  const lacks = LACKS.exec(reason);
  if (lacks) {
    return {
      text: i18n.t('audit.reason.lacks', {
        role: roleLabel(i18n, lacks[1]!),
        permission: lacks[2]!,
      }),
      known: true,
    };
  }
  return { text: reason, known: false };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * UUIDs shortened to their last characters (the first ones of a UUIDv7 are only a timestamp, the
 * same for everything made in the same moment); other ids and codes (e.g. a setting's key) whole.
 */
export function shortId(id: string): string {
  return UUID.test(id) ? `…${id.slice(-8)}` : id;
}

/** An id or code, left to right and shortened, with the whole id on hover. */
export function ShortId({ id }: { id: string }) {
  return (
    <span className="ltr" title={id}>
      {shortId(id)}
    </span>
  );
}

export function isValidDate(date: Date | null): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/** The first and the last instant of a calendar day on this computer, as ISO instants. */
export function dayStart(date: Date): string {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).toISOString();
}

export function dayEnd(date: Date): string {
  return new Date(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    23,
    59,
    59,
    999,
  ).toISOString();
}
