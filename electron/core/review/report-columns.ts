import { z } from 'zod';
import { evidenceFlagSchema, soapContentSchema } from '../../shared/soap';
import { jsonColumn, textColumn } from '../crypto/column-cipher';

/** The sealed columns of reports and their versions, with the shape each one opens to. */
export const reportColumns = {
  draftContent: jsonColumn('soap_reports', 'draft_content', soapContentSchema),
  draftFlags: jsonColumn('soap_reports', 'draft_flags', z.array(evidenceFlagSchema)),
  draftAmendmentReason: textColumn('soap_reports', 'amendment_reason'),
  versionContent: jsonColumn('soap_report_versions', 'content', soapContentSchema),
  versionFlags: jsonColumn('soap_report_versions', 'flags', z.array(evidenceFlagSchema)),
  versionAmendmentReason: textColumn('soap_report_versions', 'amendment_reason'),
};
