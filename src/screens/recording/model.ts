import type { QueryClient } from '@tanstack/react-query';
import type { RecordingSummary } from '../../../electron/shared/recording';
import type { I18n } from '../../i18n/i18n';
import { isolateLtr } from '../patients/format';

/** TanStack Query keys of recording and transcription. */
export const recordingKeys = {
  all: ['recording'] as const,
  consents: (encounterId: string) => ['recording', 'consents', encounterId] as const,
  forVisit: (encounterId: string) => ['recording', 'forVisit', encounterId] as const,
  status: (recordingId: string) => ['recording', 'status', recordingId] as const,
  transcript: (encounterId: string) => ['recording', 'transcript', encounterId] as const,
  interrupted: ['recording', 'interrupted'] as const,
  disk: ['recording', 'disk'] as const,
};

export function refreshRecordings(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: recordingKeys.all });
}

/** The consultation screen of a visit. */
export function consultationPath(visitId: string): string {
  return `/visits/${encodeURIComponent(visitId)}/consultation`;
}

/**
 * A length of time as a clock: m:ss, or h:mm:ss from an hour on — in the language's digits,
 * isolated left to right so that a right-to-left line does not turn ۰۱:۲۳ around.
 */
export function clockText(i18n: I18n, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  const text =
    hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
  return isolateLtr(i18n.digits(text));
}

/** Bytes as GB (one decimal) or MB, in the language's digits and decimal sign. */
export function sizeText(i18n: I18n, bytes: number): string {
  const locale = i18n.language === 'fa' ? 'fa-IR' : 'en-GB';
  if (bytes >= 1024 ** 3) {
    const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 ** 3);
    return i18n.t('recording.size.gb', { n });
  }
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024 ** 2);
  return i18n.t('recording.size.mb', { n });
}

/** The recording a visit's screen is about: the open one, else the latest. */
export function currentRecording(
  recordings: readonly RecordingSummary[] | undefined,
): RecordingSummary | null {
  if (!recordings || recordings.length === 0) return null;
  const open = recordings.find((recording) =>
    ['recording', 'paused', 'interrupted'].includes(recording.state),
  );
  if (open) return open;
  return [...recordings].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0] ?? null;
}

/** Recordings in the order they were made, numbered from 1. */
export function recordingNumber(
  recordings: readonly RecordingSummary[] | undefined,
  recordingId: string,
): number {
  const ordered = [...(recordings ?? [])].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return ordered.findIndex((recording) => recording.id === recordingId) + 1;
}
