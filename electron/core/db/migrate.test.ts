import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { ManualClock } from '../clock';
import { AppError } from '../errors';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { ClinicDatabase } from './database';
import { latestVersion, migrate, schemaVersion, type Migration } from './migrate';

const clock = new ManualClock('2026-11-22T08:00:00Z');

const addNotes: Migration = {
  version: migrations.length + 1,
  name: 'test-add-notes',
  up: (db) =>
    db.exec('CREATE TABLE test_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT'),
};

describe('migration runner', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir('helssa-migrate');
    file = path.join(dir, 'helssa.db');
  });
  afterEach(() => removeDir(dir));

  const open = () => ClinicDatabase.open({ file });
  const options = (list: readonly Migration[]) => ({
    migrations: list,
    backupDir: path.join(dir, 'backups'),
    clock,
  });

  it('brings an empty database to the latest version and records each step', () => {
    const db = open();
    const report = migrate(db, options(migrations));
    expect(report).toMatchObject({ from: 0, to: latestVersion(migrations), backupFile: null });
    expect(schemaVersion(db)).toBe(migrations.length);
    const recorded = db.raw
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all();
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(migrate(db, options(migrations)).applied).toEqual([]);
    db.close();
  });

  it('copies the database aside before the first pending migration', () => {
    const db = open();
    migrate(db, options(migrations));
    db.raw.prepare("INSERT INTO counters (name, value) VALUES ('marker', 42)").run();
    const report = migrate(db, options([...migrations, addNotes]));
    expect(report.applied).toEqual([addNotes.version]);
    expect(report.backupFile).not.toBeNull();
    db.close();
    const backup = ClinicDatabase.open({ file: report.backupFile!, readonly: true });
    expect(schemaVersion(backup)).toBe(migrations.length);
    expect(backup.raw.prepare("SELECT value FROM counters WHERE name = 'marker'").get()).toEqual({
      value: 42,
    });
    expect(
      backup.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'test_notes'").get(),
    ).toBeUndefined();
    backup.close();
  });

  it('refuses a database written by a newer app, with a clear message', () => {
    const db = open();
    migrate(db, options([...migrations, addNotes]));
    let error: unknown;
    try {
      migrate(db, options(migrations));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'database_newer',
      messageKey: 'db.newerThanApp',
      params: { dbVersion: migrations.length + 1, appVersion: migrations.length },
    });
    db.close();
  });

  it('applies pending migrations in one transaction: a failure changes nothing', () => {
    const db = open();
    migrate(db, options(migrations));
    const broken: Migration = {
      version: migrations.length + 2,
      name: 'test-broken',
      up: (raw) => raw.exec('CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table'),
    };
    expect(() => migrate(db, options([...migrations, addNotes, broken]))).toThrow(
      expect.objectContaining({ code: 'migration_failed', params: { version: broken.version } }),
    );
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.raw
      .prepare("SELECT name FROM sqlite_master WHERE name IN ('test_notes', 'half_done')")
      .all();
    expect(tables).toEqual([]);
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a migration list with a gap or a bad name', () => {
    const db = open();
    const gap = { ...addNotes, version: migrations.length + 2 };
    expect(() => migrate(db, options([...migrations, gap]))).toThrow(/expected version/);
    expect(() => migrate(db, options([...migrations, { ...addNotes, name: 'Bad Name' }]))).toThrow(
      /malformed name/,
    );
    db.close();
  });

  it('fails a migration that leaves a broken foreign key, and rolls it back', () => {
    const db = open();
    migrate(db, options(migrations));
    const orphan: Migration = {
      version: migrations.length + 1,
      name: 'test-orphan',
      up: (raw) =>
        raw.exec(
          "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('x', '1', 'now', 'nobody')",
        ),
    };
    expect(() => migrate(db, options([...migrations, orphan]))).toThrow(
      expect.objectContaining({ code: 'migration_failed' }),
    );
    expect(db.raw.prepare("SELECT count(*) AS n FROM settings WHERE key = 'x'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('keeps the pre-migration copy inside the data folder only', () => {
    const db = open();
    migrate(db, options(migrations));
    const report = migrate(db, options([...migrations, addNotes]));
    expect(path.dirname(report.backupFile!)).toBe(path.join(dir, 'backups'));
    expect(fs.existsSync(report.backupFile!)).toBe(true);
    db.close();
  });
});
