import crypto from 'node:crypto';
import type { BlindIndex } from '../db/sealed';
import type { KeyRing } from './keyring';

/**
 * Blind indexes: HMAC-SHA256 of a normalised value under a key of its own, so the database can
 * find equal values without holding them. Each kind of value gets its own sub-key (HKDF), so a
 * phone number and a national ID with the same digits do not produce the same index.
 *
 * Exact lookups keep 128 bits (collisions are out of reach); name-prefix tokens keep 64 bits,
 * which is plenty for uniqueness at clinic scale, halves the index, and leaks no more than the
 * token's equality. Results are always re-checked against the decrypted value.
 */
export type ExactIndexKind = 'national_id' | 'phone' | 'mrn';

const EXACT_BYTES = 16;
const PREFIX_BYTES = 8;
/** Distinct name prefixes are few (about 3,600 in a 100,000-patient registry); a bound keeps it so. */
const PREFIX_MEMO_ENTRIES = 20_000;

export class BlindIndexer {
  private readonly subKeys: Readonly<Record<ExactIndexKind | 'name_prefix', Buffer>>;
  /**
   * Name-prefix hashes by prefix. Registering or searching computes the same few thousand
   * prefixes over and over; the memo holds only short name fragments and their hashes, in this
   * process's memory, and goes when the key ring is closed with the services.
   */
  private readonly prefixMemo = new Map<string, BlindIndex>();

  constructor(ring: KeyRing) {
    const { key } = ring.active('blind_index');
    const derive = (label: string): Buffer =>
      Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), `helssa.bidx.v1:${label}`, 32));
    this.subKeys = {
      national_id: derive('national_id'),
      phone: derive('phone'),
      mrn: derive('mrn'),
      name_prefix: derive('name_prefix'),
    };
  }

  exact(kind: ExactIndexKind, normalizedValue: string): BlindIndex {
    return this.mac(this.subKeys[kind], normalizedValue, EXACT_BYTES);
  }

  namePrefix(prefix: string): BlindIndex {
    let index = this.prefixMemo.get(prefix);
    if (!index) {
      index = this.mac(this.subKeys.name_prefix, prefix, PREFIX_BYTES);
      if (this.prefixMemo.size >= PREFIX_MEMO_ENTRIES) this.prefixMemo.clear();
      this.prefixMemo.set(prefix, index);
    }
    return index;
  }

  private mac(key: Buffer, value: string, bytes: number): BlindIndex {
    return crypto
      .createHmac('sha256', key)
      .update(value, 'utf8')
      .digest()
      .subarray(0, bytes) as BlindIndex;
  }
}
