import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { bidiTextSetter, paragraph, type TextSetter } from './pdf-text';
import { fontMetricsFor, REPORT_FONT_FAMILY, reportFontFiles } from './report-fonts';
import { CONTENT_WIDTH, printPdf, renderReportPdf, renderReportPdfWithPages } from './report-pdf';
import { layoutText } from './bidi-layout';
import {
  pdfDrawnLines,
  pdfFonts,
  pdfInfo,
  pdfToPngs,
  pdfToText,
  pdfVisualLines,
  popplerMissing,
  type DrawnWord,
} from './testing/poppler';
import { plainTextSetter, renderReportWithRawPdfmake } from './testing/raw-pdfmake';
import { sampleReport, sampleSentences } from './testing/sample-report';
import {
  asDrawnReadsIt,
  missingTokens,
  withoutBidiControls,
  wordsInLogicalOrder,
} from './testing/text-checks';

/**
 * The report PDF read back by poppler, an independent reader: `pdftotext` for the text in
 * logical order, `pdftotext -bbox-layout` for what is drawn left to right, `pdfinfo` for pages and
 * metadata, `pdftoppm` for pictures a person looks at (test-results/pdf/). Every check also runs
 * on the same text through stock pdfmake, where it must fail: the checks can tell.
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PNG_DIR = path.join(REPO, 'test-results', 'pdf');

/** Reverses a word's letters: how a Persian word looks read left to right. Written by hand. */
const seen = (word: string) => [...word].reverse().join('');

/** Numbers, doses, codes and dates of the sample report that must come out character for character. */
const intactTokens = [
  '۳۸٫۵',
  '38.5',
  '120/80',
  '۱۴۰۵/۰۸/۳۰',
  '۱۰:۳۰',
  '۱۲٬۵۰۰',
  '۹۶',
  '7.2',
  '126',
  'Metformin 1000 mg',
  'Amoxicillin 500 mg',
  'J02.9',
  'E11.9',
  '500 mg',
  '325 mg',
  '100 mcg',
  '120/80 mmHg',
  '38.5 °C',
  '72.5 kg',
  'MRN-1405-00042',
  '0012345678',
  '۱۴۰۵/۰۹/۰۱',
  '۱۳۶۸/۰۴/۱۵',
  '9f86 d081 884c 7d65 9a2f eaa0 c55a d015',
];

let signedPdf: Buffer;
let draftPdf: Buffer;
let stockPdf: Buffer;
let signedText: string;
let stockText: string;

beforeAll(async () => {
  const missing = popplerMissing();
  if (missing) throw new Error(missing);
  const input = sampleReport({ subjectiveRepeat: 3, medications: 12 });
  signedPdf = await renderReportPdf(input);
  draftPdf = await renderReportPdf(sampleReport({ signed: false }));
  stockPdf = await renderReportWithRawPdfmake(input);
  signedText = pdfToText(signedPdf);
  stockText = pdfToText(stockPdf);
  // For a person to look at (see the closing note of the report work).
  pdfToPngs(signedPdf, PNG_DIR, 'report');
  pdfToPngs(draftPdf, PNG_DIR, 'draft');
  pdfToPngs(stockPdf, PNG_DIR, 'stock-pdfmake');
});

