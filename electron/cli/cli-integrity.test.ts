import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientSearchResult } from '../shared/patients/patient';
import { makeTempDir, removeDir, TEST_PASSPHRASE } from '../core/testing/fixtures';
import { initArgs, initEnv, runCli, secrets, STACK_LINE } from './test-helpers';

// Real processes, real scrypt: a generous timeout per scenario (see cli.test.ts).
const SLOW = 120_000;
const BACKUP_PASSPHRASE = 'poshtiban-e haftegi 1405';
const NATIONAL_ID = '0499370899';

describe('backup and restore', () => {
  let root: string;
  let dir: string;
  let backupFile: string;
  let patientId = '';
  const as = (dataDir: string, ...args: string[]) => [
    ...args,
    '--data-dir',
    dataDir,
    '--user',
    'admin',
  ];

  beforeAll(async () => {
    root = makeTempDir('helssa-cli-backup');
    dir = path.join(root, 'clinic');
    backupFile = path.join(root, 'weekly.hbk');
    expect((await runCli(initArgs(dir), initEnv)).code).toBe(0);
    const added = await runCli(
      as(
        dir,
        'patients',
        'add',
        '--first-name',
        'علی',
        '--last-name',
        'رضایی',
        '--national-id',
        NATIONAL_ID,
        '--json',
      ),
      secrets,
    );
    expect(added.code).toBe(0);
    patientId = (JSON.parse(added.stdout) as { patient: { id: string } }).patient.id;
  }, SLOW);
  afterAll(() => removeDir(root));

  it(
    'backs up, and restores into a new data folder whose patients are searchable',
    async () => {
      const backup = await runCli(as(dir, 'backup', '--out', backupFile), {
        ...secrets,
        HELSSA_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE,
      });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain(`Backup written: ${backupFile}`);
      expect(fs.existsSync(backupFile)).toBe(true);

      // A new folder: no clinic to authorise against, so no --user; the key passphrase given
      // here protects the restored keys.
      const target = path.join(root, 'restored');
      const newPassphrase = 'kelid-e tazeh-ye kelinik 1405';
      const restore = await runCli(['restore', '--in', backupFile, '--data-dir', target], {
        HELSSA_PASSPHRASE: newPassphrase,
        HELSSA_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE,
      });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('Every part of the backup file authenticated');
      expect(restore.stdout).toContain("SQLite's integrity check passed.");
      expect(restore.stdout).toMatch(/\d+ encrypted values open with the backup’s keys\./);
      expect(restore.stdout).toMatch(/The access-log chain \(\d+ entries\) is intact\./);
      expect(restore.stdout).toContain('بازیابی انجام شد.');

      const search = await runCli(as(target, 'patients', 'search', 'رضا', '--json'), {
        HELSSA_PASSPHRASE: newPassphrase,
        HELSSA_PASSWORD: secrets.HELSSA_PASSWORD,
      });
      expect(search.code).toBe(0);
      const result = JSON.parse(search.stdout) as PatientSearchResult;
      expect(result.items.map((item) => [item.id, item.nationalId])).toEqual([
        [patientId, NATIONAL_ID],
      ]);
    },
    SLOW,
  );

  it(
    'refuses a corrupted backup (5) and leaves the current database in place',
    async () => {
      const corrupted = path.join(root, 'corrupted.hbk');
      const bytes = fs.readFileSync(backupFile);
      bytes[bytes.length - 20]! ^= 0xff;
      fs.writeFileSync(corrupted, bytes);

      const restore = await runCli(as(dir, 'restore', '--in', corrupted), {
        ...secrets,
        HELSSA_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE,
      });
      expect(restore.code).toBe(5);
      expect(restore.stderr).toContain(
        'The backup file is not valid or is damaged; nothing was replaced.',
      );
      expect(restore.stderr).toContain('failed authentication');
      expect(restore.stderr).not.toMatch(STACK_LINE);
      expect(fs.existsSync(path.join(dir, 'backups', 'replaced'))).toBe(false);

      const search = await runCli(as(dir, 'patients', 'search', NATIONAL_ID, '--json'), secrets);
      expect(search.code).toBe(0);
      expect((JSON.parse(search.stdout) as PatientSearchResult).items).toHaveLength(1);
    },
    SLOW,
  );
});

describe('a tampered access log', () => {
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('helssa-cli-tamper');
    expect((await runCli(initArgs(dir), initEnv)).code).toBe(0);
  }, SLOW);
  afterAll(() => removeDir(dir));

  it(
    'audit verify exits with 5 and names the entry edited in the database file',
    async () => {
      const db = new Database(path.join(dir, 'helssa.db'));
      try {
        db.exec('DROP TRIGGER access_log_no_update');
        const changed = db
          .prepare("UPDATE access_log SET reason = 'nothing happened' WHERE seq = 2")
          .run();
        expect(changed.changes).toBe(1);
      } finally {
        db.close();
      }

      const run = await runCli(['audit', 'verify', '--data-dir', dir, '--user', 'admin'], {
        HELSSA_PASSPHRASE: TEST_PASSPHRASE,
        HELSSA_PASSWORD: secrets.HELSSA_PASSWORD,
      });
      expect(run.code).toBe(5);
      expect(run.stdout).toMatch(/The access-log chain is broken: 1 problem\(s\) in \d+ entries\./);
      expect(run.stdout).toContain('Entry #2: its content was changed after it was written.');
      expect(run.stdout).toContain('رویداد #2: محتوای آن پس از ثبت تغییر کرده است.');
      expect(run.stderr).not.toMatch(STACK_LINE);
    },
    SLOW,
  );
});
