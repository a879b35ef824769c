import { z } from 'zod';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import type { ScryptParams } from '../crypto/scrypt';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import { AppError } from '../errors';
import {
  signReport,
  type ReportSignature,
  type SignedReportPayload,
} from '../signing/report-signature';
import {
  createSigningKey,
  displayFingerprint,
  resealSigningKey,
  signingKeyKdfSchema,
  unsealSigningKey,
  type StoredSigningKey,
} from '../signing/signing-keys';

/** What `sealed_private_key` holds: the sealed key and how its password key was derived. */
const envelopeSchema = z.strictObject({
  sealedPrivateKey: z.string(),
  kdf: signingKeyKdfSchema,
});

interface KeyStoreDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly clock: Clock;
  /** scrypt cost for new keys (tests lower it; the default is the project's). */
  readonly kdf?: ScryptParams;
}

/** A doctor's key, opened with their password for one signature. */
export interface OpenedSigningKey {
  readonly keyId: string;
  readonly fingerprint: string;
  sign(payload: SignedReportPayload): ReportSignature;
}

export interface PublicSigningKey {
  readonly userId: string;
  readonly publicKey: string;
  /** Grouped for people (PDF, screen). */
  readonly fingerprint: string;
}

type KeyRow = {
  id: string;
  user_id: string;
  algorithm: 'Ed25519';
  public_key: string;
  fingerprint: string;
  sealed_private_key: string;
  created_at: string;
};

function toStored(row: KeyRow): StoredSigningKey {
  const envelope = envelopeSchema.parse(JSON.parse(row.sealed_private_key));
  return {
    keyId: row.id,
    userId: row.user_id,
    algorithm: row.algorithm,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    sealedPrivateKey: envelope.sealedPrivateKey,
    kdf: envelope.kdf,
    createdAt: row.created_at,
  };
}

function envelopeOf(stored: StoredSigningKey): string {
  return JSON.stringify({ sealedPrivateKey: stored.sealedPrivateKey, kdf: stored.kdf });
}

/**
 * Doctors' signing keys in the database: made on a doctor's first approval, opened with their
 * password for each signature, resealed when the password changes. Public keys stay readable by
 * anyone who verifies; a key is retired, never deleted.
 */
export class SigningKeyStore {
  private readonly deps: KeyStoreDeps;

  constructor(deps: KeyStoreDeps) {
    this.deps = deps;
  }

  /** The doctor's active key opened with their password; made now if they have none yet. */
  async unlock(userId: string, password: string): Promise<OpenedSigningKey> {
    let row = this.deps.db.read((tx) => this.activeRow(tx, userId));
    if (!row) {
      const stored = await createSigningKey(
        userId,
        password,
        this.deps.clock.now(),
        this.deps.kdf ? { kdf: this.deps.kdf } : {},
      );
      row = this.deps.db.write((tx) => {
        // Two approvals at once: the first key written wins, the other is dropped unused.
        const existing = this.activeRow(tx, userId);
        if (existing) return existing;
        tx.run(
          q.insertInto('signing_keys').values({
            id: stored.keyId,
            user_id: userId,
            algorithm: stored.algorithm,
            public_key: stored.publicKey,
            fingerprint: stored.fingerprint,
            sealed_private_key: envelopeOf(stored),
            created_at: stored.createdAt,
            retired_at: null,
            retired_reason: null,
          }),
        );
        this.deps.log.append(tx, {
          actor: null,
          action: 'create',
          resourceType: 'user',
          resourceId: userId,
          granted: true,
          reason: 'signing key created',
          detail: { key: stored.keyId },
        });
        return this.activeRow(tx, userId)!;
      });
    }
    const key = await unsealSigningKey(toStored(row), userId, password);
    return {
      keyId: key.keyId,
      fingerprint: displayFingerprint(key.fingerprint),
      sign: (payload) => signReport(payload, key),
    };
  }

  /**
   * Reseals the doctor's key under a new password (called with the password change). Returns the
   * write to run inside the password change's transaction, or null when there is no key.
   */
  async resealFor(
    userId: string,
    oldPassword: string,
    newPassword: string,
  ): Promise<((tx: WriteTx) => void) | null> {
    const row = this.deps.db.read((tx) => this.activeRow(tx, userId));
    if (!row) return null;
    const resealed = await resealSigningKey(
      toStored(row),
      userId,
      oldPassword,
      newPassword,
      this.deps.kdf ? { kdf: this.deps.kdf } : {},
    );
    return (tx) => {
      tx.run(
        q
          .updateTable('signing_keys')
          .set({ sealed_private_key: envelopeOf(resealed) })
          .where('id', '=', row.id)
          .where('retired_at', 'is', null),
      );
    };
  }

  publicKey(tx: ReadTx, keyId: string): PublicSigningKey {
    const row = tx.first(
      q
        .selectFrom('signing_keys')
        .select(['user_id', 'public_key', 'fingerprint'])
        .where('id', '=', keyId),
    );
    if (!row)
      throw new AppError('tampered', 'report.signatureInvalid', { detail: `no key ${keyId}` });
    return {
      userId: row.user_id,
      publicKey: row.public_key,
      fingerprint: displayFingerprint(row.fingerprint),
    };
  }

  /** Whether `publicKey` is one of the doctor's keys (active or retired). */
  isDoctorKey(tx: ReadTx, doctorId: string, publicKey: string): boolean {
    return (
      tx.first(
        q
          .selectFrom('signing_keys')
          .select('id')
          .where('user_id', '=', doctorId)
          .where('public_key', '=', publicKey),
      ) !== undefined
    );
  }

  private activeRow(tx: ReadTx, userId: string): KeyRow | undefined {
    return tx.first(
      q
        .selectFrom('signing_keys')
        .select([
          'id',
          'user_id',
          'algorithm',
          'public_key',
          'fingerprint',
          'sealed_private_key',
          'created_at',
        ])
        .where('user_id', '=', userId)
        .where('retired_at', 'is', null),
    );
  }
}
