import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../electron/core/db/database';
import { makeTempDir, removeDir } from '../electron/core/testing/fixtures';
import { migrations } from './index';
import { databaseAt, schemaOf } from './test-support';

/**
 * The schema after every migration, as one snapshot. A change to any migration or a new one
 * shows up here as a diff to review (`vitest -u` accepts it).
 */
describe('schema after all migrations', () => {
  let dir: string;
  let db: ClinicDatabase;
  beforeAll(() => {
    dir = makeTempDir('helssa-schema');
    db = databaseAt(dir, migrations.length);
  });
  afterAll(() => {
    db.close();
    removeDir(dir);
  });

  it('matches the reviewed snapshot', () => {
    expect(schemaOf(db)).toMatchSnapshot();
  });

  it('passes SQLite integrity and foreign-key checks', () => {
    expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
  });
});
