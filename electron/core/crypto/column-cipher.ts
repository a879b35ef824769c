import type { z } from 'zod';
import { AppError } from '../errors';
import type { DB, SealedTable } from '../db/schema';
import type { Sealed, SealedColumnOf, SealedValueOf } from '../db/sealed';
import { gcmDecrypt, gcmEncrypt } from './aead';
import type { KeyRing } from './keyring';

/**
 * Sealed value format, version 1:
 *
 *   0x01 ‖ key id (uint32, big-endian) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
 *
 * The associated data names the table, the column and the row id, and repeats the header, so a
 * value copied to another row or column, or relabelled with another key id, fails to open.
 */
const FORMAT_VERSION = 1;
const HEADER_BYTES = 5;
const AAD_PREFIX = 'helssa.sealed.v1';

/** How one sealed column turns its plaintext type into bytes and back. */
export interface SealedColumnSpec<T> {
  readonly table: SealedTable;
  readonly column: string;
  encode(value: T): Buffer;
  decode(bytes: Buffer): T;
}

type ColumnValue<TB extends SealedTable, C extends keyof DB[TB]> = SealedValueOf<DB[TB][C]>;

/** A sealed column holding JSON, checked against `schema` when read back. */
export function jsonColumn<TB extends SealedTable, C extends SealedColumnOf<DB[TB]>>(
  table: TB,
  column: C,
  schema: z.ZodType<ColumnValue<TB, C>>,
): SealedColumnSpec<ColumnValue<TB, C>> {
  return {
    table,
    column,
    encode: (value) => Buffer.from(JSON.stringify(value), 'utf8'),
    decode: (bytes) => schema.parse(JSON.parse(bytes.toString('utf8'))),
  };
}

/** A sealed column holding text. */
export function textColumn<TB extends SealedTable, C extends SealedColumnOf<DB[TB]>>(
  table: TB,
  column: ColumnValue<TB, C> extends string ? C : never,
): SealedColumnSpec<string> {
  return {
    table,
    column,
    encode: (value) => Buffer.from(value, 'utf8'),
    decode: (bytes) => bytes.toString('utf8'),
  };
}

/**
 * A sealed column holding raw bytes (keys). Decoding copies: the cipher wipes its decrypted
 * buffer once `decode` returns, and the caller owns (and wipes) the copy.
 */
export function bytesColumn<TB extends SealedTable, C extends SealedColumnOf<DB[TB]>>(
  table: TB,
  column: ColumnValue<TB, C> extends Buffer ? C : never,
): SealedColumnSpec<Buffer> {
  return {
    table,
    column,
    encode: (value) => Buffer.from(value),
    decode: (bytes) => Buffer.from(bytes),
  };
}

function associatedData(table: string, column: string, rowId: string, header: Buffer): Buffer {
  const text = `${AAD_PREFIX}\0${table}\0${column}\0${rowId}\0`;
  const aad = Buffer.allocUnsafe(Buffer.byteLength(text) + header.length);
  const written = aad.write(text, 'utf8');
  header.copy(aad, written);
  return aad;
}

export function sealedKeyId(sealed: Buffer): number | null {
  if (sealed.length < HEADER_BYTES || sealed.readUInt8(0) !== FORMAT_VERSION) return null;
  return sealed.readUInt32BE(1);
}

/** Seals and opens column values with the key ring's data keys. */
export class ColumnCipher {
  private readonly ring: KeyRing;

  constructor(ring: KeyRing) {
    this.ring = ring;
  }

  seal<T>(spec: SealedColumnSpec<T>, rowId: string, value: T): Sealed<T> {
    return this.sealBytes(spec.table, spec.column, rowId, spec.encode(value)) as Sealed<T>;
  }

  open<T>(spec: SealedColumnSpec<T>, rowId: string, sealed: Sealed<T>): T {
    const bytes = this.openBytes(spec.table, spec.column, rowId, sealed);
    try {
      return spec.decode(bytes);
    } catch (error) {
      throw new AppError('tampered', 'crypto.valueUnreadable', {
        detail: `${spec.table}.${spec.column} of ${rowId}: content does not match its schema`,
        cause: error,
      });
    } finally {
      bytes.fill(0);
    }
  }

  /** Re-encrypts a value under the active data key (key rotation), without decoding it. */
  reseal(table: SealedTable, column: string, rowId: string, sealed: Buffer): Buffer {
    const bytes = this.openBytes(table, column, rowId, sealed);
    try {
      return this.sealBytes(table, column, rowId, bytes);
    } finally {
      bytes.fill(0);
    }
  }

  /** Whether a stored value opens (restore verification); never returns the plaintext. */
  canOpen(table: SealedTable, column: string, rowId: string, sealed: Buffer): boolean {
    try {
      this.openBytes(table, column, rowId, sealed).fill(0);
      return true;
    } catch {
      return false;
    }
  }

  private sealBytes(table: string, column: string, rowId: string, plaintext: Buffer): Buffer {
    const { id, key } = this.ring.active('data');
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(FORMAT_VERSION, 0);
    header.writeUInt32BE(id, 1);
    return gcmEncrypt(key, plaintext, associatedData(table, column, rowId, header), header);
  }

  private openBytes(table: string, column: string, rowId: string, sealed: Buffer): Buffer {
    const where = `${table}.${column} of ${rowId}`;
    const keyId = sealedKeyId(sealed);
    if (keyId === null) {
      throw new AppError('tampered', 'crypto.valueUnreadable', {
        detail: `${where}: unknown format`,
      });
    }
    const ringKey = this.ring.byId(keyId);
    if (!ringKey || ringKey.purpose !== 'data') {
      throw new AppError('tampered', 'crypto.valueUnreadable', {
        detail: `${where}: sealed with key ${keyId}, which this key ring does not hold`,
      });
    }
    const header = sealed.subarray(0, HEADER_BYTES);
    const plain = gcmDecrypt(
      ringKey.key,
      sealed.subarray(HEADER_BYTES),
      associatedData(table, column, rowId, header),
    );
    if (!plain) {
      throw new AppError('tampered', 'crypto.valueUnreadable', {
        detail: `${where}: authentication failed (altered, moved or wrong key)`,
      });
    }
    return plain;
  }
}
