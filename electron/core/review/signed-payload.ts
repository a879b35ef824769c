import type { SoapContent } from '../../shared/soap';
import { REPORT_PAYLOAD_SCHEMA, type SignedReportPayload } from '../signing/report-signature';

/** One version of a report as the database and the service know it. */
export interface VersionRecord {
  readonly reportId: string;
  readonly encounterId: string;
  readonly patientId: string;
  readonly version: number;
  readonly content: SoapContent;
  readonly doctorId: string;
  readonly signedAt: string;
  readonly previousVersionHash: string | null;
  readonly amendmentReason: string | null;
}

/**
 * What is signed for a version: built the same way when signing and when verifying, from the
 * stored columns, so that a verification checks exactly what the doctor signed.
 */
export function signedPayloadOf(record: VersionRecord): SignedReportPayload {
  return {
    schema: REPORT_PAYLOAD_SCHEMA,
    reportId: record.reportId,
    encounterId: record.encounterId,
    patientId: record.patientId,
    version: record.version,
    content: record.content,
    doctorId: record.doctorId,
    signedAt: record.signedAt,
    previousVersionHash: record.previousVersionHash,
    amendmentReason: record.amendmentReason,
  };
}
