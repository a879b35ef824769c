import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Actor } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { q, type ClinicDatabase } from '../db/database';
import type { Selectable } from 'kysely';
import { sealedColumns, type KeyRotationsTable, type SealedTable } from '../db/schema';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { sealedKeyId, type ColumnCipher } from './column-cipher';
import type { KeyRing } from './keyring';

export interface RotationProgress {
  readonly done: number;
  readonly total: number;
  readonly table: SealedTable;
}

export interface RotationReport {
  readonly fromKeyId: number;
  readonly toKeyId: number;
  readonly resumed: boolean;
  readonly rewritten: number;
  readonly retiredKeyDropped: boolean;
}

interface Cursor {
  readonly table: SealedTable;
  readonly rowid: number;
}

interface RotationDeps {
  readonly db: ClinicDatabase;
  readonly ring: KeyRing;
  readonly cipher: ColumnCipher;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly logger: Logger;
}

type RotationRow = Selectable<KeyRotationsTable>;

const TABLES = Object.keys(sealedColumns) as SealedTable[];

function keyIdBytes(id: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(id);
  return bytes;
}

/**
 * Data-key rotation. A new data key becomes active at once (new writes use it); then every
 * sealed value is re-encrypted in batches, one transaction per batch, with the position kept in
 * `key_rotations.cursor`. A crash or power cut loses at most the batch in flight; the next run
 * resumes from the cursor. The old key is deleted only after a full scan finds no value that
 * still uses it.
 */
export class KeyRotationService {
  private readonly deps: RotationDeps;

  constructor(deps: RotationDeps) {
    this.deps = deps;
  }

  pending(): RotationRow | undefined {
    return this.deps.db.read((tx) =>
      tx.first(
        q
          .selectFrom('key_rotations')
          .selectAll()
          .where('purpose', '=', 'data')
          .where('finished_at', 'is', null),
      ),
    );
  }

  async rotate(
    actor: Actor,
    options: { batchSize?: number; onProgress?: (progress: RotationProgress) => void } = {},
  ): Promise<RotationReport> {
    const { access, logger } = this.deps;
    access.require(actor, 'keys.rotate', { action: 'key_rotate', resourceType: 'key_ring' });
    const batchSize = options.batchSize ?? 500;
    const existing = this.pending();
    const rotation = existing ?? this.start(actor);
    logger.info('keys.rotation', {
      phase: existing ? 'resume' : 'start',
      from: rotation.from_key_id,
      to: rotation.to_key_id,
    });

    let done = rotation.values_done;
    let total = rotation.values_total;
    let cursor: Cursor | null = rotation.cursor ? (JSON.parse(rotation.cursor) as Cursor) : null;
    for (const table of TABLES) {
      if (cursor && TABLES.indexOf(table) < TABLES.indexOf(cursor.table)) continue;
      let afterRowid = cursor?.table === table ? cursor.rowid : 0;
      for (;;) {
        const step = this.rewriteBatch(rotation, table, afterRowid, batchSize, done);
        if (step.rows === 0) break;
        afterRowid = step.lastRowid;
        done += step.rewritten;
        total = Math.max(total, done);
        options.onProgress?.({ done, total, table });
        // Let the rest of the process (UI messages, a recording) run between batches.
        await yieldToEventLoop();
      }
      cursor = null;
    }

    const remaining = this.countUsing(rotation.from_key_id);
    const dropped = remaining === 0;
    this.finish(actor, rotation, done, remaining);
    logger.info('keys.rotation', {
      phase: dropped ? 'finished' : 'incomplete',
      rewritten: done,
      remaining,
    });
    return {
      fromKeyId: rotation.from_key_id,
      toKeyId: rotation.to_key_id,
      resumed: existing !== undefined,
      rewritten: done,
      retiredKeyDropped: dropped,
    };
  }

