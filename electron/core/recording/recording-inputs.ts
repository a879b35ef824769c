import { z } from 'zod';
import type { ConsentGivenBy, ConsentMethod, RecordingState } from '../db/schema';

/**
 * Inputs and results of the recording service. They move to the shared IPC contract when the
 * capture screen is wired (a later slice); until then only the core uses them.
 */
export const consentMethods = [
  'verbal',
  'written',
  'electronic',
] as const satisfies readonly ConsentMethod[];
export const consentGivers = [
  'patient',
  'guardian',
  'representative',
] as const satisfies readonly ConsentGivenBy[];

const id = z.string().min(1).max(64);

export const recordConsentSchema = z.strictObject({
  encounterId: id,
  method: z.enum(consentMethods),
  givenBy: z.enum(consentGivers).default('patient'),
  /** When the patient agreed; now when omitted (it may be earlier, e.g. at reception). */
  consentedAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type RecordConsentInput = z.input<typeof recordConsentSchema>;

export const startRecordingSchema = z.strictObject({
  encounterId: id,
  chunkSeconds: z.number().int().min(1).max(600).optional(),
});
export type StartRecordingInput = z.input<typeof startRecordingSchema>;

export interface ConsentSummary {
  readonly id: string;
  readonly encounterId: string;
  readonly method: ConsentMethod;
  readonly givenBy: ConsentGivenBy;
  readonly consentedAt: string;
  readonly recordedBy: string;
  readonly note: string | null;
}

export interface RecordingSummary {
  readonly id: string;
  readonly encounterId: string;
  readonly state: RecordingState;
  readonly startedAt: string;
  readonly stoppedAt: string | null;
  readonly interruptedAt: string | null;
  readonly finishedAt: string | null;
  readonly shreddedAt: string | null;
  readonly chunkTargetSeconds: number;
  readonly chunks: number;
  readonly durationMs: number;
}

export interface ChunkSummary {
  readonly id: string;
  readonly recordingId: string;
  readonly index: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly sampleCount: number;
  readonly byteSize: number;
  readonly recovered: boolean;
  readonly transcriptionStatus: 'pending' | 'processing' | 'completed' | 'failed';
}

/** What start-up recovery did with one interrupted recording. */
export interface RecoveryReport {
  readonly recordingId: string;
  readonly encounterId: string;
  /** Chunks closed from the journal (or adopted from a chunk file written just before a crash). */
  readonly recoveredChunks: number;
  readonly recoveredMs: number;
  readonly journalRecords: number;
  /** How the journal ended: 'end' (clean), 'torn' (a write cut short), 'bad_record', … */
  readonly journalEnd: string;
  /** The whole recording's audio after recovery. */
  readonly totalMs: number;
}
