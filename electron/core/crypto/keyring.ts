import { AppError } from '../errors';
import type { Clock } from '../clock';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { KeyPurpose } from '../db/schema';
import { gcmDecrypt, gcmEncrypt, randomKey } from './aead';
import type { KeyVault } from './vault';

export interface RingKey {
  readonly id: number;
  readonly purpose: KeyPurpose;
  readonly state: 'active' | 'retiring';
  readonly key: Buffer;
}

const PURPOSES: readonly KeyPurpose[] = ['data', 'blind_index', 'audit'];

export interface PreparedKeyRing {
  readonly root: Buffer;
  readonly wraps: readonly { readonly kind: KeyVault['kind']; readonly wrapped: Buffer }[];
}

function ringAad(id: number, purpose: KeyPurpose): Buffer {
  return Buffer.from(`helssa.keyring.v1:${id}:${purpose}`);
}

/**
 * The unlocked keys of one clinic database.
 *
 * Hierarchy: a vault (OS secret store or admin passphrase) protects a random root key; the root
 * key wraps the data key (sealed columns), the blind-index key (lookup hashes) and the audit key
 * (access-log chain). Each ring key is bound to its id and purpose, so a wrapped key cannot be
 * swapped into another slot. Keys live only in this process's memory and are wiped on close().
 */
export class KeyRing {
  private readonly keys = new Map<number, RingKey>();
  private root: Buffer;

  private constructor(root: Buffer, keys: Iterable<RingKey>) {
    this.root = root;
    for (const key of keys) this.keys.set(key.id, key);
  }

  /** True once keys exist, i.e. the clinic has been set up. */
  static exists(tx: ReadTx): boolean {
    return tx.first(q.selectFrom('key_ring').select('id').limit(1)) !== undefined;
  }

  /**
   * First half of creating a key ring: a fresh root key, wrapped by every vault given. Async
   * (a passphrase vault runs scrypt); nothing is written yet.
   */
  static async prepare(vaults: readonly KeyVault[]): Promise<PreparedKeyRing> {
    if (vaults.length === 0) throw new Error('a key ring needs at least one vault');
    const root = randomKey();
    const wraps = await Promise.all(
      vaults.map(async (vault) => ({ kind: vault.kind, wrapped: await vault.wrap(root) })),
    );
    return { root, wraps };
  }

  /**
   * Second half: writes the vault wraps and one key per purpose inside the caller's transaction,
   * so setup is all-or-nothing.
   */
  static persist(tx: WriteTx, prepared: PreparedKeyRing, clock: Clock): KeyRing {
    if (KeyRing.exists(tx)) throw new AppError('already_set_up', 'setup.alreadyDone');
    const now = clock.now().toISOString();
    for (const { kind, wrapped } of prepared.wraps) {
      tx.run(q.insertInto('key_vaults').values({ kind, wrapped_root: wrapped, created_at: now }));
    }
    // A brand-new ring: if the transaction rolls back, the caller drops this object too.
    const ring = new KeyRing(prepared.root, []);
    for (const purpose of PURPOSES) {
      const key = ring.insertKey(tx, purpose, clock);
      ring.keys.set(key.id, key);
    }
    return ring;
  }

  /** Opens the ring with a vault that was registered for this database. */
  static async unlock(db: ClinicDatabase, vault: KeyVault): Promise<KeyRing> {
    const { vaultRow, hasKeys } = db.read((tx) => ({
      vaultRow: tx.first(
        q.selectFrom('key_vaults').select('wrapped_root').where('kind', '=', vault.kind),
      ),
      hasKeys: KeyRing.exists(tx),
    }));
    if (!hasKeys) throw new AppError('not_set_up', 'setup.required');
    if (!vaultRow) {
      throw new AppError('keys_locked', 'vault.notRegistered', { params: { vault: vault.kind } });
    }
    const root = await vault.unwrap(vaultRow.wrapped_root);
    try {
      return KeyRing.fromRoot(db, root);
    } catch (error) {
      root.fill(0);
      throw error;
    }
  }

