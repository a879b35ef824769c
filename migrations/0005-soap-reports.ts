import type { Migration } from '../electron/core/db/migrate';

/**
 * SOAP reports (seed 000's SOAPReport), drafting, the dynamic checklist (seed 003's catalog,
 * templates and evaluations) and the doctors' signing keys.
 *
 * - `checklist_items` and `specialty_templates` are the clinic's own configuration, not patient
 *   data, so they are plain. A specialty template is seed 003's ChecklistTemplate and also carries
 *   the drafting prompt and the sections it asks for; the defaults are inserted by the core when
 *   the tables are empty (not here, so a change to the defaults never rewrites a migration).
 * - `soap_reports` holds one report per visit with its working draft (mutable until approval);
 *   `soap_report_versions` holds every approved and signed version, immutable; an amendment is a
 *   new version that names the previous version's hash and a reason.
 * - Everything written about the patient (draft content, flags, evidence, amendment reasons,
 *   checklist evidence and notes) is sealed.
 * - `signing_keys` keeps each doctor's Ed25519 key: the public key in the clear (anyone may verify)
 *   and the private key sealed under a key derived from the doctor's password. A key is retired,
 *   never deleted, so old signatures stay verifiable.
 * - `drafting_jobs` records each drafting run, so a run cut short by a crash is reported as
 *   interrupted at the next start instead of spinning forever.
 */
const schema = `
CREATE TABLE checklist_items (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN ('subjective', 'objective', 'assessment', 'plan', 'general')),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  -- {"any": [...], "details": [...]}
  keywords TEXT NOT NULL CHECK (json_valid(keywords)),
  question_template TEXT NOT NULL DEFAULT '',
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;

CREATE TABLE specialty_templates (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  specialty TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  -- Instructions added to the drafting prompt (Persian).
  prompt TEXT NOT NULL DEFAULT '',
  -- JSON array of the SOAP sections the template drafts.
  sections TEXT NOT NULL CHECK (json_valid(sections)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;
-- At most one default template.
CREATE UNIQUE INDEX specialty_templates_one_default ON specialty_templates (is_default) WHERE is_default = 1;

CREATE TABLE specialty_template_items (
  template_id TEXT NOT NULL REFERENCES specialty_templates(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL REFERENCES checklist_items(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (template_id, item_id)
) STRICT;

CREATE TABLE soap_reports (
  id TEXT PRIMARY KEY,
  encounter_id TEXT NOT NULL UNIQUE REFERENCES encounters(id),
  patient_id TEXT NOT NULL REFERENCES patients(id),
  doctor_id TEXT NOT NULL REFERENCES users(id),
  template_id TEXT REFERENCES specialty_templates(id),
  -- draft: being written (first version or an amendment); approved: locked, signed.
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
  -- The newest signed version (0 before the first approval).
  approved_version INTEGER NOT NULL DEFAULT 0 CHECK (approved_version >= 0),
  -- The working draft: SoapContent JSON, sealed; its evidence flags, sealed.
  draft_content BLOB NOT NULL,
  draft_flags BLOB NOT NULL,
  generation_method TEXT NOT NULL CHECK (generation_method IN ('ai', 'manual', 'hybrid')),
  draft_source TEXT CHECK (draft_source IN ('llm', 'extractors')),
  draft_model TEXT,
  ai_confidence REAL CHECK (ai_confidence IS NULL OR ai_confidence BETWEEN 0 AND 1),
  -- While an amendment is being written: why (sealed).
  amendment_reason BLOB,
  drafted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX soap_reports_patient ON soap_reports (patient_id);

CREATE TABLE signing_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  algorithm TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  -- The private key sealed under a key derived from the doctor's password (JSON envelope).
  sealed_private_key TEXT NOT NULL CHECK (json_valid(sealed_private_key)),
  created_at TEXT NOT NULL,
  retired_at TEXT,
  retired_reason TEXT
) STRICT;
-- One active key per doctor.
CREATE UNIQUE INDEX signing_keys_active ON signing_keys (user_id) WHERE retired_at IS NULL;

CREATE TABLE soap_report_versions (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES soap_reports(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  content BLOB NOT NULL,
  generation_method TEXT NOT NULL CHECK (generation_method IN ('ai', 'manual', 'hybrid')),
  ai_confidence REAL CHECK (ai_confidence IS NULL OR ai_confidence BETWEEN 0 AND 1),
  -- How each evidence flag was resolved before approval (sealed JSON).
  flags BLOB NOT NULL,
  amendment_reason BLOB,
  doctor_id TEXT NOT NULL REFERENCES users(id),
  signed_at TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES signing_keys(id),
  signature TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  previous_version_hash TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (report_id, version),
  CHECK ((version = 1) = (previous_version_hash IS NULL)),
  CHECK ((version = 1) = (amendment_reason IS NULL))
) STRICT;

-- Sealed values are bound to their row's id (key rotation and backups read it), hence the id.
CREATE TABLE checklist_evaluations (
  id TEXT PRIMARY KEY,
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  item_id TEXT NOT NULL REFERENCES checklist_items(id),
  status TEXT NOT NULL CHECK (status IN ('covered', 'partial', 'missing', 'unclear')),
  confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  -- evidence text, anchors, generated question (sealed JSON)
  evidence BLOB NOT NULL,
  -- The doctor's own status and note override the evaluation's (seed 003: PUT checklist item).
  doctor_status TEXT CHECK (doctor_status IS NULL OR doctor_status IN ('covered', 'partial', 'missing', 'unclear')),
  doctor_note BLOB,
  evaluated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id),
  UNIQUE (encounter_id, item_id)
) STRICT;

CREATE TABLE drafting_jobs (
  id TEXT PRIMARY KEY,
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  kind TEXT NOT NULL CHECK (kind IN ('draft', 'section')),
  section TEXT CHECK (section IS NULL OR section IN ('subjective', 'objective', 'assessment', 'plan')),
  method TEXT NOT NULL CHECK (method IN ('llm', 'extractors')),
  model TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
  error TEXT,
  parts INTEGER NOT NULL DEFAULT 1 CHECK (parts >= 1),
  tokens_in INTEGER NOT NULL DEFAULT 0 CHECK (tokens_in >= 0),
  tokens_out INTEGER NOT NULL DEFAULT 0 CHECK (tokens_out >= 0),
  requested_by TEXT NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX drafting_jobs_encounter ON drafting_jobs (encounter_id, started_at);
`;

const migration: Migration = {
  version: 5,
  name: 'soap-reports',
  up(db) {
    db.exec(schema);
  },
};

export default migration;
