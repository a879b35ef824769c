import crypto from 'node:crypto';
import { z } from 'zod';
import type { signingMessages } from '../../shared/messages/signing';
import { soapContentSchema } from '../../shared/soap';
import { normalizeText } from '../../shared/text/normalize';
import { AppError } from '../errors';
import { decodeBase64Exact } from './base64';
import { canonicalJsonBytes, CanonicalJsonError } from './canonical-json';
import { importPublicKey, SIGNING_ALGORITHM, type UnsealedSigningKey } from './signing-keys';

/**
 * What a doctor's approval signs: the report content together with who it is about, who signs,
 * when, and which signed version it amends. Ed25519 signs the RFC 8785 canonical UTF-8 bytes of
 * this object directly (pure EdDSA, no pre-hash: the payload is small). `payloadHash`, the
 * SHA-256 of the same bytes, is what the next version points back to, so the versions of a
 * report form a hash chain: dropping, reordering or rewriting one breaks the link after it.
 *
 * The bytes are those of the payload exactly as stored: nothing may normalise the content after
 * signing (not even Unicode NFC), or the signature no longer matches.
 */

export const REPORT_PAYLOAD_SCHEMA = 'helssa.soap-report/1';
export const SIGNATURE_BYTES = 64;

const id = z.string().min(1).max(64);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const signedReportPayloadSchema = z.strictObject({
  schema: z.literal(REPORT_PAYLOAD_SCHEMA),
  reportId: id,
  encounterId: id,
  patientId: id,
  /** 1 for the approval, then 2, 3 … for each amendment. */
  version: z.number().int().min(1).max(100_000),
  content: soapContentSchema,
  doctorId: id,
  signedAt: z.iso.datetime(),
  /** `payloadHash` of the previous version; null for version 1. */
  previousVersionHash: sha256Hex.nullable(),
  /** Why the signed report was amended; required from version 2 on. */
  amendmentReason: z.string().max(2000).nullable(),
});
export type SignedReportPayload = z.infer<typeof signedReportPayloadSchema>;

export interface ReportSignature {
  /** Ed25519 signature of the canonical payload bytes, base64 (64 bytes). */
  readonly signature: string;
  /** SHA-256 of the canonical payload bytes, lower-case hex. */
  readonly payloadHash: string;
  readonly algorithm: typeof SIGNING_ALGORITHM;
  readonly keyId: string;
}

/** The RFC 8785 bytes a report version is signed and hashed over. */
export function reportPayloadBytes(payload: SignedReportPayload): Buffer {
  return canonicalJsonBytes(payload);
}

export function reportPayloadHash(payload: SignedReportPayload): string {
  return sha256Hex_(reportPayloadBytes(payload));
}

function sha256Hex_(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function hasReason(reason: string | null): boolean {
  return reason !== null && normalizeText(reason).trim() !== '';
}

/**
 * Signs one version of a report with the doctor's opened key. Refuses a payload that is not
 * well formed, an amendment without a reason or a back link, and a key that is not the signing
 * doctor's own: these would otherwise yield a signature the chain check later rejects.
 */
export function signReport(payload: SignedReportPayload, key: UnsealedSigningKey): ReportSignature {
  const parsed = signedReportPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation', 'signing.payloadInvalid', {
      detail: issue ? `${issue.path.join('.')}: ${issue.message}` : 'payload',
    });
  }
  const report = parsed.data;
  if (report.version === 1 && report.previousVersionHash !== null) {
    throw new AppError('validation', 'signing.payloadInvalid', {
      detail: 'version 1 cannot point to a previous version',
    });
  }
  if (report.version > 1 && report.previousVersionHash === null) {
    throw new AppError('validation', 'signing.payloadInvalid', {
      detail: `version ${report.version} must carry the hash of version ${report.version - 1}`,
    });
  }
  if (report.version > 1 && !hasReason(report.amendmentReason)) {
    throw new AppError('validation', 'signing.amendmentReasonRequired');
  }
  if (report.doctorId !== key.userId) {
    throw new AppError('permission_denied', 'signing.notYourKey', {
      detail: `key ${key.keyId} belongs to another user than the signing doctor`,
    });
  }
  const bytes = reportPayloadBytes(report);
  return {
    signature: crypto.sign(null, bytes, key.privateKey).toString('base64'),
    payloadHash: sha256Hex_(bytes),
    algorithm: SIGNING_ALGORITHM,
    keyId: key.keyId,
  };
}