  private finish(actor: Actor, rotation: RotationRow, done: number, remaining: number): void {
    const { db, log } = this.deps;
    const dropped = remaining === 0;
    db.write((tx) => {
      if (dropped) {
        this.deps.ring.dropKey(tx, rotation.from_key_id);
        tx.run(
          q
            .updateTable('key_rotations')
            .set({ finished_at: this.deps.clock.now().toISOString(), values_done: done })
            .where('id', '=', rotation.id),
        );
      }
      log.append(tx, {
        actor,
        action: 'key_rotate',
        resourceType: 'key_ring',
        resourceId: String(rotation.to_key_id),
        granted: true,
        reason: dropped ? 'completed' : 'values remain under the old key',
        detail: { from: rotation.from_key_id, to: rotation.to_key_id, rewritten: done, remaining },
      });
    });
    db.read((tx) => this.deps.ring.reload(tx));
  }

  /** How many sealed values still use `keyId`. */
  countUsing(keyId: number): number {
    const id = keyIdBytes(keyId);
    return this.deps.db.read(() => {
      let count = 0;
      for (const table of TABLES) {
        for (const column of sealedColumns[table]) {
          const row = this.deps.db.raw
            .prepare(`SELECT count(*) AS n FROM "${table}" WHERE substr("${column}", 2, 4) = ?`)
            .get(id) as { n: number };
          count += row.n;
        }
      }
      return count;
    });
  }

  private start(actor: Actor): RotationRow {
    const { db, ring, clock, log } = this.deps;
    const from = ring.active('data').id;
    const total = this.countUsing(from);
    const started = db.write((tx) => {
      const to = ring.addKey(tx, 'data', clock);
      const row = {
        purpose: 'data' as const,
        from_key_id: from,
        to_key_id: to,
        cursor: null,
        values_total: total,
        values_done: 0,
        started_at: clock.now().toISOString(),
        finished_at: null,
      };
      tx.run(q.insertInto('key_rotations').values(row));
      const inserted = tx.first(
        q
          .selectFrom('key_rotations')
          .selectAll()
          .where('purpose', '=', 'data')
          .where('finished_at', 'is', null),
      );
      log.append(tx, {
        actor,
        action: 'key_rotate',
        resourceType: 'key_ring',
        resourceId: String(to),
        granted: true,
        reason: 'started',
        detail: { from, to, values: total },
      });
      if (!inserted)
        throw new AppError('internal', 'error.internal', { detail: 'rotation row missing' });
      return inserted;
    });
    db.read((tx) => ring.reload(tx));
    return started;
  }

  private rewriteBatch(
    rotation: RotationRow,
    table: SealedTable,
    afterRowid: number,
    batchSize: number,
    doneBefore: number,
  ): { rows: number; rewritten: number; lastRowid: number } {
    const { db, cipher } = this.deps;
    const columns = sealedColumns[table];
    const columnList = columns.map((column) => `"${column}"`).join(', ');
    return db.write(() => {
      const rows = db.raw
        .prepare(
          `SELECT rowid AS rowid, id, ${columnList} FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        )
        .all(afterRowid, batchSize) as (Record<string, Buffer | null> & {
        rowid: number;
        id: string;
      })[];
      let rewritten = 0;
      for (const row of rows) {
        const changes: [string, Buffer][] = [];
        for (const column of columns) {
          const value = row[column];
          if (value && sealedKeyId(value) === rotation.from_key_id) {
            changes.push([column, cipher.reseal(table, column, row.id, value)]);
          }
        }
        if (changes.length === 0) continue;
        db.raw
          .prepare(
            `UPDATE "${table}" SET ${changes.map(([column]) => `"${column}" = ?`).join(', ')} WHERE rowid = ?`,
          )
          .run(...changes.map(([, value]) => value), row.rowid);
        rewritten += changes.length;
      }
      const lastRowid = rows.at(-1)?.rowid ?? afterRowid;
      db.raw
        .prepare('UPDATE key_rotations SET cursor = ?, values_done = ? WHERE id = ?')
        .run(
          JSON.stringify({ table, rowid: lastRowid } satisfies Cursor),
          doneBefore + rewritten,
          rotation.id,
        );
      return { rows: rows.length, rewritten, lastRowid };
    });
  }
}