  /** Opens the ring with a root key obtained some other way (a backup's key bundle). */
  static fromRoot(db: ClinicDatabase, root: Buffer): KeyRing {
    const ring = new KeyRing(root, []);
    db.read((tx) => ring.reload(tx));
    for (const purpose of PURPOSES) {
      if (
        ![...ring.keys.values()].some((key) => key.purpose === purpose && key.state === 'active')
      ) {
        throw new AppError('tampered', 'vault.keyRingDamaged', {
          detail: `no active ${purpose} key`,
        });
      }
    }
    return ring;
  }

  active(purpose: KeyPurpose): RingKey {
    this.assertOpen();
    for (const key of this.keys.values()) {
      if (key.purpose === purpose && key.state === 'active') return key;
    }
    throw new AppError('keys_locked', 'vault.keyRingDamaged', {
      detail: `no active ${purpose} key`,
    });
  }

  byId(id: number): RingKey | undefined {
    this.assertOpen();
    return this.keys.get(id);
  }

  /**
   * Writes a new active key for `purpose` in the caller's transaction; the previous active key
   * becomes 'retiring' (still readable). Memory is not touched: call reload() after the commit,
   * so a rolled-back transaction can never leave this process sealing with a key that does not
   * exist on disk.
   */
  addKey(tx: WriteTx, purpose: KeyPurpose, clock: Clock): number {
    return this.insertKey(tx, purpose, clock).id;
  }

  /** Deletes a retiring key in the caller's transaction (the caller checked nothing uses it). */
  dropKey(tx: WriteTx, id: number): void {
    const { changes } = tx.run(
      q.deleteFrom('key_ring').where('id', '=', id).where('state', '=', 'retiring'),
    );
    if (changes !== 1) throw new Error(`key ${id} is not a retiring key`);
  }

  /** Re-reads the ring from the database after addKey()/dropKey() committed. */
  reload(tx: ReadTx): void {
    this.assertOpen();
    const rows = tx.all(q.selectFrom('key_ring').selectAll().orderBy('id'));
    const next = new Map<number, RingKey>();
    for (const row of rows) {
      const key = gcmDecrypt(this.root, row.wrapped_key, ringAad(row.id, row.purpose));
      if (!key) throw new AppError('tampered', 'vault.keyRingDamaged', { detail: `key ${row.id}` });
      next.set(row.id, { id: row.id, purpose: row.purpose, state: row.state, key });
    }
    for (const [id, old] of this.keys) {
      if (!next.has(id)) old.key.fill(0);
    }
    this.keys.clear();
    for (const [id, key] of next) this.keys.set(id, key);
  }

  private insertKey(tx: WriteTx, purpose: KeyPurpose, clock: Clock): RingKey {
    this.assertOpen();
    const last = tx.first(q.selectFrom('key_ring').select((eb) => eb.fn.max('id').as('id')));
    const id = (last?.id ?? 0) + 1;
    const key = randomKey();
    tx.run(
      q
        .updateTable('key_ring')
        .set({ state: 'retiring' })
        .where('purpose', '=', purpose)
        .where('state', '=', 'active'),
    );
    tx.run(
      q.insertInto('key_ring').values({
        id,
        purpose,
        state: 'active',
        wrapped_key: gcmEncrypt(this.root, key, ringAad(id, purpose)),
        created_at: clock.now().toISOString(),
      }),
    );
    return { id, purpose, state: 'active', key };
  }

  /** Registers another vault (e.g. a recovery passphrase) for the same root key. */
  async addVault(db: ClinicDatabase, vault: KeyVault, clock: Clock): Promise<void> {
    this.assertOpen();
    const wrapped = await vault.wrap(this.root);
    db.write((tx) => {
      tx.run(
        q
          .insertInto('key_vaults')
          .values({
            kind: vault.kind,
            wrapped_root: wrapped,
            created_at: clock.now().toISOString(),
          })
          .onConflict((oc) =>
            oc
              .column('kind')
              .doUpdateSet({ wrapped_root: wrapped, created_at: clock.now().toISOString() }),
          ),
      );
    });
  }

  /** Wraps the root key for a backup file (see backup/). */
  exportRoot(): Buffer {
    this.assertOpen();
    return Buffer.from(this.root);
  }

  get isOpen(): boolean {
    return this.root.length > 0;
  }

  /** Wipes every key from memory. */
  close(): void {
    this.root.fill(0);
    this.root = Buffer.alloc(0);
    for (const key of this.keys.values()) key.key.fill(0);
    this.keys.clear();
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new AppError('keys_locked', 'vault.locked');
  }
}
