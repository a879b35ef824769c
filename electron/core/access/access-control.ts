import type { ResourceType, AccessAction } from '../../shared/access';
import { roleCan, type Actor, type Permission } from '../../shared/roles';
import { AppError } from '../errors';
import type { ClinicDatabase } from '../db/database';
import type { AccessLog } from './access-log';

export interface AccessTarget {
  readonly action: AccessAction;
  readonly resourceType: ResourceType;
  readonly resourceId?: string | null;
  readonly patientId?: string | null;
}

/**
 * Checks a service call against the permission matrix. A refusal is written to the access log in
 * its own transaction — which is why the check must run before the caller opens one (a denial
 * logged inside a transaction that then rolls back would vanish).
 */
export class AccessControl {
  private readonly db: ClinicDatabase;
  private readonly log: AccessLog;

  constructor(db: ClinicDatabase, log: AccessLog) {
    this.db = db;
    this.log = log;
  }

  require(actor: Actor, permission: Permission, target: AccessTarget): void {
    if (roleCan(actor.role, permission)) return;
    if (this.db.raw.inTransaction) {
      throw new Error(`AccessControl.require(${permission}) called inside a transaction`);
    }
    this.log.record(this.db, {
      actor,
      ...target,
      granted: false,
      reason: `role ${actor.role} lacks ${permission}`,
    });
    throw new AppError('permission_denied', 'access.denied', {
      detail: `${actor.role} may not ${permission}`,
    });
  }

  can(actor: Actor, permission: Permission): boolean {
    return roleCan(actor.role, permission);
  }
}
