import { parseInput } from '../validation';
import { reportDocumentInputSchema, type ReportDocumentInput } from './report-input';
import {
  ageLabel,
  generationMethodLabels,
  groupFingerprint,
  labels,
  MARKDOWN_TITLE,
  persianDigits,
  sectionHeadings,
  sexLabels,
  statusLabels,
  vitalLabels,
} from './report-labels';

/**
 * The visit report as Markdown, after seed 000's `generate_markdown`: the same headings and the
 * numbered prescription, in logical order (Markdown viewers do their own bidi). The doctor's text
 * is escaped only where Markdown would otherwise take it for markup, so it reads exactly as
 * written.
 */

const INLINE_MARKUP = /[\\`*_[\]<>]/g;

function escapeInline(text: string): string {
  return text.replace(INLINE_MARKUP, (char) => `\\${char}`);
}

/** A block of the doctor's text: line breaks kept (hard breaks), a leading '#' not a heading. */
function escapeBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeInline(line).replace(/^(\s*)#/, '$1\\#'))
    .join('  \n');
}

const field = (label: string, value: string) => `- **${label}**: ${value}`;

export function renderReportMarkdown(input: ReportDocumentInput): string {
  const { clinic, patient, visit, report, signature } = parseInput(
    reportDocumentInputSchema,
    input,
  );
  const { content } = report;
  const out: string[] = [`# ${MARKDOWN_TITLE}`, ''];

  out.push(
    `**${escapeInline(clinic.name)}**${clinic.nameEn ? ` — ${escapeInline(clinic.nameEn)}` : ''}`,
    '',
  );
  out.push(
    `**${labels.version}**: ${persianDigits(String(report.version))} — ${statusLabels[report.status]}`,
    '',
  );
  if (signature === null || report.status === 'draft') {
    out.push(`> **${labels.draftBanner}**`, '');
  }
  if (report.amendmentReason) {
    out.push(`**${labels.amendmentReason}**: ${escapeInline(report.amendmentReason)}`, '');
  }

  out.push(
    '## اطلاعات ویزیت',
    field('تاریخ', persianDigits(visit.date)),
    field('ساعت', visit.time ? persianDigits(visit.time) : labels.none),
    field('نوع ویزیت', escapeInline(visit.typeLabel || labels.none)),
    field(labels.doctor, escapeInline(visit.doctorName)),
    ...(visit.doctorLicence
      ? [field(labels.doctorLicence, escapeInline(visit.doctorLicence))]
      : []),
    field(labels.generationMethod, generationMethodLabels[report.generationMethod]),
    '',
    '## اطلاعات بیمار',
    field('نام', escapeInline(patient.fullName)),
    field(labels.age, ageLabel(patient.age)),
    field('جنسیت', patient.sex ? sexLabels[patient.sex] : labels.none),
    field(labels.mrn, escapeInline(patient.mrn)),
    ...(patient.nationalId ? [field(labels.nationalId, escapeInline(patient.nationalId))] : []),
    ...(patient.birthDate ? [field(labels.birthDate, persianDigits(patient.birthDate))] : []),
    '',
  );

  if (content.chiefComplaint.trim()) {
    out.push(`## ${labels.chiefComplaint}`, escapeBlock(content.chiefComplaint), '');
  }

  out.push('## گزارش SOAP', '');
  for (const key of ['subjective', 'objective', 'assessment', 'plan'] as const) {
    out.push(`### ${sectionHeadings[key]}`, escapeBlock(content[key]) || labels.none, '');
  }

  if (content.vitals.length > 0) {
    out.push(`## ${labels.vitals}`);
    for (const vital of content.vitals) {
      out.push(field(vitalLabels[vital.kind], `${vital.value} ${escapeInline(vital.unit)}`));
    }
    out.push('');
  }

  if (content.diagnoses.length > 0) {
    out.push(`## ${labels.diagnoses}`);
    for (const diagnosis of content.diagnoses) {
      const code = diagnosis.icd10 ? ` (${diagnosis.icd10})` : '';
      out.push(`- ${escapeInline(diagnosis.title)}${code}`);
    }
    out.push('');
  }

  if (content.medications.length > 0) {
    out.push(`## ${labels.prescription}`, '');
    content.medications.forEach((medication, index) => {
      const amount = [medication.frequency, medication.duration]
        .filter((part) => part.trim() !== '')
        .map(escapeInline)
        .join('، ');
      out.push(
        `${index + 1}. **${escapeInline(medication.name)}**`,
        `   - ${labels.dose}: ${escapeInline(medication.dose) || labels.none}`,
        `   - ${labels.route}: ${escapeInline(medication.route) || labels.none}`,
        `   - تعداد/مدت: ${amount || labels.none}`,
        '',
      );
    });
  }

  if (content.labOrders.length > 0) {
    out.push(`## ${labels.labOrders}`, '');
    for (const order of content.labOrders) {
      const reason = order.reason.trim() ? ` — ${escapeInline(order.reason)}` : '';
      out.push(`- ${escapeInline(order.name)}${reason}`);
    }
    out.push('');
  }

  if (content.followUp) {
    out.push(
      `## ${labels.followUp}`,
      field(labels.followUpWhen, escapeInline(content.followUp.interval) || labels.none),
      field(labels.followUpReason, escapeInline(content.followUp.reason) || labels.none),
      '',
    );
  }

  if (signature && report.status !== 'draft') {
    out.push(
      '---',
      `**${labels.approvedBy}**: ${escapeInline(signature.doctorName)}  `,
      `**${labels.signedAt}**: ${persianDigits(signature.signedAt)}  `,
      `**${labels.fingerprint}** (${escapeInline(signature.algorithm)}): \`${groupFingerprint(signature.fingerprint)}\``,
      '',
    );
  }

  return `${out.join('\n').trimEnd()}\n`;
}