export type SignatureFailure =
  'payload_invalid' | 'public_key_invalid' | 'signature_malformed' | 'signature_mismatch';

export type SignatureCheck =
  | { readonly valid: true; readonly payload: SignedReportPayload; readonly payloadHash: string }
  | { readonly valid: false; readonly reason: SignatureFailure; readonly detail: string };

/**
 * Checks one signed version against a public key (raw 32 bytes, base64). The payload is hashed
 * exactly as given, never after parsing: a parser that dropped or coerced a field would make a
 * different document verify.
 */
export function verifyReportSignature(
  payload: unknown,
  signature: string,
  publicKeyBase64: string,
): SignatureCheck {
  let bytes: Buffer;
  try {
    bytes = canonicalJsonBytes(payload);
  } catch (error) {
    if (error instanceof CanonicalJsonError) {
      return { valid: false, reason: 'payload_invalid', detail: error.message };
    }
    throw error;
  }
  const parsed = signedReportPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      valid: false,
      reason: 'payload_invalid',
      detail: issue ? `${issue.path.join('.')}: ${issue.message}` : 'payload',
    };
  }
  const publicKey = importPublicKey(publicKeyBase64);
  if (!publicKey) {
    return {
      valid: false,
      reason: 'public_key_invalid',
      detail: 'not a raw Ed25519 public key',
    };
  }
  const signatureBytes = decodeBase64Exact(signature, SIGNATURE_BYTES);
  if (!signatureBytes) {
    return {
      valid: false,
      reason: 'signature_malformed',
      detail: `not base64 of ${SIGNATURE_BYTES} bytes`,
    };
  }
  if (!crypto.verify(null, bytes, publicKey, signatureBytes)) {
    return {
      valid: false,
      reason: 'signature_mismatch',
      detail: 'the signature does not match this payload and key',
    };
  }
  return { valid: true, payload: parsed.data, payloadHash: sha256Hex_(bytes) };
}

// --- Amendment chain -----------------------------------------------------------------------------

/** One stored version of a report: the payload as signed, its signature and the signer's key. */
export interface SignedReportVersion {
  readonly payload: unknown;
  readonly signature: string;
  readonly publicKey: string;
}

export interface AmendmentChainOptions {
  /**
   * Whether `publicKey` is a signing key `doctorId` really holds (the signing-key table). A
   * signature only proves that whoever held the key signed; without this, the chain can only
   * require that a doctor keeps one key throughout it, and the first version's key is taken on
   * trust. The app and the command line pass it.
   */
  readonly isDoctorKey?: (doctorId: string, publicKey: string) => boolean;
}

export const chainBreakReasons = [
  'empty',
  'payload_invalid',
  'signature_invalid',
  'untrusted_key',
  'signer_key_changed',
  'different_report',
  'version_missing',
  'version_out_of_order',
  'version_duplicate',
  'unexpected_previous_hash',
  'previous_hash_mismatch',
  'amendment_reason_missing',
] as const;
export type ChainBreakReason = (typeof chainBreakReasons)[number];

type SigningMessageKey = keyof typeof signingMessages;

export const chainBreakMessageKeys: Readonly<Record<ChainBreakReason, SigningMessageKey>> = {
  empty: 'signing.check.empty',
  payload_invalid: 'signing.check.payloadInvalid',
  signature_invalid: 'signing.check.signatureInvalid',
  untrusted_key: 'signing.check.untrustedKey',
  signer_key_changed: 'signing.check.signerKeyChanged',
  different_report: 'signing.check.differentReport',
  version_missing: 'signing.check.versionMissing',
  version_out_of_order: 'signing.check.versionOutOfOrder',
  version_duplicate: 'signing.check.versionDuplicate',
  unexpected_previous_hash: 'signing.check.unexpectedPreviousHash',
  previous_hash_mismatch: 'signing.check.previousHashMismatch',
  amendment_reason_missing: 'signing.check.amendmentReasonMissing',
};

