import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type PdfKit from 'pdfkit';
import { AppError } from '../errors';

/**
 * The report's fonts (Vazirmatn TTF, OFL, shipped in `resources/fonts/`) and the one measuring
 * device the bidi layer uses: pdfkit, the same library pdfmake measures and draws with, so a line
 * the layer says fits is exactly as wide when pdfmake lays it out.
 */

export const REPORT_FONT_FAMILY = 'Vazirmatn';

export interface ReportFontFiles {
  readonly regular: string;
  readonly bold: string;
}

const FONT_FILE_NAMES = {
  regular: 'Vazirmatn-Regular.ttf',
  bold: 'Vazirmatn-Bold.ttf',
} as const;

/**
 * The repository's `resources/` folder, found from this module's place in the source tree, for
 * plain Node (tests, CLI, benchmarks). The Electron main process passes its own
 * (`process.resourcesPath`-based) folder instead: in a bundle this module is elsewhere.
 */
export function defaultResourcesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources');
}

/** The font files under `resourcesDir`; a missing one is an operator's problem, said so. */
export function reportFontFiles(resourcesDir: string = defaultResourcesDir()): ReportFontFiles {
  const files = {
    regular: path.join(resourcesDir, 'fonts', FONT_FILE_NAMES.regular),
    bold: path.join(resourcesDir, 'fonts', FONT_FILE_NAMES.bold),
  };
  for (const file of Object.values(files)) {
    if (!fs.existsSync(file)) {
      throw new AppError('not_found', 'error.io', {
        params: { detail: `report font missing: ${path.basename(file)}` },
        detail: `report font missing: ${file}`,
      });
    }
  }
  return files;
}

type PdfKitConstructor = typeof PdfKit;
type PdfKitDocument = InstanceType<PdfKitConstructor>;

// Through Node's resolver on purpose: a bundler would follow pdfkit's "browser"/"module" fields.
const requireFromHere = createRequire(import.meta.url);

export type MeasureText = (text: string, bold: boolean, fontSize: number) => number;

/** Text widths in PDF points, as pdfkit (and so pdfmake) will lay the text out. */
export class FontMetrics {
  private readonly document: PdfKitDocument;

  constructor(private readonly files: ReportFontFiles) {
    const PDFDocument = requireFromHere('pdfkit') as PdfKitConstructor;
    // Never written out: only its font objects are used. pdfkit's own layout cache is off
    // because this document outlives every report and would keep each report's words.
    this.document = new PDFDocument({ autoFirstPage: false, fontLayoutCache: false });
  }

  /** A measuring function with its own cache, for one report: nothing of it outlives the call. */
  measurer(): MeasureText {
    const cache = new Map<string, number>();
    return (text, bold, fontSize) => {
      const key = `${bold ? 'b' : 'r'}${fontSize}\u0000${text}`;
      let width = cache.get(key);
      if (width === undefined) {
        width = this.document
          .font(bold ? this.files.bold : this.files.regular)
          .fontSize(fontSize)
          .widthOfString(text);
        cache.set(key, width);
      }
      return width;
    };
  }
}

const metricsByFiles = new Map<string, FontMetrics>();

/** One FontMetrics per font folder, kept: parsing the fonts costs more than a page of text. */
export function fontMetricsFor(files: ReportFontFiles): FontMetrics {
  const key = `${files.regular}\u0000${files.bold}`;
  let metrics = metricsByFiles.get(key);
  if (!metrics) {
    metrics = new FontMetrics(files);
    metricsByFiles.set(key, metrics);
  }
  return metrics;
}
