/**
 * `npm run bench -- --only pdf`: the visit report PDF (issue 6 target: a 3-page report in
 * ≤ 500 ms). Contenders, run alternately on the same report in the same process after warm-up:
 * - ours: `renderReportPdf` — validation, the bidi layer (line breaking with the font's metrics
 *   and UAX #9 reordering per line) and pdfmake printing the laid-out lines;
 * - raw: the same document definition with its text handed to stock pdfmake as written (pdfmake
 *   breaks the lines itself; the output is wrong for Persian, it is the cost baseline only).
 * Also timed on its own: building the document definition with the bidi layer (the layer's share).
 * Fonts are parsed once per process (as in the app); each run measures its own words afresh.
 */
import { fontMetricsFor, reportFontFiles } from '../electron/core/reports/report-fonts';
import { reportDocumentInputSchema } from '../electron/core/reports/report-input';
import { reportDocDefinition, renderReportPdf } from '../electron/core/reports/report-pdf';
import { bidiTextSetter } from '../electron/core/reports/pdf-text';
import { renderReportWithRawPdfmake } from '../electron/core/reports/testing/raw-pdfmake';
import { sampleReport } from '../electron/core/reports/testing/sample-report';
import { ratio, round, summarize, type Summary } from './stats';
import { progress, timed, timedAsync } from './util';

export const PDF_TARGET_MS = 500;

export interface PdfBenchOptions {
  /** Timed runs per contender (default 20). */
  readonly runs: number;
  /** Untimed runs per contender first (default 3). */
  readonly warmup: number;
}

export interface PdfReport {
  readonly document: {
    readonly pages: number;
    readonly bytes: number;
    readonly medications: number;
    readonly subjectiveChars: number;
  };
  /** renderReportPdf wall time, ms. */
  readonly oursMs: Summary;
  /** Stock pdfmake on the same document, ms. */
  readonly rawPdfmakeMs: Summary;
  /** Building the document definition through the bidi layer, ms (included in oursMs). */
  readonly bidiLayoutMs: Summary;
  /** oursMs.p50 / rawPdfmakeMs.p50. */
  readonly ratio: number;
  readonly target: { readonly ms: number; readonly figure: 'oursMs.p50'; readonly pass: boolean };
}

/** Pages in a pdfkit PDF: its page objects are written uncompressed. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

export async function benchPdf(options: PdfBenchOptions): Promise<PdfReport> {
  const input = sampleReport({ subjectiveRepeat: 3, medications: 12 });
  const report = reportDocumentInputSchema.parse(input);
  const fonts = reportFontFiles();
  const sample = await renderReportPdf(input);
  const pages = pageCount(sample);
  progress(`pdf: ${pages}-page report, ${sample.length} bytes; ${options.warmup} warm-up runs`);

  for (let run = 0; run < options.warmup; run += 1) {
    await renderReportPdf(input);
    await renderReportWithRawPdfmake(input);
  }

  const ours: number[] = [];
  const raw: number[] = [];
  const layout: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    // Alternate which goes first, so drift on a shared machine hits both alike.
    const oursFirst = run % 2 === 0;
    if (!oursFirst) raw.push((await timedAsync(() => renderReportWithRawPdfmake(input))).ms);
    ours.push((await timedAsync(() => renderReportPdf(input))).ms);
    if (oursFirst) raw.push((await timedAsync(() => renderReportWithRawPdfmake(input))).ms);
    layout.push(
      timed(() => reportDocDefinition(report, bidiTextSetter(fontMetricsFor(fonts).measurer()))).ms,
    );
  }

  const oursMs = summarize(ours);
  const rawPdfmakeMs = summarize(raw);
  const result: PdfReport = {
    document: {
      pages,
      bytes: sample.length,
      medications: report.report.content.medications.length,
      subjectiveChars: report.report.content.subjective.length,
    },
    oursMs,
    rawPdfmakeMs,
    bidiLayoutMs: summarize(layout),
    ratio: ratio(oursMs.p50, rawPdfmakeMs.p50),
    target: { ms: PDF_TARGET_MS, figure: 'oursMs.p50', pass: oursMs.p50 <= PDF_TARGET_MS },
  };
  progress(
    `pdf: ours p50 ${round(oursMs.p50, 1)} ms, raw pdfmake p50 ${round(rawPdfmakeMs.p50, 1)} ms, ratio ${result.ratio}`,
  );
  return result;
}
