import type { Content } from 'pdfmake/interfaces';
import { parseInput } from '../../validation';
import type { TextSetter, TextSpan } from '../pdf-text';
import { defaultResourcesDir, reportFontFiles } from '../report-fonts';
import { reportDocumentInputSchema, type ReportDocumentInput } from '../report-input';
import { printPdf, reportDocDefinition } from '../report-pdf';

/**
 * Stock pdfmake, no bidi layer: the text goes to pdfmake as written, right-aligned, and pdfmake
 * breaks the lines. The baseline for the benchmark and the control that shows the PDF checks in
 * the tests can fail (pdfmake prints Persian words left to right and reverses Persian numbers).
 */
export function plainTextSetter(): TextSetter {
  return {
    lines(text, options) {
      const spans: readonly TextSpan[] = typeof text === 'string' ? [{ text }] : text;
      const base = options.style ?? {};
      const node: Content = {
        text: spans.map((span) => ({
          text: span.text,
          bold: span.bold ?? base.bold ?? false,
          ...((span.fontSize ?? base.fontSize) ? { fontSize: span.fontSize ?? base.fontSize } : {}),
          ...((span.color ?? base.color) ? { color: span.color ?? base.color } : {}),
        })),
        alignment: options.align ?? (options.direction === 'ltr' ? 'left' : 'right'),
      };
      return [node];
    },
    singleLine(text) {
      return text;
    },
  };
}

/** The same report document as `renderReportPdf`, its text set by stock pdfmake. */
export async function renderReportWithRawPdfmake(
  input: ReportDocumentInput,
  resourcesDir: string = defaultResourcesDir(),
): Promise<Buffer> {
  const report = parseInput(reportDocumentInputSchema, input);
  return printPdf(reportDocDefinition(report, plainTextSetter()), reportFontFiles(resourcesDir));
}
