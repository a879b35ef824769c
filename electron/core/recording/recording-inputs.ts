/**
 * Inputs and results of the recording service: the shared schemas the contract uses, plus the
 * recovery report only the core produces.
 */
export {
  consentGivers,
  consentMethods,
  recordConsentSchema,
  startRecordingSchema,
  type ChunkSummary,
  type ConsentSummary,
  type RecordConsentInput,
  type RecordingSummary,
  type StartRecordingInput,
} from '../../shared/recording';

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
