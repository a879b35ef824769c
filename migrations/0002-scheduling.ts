import type { Migration } from '../electron/core/db/migrate';

/**
 * Scheduling: doctors' weekly hours and exceptions, visit types with colour, duration and fee,
 * the 'arrived' state between confirmed and in progress, walk-ins, weekly series, the history of
 * every change to a visit, and the waitlist.
 *
 * `ends_at` is kept beside `scheduled_at` so an overlap test is two indexed comparisons
 * (starts before the other ends, ends after it starts) instead of date arithmetic per row.
 */
const schema = `
UPDATE encounter_statuses SET sort_order = sort_order + 1 WHERE sort_order >= 3;
INSERT INTO encounter_statuses (code, name_fa, name_en, sort_order)
  VALUES ('arrived', 'پذیرش شده', 'Arrived', 3);

ALTER TABLE encounter_types ADD COLUMN color TEXT NOT NULL DEFAULT '#0b6e69'
  CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
ALTER TABLE encounter_types ADD COLUMN default_duration_minutes INTEGER NOT NULL DEFAULT 20
  CHECK (default_duration_minutes BETWEEN 5 AND 480);
ALTER TABLE encounter_types ADD COLUMN default_fee INTEGER NOT NULL DEFAULT 0
  CHECK (default_fee >= 0);
ALTER TABLE encounter_types ADD COLUMN is_active INTEGER NOT NULL DEFAULT 1
  CHECK (is_active IN (0, 1));
UPDATE encounter_types SET color = '#0b6e69', default_duration_minutes = 20 WHERE code = 'in_person';
UPDATE encounter_types SET color = '#3f51b5', default_duration_minutes = 20 WHERE code = 'video';
UPDATE encounter_types SET color = '#6a1b9a', default_duration_minutes = 15 WHERE code = 'audio';
UPDATE encounter_types SET color = '#607d8b', default_duration_minutes = 10 WHERE code = 'chat';
UPDATE encounter_types SET color = '#c26a00', default_duration_minutes = 15 WHERE code = 'follow_up';

CREATE TABLE encounter_series (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  doctor_id TEXT NOT NULL REFERENCES users(id),
  type TEXT NOT NULL REFERENCES encounter_types(code),
  visits INTEGER NOT NULL CHECK (visits BETWEEN 2 AND 52),
  interval_days INTEGER NOT NULL DEFAULT 7 CHECK (interval_days BETWEEN 1 AND 90),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id)
) STRICT;

-- Times compare as text, so every stored instant takes the one form the app writes
-- (YYYY-MM-DDTHH:MM:SS.sssZ).
ALTER TABLE encounters ADD COLUMN ends_at TEXT NOT NULL DEFAULT '';
UPDATE encounters SET scheduled_at = strftime('%Y-%m-%dT%H:%M:%fZ', scheduled_at);
UPDATE encounters
  SET ends_at = strftime('%Y-%m-%dT%H:%M:%fZ', scheduled_at, '+' || duration_minutes || ' minutes');
ALTER TABLE encounters ADD COLUMN is_walk_in INTEGER NOT NULL DEFAULT 0 CHECK (is_walk_in IN (0, 1));
ALTER TABLE encounters ADD COLUMN series_id TEXT REFERENCES encounter_series(id);
ALTER TABLE encounters ADD COLUMN confirmed_at TEXT;
ALTER TABLE encounters ADD COLUMN arrived_at TEXT;
ALTER TABLE encounters ADD COLUMN cancelled_at TEXT;
ALTER TABLE encounters ADD COLUMN cancel_party TEXT CHECK (cancel_party IS NULL OR cancel_party IN ('patient', 'clinic'));
ALTER TABLE encounters ADD COLUMN late_cancel INTEGER NOT NULL DEFAULT 0 CHECK (late_cancel IN (0, 1));
CREATE INDEX encounters_doctor_time ON encounters (doctor_id, scheduled_at);
CREATE INDEX encounters_patient_time ON encounters (patient_id, scheduled_at);
CREATE INDEX encounters_open_by_end ON encounters (ends_at)
  WHERE status IN ('scheduled', 'confirmed', 'arrived');

-- A doctor's week: work periods and breaks per weekday (0 = Sunday … 6 = Saturday), in minutes
-- of the clinic's local day.
CREATE TABLE schedule_periods (
  id INTEGER PRIMARY KEY,
  doctor_id TEXT NOT NULL REFERENCES users(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
  kind TEXT NOT NULL CHECK (kind IN ('work', 'break'))
) STRICT;
CREATE INDEX schedule_periods_doctor ON schedule_periods (doctor_id, weekday);

-- A date that differs from the week: closed (a holiday, leave) or changed hours. A row without
-- a doctor applies to the whole clinic.
CREATE TABLE schedule_exceptions (
  id TEXT PRIMARY KEY,
  doctor_id TEXT REFERENCES users(id),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  kind TEXT NOT NULL CHECK (kind IN ('closed', 'changed')),
  periods TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(periods)),
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX schedule_exceptions_date ON schedule_exceptions (date, doctor_id);

-- Every change to a visit: who, when, from which state to which. A free-text note (a cancel or
-- override explanation) may mention the patient, so it is sealed.
CREATE TABLE encounter_events (
  id TEXT PRIMARY KEY,
  encounter_id TEXT NOT NULL REFERENCES encounters(id),
  at TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
  note BLOB
) STRICT;
CREATE INDEX encounter_events_encounter ON encounter_events (encounter_id, at);

CREATE TABLE waitlist (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  doctor_id TEXT REFERENCES users(id),
  type TEXT NOT NULL REFERENCES encounter_types(code),
  earliest_date TEXT,
  latest_date TEXT,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'removed')),
  offer TEXT CHECK (offer IS NULL OR json_valid(offer)),
  note BLOB,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX waitlist_open ON waitlist (status, created_at) WHERE status IN ('waiting', 'offered');
`;

const migration: Migration = {
  version: 2,
  name: 'scheduling',
  up(db) {
    db.exec(schema);
  },
};

export default migration;
