export {
  renderReportPdf,
  renderReportPdfWithPages,
  type RenderReportPdfOptions,
} from './report-pdf';
export { renderReportMarkdown } from './report-markdown';
export {
  reportDocumentInputSchema,
  reportDocumentStatuses,
  type ReportDocument,
  type ReportDocumentInput,
  type ReportDocumentStatus,
} from './report-input';
export { defaultResourcesDir, reportFontFiles, type ReportFontFiles } from './report-fonts';
export {
  isRtlRun,
  layoutText,
  visualString,
  type BaseDirection,
  type StyledSpan,
  type VisualLine,
  type VisualRun,
} from './bidi-layout';
