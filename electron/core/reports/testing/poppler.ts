import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * poppler-utils (pdftotext, pdfinfo, pdftoppm) on PDF bytes, for the report tests: an independent
 * reader of what the PDF really contains. Debian package `poppler-utils`.
 */

export function popplerMissing(): string | null {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch {
      return `${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`;
    }
  }
  return null;
}

function withPdfFile<T>(pdf: Buffer, use: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext [args] file -`. */
export function pdfToText(pdf: Buffer, args: readonly string[] = []): string {
  return withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' }),
  );
}

/** `pdfinfo` as key → value. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const output = withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  const info: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return info;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

export interface DrawnWord {
  /** The word's glyphs in drawing order (left to right), as their Unicode. */
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
}

/**
 * What is drawn, page by page and line by line, each line's words left to right:
 * `pdftotext -bbox-layout` gives each word's box and its glyphs in drawing order, with no bidi
 * processing of its own.
 */
export function pdfDrawnLines(pdf: Buffer): DrawnWord[][][] {
  const html = withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' }),
  );
  return html
    .split(/<page\b/)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)].map((line) =>
        [...(line[1] ?? '').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)]
          .map((word) => ({
            xMin: Number(word[1]),
            yMin: Number(word[2]),
            text: decodeEntities(word[3] ?? ''),
          }))
          .sort((a, b) => a.xMin - b.xMin),
      ),
    );
}

/** Each drawn line as one string: its words left to right, joined by single spaces. */
export function pdfVisualLines(pdf: Buffer): string[][] {
  return pdfDrawnLines(pdf).map((page) =>
    page.map((line) => line.map((word) => word.text).join(' ')),
  );
}

/** Pages as PNG files `<prefix>-<n>.png` in `dir` (pdftoppm); returns their paths. */
export function pdfToPngs(pdf: Buffer, dir: string, prefix: string, dpi = 80): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir)) {
    if (old.startsWith(`${prefix}-`) && old.endsWith('.png')) fs.rmSync(path.join(dir, old));
  }
  withPdfFile(pdf, (file) =>
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, prefix)]),
  );
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.png'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** `pdffonts`: one row per font, as [name, encoding, embedded, subset, has ToUnicode]. */
export function pdfFonts(pdf: Buffer): string[][] {
  const output = withPdfFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return output
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name, type (one or two words), encoding, emb, sub, uni, object number, generation
      return [columns[0] ?? '', ...columns.slice(-6, -2)];
    });
}
