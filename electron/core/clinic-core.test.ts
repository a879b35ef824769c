import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClinicCore } from './clinic-core';
import { PassphraseKeyVault } from './crypto/passphrase-vault';
import { q } from './db/database';
import {
  ADMIN_PASSWORD,
  makeTempDir,
  removeDir,
  setUpTestClinic,
  TEST_PASSPHRASE,
} from './testing/fixtures';

describe('clinic core: first run, reopen, close', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) removeDir(dir);
  });
  const freshDir = () => {
    const dir = makeTempDir('helssa-core');
    dirs.push(dir);
    return dir;
  };

  it('sets up all or nothing: a weak admin password leaves no keys, clinic or user behind', async () => {
    const core = ClinicCore.open({ dataDir: freshDir() });
    await expect(
      core.setUp([new PassphraseKeyVault(TEST_PASSPHRASE)], {
        clinic: { name: 'کلینیک' },
        admin: { username: 'admin', displayName: 'مدیر', password: '12345678' },
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      fields: [{ field: 'admin.password', messageKey: 'account.password.tooCommon' }],
    });
    await expect(
      core.setUp([new PassphraseKeyVault(TEST_PASSPHRASE)], {
        clinic: { name: '' },
        admin: { username: 'admin', displayName: 'مدیر', password: ADMIN_PASSWORD },
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      fields: [{ field: 'clinic.name', messageKey: 'clinic.name.required' }],
    });
    expect(core.isSetUp()).toBe(false);
    for (const table of [
      'key_ring',
      'key_vaults',
      'users',
      'clinic_profile',
      'access_log',
    ] as const) {
      expect(core.db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    core.close();
  });

  it('reopens a set-up clinic: migrated, locked until a vault unlocks it, then usable', async () => {
    const clinic = await setUpTestClinic(freshDir());
    const patient = clinic.services.patients.create(clinic.adminActor, {
      firstName: 'نسترن',
      lastName: 'باقری',
    });
    clinic.core.close();
    expect(fs.existsSync(path.join(clinic.dir, 'helssa.db-wal'))).toBe(false);

    const core = ClinicCore.open({ dataDir: clinic.dir });
    expect(core.isSetUp()).toBe(true);
    expect(core.migration.applied).toEqual([]);
    expect(core.isUnlocked).toBe(false);
    await expect(
      core.setUp([new PassphraseKeyVault(TEST_PASSPHRASE)], {
        clinic: { name: 'دوباره' },
        admin: { username: 'admin2', displayName: 'x', password: ADMIN_PASSWORD },
      }),
    ).rejects.toMatchObject({ code: 'already_set_up' });
    const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
    const { token } = await services.sessions.login('admin', ADMIN_PASSWORD);
    expect(services.patients.get(services.sessions.actor(token), patient.id).lastName).toBe(
      'باقری',
    );
    expect(services.clinic.profile()).toMatchObject({
      name: 'کلینیک آزمایشی هلسا',
      timeZone: 'Asia/Tehran',
    });
    expect(core.workstation).toEqual(clinic.core.workstation);
    core.close();
  });

  it('records setup, logins and logouts in the access log; closing ends sessions and wipes keys', async () => {
    const clinic = await setUpTestClinic(freshDir());
    const dataKey = clinic.services.ring.active('data').key;
    clinic.core.close();
    expect(dataKey.every((byte) => byte === 0)).toBe(true);
    const core = ClinicCore.open({ dataDir: clinic.dir });
    const actions = core.db.all(
      q.selectFrom('access_log').select(['action', 'resource_type']).orderBy('seq'),
    );
    expect(actions).toEqual([
      { action: 'create', resource_type: 'user' },
      { action: 'setup', resource_type: 'clinic' },
      { action: 'login', resource_type: 'session' },
      { action: 'logout', resource_type: 'session' },
    ]);
    core.close();
  });

  it('refuses to open a database from a newer app', () => {
    const dir = freshDir();
    const core = ClinicCore.open({ dataDir: dir });
    core.db.raw.pragma('user_version = 999');
    core.close();
    expect(() => ClinicCore.open({ dataDir: dir })).toThrow(
      expect.objectContaining({ code: 'database_newer' }),
    );
  });

  it('can refuse to create a database in a folder that has none', () => {
    const dir = freshDir();
    expect(() => ClinicCore.open({ dataDir: dir, create: false })).toThrow(
      expect.objectContaining({ code: 'not_set_up' }),
    );
    expect(fs.existsSync(path.join(dir, 'helssa.db'))).toBe(false);
  });

  it('gives each data folder its own workstation id for the access log', () => {
    const a = ClinicCore.open({ dataDir: freshDir() });
    const b = ClinicCore.open({ dataDir: freshDir() });
    expect(a.workstation.id).not.toBe(b.workstation.id);
    a.close();
    b.close();
  });
});
