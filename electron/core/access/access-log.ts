import crypto from 'node:crypto';
import type {
  AccessAction,
  AccessDetail,
  AccessEntry,
  AuditProblem,
  AuditVerifyReport,
  ResourceType,
} from '../../shared/access';
import type { Actor } from '../../shared/roles';
import type { Clock } from '../clock';
import { q, type ClinicDatabase, type WriteTx } from '../db/database';
import type { AccessLogTable } from '../db/schema';
import type { KeyRing } from '../crypto/keyring';
import { uuidv7 } from '../ids';

export interface AccessEntryInput {
  /** Who acted; null when nobody is signed in (failed login of an unknown name, setup). */
  readonly actor: Pick<Actor, 'userId' | 'username' | 'role'> | null;
  readonly action: AccessAction;
  readonly resourceType: ResourceType;
  readonly resourceId?: string | null;
  readonly patientId?: string | null;
  readonly granted: boolean;
  readonly reason?: string | null;
  readonly detail?: AccessDetail | null;
}

const GENESIS = Buffer.alloc(32);

/**
 * The append-only access log. Each entry's hash is HMAC-SHA256 (audit key) over the previous
 * entry's hash and the entry's own fields, sequence number included. Editing an entry breaks its
 * hash; deleting one breaks the next entry's link and leaves a gap; moving one breaks both. The
 * key keeps someone with write access to the file from re-computing the chain after an edit.
 * Removing entries from the very end is not visible to the chain alone; syncing the log to the
 * HELSSA server anchors it.
 */
export class AccessLog {
  private readonly key: Buffer;
  private readonly workstationId: string;
  private readonly clock: Clock;

  constructor(ring: KeyRing, workstationId: string, clock: Clock) {
    this.key = ring.active('audit').key;
    this.workstationId = workstationId;
    this.clock = clock;
  }

  /** Appends one entry inside the caller's transaction, so it commits or rolls back with it. */
  append(tx: WriteTx, input: AccessEntryInput): AccessEntry {
    const now = this.clock.now();
    const last = tx.first(
      q.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
    );
    const row: Omit<AccessLogTable, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      id: uuidv7(now.getTime()),
      at: now.toISOString(),
      user_id: input.actor?.userId ?? null,
      username: input.actor?.username ?? null,
      role: input.actor?.role ?? null,
      workstation_id: this.workstationId,
      action: input.action,
      resource_type: input.resourceType,
      resource_id: input.resourceId ?? null,
      patient_id: input.patientId ?? null,
      granted: input.granted ? 1 : 0,
      reason: input.reason ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
      prev_hash: last?.hash ?? GENESIS,
    };
    const hash = this.hashOf(row);
    tx.run(q.insertInto('access_log').values({ ...row, hash }));
    return toEntry({ ...row, hash });
  }

  /** Appends one entry in a transaction of its own (denials, failed logins). */
  record(db: ClinicDatabase, input: AccessEntryInput): AccessEntry {
    return db.write((tx) => this.append(tx, input));
  }

  /** Walks the whole chain and reports every entry that was edited, deleted or moved. */
  verify(db: ClinicDatabase): AuditVerifyReport {
    return db.read(() => {
      const select = db.raw.prepare('SELECT * FROM access_log ORDER BY seq');
      const positionOfHash = new Map<string, number>();
      for (const row of db.raw.prepare('SELECT seq, hash FROM access_log').iterate() as Iterable<
        Pick<AccessLogTable, 'seq' | 'hash'>
      >) {
        positionOfHash.set(row.hash.toString('hex'), row.seq);
      }
      const problems: AuditProblem[] = [];
      let previous: Pick<AccessLogTable, 'seq' | 'hash'> | null = null;
      let entries = 0;
      for (const row of select.iterate() as Iterable<AccessLogTable>) {
        entries += 1;
        if (!this.hashOf(row).equals(row.hash)) {
          problems.push({ seq: row.seq, kind: 'edited', note: 'content does not match its hash' });
        }
        const expectedSeq = (previous?.seq ?? 0) + 1;
        const expectedPrev = previous?.hash ?? GENESIS;
        if (!row.prev_hash.equals(expectedPrev)) {
          const linkedTo = positionOfHash.get(row.prev_hash.toString('hex'));
          if (linkedTo !== undefined) {
            problems.push({
              seq: row.seq,
              kind: 'reordered',
              note: `follows entry ${linkedTo} in the chain, but sits after ${previous?.seq ?? 0}`,
            });
          } else {
            problems.push({
              seq: row.seq,
              kind: 'deleted',
              note: 'the entry before it in the chain is missing',
            });
          }
        } else if (row.seq !== expectedSeq) {
          problems.push({
            seq: row.seq,
            kind: 'deleted',
            note: `entries ${expectedSeq}–${row.seq - 1} are missing`,
          });
        }
        previous = row;
      }
      return { ok: problems.length === 0, entries, lastSeq: previous?.seq ?? 0, problems };
    });
  }

  private hashOf(row: Omit<AccessLogTable, 'hash'>): Buffer {
    const fields = [
      row.seq,
      row.id,
      row.at,
      row.user_id,
      row.username,
      row.role,
      row.workstation_id,
      row.action,
      row.resource_type,
      row.resource_id,
      row.patient_id,
      row.granted,
      row.reason,
      row.detail,
    ];
    return crypto
      .createHmac('sha256', this.key)
      .update(row.prev_hash)
      .update(JSON.stringify(fields), 'utf8')
      .digest();
  }
}

export function toEntry(row: AccessLogTable): AccessEntry {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    role: row.role,
    workstationId: row.workstation_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    patientId: row.patient_id,
    granted: row.granted === 1,
    reason: row.reason,
    detail: row.detail ? (JSON.parse(row.detail) as AccessDetail) : null,
  };
}
