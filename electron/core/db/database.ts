import Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type Insertable,
} from 'kysely';
import type { DB } from './schema';

/**
 * Kysely is used as a typed query builder only: queries are compiled to SQL and run on
 * better-sqlite3 synchronously. That keeps transactions synchronous (better-sqlite3's model, no
 * interleaving of other work inside a transaction) and avoids an async hop per statement.
 */
export const q = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** A transaction that may only read. Read paths get this type so they cannot write. */
export interface ReadTx {
  all<O>(query: Compilable<O>): O[];
  first<O>(query: Compilable<O>): O | undefined;
}

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number;
}

/** A transaction that may also write. */
export interface WriteTx extends ReadTx {
  run(query: Compilable<unknown>): RunResult;
  /** Runs an insert compiled once (see `preparedInsert`): the hot paths of bulk work. */
  insert<Row>(prepared: PreparedInsert<Row>, values: Insertable<Row>): RunResult;
}

/**
 * An INSERT built and type-checked by Kysely once, then run with new values many times. Building
 * and compiling a query costs more than executing it; bulk registration inserts about a dozen rows
 * per patient.
 */
export interface PreparedInsert<Row> {
  readonly sql: string;
  readonly columns: readonly (keyof Insertable<Row> & string)[];
}

export function preparedInsert<TB extends keyof DB>(
  table: TB,
  columns: readonly (keyof Insertable<DB[TB]> & string)[],
  options: { onConflictDoNothing?: boolean } = {},
): PreparedInsert<DB[TB]> {
  const placeholders = Object.fromEntries(columns.map((column) => [column, null]));
  let query = q.insertInto(table).values(placeholders as never);
  if (options.onConflictDoNothing) query = query.onConflict((oc) => oc.doNothing());
  const compiled = query.compile();
  if (compiled.parameters.length !== columns.length) {
    throw new Error(`preparedInsert(${table}): expected ${columns.length} parameters`);
  }
  return { sql: compiled.sql, columns };
}

function runResult(result: Database.RunResult): RunResult {
  return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
}

export interface OpenDatabaseOptions {
  readonly file: string;
  /** Path of a better-sqlite3 binary built for another runtime (Electron). */
  readonly nativeBinding?: string | undefined;
  readonly readonly?: boolean;
}

const STATEMENT_CACHE_SIZE = 256;

export class ClinicDatabase implements WriteTx {
  readonly raw: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(raw: Database.Database) {
    this.raw = raw;
  }

  static open(options: OpenDatabaseOptions): ClinicDatabase {
    const raw = new Database(options.file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      readonly: options.readonly ?? false,
    });
    try {
      // WAL lets the UI read while a write commits; FULL sync makes a commit survive power loss;
      // temp_store=MEMORY keeps sorts and temporary tables (which could hold decrypted values
      // during a query) out of temporary files.
      if (!options.readonly) raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.pragma('foreign_keys = ON');
      raw.pragma('busy_timeout = 5000');
      raw.pragma('temp_store = MEMORY');
      raw.pragma('cache_size = -32768');
      // Checkpoint every ~16 MiB of WAL instead of SQLite's 4 MiB: bulk work (registration,
      // key rotation) dirties the same index pages batch after batch, and each checkpoint copies
      // them to the main file and syncs it.
      if (!options.readonly) raw.pragma('wal_autocheckpoint = 4000');
    } catch (error) {
      raw.close();
      throw error;
    }
    return new ClinicDatabase(raw);
  }

  get file(): string {
    return this.raw.name;
  }

  get isOpen(): boolean {
    return this.raw.open;
  }

  /** Runs `fn` in a read transaction: one consistent snapshot for all its queries. */
  read<T>(fn: (tx: ReadTx) => T): T {
    return this.raw.transaction(() => fn(this)).deferred();
  }

  /**
   * Runs `fn` in a write transaction. IMMEDIATE takes the write lock at the start, so two
   * processes (the app and the CLI) never deadlock upgrading a read lock; busy_timeout makes the
   * second one wait. Nested calls become savepoints.
   */
  write<T>(fn: (tx: WriteTx) => T): T {
    if (this.raw.inTransaction) return this.raw.transaction(() => fn(this))();
    return this.raw.transaction(() => fn(this)).immediate();
  }

  all<O>(query: Compilable<O>): O[] {
    const compiled = query.compile();
    return this.statement(compiled.sql).all(...compiled.parameters) as O[];
  }

  first<O>(query: Compilable<O>): O | undefined {
    const compiled = query.compile();
    return this.statement(compiled.sql).get(...compiled.parameters) as O | undefined;
  }

  run(query: Compilable<unknown>): RunResult {
    const compiled = query.compile();
    return runResult(this.statement(compiled.sql).run(...compiled.parameters));
  }

  insert<Row>(prepared: PreparedInsert<Row>, values: Insertable<Row>): RunResult {
    const row = values as Record<string, unknown>;
    return runResult(
      this.statement(prepared.sql).run(...prepared.columns.map((column) => row[column])),
    );
  }

  /** Copies a consistent snapshot of the database to `file` (which must not exist). */
  snapshotTo(file: string): void {
    this.raw.prepare('VACUUM INTO ?').run(file);
  }

  close(): void {
    if (!this.raw.open) return;
    this.statements.clear();
    // Fold the WAL back into the main file so a closed database is one self-contained file.
    if (!this.raw.readonly) this.raw.pragma('wal_checkpoint(TRUNCATE)');
    this.raw.close();
  }

  /** Prepared statements by SQL text; when full, the oldest prepared is dropped first. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.raw.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
