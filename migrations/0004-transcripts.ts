import type { Migration } from '../electron/core/db/migrate';

/**
 * Transcripts: what the speech engine heard in each audio chunk (seed 000's Transcript: text,
 * language, confidence, timestamps, model, processing time), one row per segment so the doctor
 * can correct a single segment and play its audio, and the corrections kept beside the original.
 *
 * Text is sealed (it is the consultation). Times are milliseconds from the start of the
 * recording. A chunk is transcribed with a little of the previous chunk's audio in front of it so
 * a word cut by the chunk boundary is heard whole; the words both transcripts share at the join
 * are dropped from the later one before its segments are stored (`overlap_words`).
 */
const schema = `
CREATE TABLE chunk_transcripts (
  chunk_id TEXT PRIMARY KEY REFERENCES audio_chunks(id),
  recording_id TEXT NOT NULL REFERENCES recordings(id),
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  language TEXT NOT NULL,
  model TEXT NOT NULL,
  engine TEXT NOT NULL,
  -- Mean confidence of the chunk's segments (0 when it has none).
  confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  processing_ms INTEGER NOT NULL CHECK (processing_ms >= 0),
  -- Audio given to the engine (with the overlap) and how much of it the VAD found voiced.
  audio_ms INTEGER NOT NULL CHECK (audio_ms >= 0),
  voiced_ms INTEGER NOT NULL CHECK (voiced_ms >= 0),
  overlap_ms INTEGER NOT NULL CHECK (overlap_ms >= 0),
  overlap_words INTEGER NOT NULL DEFAULT 0 CHECK (overlap_words >= 0),
  vad TEXT NOT NULL CHECK (vad IN ('off', 'energy', 'silero')),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX chunk_transcripts_recording ON chunk_transcripts (recording_id);

CREATE TABLE transcript_segments (
  id TEXT PRIMARY KEY,
  chunk_id TEXT NOT NULL REFERENCES chunk_transcripts(chunk_id),
  recording_id TEXT NOT NULL REFERENCES recordings(id),
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  seq INTEGER NOT NULL CHECK (seq >= 0),
  start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
  end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
  confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  text BLOB NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (chunk_id, seq)
) STRICT;
CREATE INDEX transcript_segments_encounter ON transcript_segments (encounter_id, start_ms);

-- Every correction is kept (the newest is shown); the original stays in transcript_segments.
CREATE TABLE segment_corrections (
  id TEXT PRIMARY KEY,
  segment_id TEXT NOT NULL REFERENCES transcript_segments(id),
  text BLOB NOT NULL,
  corrected_by TEXT NOT NULL REFERENCES users(id),
  corrected_at TEXT NOT NULL
) STRICT;
CREATE INDEX segment_corrections_segment ON segment_corrections (segment_id, corrected_at);
`;

const migration: Migration = {
  version: 4,
  name: 'transcripts',
  up(db) {
    db.exec(schema);
  },
};

export default migration;
