import type { AccessAction, ResourceType } from '../../shared/access';
import type { PatientClinical, PatientDemographics } from '../../shared/patients/patient';
import type { Role } from '../../shared/roles';
import type { ChecklistEvidence, EvidenceFlag, SoapContent } from '../../shared/soap';
import type { Generated } from 'kysely';
import type { BlindIndex, Sealed, SealedColumnOf } from './sealed';

/**
 * The typed schema of the clinic database, as migrations leave it. Kysely checks every query
 * against it. Conventions: ids are UUID strings (version 7, so they sort by creation time); times
 * are ISO-8601 UTC strings with milliseconds; booleans are 0/1 integers; money is integer rials.
 * Columns holding patient data are `Sealed<T>`; their lookup keys are `BlindIndex`.
 */
export type Flag = 0 | 1;
export type { Role };
export type KeyPurpose = 'data' | 'blind_index' | 'audit';

export interface ClinicProfileTable {
  id: 1;
  name: string;
  name_en: string | null;
  address: string | null;
  phone: string | null;
  helssa_clinic_id: string | null;
  time_zone: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  specialty: string | null;
  medical_council_no: string | null;
  password_hash: string;
  password_changed_at: string;
  must_change_password: Flag;
  /** JSON array of ISO times of recent failed sign-ins. */
  recent_failures: string;
  locked_until: string | null;
  is_active: Flag;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface KeyVaultsTable {
  kind: 'safe_storage' | 'passphrase';
  wrapped_root: Buffer;
  created_at: string;
}

export interface KeyRingTable {
  id: number;
  purpose: KeyPurpose;
  state: 'active' | 'retiring';
  wrapped_key: Buffer;
  created_at: string;
}

export interface KeyRotationsTable {
  id: Generated<number>;
  purpose: KeyPurpose;
  from_key_id: number;
  to_key_id: number;
  /** JSON `{ table, rowid }`: the last row already re-sealed, so a crash resumes after it. */
  cursor: string | null;
  values_total: number;
  values_done: number;
  started_at: string;
  finished_at: string | null;
}

export type { PatientClinical, PatientDemographics };

export interface PatientsTable {
  pk: Generated<number>;
  id: string;
  mrn_bidx: BlindIndex;
  national_id_bidx: BlindIndex | null;
  phone_bidx: BlindIndex | null;
  demographics: Sealed<PatientDemographics>;
  clinical: Sealed<PatientClinical>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

export interface PatientNameIndexTable {
  token: BlindIndex;
  patient_pk: number;
}

export interface EncounterTypesTable {
  code: string;
  name_fa: string;
  name_en: string;
  sort_order: number;
  color: string;
  default_duration_minutes: number;
  /** Rials. */
  default_fee: number;
  is_active: Flag;
}

export interface EncounterStatusesTable {
  code: string;
  name_fa: string;
  name_en: string;
  sort_order: number;
}

/** The seed's Encounter, field for field; later issues add their own tables around it. */
export interface EncountersTable {
  id: string;
  patient_id: string;
  doctor_id: string;
  type: string;
  status: string;
  chief_complaint: Sealed<string>;
  scheduled_at: string;
  duration_minutes: number;
  started_at: string | null;
  ended_at: string | null;
  video_room_id: string | null;
  patient_join_url: string | null;
  doctor_join_url: string | null;
  is_recording_enabled: Flag;
  recording_consent: Flag;
  recording_url: string | null;
  fee_amount: number;
  is_paid: Flag;
  payment_transaction: string | null;
  patient_notes: Sealed<string> | null;
  doctor_notes: Sealed<string> | null;
  access_code: string | null;
  /** The visit's own 256-bit key (audio chunks), sealed by the data key. */
  encryption_key: Sealed<Buffer>;
  metadata: Sealed<Record<string, unknown>>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  /** scheduled_at + duration_minutes, kept in step by the scheduling service. */
  ends_at: string;
  is_walk_in: Flag;
  series_id: string | null;
  confirmed_at: string | null;
  arrived_at: string | null;
  cancelled_at: string | null;
  cancel_party: 'patient' | 'clinic' | null;
  late_cancel: Flag;
}

export interface EncounterSeriesTable {
  id: string;
  patient_id: string;
  doctor_id: string;
  type: string;
  visits: number;
  interval_days: number;
  created_at: string;
  created_by: string;
}

export interface SchedulePeriodsTable {
  id: Generated<number>;
  doctor_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
  kind: 'work' | 'break';
}

export interface ScheduleExceptionsTable {
  id: string;
  doctor_id: string | null;
  date: string;
  kind: 'closed' | 'changed';
  /** JSON array of { startMinute, endMinute } work periods, for 'changed'. */
  periods: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface EncounterEventsTable {
  id: string;
  encounter_id: string;
  at: string;
  user_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  detail: string | null;
  note: Sealed<string> | null;
}

export interface WaitlistTable {
  id: string;
  patient_id: string;
  doctor_id: string | null;
  type: string;
  earliest_date: string | null;
  latest_date: string | null;
  status: 'waiting' | 'offered' | 'booked' | 'removed';
  /** JSON { doctorId, date, startMinute } of the freed slot offered. */
  offer: string | null;
  note: Sealed<string> | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export type ConsentMethod = 'verbal' | 'written' | 'electronic';
export type ConsentGivenBy = 'patient' | 'guardian' | 'representative';

export interface RecordingConsentsTable {
  id: string;
  encounter_id: string;
  method: ConsentMethod;
  given_by: ConsentGivenBy;
  consented_at: string;
  recorded_by: string;
  note: Sealed<string> | null;
  created_at: string;
}

export type RecordingState = 'recording' | 'paused' | 'stopped' | 'interrupted' | 'finished';

export interface RecordingsTable {
  id: string;
  encounter_id: string;
  consent_id: string;
  state: RecordingState;
  source: 'microphone' | 'import';
  format: 'pcm_s16le';
  sample_rate: 16000;
  channels: 1;
  chunk_target_seconds: number;
  started_by: string;
  started_at: string;
  stopped_at: string | null;
  interrupted_at: string | null;
  finished_at: string | null;
  shredded_at: string | null;
  updated_at: string;
}

/** A recording's audio key, sealed by the data key; deleting the row shreds the audio. */
export interface RecordingKeysTable {
  id: string;
  wrapped_key: Sealed<Buffer>;
  created_at: string;
}

export type TranscriptionStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** The seed's AudioChunk, for a local encrypted file; also the transcription job queue. */
export interface AudioChunksTable {
  id: string;
  recording_id: string;
  encounter_id: string;
  chunk_index: number;
  file_name: string;
  byte_size: number;
  sample_count: number;
  start_ms: number;
  duration_ms: number;
  format: 'pcm_s16le';
  sample_rate: 16000;
  encryption: 'aes-256-gcm';
  encryption_version: 1;
  nonce_scheme: 'random-96';
  key_id: string;
  sha256: Buffer;
  recovered: Flag;
  transcription_status: TranscriptionStatus;
  transcription_attempts: number;
  transcription_error: string | null;
  transcription_started_at: string | null;
  transcription_completed_at: string | null;
  created_at: string;
}

/** What the engine heard in one chunk (seed 000's Transcript, per chunk). */
export interface ChunkTranscriptsTable {
  chunk_id: string;
  recording_id: string;
  encounter_id: string;
  language: string;
  model: string;
  engine: string;
  confidence: number;
  processing_ms: number;
  audio_ms: number;
  voiced_ms: number;
  overlap_ms: number;
  overlap_words: number;
  vad: 'off' | 'energy' | 'silero';
  created_at: string;
}

export interface TranscriptSegmentsTable {
  id: string;
  chunk_id: string;
  recording_id: string;
  encounter_id: string;
  seq: number;
  start_ms: number;
  end_ms: number;
  confidence: number;
  text: Sealed<string>;
  created_at: string;
}

export interface SegmentCorrectionsTable {
  id: string;
  segment_id: string;
  text: Sealed<string>;
  corrected_by: string;
  corrected_at: string;
}

/** Seed 003's ChecklistCatalog: the clinic's checklist items (configuration, not patient data). */
export interface ChecklistItemsTable {
  id: string;
  code: string;
  title: string;
  title_en: string;
  description: string;
  category: 'subjective' | 'objective' | 'assessment' | 'plan' | 'general';
  priority: 'low' | 'medium' | 'high' | 'critical';
  /** JSON {any, details}. */
  keywords: string;
  question_template: string;
  is_active: Flag;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** Seed 003's ChecklistTemplate, which also carries the drafting prompt and sections. */
export interface SpecialtyTemplatesTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  specialty: string;
  description: string;
  is_default: Flag;
  prompt: string;
  /** JSON array of SOAP section names. */
  sections: string;
  is_active: Flag;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface SpecialtyTemplateItemsTable {
  template_id: string;
  item_id: string;
  position: number;
}

/** Seed 000's SOAPReport: one per visit, with its working draft. */
export interface SoapReportsTable {
  id: string;
  encounter_id: string;
  patient_id: string;
  doctor_id: string;
  template_id: string | null;
  status: 'draft' | 'approved';
  approved_version: number;
  draft_content: Sealed<SoapContent>;
  draft_flags: Sealed<EvidenceFlag[]>;
  generation_method: 'ai' | 'manual' | 'hybrid';
  draft_source: 'llm' | 'extractors' | null;
  draft_model: string | null;
  ai_confidence: number | null;
  amendment_reason: Sealed<string> | null;
  drafted_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** Every approved, signed version of a report; never changed. */
export interface SoapReportVersionsTable {
  id: string;
  report_id: string;
  version: number;
  content: Sealed<SoapContent>;
  generation_method: 'ai' | 'manual' | 'hybrid';
  ai_confidence: number | null;
  flags: Sealed<EvidenceFlag[]>;
  amendment_reason: Sealed<string> | null;
  doctor_id: string;
  signed_at: string;
  key_id: string;
  signature: string;
  payload_hash: string;
  previous_version_hash: string | null;
  created_at: string;
}

/** A doctor's Ed25519 key; the private half sealed under the doctor's password. */
export interface SigningKeysTable {
  id: string;
  user_id: string;
  algorithm: 'Ed25519';
  public_key: string;
  fingerprint: string;
  sealed_private_key: string;
  created_at: string;
  retired_at: string | null;
  retired_reason: string | null;
}

export interface ChecklistEvaluationsTable {
  id: string;
  encounter_id: string;
  item_id: string;
  status: 'covered' | 'partial' | 'missing' | 'unclear';
  confidence: number;
  evidence: Sealed<ChecklistEvidence>;
  doctor_status: 'covered' | 'partial' | 'missing' | 'unclear' | null;
  doctor_note: Sealed<string> | null;
  evaluated_at: string;
  updated_by: string | null;
}

export interface DraftingJobsTable {
  id: string;
  encounter_id: string;
  kind: 'draft' | 'section';
  section: 'subjective' | 'objective' | 'assessment' | 'plan' | null;
  method: 'llm' | 'extractors';
  model: string | null;
  status: 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';
  error: string | null;
  parts: number;
  tokens_in: number;
  tokens_out: number;
  requested_by: string;
  started_at: string;
  finished_at: string | null;
}

export interface AccessLogTable {
  seq: number;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  role: Role | null;
  workstation_id: string;
  action: AccessAction;
  resource_type: ResourceType;
  resource_id: string | null;
  patient_id: string | null;
  granted: Flag;
  reason: string | null;
  detail: string | null;
  prev_hash: Buffer;
  hash: Buffer;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DB {
  clinic_profile: ClinicProfileTable;
  users: UsersTable;
  settings: SettingsTable;
  counters: CountersTable;
  key_vaults: KeyVaultsTable;
  key_ring: KeyRingTable;
  key_rotations: KeyRotationsTable;
  patients: PatientsTable;
  patient_name_index: PatientNameIndexTable;
  encounter_types: EncounterTypesTable;
  encounter_statuses: EncounterStatusesTable;
  encounters: EncountersTable;
  encounter_series: EncounterSeriesTable;
  schedule_periods: SchedulePeriodsTable;
  schedule_exceptions: ScheduleExceptionsTable;
  encounter_events: EncounterEventsTable;
  waitlist: WaitlistTable;
  recording_consents: RecordingConsentsTable;
  recordings: RecordingsTable;
  recording_keys: RecordingKeysTable;
  audio_chunks: AudioChunksTable;
  chunk_transcripts: ChunkTranscriptsTable;
  transcript_segments: TranscriptSegmentsTable;
  segment_corrections: SegmentCorrectionsTable;
  checklist_items: ChecklistItemsTable;
  specialty_templates: SpecialtyTemplatesTable;
  specialty_template_items: SpecialtyTemplateItemsTable;
  soap_reports: SoapReportsTable;
  soap_report_versions: SoapReportVersionsTable;
  signing_keys: SigningKeysTable;
  checklist_evaluations: ChecklistEvaluationsTable;
  drafting_jobs: DraftingJobsTable;
  access_log: AccessLogTable;
  schema_migrations: SchemaMigrationsTable;
}

/**
 * Every sealed column of every table. Key rotation walks this list, so a sealed column missing
 * from it would keep the old key forever; the check below makes that a compile error.
 */
export const sealedColumns = {
  patients: ['demographics', 'clinical'],
  encounters: ['chief_complaint', 'patient_notes', 'doctor_notes', 'encryption_key', 'metadata'],
  encounter_events: ['note'],
  waitlist: ['note'],
  recording_consents: ['note'],
  recording_keys: ['wrapped_key'],
  transcript_segments: ['text'],
  segment_corrections: ['text'],
  soap_reports: ['draft_content', 'draft_flags', 'amendment_reason'],
  soap_report_versions: ['content', 'flags', 'amendment_reason'],
  checklist_evaluations: ['evidence', 'doctor_note'],
} as const satisfies { readonly [T in keyof DB]?: readonly SealedColumnOf<DB[T]>[] };

type ListedSealed<T extends keyof DB> = T extends keyof typeof sealedColumns
  ? (typeof sealedColumns)[T][number]
  : never;
type UnlistedSealed = {
  [T in keyof DB]: Exclude<SealedColumnOf<DB[T]>, ListedSealed<T>> extends never
    ? never
    : `${T}.${Exclude<SealedColumnOf<DB[T]>, ListedSealed<T>>}`;
}[keyof DB];
export const everySealedColumnIsListed: [UnlistedSealed] extends [never] ? true : UnlistedSealed =
  true;

export type SealedTable = keyof typeof sealedColumns;