describe('the report PDF as a file', () => {
  it('a three-page report is three A4 pages', () => {
    const info = pdfInfo(signedPdf);
    expect(info['Pages']).toBe('3');
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
  });

  it('counts its pages as pdfmake laid them out', async () => {
    const short = await renderReportPdfWithPages(sampleReport({ signed: false }));
    expect(short.pages).toBe(Number(pdfInfo(short.bytes)['Pages']));
    const long = await renderReportPdfWithPages(
      sampleReport({ subjectiveRepeat: 3, medications: 12 }),
    );
    expect(long.pages).toBe(3);
    expect(pdfInfo(long.bytes)['Pages']).toBe('3');
  });

  it('its metadata is a neutral title and nothing about the patient', () => {
    const info = pdfInfo(signedPdf);
    expect(info['Title']).toBe('گزارش ویزیت');
    const all = JSON.stringify(info);
    for (const personal of ['مریم', 'احمدی', 'MRN-1405', '0012345678', 'رضایی']) {
      expect(all).not.toContain(personal);
    }
    expect(info['JavaScript']).toBe('no');
    const raw = signedPdf.toString('latin1');
    for (const extra of ['/EmbeddedFiles', '/JavaScript', '/URI', '/Launch']) {
      expect(raw).not.toContain(extra);
    }
  });

  it('embeds only the two Vazirmatn subsets, with a Unicode map', () => {
    const fonts = pdfFonts(signedPdf);
    expect(fonts.map(([name]) => name?.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'Vazirmatn-Bold',
      'Vazirmatn-Regular',
    ]);
    for (const [, , embedded, subset, unicode] of fonts) {
      expect([embedded, subset, unicode]).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('pages were written as PNG for a person to look at', () => {
    for (const prefix of ['report', 'draft', 'stock-pdfmake']) {
      const pngs = fs.readdirSync(PNG_DIR).filter((name) => name.startsWith(`${prefix}-`));
      expect(pngs.length).toBeGreaterThan(0);
    }
    const pages = fs.readdirSync(PNG_DIR).filter((name) => /^report-\d+\.png$/.test(name));
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(fs.statSync(path.join(PNG_DIR, page)).size).toBeGreaterThan(10_000);
    }
  });
});

describe('pdftotext reads the report back correctly', () => {
  it('every number, dose, code and date comes out intact', () => {
    expect(missingTokens(signedText, intactTokens)).toEqual([]);
  });

  it('…a check stock pdfmake fails: it reverses Persian numbers and dates', () => {
    const missing = missingTokens(stockText, intactTokens);
    expect(missing).toEqual(expect.arrayContaining(['۳۸٫۵', '۱۴۰۵/۰۸/۳۰', '۱۲٬۵۰۰', '۹۶']));
    expect(withoutBidiControls(stockText)).toContain('۵٫۸۳');
  });

  it.each(Object.entries(sampleSentences))(
    'the Persian words of the %s sentence come out in logical order',
    (_name, sentence) => {
      expect(wordsInLogicalOrder(signedText, sentence)).toBe(true);
      // The same sentence through stock pdfmake comes out backwards.
      expect(wordsInLogicalOrder(stockText, sentence)).toBe(false);
    },
  );

  it('every page says «صفحه n از ۳» in reading order', () => {
    const digits = ['۱', '۲', '۳'];
    digits.forEach((digit, index) => {
      const page = withoutBidiControls(
        pdfToText(signedPdf, ['-f', String(index + 1), '-l', String(index + 1)]),
      ).replace(/\s+/g, '');
      expect(page).toContain(`صفحه${digit}از۳`);
    });
    expect(withoutBidiControls(stockText).replace(/\s+/g, '')).not.toContain('صفحه۱از۳');
  });

  it('a signed report carries the grouped fingerprint and no draft banner', () => {
    expect(signedText).toContain(
      '9f86 d081 884c 7d65 9a2f eaa0 c55a d015 a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08',
    );
    expect(wordsInLogicalOrder(signedText, 'امضای دیجیتال')).toBe(true);
    expect(wordsInLogicalOrder(signedText, 'پیش‌نویس امضا نشده')).toBe(false);
  });

  it('a draft says «پیش‌نویس — امضا نشده» and has no signature', () => {
    const text = pdfToText(draftPdf);
    expect(wordsInLogicalOrder(text, 'پیش‌نویس — امضا نشده')).toBe(true);
    expect(text).not.toContain('Ed25519');
    expect(wordsInLogicalOrder(text, 'اثر انگشت امضا')).toBe(false);
  });
});

describe('what is drawn reads right to left', () => {
  /** One paragraph per line, each short enough not to wrap, through a given text setter. */
  async function specimen(setter: TextSetter, lines: readonly string[]): Promise<string[]> {
    const fonts = reportFontFiles();
    const pdf = await printPdf(
      {
        defaultStyle: { font: REPORT_FONT_FAMILY, fontSize: 11 },
        content: lines.map((text) => paragraph(setter, text, { width: 515 })),
      },
      fonts,
    );
    return pdfVisualLines(pdf)[0] ?? [];
  }

  // Logical text → what the eye sees left to right, written by hand.
  const cases: Array<[string, string]> = [
    [
      'بیمار تب ۳۸٫۵ درجه دارد',
      [seen('دارد'), seen('درجه'), '۳۸٫۵', seen('تب'), seen('بیمار')].join(' '),
    ],
    [
      'فشار خون 120/80 و اشباع ۹۶٪ است',
      [seen('است'), '٪۹۶', seen('اشباع'), 'و', '120/80', seen('خون'), seen('فشار')].join(' '),
    ],
    [
      'شروع Amoxicillin 500 mg هر ۸ ساعت',
      [seen('ساعت'), '۸', seen('هر'), 'Amoxicillin', '500', 'mg', seen('شروع')].join(' '),
    ],
    [
      'فارنژیت حاد (J02.9) و دیابت (E11.9)',
      ['(E11.9)', seen('دیابت'), 'و', '(J02.9)', seen('حاد'), seen('فارنژیت')].join(' '),
    ],
    [
      'آخرین مراجعه ۱۴۰۵/۰۸/۳۰ ساعت ۱۰:۳۰',
      ['۱۰:۳۰', seen('ساعت'), '۱۴۰۵/۰۸/۳۰', seen('مراجعه'), seen('آخرین')].join(' '),
    ],
    [
      'سرفه (خشک و بدون خلط) شدید',
      [seen('شدید'), `(${seen('خلط')}`, seen('بدون'), 'و', `${seen('خشک')})`, seen('سرفه')].join(
        ' ',
      ),
    ],
    ['• قند ناشتا ۱۲٬۵۰۰', ['۱۲٬۵۰۰', seen('ناشتا'), seen('قند'), '•'].join(' ')],
    [
      'Metformin 1000 mg روزی دو بار',
      [seen('بار'), seen('دو'), seen('روزی'), 'Metformin', '1000', 'mg'].join(' '),
    ],
    ['کلاس سلامت', [seen('سلامت'), seen('کلاس')].join(' ')],
  ];

  it('each line, as drawn, matches the hand-written visual order', async () => {
    const drawn = await specimen(
      bidiTextSetter(fontMetricsFor(reportFontFiles()).measurer()),
      cases.map(([logical]) => logical),
    );
    expect(drawn).toEqual(cases.map(([, visual]) => asDrawnReadsIt(visual)));
  });

  it('…and stock pdfmake draws none of them right', async () => {
    const drawn = await specimen(
      plainTextSetter(),
      cases.map(([logical]) => logical),
    );
    cases.forEach(([, visual], index) => {
      expect(drawn[index]).not.toBe(asDrawnReadsIt(visual));
    });
  });
});

describe('pdfmake draws exactly the lines the bidi layer laid out', () => {
  it('the long Subjective wraps over several lines, none re-wrapped or reordered by pdfmake', () => {
    const measure = fontMetricsFor(reportFontFiles()).measurer();
    const input = sampleReport({ subjectiveRepeat: 3, medications: 12 });
    const laidOut = layoutText([{ text: input.report.content.subjective, style: null }], {
      maxWidth: CONTENT_WIDTH,
      measure: (text) => measure(text, false, 10),
    }).map((line) => asDrawnReadsIt(line.runs.map((run) => run.visual).join('')));
    expect(laidOut.length).toBeGreaterThan(5);
    const drawn = pdfVisualLines(signedPdf)[0] ?? [];
    const first = drawn.indexOf(laidOut[0] ?? '');
    expect(first).toBeGreaterThan(0);
    expect(drawn.slice(first, first + laidOut.length)).toEqual(laidOut);
  });
});

describe('tables run right to left', () => {
  /** Words of one page, found by how they are drawn. */
  function find(words: readonly DrawnWord[], text: string, near?: DrawnWord): DrawnWord {
    const found = words.find(
      (word) => word.text === text && (!near || Math.abs(word.yMin - near.yMin) < 4),
    );
    if (!found) throw new Error(`"${text}" not drawn${near ? ` near y=${near.yMin}` : ''}`);
    return found;
  }

  it('the prescription header and its first row read from the right', () => {
    const page = pdfDrawnLines(signedPdf)
      .map((lines) => lines.flat())
      .find((words) => words.some((word) => word.text === seen('تعداد/دفعات')));
    if (!page) throw new Error('prescription table not found');
    const header = find(page, seen('تعداد/دفعات'));
    const headerOrder = [
      seen('ردیف'),
      seen('دارو'),
      seen('دوز'),
      seen('مصرف'),
      seen('تعداد/دفعات'),
      seen('مدت'),
    ].map((text) => find(page, text, header).xMin);
    expect([...headerOrder].sort((a, b) => b - a)).toEqual(headerOrder);

    const [drug] = page
      .filter((word) => word.text === 'Amoxicillin' && word.yMin > header.yMin)
      .sort((a, b) => a.yMin - b.yMin);
    if (!drug) throw new Error('first prescription row not found');
    const rowOrder = [
      find(page, '۱', drug),
      drug,
      find(page, '500', drug),
      find(page, seen('خوراکی'), drug),
      find(page, seen('ساعت'), drug),
      find(page, seen('روز'), drug),
    ].map((word) => word.xMin);
    expect([...rowOrder].sort((a, b) => b - a)).toEqual(rowOrder);
  });

  it('a left-to-right cell is drawn left to right, brackets and all', () => {
    // pdftotext's own bidi guess moves the closing bracket of this cell to the front, so what
    // is drawn is checked instead.
    const lines = pdfVisualLines(signedPdf).flat();
    expect(lines).toContain('Salbutamol (Ventolin)');
    expect(lines).toContain('100 mcg');
  });
});

describe('input and fonts', () => {
  it('refuses a report that does not validate', async () => {
    const input = sampleReport();
    const bad = {
      ...input,
      report: {
        ...input.report,
        content: {
          ...input.report.content,
          diagnoses: [{ id: 'd', icd10: 'j02', title: 'x', evidence: [] }],
        },
      },
    };
    const error = await renderReportPdf(bad).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('validation');
  });

  it('says which font is missing when the resources folder has none', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-no-fonts-'));
    try {
      const error = await renderReportPdf(sampleReport(), { resourcesDir: empty }).catch(
        (caught: unknown) => caught,
      );
      expect(isAppError(error) && error.code).toBe('not_found');
      expect(isAppError(error) && error.detail).toContain('Vazirmatn-Regular.ttf');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
