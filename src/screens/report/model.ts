import type { DraftingJob, ReportView } from '../../../electron/shared/reports';
import type { TranscriptSegment, VisitTranscript } from '../../../electron/shared/recording';
import type {
  ChecklistStatus,
  EvidenceFlag,
  FlaggedItemKind,
  SoapContent,
} from '../../../electron/shared/soap';
import type { I18n } from '../../i18n/i18n';
import { isolateLtr } from '../patients/format';
import { recordingNumber } from '../recording/model';

/** TanStack Query keys of the report screen, the checklist and their settings. */
export const reportKeys = {
  all: ['report'] as const,
  view: (encounterId: string) => ['report', 'view', encounterId] as const,
  options: (encounterId: string) => ['report', 'options', encounterId] as const,
  checklist: (encounterId: string) => ['report', 'checklist', encounterId] as const,
  live: (encounterId: string) => ['report', 'live', encounterId] as const,
  /** The core's clock, to show how long a drafting run has taken. */
  clock: ['report', 'clock'] as const,
  users: ['report', 'users'] as const,
  items: ['checklist', 'items'] as const,
  templates: ['checklist', 'templates'] as const,
};

/** Warning text that stays readable on white (4.5:1); the theme's orange is for icons. */
export const WARNING_TEXT = '#8a4500';

/** The SOAP report screen of a visit. */
export function reportPath(visitId: string): string {
  return `/visits/${encodeURIComponent(visitId)}/report`;
}

/** What the status chip says: amending is a draft that has an approved version behind it. */
export type ReportState = 'none' | 'draft' | 'approved' | 'amending';

export function reportState(view: Pick<ReportView, 'status' | 'amendmentReason'>): ReportState {
  if (view.status === 'draft' && view.amendmentReason !== null) return 'amending';
  return view.status;
}

/**
 * A length of time as people say it, rounded as an estimate should be: "۱ دقیقه و ۳۰ ثانیه",
 * "۴۵ ثانیه", "۱۲ دقیقه", "۱ ساعت و ۵ دقیقه". Under ten minutes the seconds are kept to the
 * nearest five (ten from one minute up); beyond that only minutes.
 */
export function durationText(i18n: I18n, totalSeconds: number): string {
  const seconds = Math.max(0, totalSeconds);
  if (seconds < 9.5)
    return i18n.t('report.duration.seconds', { s: Math.max(1, Math.round(seconds)) });
  if (seconds < 57.5) return i18n.t('report.duration.seconds', { s: Math.round(seconds / 5) * 5 });
  if (seconds < 600) {
    const rounded = Math.round(seconds / 10) * 10;
    const minutes = Math.floor(rounded / 60);
    const rest = rounded % 60;
    return rest === 0
      ? i18n.t('report.duration.minutes', { m: minutes })
      : i18n.t('report.duration.minutesSeconds', { m: minutes, s: rest });
  }
  const totalMinutes = Math.round(seconds / 60);
  if (totalMinutes < 60) return i18n.t('report.duration.minutes', { m: totalMinutes });
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0
    ? i18n.t('report.duration.hours', { h: hours })
    : i18n.t('report.duration.hoursMinutes', { h: hours, m: minutes });
}

/**
 * A measured value ("38.5", "120/80") as people read it: the language's digits and decimal sign,
 * kept left to right inside a right-to-left line.
 */
export function valueText(i18n: I18n, value: string): string {
  if (i18n.language !== 'fa') return isolateLtr(value);
  return isolateLtr(i18n.digits(value).replace(/\./g, '\u066b'));
}

/** Units as Persian readers write them; the Latin ones doctors use as they are (mmHg, °C). */
const PERSIAN_UNITS: Readonly<Record<string, string>> = {
  '/min': 'در دقیقه',
  '%': '٪',
  kg: 'کیلوگرم',
  cm: 'سانتی‌متر',
};

/** A vital's value with its unit, in the language's way ("۹۰ در دقیقه", "۳۸٫۵ °C"). */
export function vitalText(i18n: I18n, value: string, unit: string): string {
  if (i18n.language === 'fa') {
    const persian = PERSIAN_UNITS[unit];
    if (persian === '٪') return `${valueText(i18n, value)}٪`;
    if (persian) return `${valueText(i18n, value)} ${persian}`;
  }
  return `${valueText(i18n, value)} ${isolateLtr(unit)}`;
}

/** A fraction 0..1 as a whole percentage in the language's digits ("۸۵٪"). */
export function percentText(i18n: I18n, fraction: number): string {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return i18n.language === 'fa' ? `${i18n.digits(percent)}٪` : `${percent}%`;
}