export type AmendmentChainCheck =
  | {
      readonly valid: true;
      /** Number of versions, which are 1..versions in order. */
      readonly versions: number;
      /** `payloadHash` of the latest version (what the next amendment must point to). */
      readonly latestHash: string;
      /** Whether every signer key was checked against `isDoctorKey`. */
      readonly keysTrusted: boolean;
    }
  | {
      readonly valid: false;
      /** Position in the list given (0-based) of the first version that does not hold. */
      readonly index: number;
      /** That version's own number, when its payload could be read. */
      readonly version: number | null;
      readonly reason: ChainBreakReason;
      readonly messageKey: SigningMessageKey;
      /** `version` and `expected` for the message. */
      readonly params: Readonly<Record<string, number>>;
      readonly detail: string;
    };

/**
 * Checks every version of a report, oldest first: each signature, the signer keys, that all
 * versions are of the same report, that they are numbered 1..n in order, that each points to the
 * hash of the one before, and that every amendment gives a reason. Returns the first break.
 */
export function verifyAmendmentChain(
  versions: readonly SignedReportVersion[],
  options: AmendmentChainOptions = {},
): AmendmentChainCheck {
  const broken = (
    index: number,
    version: number | null,
    reason: ChainBreakReason,
    detail: string,
  ): AmendmentChainCheck => ({
    valid: false,
    index,
    version,
    reason,
    messageKey: chainBreakMessageKeys[reason],
    params: { version: version ?? index + 1, expected: index + 1 },
    detail,
  });

  if (versions.length === 0) return broken(0, null, 'empty', 'no versions');

  // Version numbers present anywhere in the list, to tell a missing version from a misplaced one.
  const numbersPresent = new Set<number>();
  for (const entry of versions) {
    const parsed = signedReportPayloadSchema.safeParse(entry.payload);
    if (parsed.success) numbersPresent.add(parsed.data.version);
  }

  const keyOfDoctor = new Map<string, string>();
  let first: SignedReportPayload | null = null;
  let previousHash: string | null = null;

  for (const [index, entry] of versions.entries()) {
    const expected = index + 1;
    const check = verifyReportSignature(entry.payload, entry.signature, entry.publicKey);
    if (!check.valid) {
      const parsed = signedReportPayloadSchema.safeParse(entry.payload);
      const version = parsed.success ? parsed.data.version : null;
      return check.reason === 'payload_invalid'
        ? broken(index, version, 'payload_invalid', check.detail)
        : broken(index, version, 'signature_invalid', `${check.reason}: ${check.detail}`);
    }
    const payload = check.payload;
    const { version } = payload;

    if (options.isDoctorKey) {
      if (!options.isDoctorKey(payload.doctorId, entry.publicKey)) {
        return broken(index, version, 'untrusted_key', `signer key is not held by the doctor`);
      }
    } else {
      const known = keyOfDoctor.get(payload.doctorId);
      if (known !== undefined && known !== entry.publicKey) {
        return broken(
          index,
          version,
          'signer_key_changed',
          'the same doctor signed earlier versions with another key',
        );
      }
      keyOfDoctor.set(payload.doctorId, entry.publicKey);
    }

    first ??= payload;
    if (
      payload.reportId !== first.reportId ||
      payload.encounterId !== first.encounterId ||
      payload.patientId !== first.patientId
    ) {
      return broken(
        index,
        version,
        'different_report',
        'report, visit or patient differs from version 1',
      );
    }

    if (version !== expected) {
      const reason: ChainBreakReason =
        version < expected
          ? 'version_duplicate'
          : numbersPresent.has(expected)
            ? 'version_out_of_order'
            : 'version_missing';
      return broken(index, version, reason, `version ${version} where ${expected} belongs`);
    }

    if (previousHash === null) {
      if (payload.previousVersionHash !== null) {
        return broken(index, version, 'unexpected_previous_hash', 'version 1 has a previous hash');
      }
    } else {
      if (payload.previousVersionHash !== previousHash) {
        return broken(
          index,
          version,
          'previous_hash_mismatch',
          `points to ${payload.previousVersionHash ?? 'nothing'}, version ${version - 1} is ${previousHash}`,
        );
      }
      if (!hasReason(payload.amendmentReason)) {
        return broken(index, version, 'amendment_reason_missing', 'amendment without a reason');
      }
    }
    previousHash = check.payloadHash;
  }

  return {
    valid: true,
    versions: versions.length,
    latestHash: previousHash ?? '',
    keysTrusted: options.isDoctorKey !== undefined,
  };
}
