import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientSearchResult } from '../shared/patients/patient';
import type { UserSummary } from '../shared/accounts';
import { makeTempDir, removeDir, TEST_PASSPHRASE } from '../core/testing/fixtures';
import { initArgs, initEnv, runCli, secrets, STACK_LINE } from './test-helpers';

// Every run is a real process that derives the vault key with scrypt and usually checks a
// password too (~0.4 s each by design), so the scenarios share one data folder and run in order.
const SLOW = 120_000;

const DOCTOR_PASSWORD = 'Doktor-e Azmayeshi 1405';
const NATIONAL_ID = '0499370899';

describe('the command-line tool without a clinic', () => {
  it('prints bilingual help with the exit codes, and help for one command', async () => {
    const general = await runCli(['--help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('Exit codes:');
    expect(general.stdout).toContain('کدهای خروج:');
    expect(general.stdout).toContain('HELSSA_BACKUP_PASSPHRASE');

    const one = await runCli(['help', 'users', 'add', '--lang', 'en']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('--username <name>');
    expect(one.stdout).toContain('HELSSA_NEW_PASSWORD');
    expect(one.stdout).not.toMatch(/[\u0600-\u06FF]/);
  });

  it('refuses an unknown command, option or a secret given as a flag with exit code 2', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('دستور ناشناخته: frobnicate');
    expect(unknown.stderr).toContain('Unknown command: frobnicate');

    const option = await runCli(['users', 'list', '--frob', '--lang', 'en']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Unknown option: --frob');

    const secret = await runCli(['users', 'list', '--password=hunter2-hunter2']);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain('HELSSA_PASSWORD');
    expect(secret.stderr).not.toContain('hunter2');
    for (const run of [unknown, option, secret]) {
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('says a folder without a clinic is not set up (4) and leaves it alone', async () => {
    const dir = path.join(makeTempDir('helssa-cli-empty'), 'nothing-here');
    try {
      const run = await runCli(['users', 'list', '--data-dir', dir, '--user', 'admin'], secrets);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('This clinic has not been set up yet.');
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      removeDir(path.dirname(dir));
    }
  });
});

describe('a clinic from init to audit verify', () => {
  let dir: string;
  const as = (...args: string[]) => [...args, '--data-dir', dir, '--user', 'admin'];

  beforeAll(() => {
    dir = makeTempDir('helssa-cli');
  });
  afterAll(() => removeDir(dir));

  it(
    'init sets the clinic up, and refuses to do it twice (4)',
    async () => {
      const first = await runCli(initArgs(dir), initEnv);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('کلینیک «کلینیک آزمایشی هلسا» راه‌اندازی شد.');
      expect(first.stdout).toContain('Administrator: admin');
      expect(fs.existsSync(path.join(dir, 'helssa.db'))).toBe(true);

      const again = await runCli(initArgs(dir), initEnv);
      expect(again.code).toBe(4);
      expect(again.stderr).toContain('This clinic has already been set up.');
      expect(again.stderr).toContain('راه‌اندازی اولیه این کلینیک قبلاً انجام شده است.');
    },
    SLOW,
  );

  it('refuses a missing flag (2) and a secret it cannot ask for (2), naming the variable', async () => {
    const missingFlag = await runCli(as('patients', 'add', '--first-name', 'علی'), secrets);
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toContain('--last-name is required.');
    expect(missingFlag.stderr).toContain('گزینهٔ --last-name الزامی است.');

    const missingSecret = await runCli(as('users', 'list'), {
      HELSSA_PASSPHRASE: TEST_PASSPHRASE,
    });
    expect(missingSecret.code).toBe(2);
    expect(missingSecret.stderr).toContain(
      'HELSSA_PASSWORD is not set, and there is no terminal (TTY) to ask for it on.',
    );
    expect(missingSecret.stderr).toContain('متغیر محیطی HELSSA_PASSWORD تنظیم نشده است');

    const noUser = await runCli(['users', 'list', '--data-dir', dir], secrets);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('give --user <username>');
  });

  it(
    'users add creates a doctor; users list --json shows both users',
    async () => {
      const added = await runCli(
        as(
          'users',
          'add',
          '--username',
          'dr.karimi',
          '--name',
          'دکتر کریمی',
          '--role',
          'doctor',
          '--specialty',
          'داخلی',
        ),
        { ...secrets, HELSSA_NEW_PASSWORD: DOCTOR_PASSWORD },
      );
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('User dr.karimi was created with the role doctor.');

      const listed = await runCli(as('users', 'list', '--json'), secrets);
      expect(listed.code).toBe(0);
      const { users } = JSON.parse(listed.stdout) as { users: UserSummary[] };
      expect(users.map((user) => user.username).sort()).toEqual(['admin', 'dr.karimi']);
    },
    SLOW,
  );

  let patientId = '';

  it(
    'patients add registers a patient with a Persian name',
    async () => {
      const run = await runCli(
        as(
          'patients',
          'add',
          '--first-name',
          'زهرا',
          '--last-name',
          'محمدی',
          '--national-id',
          NATIONAL_ID,
          '--phone',
          '09123456789',
          '--birth-date',
          '1370/05/12',
          '--sex',
          'female',
          '--json',
        ),
        secrets,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { patient } = JSON.parse(run.stdout) as {
        patient: { id: string; mrn: string; firstName: string; birthDate: string };
      };
      expect(patient.firstName).toBe('زهرا');
      expect(patient.birthDate).toBe('1991-08-03');
      expect(patient.mrn).toMatch(/^\d{4}-\d+$/);
      patientId = patient.id;
    },
    SLOW,
  );

  it(
    'patients search finds her by a name prefix (table) and by national ID (--json)',
    async () => {
      const byName = await runCli(as('patients', 'search', 'محم'), secrets);
      expect(byName.code).toBe(0);
      expect(byName.stdout).toContain('1 patient(s) found.');
      expect(byName.stdout).toContain('زهرا محمدی');
      expect(byName.stdout).toContain('1370/05/12 (1991-08-03)');
      expect(byName.stdout).toContain('National ID');
      expect(byName.stdout).toContain('کد ملی');

      const byId = await runCli(as('patients', 'search', NATIONAL_ID, '--json'), secrets);
      expect(byId.code).toBe(0);
      const result = JSON.parse(byId.stdout) as PatientSearchResult;
      expect(result.matchedBy).toEqual(['national_id']);
      expect(result.items.map((item) => item.id)).toEqual([patientId]);
    },
    SLOW,
  );

  it(
    'refuses an invalid national ID (3) with the field and both checksum messages, no stack',
    async () => {
      const run = await runCli(
        as(
          'patients',
          'add',
          '--first-name',
          'رضا',
          '--last-name',
          'کریمی',
          '--national-id',
          '0499370898',
        ),
        secrets,
      );
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'nationalId (--national-id): این کد ملی معتبر نیست (رقم کنترل آن درست نیست). لطفاً دوباره بررسی کنید.',
      );
      expect(run.stderr).toContain(
        'nationalId (--national-id): This national ID is not valid: its check digit is wrong. Please check it again.',
      );
      expect(run.stderr).not.toMatch(STACK_LINE);
      // The raw input is not echoed back.
      expect(run.stderr).not.toContain('0499370898');
      expect(run.stderr).not.toContain('رضا');
    },
    SLOW,
  );

  it(
    'refuses a duplicate national ID (3)',
    async () => {
      const run = await runCli(
        as(
          'patients',
          'add',
          '--first-name',
          'مریم',
          '--last-name',
          'احمدی',
          '--national-id',
          NATIONAL_ID,
          '--json',
        ),
        secrets,
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('A patient with this national ID already exists.');
      expect(run.stderr).toContain('بیماری با این کد ملی قبلاً ثبت شده است.');
      const document = JSON.parse(run.stdout) as { ok: boolean; error: { code: string } };
      expect(document).toMatchObject({ ok: false, exitCode: 3, error: { code: 'conflict' } });
    },
    SLOW,
  );

  it(
    'refuses a wrong user password (4) and a wrong key passphrase (4)',
    async () => {
      const password = await runCli(as('users', 'list'), {
        ...secrets,
        HELSSA_PASSWORD: 'not the password',
      });
      expect(password.code).toBe(4);
      expect(password.stderr).toContain('The user name or password is wrong.');
      expect(password.stderr).toContain('نام کاربری یا گذرواژه نادرست است.');

      const passphrase = await runCli(as('users', 'list', '--lang', 'en'), {
        ...secrets,
        HELSSA_PASSPHRASE: 'not the key passphrase',
      });
      expect(passphrase.code).toBe(4);
      expect(passphrase.stderr).toBe('The key passphrase is wrong.\n');
      for (const run of [password, passphrase]) expect(run.stderr).not.toMatch(STACK_LINE);
    },
    SLOW,
  );

  it(
    'does not let a doctor verify the access log (4)',
    async () => {
      const run = await runCli(
        ['audit', 'verify', '--data-dir', dir, '--user', 'dr.karimi', '--lang', 'en'],
        { ...secrets, HELSSA_PASSWORD: DOCTOR_PASSWORD },
      );
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('You are not allowed to do this.');
    },
    SLOW,
  );

  it(
    'audit verify finds the chain intact; the report and the suspicious list come as JSON',
    async () => {
      const verify = await runCli(as('audit', 'verify'), secrets);
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/The access-log chain is intact: \d+ entries checked/);

      const report = await runCli(as('audit', 'report', '--patient', patientId, '--json'), secrets);
      expect(report.code).toBe(0);
      const parsed = JSON.parse(report.stdout) as {
        patientId: string;
        summary: { total: number };
        byAction: { action: string; count: number }[];
      };
      expect(parsed.patientId).toBe(patientId);
      expect(parsed.byAction).toContainEqual({ action: 'create', count: 1 });

      const suspicious = await runCli(
        as('audit', 'suspicious', '--from', '2000-01-01', '--json'),
        secrets,
      );
      expect(suspicious.code).toBe(0);
      expect(JSON.parse(suspicious.stdout)).toHaveProperty('flags');
    },
    SLOW,
  );

  it(
    'keys rotate re-encrypts every value with progress on stderr; the data still reads back',
    async () => {
      const rotate = await runCli(as('keys', 'rotate', '--batch-size', '1'), secrets);
      expect(rotate.code).toBe(0);
      expect(rotate.stderr).toContain('Rotating the data key');
      expect(rotate.stderr).toMatch(/Key rotation: \d+ of \d+ \(patients\)/);
      expect(rotate.stdout).toMatch(
        /Key rotation finished: key 1 → \d+; \d+ values re-encrypted\./,
      );
      expect(rotate.stdout).toContain('The old key was deleted.');

      const search = await runCli(as('patients', 'search', 'زهرا', '--json'), secrets);
      expect(search.code).toBe(0);
      const result = JSON.parse(search.stdout) as PatientSearchResult;
      expect(result.items.map((item) => [item.id, item.nationalId])).toEqual([
        [patientId, NATIONAL_ID],
      ]);
    },
    SLOW,
  );
});