/** A key fingerprint in groups of four, left to right ("ab12 cd34 …"). */
export function fingerprintText(fingerprint: string): string {
  const compact = fingerprint.replace(/[\s:]/g, '');
  const groups = compact.match(/.{1,4}/g) ?? [compact];
  return isolateLtr(groups.join(' '));
}

/**
 * Where an anchor points in a segment's text today. The anchor was made on the text as it was
 * when drafted; the quote keeps that text. When the segment has been corrected since, the quote
 * is looked for in the new text; when it is gone, the whole segment is shown without a mark.
 */
export function anchorRange(
  text: string,
  anchor: { start: number; end: number; quote: string },
): { start: number; end: number } | null {
  const { start, end, quote } = anchor;
  if (end > start && end <= text.length && (quote === '' || text.slice(start, end) === quote)) {
    return { start, end };
  }
  if (quote !== '') {
    const found = text.indexOf(quote);
    if (found >= 0) return { start: found, end: found + quote.length };
  }
  return null;
}

/** Segments in the order they were spoken: by recording, then by time within it. */
export function orderedSegments(transcript: VisitTranscript): TranscriptSegment[] {
  const { recordings } = transcript;
  return [...transcript.segments].sort((a, b) => {
    const byRecording =
      recordingNumber(recordings, a.recordingId) - recordingNumber(recordings, b.recordingId);
    return byRecording !== 0 ? byRecording : a.startMs - b.startMs;
  });
}

/** The structured lists of the report, as the editors name them. */
export type ListKind = 'vitals' | 'diagnoses' | 'medications' | 'labOrders' | 'followUp';

/** The list a flag is about (a dose flag belongs to its medication's row). */
export function listOfFlag(kind: FlaggedItemKind): ListKind {
  switch (kind) {
    case 'medication':
    case 'dose':
      return 'medications';
    case 'diagnosis':
      return 'diagnoses';
    case 'vital':
      return 'vitals';
    case 'lab_order':
      return 'labOrders';
    case 'follow_up':
      return 'followUp';
  }
}

/** The flags of one row (the follow-up's item id is "follow_up"). */
export function flagsOfItem(
  flags: readonly EvidenceFlag[],
  list: ListKind,
  itemId: string,
): EvidenceFlag[] {
  return flags.filter((flag) => listOfFlag(flag.kind) === list && flag.itemId === itemId);
}

/** Element id of a structured row, so that the flag banner can take the doctor to it. */
export function rowElementId(list: ListKind, itemId: string): string {
  return `report-row-${list}-${itemId}`;
}

/** Flags whose item has been deleted: shown apart, since they have no row any more. */
export function orphanFlags(content: SoapContent, flags: readonly EvidenceFlag[]): EvidenceFlag[] {
  const ids: Record<ListKind, Set<string>> = {
    vitals: new Set(content.vitals.map((item) => item.id)),
    diagnoses: new Set(content.diagnoses.map((item) => item.id)),
    medications: new Set(content.medications.map((item) => item.id)),
    labOrders: new Set(content.labOrders.map((item) => item.id)),
    followUp: new Set(content.followUp ? ['follow_up'] : []),
  };
  return flags.filter((flag) => !ids[listOfFlag(flag.kind)].has(flag.itemId));
}

/**
 * How long a drafting run has taken, in seconds: to its end when it has ended, else to now on the
 * core's clock (`skewMs` is how far this computer's clock is ahead of the core's).
 */
export function elapsedSeconds(job: DraftingJob, nowMs: number, skewMs: number): number {
  const started = Date.parse(job.startedAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : nowMs - skewMs;
  return Math.max(0, (end - started) / 1000);
}

/** A share of the expected time, held below 1 until the run says it is done. */
export function progressFraction(job: DraftingJob, elapsed: number): number | null {
  if (job.status === 'completed') return 1;
  if (job.expectedSeconds === null || job.expectedSeconds <= 0) return null;
  return Math.min(0.95, elapsed / job.expectedSeconds);
}

/** The checklist's groups in the order a doctor works through them. */
export const checklistGroups: readonly ChecklistStatus[] = [
  'missing',
  'partial',
  'unclear',
  'covered',
];

/** Content equality of two values of the draft (sections, lists, follow-up). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A fresh id for an item the doctor adds. */
export function newItemId(): string {
  return crypto.randomUUID();
}

/** Base64 as a Blob (the PDF the core renders), never a file. */
export function base64Blob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Saves a Blob through a temporary link; the object URL lives only for the click. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
