import type { Migration } from '../electron/core/db/migrate';

/**
 * Recording: the patient's consent, the recordings of a visit and their encrypted audio chunks.
 *
 * Audio never enters the database; chunks are encrypted files under `<data>/audio/<recording>/`
 * and each has a row here with its size, length, format, the hash of its ciphertext and its
 * transcription status (the transcription job queue). Every recording has its own audio key,
 * sealed by the data key in `recording_keys`; deleting that row makes the recording's files
 * unreadable for good (crypto-shredding), which is why the key has a table of its own.
 */
const schema = `
CREATE TABLE recording_consents (
  id TEXT PRIMARY KEY,
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  method TEXT NOT NULL CHECK (method IN ('verbal', 'written', 'electronic')),
  given_by TEXT NOT NULL CHECK (given_by IN ('patient', 'guardian', 'representative')),
  consented_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  -- Free text (who signed, a witness) may name people, so it is sealed.
  note BLOB,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX recording_consents_encounter ON recording_consents (encounter_id, consented_at);

CREATE TABLE recordings (
  id TEXT PRIMARY KEY,
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  consent_id TEXT NOT NULL REFERENCES recording_consents(id),
  state TEXT NOT NULL
    CHECK (state IN ('recording', 'paused', 'stopped', 'interrupted', 'finished')),
  source TEXT NOT NULL DEFAULT 'microphone' CHECK (source IN ('microphone', 'import')),
  format TEXT NOT NULL DEFAULT 'pcm_s16le' CHECK (format = 'pcm_s16le'),
  sample_rate INTEGER NOT NULL DEFAULT 16000 CHECK (sample_rate = 16000),
  channels INTEGER NOT NULL DEFAULT 1 CHECK (channels = 1),
  chunk_target_seconds INTEGER NOT NULL CHECK (chunk_target_seconds BETWEEN 1 AND 600),
  started_by TEXT NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL,
  stopped_at TEXT,
  interrupted_at TEXT,
  finished_at TEXT,
  shredded_at TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX recordings_encounter ON recordings (encounter_id, started_at);
-- One unfinished recording per visit; also the index the start-up recovery scan reads.
CREATE UNIQUE INDEX recordings_open ON recordings (encounter_id)
  WHERE state IN ('recording', 'paused', 'interrupted');

-- The recording's 256-bit audio key, sealed by the data key (the sealed value's header names the
-- data key id, and key rotation re-seals it). The row id is the recording id.
CREATE TABLE recording_keys (
  id TEXT PRIMARY KEY REFERENCES recordings(id),
  wrapped_key BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE audio_chunks (
  id TEXT PRIMARY KEY,
  recording_id TEXT NOT NULL REFERENCES recordings(id),
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  chunk_index INTEGER NOT NULL CHECK (chunk_index >= 1),
  file_name TEXT NOT NULL
    CHECK (file_name GLOB 'chunk-[0-9][0-9][0-9][0-9][0-9][0-9].bin'),
  -- Size of the encrypted file; the audio itself is sample_count * 2 bytes.
  byte_size INTEGER NOT NULL CHECK (byte_size > 0),
  sample_count INTEGER NOT NULL CHECK (sample_count > 0),
  start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  format TEXT NOT NULL DEFAULT 'pcm_s16le' CHECK (format = 'pcm_s16le'),
  sample_rate INTEGER NOT NULL DEFAULT 16000 CHECK (sample_rate = 16000),
  encryption TEXT NOT NULL DEFAULT 'aes-256-gcm' CHECK (encryption = 'aes-256-gcm'),
  encryption_version INTEGER NOT NULL DEFAULT 1 CHECK (encryption_version = 1),
  nonce_scheme TEXT NOT NULL DEFAULT 'random-96' CHECK (nonce_scheme = 'random-96'),
  -- The audio key that sealed the file: the recording's key (recording_keys.id).
  key_id TEXT NOT NULL,
  sha256 BLOB NOT NULL CHECK (length(sha256) = 32),
  -- 1 when closed from the journal after a crash rather than by the running recorder.
  recovered INTEGER NOT NULL DEFAULT 0 CHECK (recovered IN (0, 1)),
  transcription_status TEXT NOT NULL DEFAULT 'pending'
    CHECK (transcription_status IN ('pending', 'processing', 'completed', 'failed')),
  transcription_attempts INTEGER NOT NULL DEFAULT 0 CHECK (transcription_attempts >= 0),
  transcription_error TEXT,
  transcription_started_at TEXT,
  transcription_completed_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (recording_id, chunk_index)
) STRICT;
CREATE INDEX audio_chunks_encounter ON audio_chunks (encounter_id);
CREATE INDEX audio_chunks_queue ON audio_chunks (transcription_status, created_at)
  WHERE transcription_status IN ('pending', 'processing');
`;

const migration: Migration = {
  version: 3,
  name: 'recording',
  up(db) {
    db.exec(schema);
  },
};

export default migration;
