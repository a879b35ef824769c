import { z } from 'zod';

/**
 * Recording and transcription as the renderer sees them: consent, a recording's life, its chunks'
 * transcription statuses, the visit transcript with corrections, and the live status shown while
 * recording. The core validates inputs with these schemas and the contract checks every answer.
 */
export const consentMethods = ['verbal', 'written', 'electronic'] as const;
export type ConsentMethod = (typeof consentMethods)[number];
export const consentGivers = ['patient', 'guardian', 'representative'] as const;
export type ConsentGivenBy = (typeof consentGivers)[number];
export const recordingStates = [
  'recording',
  'paused',
  'stopped',
  'interrupted',
  'finished',
] as const;
export type RecordingState = (typeof recordingStates)[number];
export const transcriptionStatuses = ['pending', 'processing', 'completed', 'failed'] as const;
export type TranscriptionStatus = (typeof transcriptionStatuses)[number];
export const transcriptionLanguages = ['fa', 'en', 'auto'] as const;
export type TranscriptionLanguage = (typeof transcriptionLanguages)[number];

const id = z.string().min(1).max(64);
const instant = z.string();

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

export const consentSummarySchema = z.strictObject({
  id: z.string(),
  encounterId: z.string(),
  method: z.enum(consentMethods),
  givenBy: z.enum(consentGivers),
  consentedAt: instant,
  recordedBy: z.string(),
  note: z.string().nullable(),
});
export type ConsentSummary = z.infer<typeof consentSummarySchema>;

export const recordingSummarySchema = z.strictObject({
  id: z.string(),
  encounterId: z.string(),
  state: z.enum(recordingStates),
  source: z.enum(['microphone', 'import']),
  startedAt: instant,
  stoppedAt: instant.nullable(),
  interruptedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  shreddedAt: instant.nullable(),
  chunkTargetSeconds: z.number(),
  chunks: z.number(),
  durationMs: z.number(),
});
export type RecordingSummary = z.infer<typeof recordingSummarySchema>;

export const chunkSummarySchema = z.strictObject({
  id: z.string(),
  recordingId: z.string(),
  index: z.number(),
  startMs: z.number(),
  durationMs: z.number(),
  sampleCount: z.number(),
  byteSize: z.number(),
  recovered: z.boolean(),
  transcriptionStatus: z.enum(transcriptionStatuses),
  transcriptionAttempts: z.number(),
  transcriptionError: z.string().nullable(),
});
export type ChunkSummary = z.infer<typeof chunkSummarySchema>;

export const diskStatusSchema = z.strictObject({
  freeBytes: z.number(),
  minFreeBytes: z.number(),
  low: z.boolean(),
});

/** Why transcription is not running, when it is not; null while it works. */
export const transcriptionBlockers = [
  'no_model',
  'model_corrupt',
  'engine_unavailable',
  'engine_failed',
  'engine_starting',
] as const;
export type TranscriptionBlocker = (typeof transcriptionBlockers)[number];

export const transcriptionProgressSchema = z.strictObject({
  pending: z.number(),
  processing: z.number(),
  completed: z.number(),
  failed: z.number(),
  /** Audio waiting to be transcribed (pending and processing chunks). */
  backlogMs: z.number(),
  /** 0..100 of the chunk being transcribed now. */
  currentPercent: z.number().nullable(),
  /** True when the backlog grows faster than the engine clears it. */
  behind: z.boolean(),
  blocker: z.enum(transcriptionBlockers).nullable(),
  /** The engine in use is the slow prebuilt fallback. */
  slowEngine: z.boolean(),
});
export type TranscriptionProgress = z.infer<typeof transcriptionProgressSchema>;

export const captureStatusSchema = z.strictObject({
  recording: recordingSummarySchema,
  /** True while this app instance holds the recording's writer (frames can be sent). */
  live: z.boolean(),
  capturedMs: z.number(),
  durableMs: z.number(),
  disk: diskStatusSchema,
  /** A write failure: the recording stopped taking audio. */
  error: z.string().nullable(),
  transcription: transcriptionProgressSchema,
  chunkList: z.array(chunkSummarySchema),
});
export type CaptureStatus = z.infer<typeof captureStatusSchema>;

/** A one-use capability to send PCM frames for one recording (MessagePort or preview socket). */
export const streamTicketSchema = z.strictObject({
  recordingId: z.string(),
  ticket: z.string(),
});
export type StreamTicket = z.infer<typeof streamTicketSchema>;

export const startedRecordingSchema = z.strictObject({
  recording: recordingSummarySchema,
  stream: streamTicketSchema,
});

export const segmentCorrectionSchema = z.strictObject({
  text: z.string(),
  correctedBy: z.string(),
  correctedByName: z.string(),
  correctedAt: instant,
});

export const transcriptSegmentSchema = z.strictObject({
  id: z.string(),
  recordingId: z.string(),
  chunkId: z.string(),
  /** From the start of the recording. */
  startMs: z.number(),
  endMs: z.number(),
  /** The doctor's correction when there is one, else what the engine heard. */
  text: z.string(),
  originalText: z.string(),
  confidence: z.number(),
  language: z.string(),
  correction: segmentCorrectionSchema.nullable(),
});
export type TranscriptSegment = z.infer<typeof transcriptSegmentSchema>;

export const visitTranscriptSchema = z.strictObject({
  encounterId: z.string(),
  recordings: z.array(recordingSummarySchema),
  segments: z.array(transcriptSegmentSchema),
  progress: transcriptionProgressSchema,
});
export type VisitTranscript = z.infer<typeof visitTranscriptSchema>;

export const correctSegmentSchema = z.strictObject({
  segmentId: id,
  text: z.string().trim().min(1).max(4000),
});

/** A segment's audio as a WAV file in base64, decrypted in memory for playback only. */
export const segmentAudioSchema = z.strictObject({
  mimeType: z.literal('audio/wav'),
  base64: z.string(),
  startMs: z.number(),
  endMs: z.number(),
});

/** PCM frames sent by the renderer: 16 kHz mono signed 16-bit, little endian. */
export const CAPTURE_SAMPLE_RATE = 16_000;
/** The largest frame accepted: one second of audio. */
export const MAX_FRAME_SAMPLES = CAPTURE_SAMPLE_RATE;
