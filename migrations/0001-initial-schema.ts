import type { Migration } from '../electron/core/db/migrate';

/**
 * The foundation: clinic profile, users, settings, the key ring, patients with their blind
 * indexes, encounters (every field and state of HELSSA's Encounter) and the access log.
 *
 * Tables are STRICT, so a sealed (BLOB) column refuses a TEXT value even if a bug got past the
 * type checker. Encounter types and states are lookup tables rather than CHECK lists so later
 * migrations can add one with an INSERT instead of rebuilding the table.
 */
const schema = `
CREATE TABLE clinic_profile (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  name_en TEXT,
  address TEXT,
  phone TEXT,
  helssa_clinic_id TEXT,
  time_zone TEXT NOT NULL DEFAULT 'Asia/Tehran',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'doctor', 'staff')),
  specialty TEXT,
  medical_council_no TEXT,
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  -- Times of recent failed sign-ins (JSON array, at most five, within the lockout window).
  recent_failures TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recent_failures)),
  locked_until TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE key_vaults (
  kind TEXT PRIMARY KEY CHECK (kind IN ('safe_storage', 'passphrase')),
  wrapped_root BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE key_ring (
  id INTEGER PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('data', 'blind_index', 'audit')),
  state TEXT NOT NULL CHECK (state IN ('active', 'retiring')),
  wrapped_key BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX key_ring_one_active_per_purpose ON key_ring (purpose) WHERE state = 'active';

CREATE TABLE key_rotations (
  id INTEGER PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('data', 'blind_index', 'audit')),
  from_key_id INTEGER NOT NULL,
  to_key_id INTEGER NOT NULL,
  cursor TEXT CHECK (cursor IS NULL OR json_valid(cursor)),
  values_total INTEGER NOT NULL DEFAULT 0,
  values_done INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE UNIQUE INDEX key_rotations_one_open ON key_rotations (purpose) WHERE finished_at IS NULL;

-- pk is the row's integer key, used by the name index (an 8-byte reference instead of a 36-byte
-- uuid in about eleven index rows per patient); id is the uuid everything else refers to.
CREATE TABLE patients (
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  mrn_bidx BLOB NOT NULL,
  national_id_bidx BLOB,
  phone_bidx BLOB,
  demographics BLOB NOT NULL,
  clinical BLOB NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  deleted_at TEXT,
  deleted_by TEXT REFERENCES users(id)
) STRICT;
-- An MRN is never reused, even after a soft delete; a national ID may be registered again once
-- the earlier record is deleted.
CREATE UNIQUE INDEX patients_mrn ON patients (mrn_bidx);
CREATE UNIQUE INDEX patients_national_id ON patients (national_id_bidx)
  WHERE national_id_bidx IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX patients_phone ON patients (phone_bidx) WHERE phone_bidx IS NOT NULL;

-- Blind name-prefix tokens. Rows are removed by key when a name changes or a patient is deleted,
-- so no index on patient_pk is needed.
CREATE TABLE patient_name_index (
  token BLOB NOT NULL,
  patient_pk INTEGER NOT NULL REFERENCES patients(pk),
  PRIMARY KEY (token, patient_pk)
) STRICT, WITHOUT ROWID;

CREATE TABLE encounter_types (
  code TEXT PRIMARY KEY,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL
) STRICT;
INSERT INTO encounter_types (code, name_fa, name_en, sort_order) VALUES
  ('in_person', 'حضوری', 'In person', 1),
  ('video', 'ویدیویی', 'Video', 2),
  ('audio', 'صوتی', 'Audio', 3),
  ('chat', 'چت', 'Chat', 4),
  ('follow_up', 'پیگیری', 'Follow-up', 5);

CREATE TABLE encounter_statuses (
  code TEXT PRIMARY KEY,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL
) STRICT;
INSERT INTO encounter_statuses (code, name_fa, name_en, sort_order) VALUES
  ('scheduled', 'زمان‌بندی شده', 'Scheduled', 1),
  ('confirmed', 'تایید شده', 'Confirmed', 2),
  ('in_progress', 'در حال انجام', 'In progress', 3),
  ('completed', 'تکمیل شده', 'Completed', 4),
  ('cancelled', 'لغو شده', 'Cancelled', 5),
  ('no_show', 'عدم حضور', 'No-show', 6);

CREATE TABLE encounters (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  doctor_id TEXT NOT NULL REFERENCES users(id),
  type TEXT NOT NULL REFERENCES encounter_types(code),
  status TEXT NOT NULL DEFAULT 'scheduled' REFERENCES encounter_statuses(code),
  chief_complaint BLOB NOT NULL,
  scheduled_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL DEFAULT 30 CHECK (duration_minutes > 0),
  started_at TEXT,
  ended_at TEXT,
  video_room_id TEXT,
  patient_join_url TEXT,
  doctor_join_url TEXT,
  is_recording_enabled INTEGER NOT NULL DEFAULT 1 CHECK (is_recording_enabled IN (0, 1)),
  recording_consent INTEGER NOT NULL DEFAULT 0 CHECK (recording_consent IN (0, 1)),
  recording_url TEXT,
  fee_amount INTEGER NOT NULL DEFAULT 0 CHECK (fee_amount >= 0),
  is_paid INTEGER NOT NULL DEFAULT 0 CHECK (is_paid IN (0, 1)),
  payment_transaction TEXT,
  patient_notes BLOB,
  doctor_notes BLOB,
  access_code TEXT CHECK (access_code IS NULL OR (length(access_code) = 6 AND access_code NOT GLOB '*[^0-9]*')),
  encryption_key BLOB NOT NULL,
  metadata BLOB NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX encounters_patient_status_time ON encounters (patient_id, status, scheduled_at);
CREATE INDEX encounters_doctor_status_time ON encounters (doctor_id, status, scheduled_at);
CREATE INDEX encounters_time ON encounters (scheduled_at);
CREATE INDEX encounters_video_room ON encounters (video_room_id) WHERE video_room_id IS NOT NULL;

-- Append-only and hash-chained (see core/access/access-log.ts). The triggers stop accidental or
-- casual edits through SQLite; the chain detects edits made to the file by other means.
CREATE TABLE access_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  user_id TEXT,
  username TEXT,
  role TEXT CHECK (role IS NULL OR role IN ('admin', 'doctor', 'staff')),
  workstation_id TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT,
  patient_id TEXT,
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  reason TEXT,
  detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
) STRICT;
CREATE INDEX access_log_patient_time ON access_log (patient_id, at) WHERE patient_id IS NOT NULL;
CREATE INDEX access_log_user_time ON access_log (user_id, at);
CREATE INDEX access_log_time ON access_log (at);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;
`;

const migration: Migration = {
  version: 1,
  name: 'initial-schema',
  up(db) {
    db.exec(schema);
  },
};

export default migration;
