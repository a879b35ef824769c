import { createRequire } from 'node:module';
import type * as PdfMake from 'pdfmake';
import type {
  Content,
  CustomTableLayout,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import type { SoapSection } from '../../shared/soap';
import { parseInput } from '../validation';
import { bidiTextSetter, paragraph, type TextSetter, type TextSpan } from './pdf-text';
import {
  defaultResourcesDir,
  fontMetricsFor,
  REPORT_FONT_FAMILY,
  reportFontFiles,
  type ReportFontFiles,
} from './report-fonts';
import {
  reportDocumentInputSchema,
  type ReportDocument,
  type ReportDocumentInput,
} from './report-input';
import {
  ageLabel,
  generationMethodLabels,
  groupFingerprint,
  labels,
  ordinal,
  pageLabel,
  persianDigits,
  REPORT_TITLE,
  sectionHeadings,
  sexLabels,
  versionLabel,
  vitalLabels,
} from './report-labels';

/**
 * The visit report as an A4, right-to-left PDF. Every piece of text goes through a TextSetter
 * (the bidi layer), so the layout here only decides boxes and their widths: each width is known
 * before pdfmake runs, because the bidi layer breaks the lines itself.
 */

export interface RenderReportPdfOptions {
  /** The folder holding `fonts/` (Electron: under `process.resourcesPath`). */
  readonly resourcesDir?: string;
}

const PAGE_WIDTH = 595.28; // A4 in points
const MARGIN_X = 40;
const MARGIN_TOP = 36;
const MARGIN_BOTTOM = 54;
/** Width of the content box every paragraph is laid out for. */
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const CELL_PADDING_X = 4;
const CELL_PADDING_Y = 3;

const colors = {
  heading: '#17466e',
  muted: '#555555',
  rule: '#b8c3cd',
  headerFill: '#e9eef3',
  labelFill: '#f4f6f8',
  draft: '#b00020',
} as const;

const sizes = { body: 10, small: 8.5, heading: 12, title: 14, clinic: 16 } as const;

const soapOrder: readonly SoapSection[] = ['subjective', 'objective', 'assessment', 'plan'];

// --- tables, right to left ----------------------------------------------------------------------

interface RtlColumn {
  /** Share of the table's width. */
  readonly weight: number;
  readonly align?: 'right' | 'center' | 'left';
}

/** Content widths of columns sharing `total` points, the cells' paddings taken out first. */
function columnWidths(columns: readonly RtlColumn[], total = CONTENT_WIDTH): number[] {
  const inner = total - columns.length * 2 * CELL_PADDING_X;
  const weights = columns.reduce((sum, column) => sum + column.weight, 0);
  return columns.map((column) => (inner * column.weight) / weights);
}

function rtlTableLayout(options: { headingRow: boolean; headerRow: boolean }): CustomTableLayout {
  const firstBodyRow = (options.headingRow ? 1 : 0) + (options.headerRow ? 1 : 0);
  return {
    hLineWidth: (row) => (options.headingRow && row === 0 ? 0 : 0.5),
    vLineWidth: () => 0,
    hLineColor: () => colors.rule,
    paddingLeft: () => CELL_PADDING_X,
    paddingRight: () => CELL_PADDING_X,
    paddingTop: () => CELL_PADDING_Y,
    paddingBottom: () => CELL_PADDING_Y,
    fillColor: (row) => (options.headerRow && row === firstBodyRow - 1 ? colors.headerFill : null),
  };
}

/**
 * A table whose first column is the rightmost: pdfmake lays columns out left to right, so each
 * row is handed over reversed. An optional heading row spans the table and repeats with the
 * column headers on every page the table runs onto.
 */
function rtlTable(
  setter: TextSetter,
  spec: {
    readonly heading?: string;
    readonly columns: readonly RtlColumn[];
    readonly header?: readonly string[];
    readonly rows: ReadonlyArray<ReadonlyArray<string | readonly TextSpan[]>>;
    readonly cellStyle?: (row: number, column: number) => { bold?: boolean; fill?: string };
  },
): Content {
  const widths = columnWidths(spec.columns);
  const cell = (
    text: string | readonly TextSpan[],
    column: number,
    style: { bold?: boolean; fill?: string } = {},
  ): TableCell => {
    const width = widths[column] ?? 0;
    const align = spec.columns[column]?.align ?? 'right';
    return {
      stack: setter.lines(text, {
        width,
        align,
        direction: 'auto',
        style: { bold: style.bold ?? false },
      }),
      ...(style.fill ? { fillColor: style.fill } : {}),
    };
  };
  const body: TableCell[][] = [];
  if (spec.heading) {
    const span = spec.columns.length;
    const width = CONTENT_WIDTH - 2 * CELL_PADDING_X;
    body.push([
      {
        stack: setter.lines(spec.heading, {
          width,
          style: { bold: true, fontSize: sizes.heading, color: colors.heading },
        }),
        colSpan: span,
      },
      ...Array.from({ length: span - 1 }, (): TableCell => ({})),
    ]);
  }
  if (spec.header) {
    body.push(spec.header.map((text, column) => cell(text, column, { bold: true })).reverse());
  }
  spec.rows.forEach((row, rowIndex) => {
    body.push(
      row.map((text, column) => cell(text, column, spec.cellStyle?.(rowIndex, column))).reverse(),
    );
  });
  const headerRows = (spec.heading ? 1 : 0) + (spec.header ? 1 : 0);
  return {
    table: {
      widths: [...widths].reverse(),
      body,
      headerRows,
      ...(headerRows > 0 ? { keepWithHeaderRows: 1 } : {}),
      dontBreakRows: true,
    },
    layout: rtlTableLayout({ headingRow: Boolean(spec.heading), headerRow: Boolean(spec.header) }),
    margin: [0, 8, 0, 0],
  };
}

// --- the document -------------------------------------------------------------------------------

function rule(marginTop = 4, marginBottom = 6): Content {
  return {
    canvas: [
      {
        type: 'line',
        x1: 0,
        y1: 0,
        x2: CONTENT_WIDTH,
        y2: 0,
        lineWidth: 0.7,
        lineColor: colors.rule,
      },
    ],
    margin: [0, marginTop, 0, marginBottom],
  };
}

function clinicHeader(setter: TextSetter, report: ReportDocument): Content[] {
  const { clinic } = report;
  // The phone number in a left-to-right isolate: after Persian text its digit groups would
  // otherwise be ordered right to left (UAX #9 W2 makes them Arabic numbers).
  const contact = [clinic.address, clinic.phone ? `\u2066${clinic.phone}\u2069` : null]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
  return [
    paragraph(setter, clinic.name, {
      width: CONTENT_WIDTH,
      align: 'center',
      style: { bold: true, fontSize: sizes.clinic, color: colors.heading },
    }),
    ...(clinic.nameEn
      ? [
          paragraph(setter, clinic.nameEn, {
            width: CONTENT_WIDTH,
            align: 'center',
            direction: 'ltr',
            style: { fontSize: sizes.small + 1, color: colors.muted },
          }),
        ]
      : []),
    ...(contact
      ? [
          paragraph(setter, contact, {
            width: CONTENT_WIDTH,
            align: 'center',
            style: { fontSize: sizes.small, color: colors.muted },
          }),
        ]
      : []),
    rule(6, 6),
    paragraph(setter, REPORT_TITLE, {
      width: CONTENT_WIDTH,
      align: 'center',
      style: { bold: true, fontSize: sizes.title },
    }),
    paragraph(setter, versionLabel(report.report.version, report.report.status), {
      width: CONTENT_WIDTH,
      align: 'center',
      style: { fontSize: sizes.small + 0.5, color: colors.muted },
    }),
  ];
}

function isUnsigned(report: ReportDocument): boolean {
  return report.signature === null || report.report.status === 'draft';
}

function draftBanner(setter: TextSetter): Content {
  const width = CONTENT_WIDTH - 2 * CELL_PADDING_X;
  return {
    table: {
      widths: [width],
      body: [
        [
          {
            stack: [
              ...setter.lines(labels.draftBanner, {
                width,
                align: 'center',
                style: { bold: true, fontSize: sizes.heading, color: colors.draft },
              }),
              ...setter.lines(labels.draftNotice, {
                width,
                align: 'center',
                style: { fontSize: sizes.small + 0.5, color: colors.draft },
              }),
            ],
          },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 1,
      vLineWidth: () => 0,
      hLineColor: () => colors.draft,
      paddingLeft: () => CELL_PADDING_X,
      paddingRight: () => CELL_PADDING_X,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 8, 0, 0],
  };
}

function amendmentNotice(setter: TextSetter, report: ReportDocument): Content[] {
  if (!report.report.amendmentReason) return [];
  return [
    paragraph(
      setter,
      [
        { text: `${labels.amendmentReason}: `, bold: true },
        { text: report.report.amendmentReason },
      ],
      { width: CONTENT_WIDTH, style: { fontSize: sizes.body } },
    ),
  ];
}

function patientAndVisit(setter: TextSetter, report: ReportDocument): Content {
  const { patient, visit } = report;
  const pairs: Array<[string, string]> = [
    [labels.patientName, patient.fullName],
    [labels.mrn, patient.mrn],
    [labels.nationalId, patient.nationalId ?? labels.none],
    [labels.birthDate, patient.birthDate ? persianDigits(patient.birthDate) : labels.none],
    [labels.age, ageLabel(patient.age)],
    [labels.sex, patient.sex ? sexLabels[patient.sex] : labels.none],
    [labels.visitDate, persianDigits(visit.date)],
    [labels.visitTime, visit.time ? persianDigits(visit.time) : labels.none],
    [labels.visitType, visit.typeLabel || labels.none],
    [labels.doctor, visit.doctorName],
    [labels.doctorLicence, visit.doctorLicence ?? labels.none],
    [labels.generationMethod, generationMethodLabels[report.report.generationMethod]],
  ];
  const rows: string[][] = [];
  for (let index = 0; index < pairs.length; index += 2) {
    const [firstLabel, firstValue] = pairs[index] ?? ['', ''];
    const [secondLabel, secondValue] = pairs[index + 1] ?? ['', ''];
    rows.push([firstLabel, firstValue, secondLabel, secondValue]);
  }
  return rtlTable(setter, {
    columns: [{ weight: 1 }, { weight: 2 }, { weight: 1 }, { weight: 2 }],
    rows,
    cellStyle: (_row, column) => (column % 2 === 0 ? { bold: true, fill: colors.labelFill } : {}),
  });
}

/**
 * A heading kept on the page of the first lines under it, and no single line left alone at the
 * top of the next page: short bodies stay whole, long ones keep their first and last two lines.
 */
function section(setter: TextSetter, heading: string, body: Content[]): Content {
  const head = [
    ...setter.lines(heading, {
      width: CONTENT_WIDTH,
      style: { bold: true, fontSize: sizes.heading, color: colors.heading },
    }),
    rule(1, 3),
  ];
  const keep = 2;
  const stack: Content[] =
    body.length <= 2 * keep
      ? [{ stack: [...head, ...body], unbreakable: true }]
      : [
          { stack: [...head, ...body.slice(0, keep)], unbreakable: true },
          ...body.slice(keep, -keep),
          { stack: body.slice(-keep), unbreakable: true },
        ];
  return { stack, margin: [0, 10, 0, 0] };
}

function textSection(setter: TextSetter, heading: string, text: string): Content {
  const body = text.trim()
    ? setter.lines(text, { width: CONTENT_WIDTH, style: { fontSize: sizes.body } })
    : setter.lines(labels.none, { width: CONTENT_WIDTH, style: { color: colors.muted } });
  return section(setter, heading, body);
}

function labelled(
  setter: TextSetter,
  label: string,
  value: string,
  direction: 'rtl' | 'ltr' = 'rtl',
): Content[] {
  if (direction === 'ltr') {
    return [
      ...setter.lines(`${label}:`, { width: CONTENT_WIDTH, style: { bold: true } }),
      ...setter.lines(value, { width: CONTENT_WIDTH, direction: 'ltr', align: 'right' }),
    ];
  }
  return setter.lines([{ text: `${label}: `, bold: true }, { text: value }], {
    width: CONTENT_WIDTH,
  });
}

function vitalsTable(setter: TextSetter, report: ReportDocument): Content[] {
  const { vitals } = report.report.content;
  if (vitals.length === 0) return [];
  const cells = vitals.map((vital) => [vitalLabels[vital.kind], `${vital.value} ${vital.unit}`]);
  const rows: string[][] = [];
  for (let index = 0; index < cells.length; index += 2) {
    rows.push([...(cells[index] ?? ['', '']), ...(cells[index + 1] ?? ['', ''])]);
  }
  return [
    rtlTable(setter, {
      heading: labels.vitals,
      columns: [{ weight: 1.2 }, { weight: 1 }, { weight: 1.2 }, { weight: 1 }],
      rows,
      cellStyle: (_row, column) => (column % 2 === 0 ? { bold: true } : {}),
    }),
  ];
}

function diagnosesTable(setter: TextSetter, report: ReportDocument): Content[] {
  const { diagnoses } = report.report.content;
  if (diagnoses.length === 0) return [];
  return [
    rtlTable(setter, {
      heading: labels.diagnoses,
      columns: [{ weight: 0.45, align: 'center' }, { weight: 5 }, { weight: 1.3, align: 'center' }],
      header: [labels.row, labels.diagnosisTitle, labels.icd10],
      rows: diagnoses.map((diagnosis, index) => [
        ordinal(index),
        diagnosis.title,
        diagnosis.icd10 || labels.none,
      ]),
    }),
  ];
}

function prescriptionTable(setter: TextSetter, report: ReportDocument): Content[] {
  const { medications } = report.report.content;
  if (medications.length === 0) return [];
  return [
    rtlTable(setter, {
      heading: labels.prescription,
      columns: [
        { weight: 0.45, align: 'center' },
        { weight: 2.1 },
        { weight: 1.2 },
        { weight: 1.2 },
        { weight: 1.4 },
        { weight: 1 },
      ],
      header: [
        labels.row,
        labels.drugName,
        labels.dose,
        labels.route,
        labels.frequency,
        labels.duration,
      ],
      rows: medications.map((medication, index) => [
        ordinal(index),
        medication.name,
        medication.dose || labels.none,
        medication.route || labels.none,
        medication.frequency || labels.none,
        medication.duration || labels.none,
      ]),
    }),
  ];
}

function labOrdersTable(setter: TextSetter, report: ReportDocument): Content[] {
  const { labOrders } = report.report.content;
  if (labOrders.length === 0) return [];
  return [
    rtlTable(setter, {
      heading: labels.labOrders,
      columns: [{ weight: 0.45, align: 'center' }, { weight: 2.5 }, { weight: 3 }],
      header: [labels.row, labels.labName, labels.labReason],
      rows: labOrders.map((order, index) => [
        ordinal(index),
        order.name,
        order.reason || labels.none,
      ]),
    }),
  ];
}

function followUpSection(setter: TextSetter, report: ReportDocument): Content[] {
  const { followUp } = report.report.content;
  if (!followUp) return [];
  return [
    section(setter, labels.followUp, [
      ...labelled(setter, labels.followUpWhen, followUp.interval || labels.none),
      ...labelled(setter, labels.followUpReason, followUp.reason || labels.none),
    ]),
  ];
}

function signatureBlock(setter: TextSetter, report: ReportDocument): Content {
  const { signature } = report;
  if (!signature || isUnsigned(report)) {
    return section(setter, labels.signature, [
      ...setter.lines(labels.draftBanner, {
        width: CONTENT_WIDTH,
        style: { bold: true, color: colors.draft },
      }),
    ]);
  }
  return {
    ...(section(setter, labels.signature, [
      ...labelled(setter, labels.approvedBy, signature.doctorName),
      ...labelled(setter, labels.signedAt, persianDigits(signature.signedAt)),
      ...labelled(setter, labels.algorithm, signature.algorithm),
      ...labelled(setter, labels.fingerprint, groupFingerprint(signature.fingerprint), 'ltr'),
    ]) as object),
    unbreakable: true,
  } as Content;
}

function footer(setter: TextSetter, report: ReportDocument) {
  const half = CONTENT_WIDTH / 2;
  // The file number in a left-to-right isolate, like the phone: after Persian letters its digit
  // groups are Arabic numbers (UAX #9 W2) and "1405-00049" would read as "00049-1405".
  const identity = `${report.patient.fullName} — ${labels.mrn} \u2066${report.patient.mrn}\u2069`;
  return (currentPage: number, pageCount: number): Content => ({
    margin: [MARGIN_X, 14, MARGIN_X, 0],
    stack: [
      {
        canvas: [
          {
            type: 'line',
            x1: 0,
            y1: 0,
            x2: CONTENT_WIDTH,
            y2: 0,
            lineWidth: 0.5,
            lineColor: colors.rule,
          },
        ],
      },
      {
        columnGap: 0,
        margin: [0, 4, 0, 0],
        columns: [
          {
            width: half,
            stack: setter.lines(pageLabel(currentPage, pageCount), {
              width: half,
              align: 'left',
              style: { fontSize: sizes.small, color: colors.muted },
            }),
          },
          {
            width: half,
            stack: setter.lines(identity, {
              width: half,
              style: { fontSize: sizes.small, color: colors.muted },
            }),
          },
        ],
      },
    ],
  });
}

/** The pdfmake document for a validated report, its text set by `setter`. */
export function reportDocDefinition(
  report: ReportDocument,
  setter: TextSetter,
): TDocumentDefinitions {
  const { content } = report.report;
  const body: Content[] = [
    ...clinicHeader(setter, report),
    ...(isUnsigned(report) ? [draftBanner(setter)] : []),
    ...amendmentNotice(setter, report),
    patientAndVisit(setter, report),
    ...(content.chiefComplaint.trim()
      ? [
          section(
            setter,
            labels.chiefComplaint,
            setter.lines(content.chiefComplaint, { width: CONTENT_WIDTH }),
          ),
        ]
      : []),
    ...vitalsTable(setter, report),
    ...soapOrder.map((key) => textSection(setter, sectionHeadings[key], content[key])),
    ...diagnosesTable(setter, report),
    ...prescriptionTable(setter, report),
    ...labOrdersTable(setter, report),
    ...followUpSection(setter, report),
    signatureBlock(setter, report),
  ];
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM],
    // A neutral title: the PDF's metadata must not carry patient data.
    info: { title: REPORT_TITLE, creator: 'HELSSA Clinic', producer: 'HELSSA Clinic' },
    language: 'fa-IR',
    defaultStyle: { font: REPORT_FONT_FAMILY, fontSize: sizes.body, lineHeight: 1.15 },
    content: body,
    footer: footer(setter, report),
    ...(isUnsigned(report)
      ? {
          watermark: {
            text: setter.singleLine(labels.draftBanner, { bold: true }),
            color: colors.draft,
            opacity: 0.07,
            bold: true,
            fontSize: 46,
            angle: -40,
          },
        }
      : {}),
  };
}

// Node's resolver on purpose: pdfmake's "browser" field would give a bundler the browser build.
const pdfmake = createRequire(import.meta.url)('pdfmake') as typeof PdfMake;

/**
 * pdfmake's server instance is one per process: fonts and access policies are set on every call,
 * right before `createPdf` reads them, and nothing else may be fetched or read — no URL, no file
 * but the two fonts.
 */
export async function printPdf(
  definition: TDocumentDefinitions,
  fonts: ReportFontFiles,
): Promise<Buffer> {
  pdfmake.setFonts({ [REPORT_FONT_FAMILY]: { normal: fonts.regular, bold: fonts.bold } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => file === fonts.regular || file === fonts.bold);
  return pdfmake.createPdf(definition).getBuffer();
}

/** The visit report as PDF bytes (A4, right to left, Vazirmatn). */
export async function renderReportPdf(
  input: ReportDocumentInput,
  options: RenderReportPdfOptions = {},
): Promise<Buffer> {
  return (await renderReportPdfWithPages(input, options)).bytes;
}

/** The visit report as PDF bytes and its number of pages, as pdfmake laid them out. */
export async function renderReportPdfWithPages(
  input: ReportDocumentInput,
  options: RenderReportPdfOptions = {},
): Promise<{ bytes: Buffer; pages: number }> {
  const report = parseInput(reportDocumentInputSchema, input);
  const fonts = reportFontFiles(options.resourcesDir ?? defaultResourcesDir());
  const setter = bidiTextSetter(fontMetricsFor(fonts).measurer());
  const definition = reportDocDefinition(report, setter);
  const drawFooter = footer(setter, report);
  let pages = 0;
  // pdfmake draws the footer on every page once the layout is done, with the final page count.
  definition.footer = (currentPage: number, pageCount: number) => {
    pages = pageCount;
    return drawFooter(currentPage, pageCount);
  };
  const bytes = await printPdf(definition, fonts);
  return { bytes, pages };
}
