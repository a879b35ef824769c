import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClinicCore } from '../clinic-core';
import { q } from '../db/database';
import { sealedKeyId } from './column-cipher';
import { PassphraseKeyVault } from './passphrase-vault';
import {
  ADMIN_PASSWORD,
  removeDir,
  setUpTestClinic,
  TEST_PASSPHRASE,
  type TestClinic,
} from '../testing/fixtures';

const PATIENTS = 60;

async function clinicWithPatients(): Promise<TestClinic> {
  const clinic = await setUpTestClinic();
  clinic.services.patients.importMany(
    clinic.adminActor,
    Array.from({ length: PATIENTS }, (_, i) => ({
      firstName: `نگار${'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی'[i % 32]}`,
      lastName: 'صالحی',
      phone: `0912${String(3000000 + i)}`,
      allergies: i % 3 === 0 ? 'پنی‌سیلین' : '',
    })),
  );
  return clinic;
}

function keyIdsInUse(clinic: TestClinic): Set<number> {
  const ids = new Set<number>();
  for (const row of clinic.core.db.all(
    q.selectFrom('patients').select(['demographics', 'clinical']),
  )) {
    ids.add(sealedKeyId(row.demographics)!);
    ids.add(sealedKeyId(row.clinical)!);
  }
  return ids;
}

function everyPatientReadable(clinic: TestClinic): number {
  const ids = clinic.core.db.all(q.selectFrom('patients').select('id')).map((row) => row.id);
  for (const id of ids) clinic.services.patients.get(clinic.adminActor, id);
  return ids.length;
}

describe('data key rotation', () => {
  let clinic: TestClinic | null = null;
  afterEach(() => {
    clinic?.core.close();
    if (clinic) removeDir(clinic.dir);
    clinic = null;
  });

  it('re-seals every value under a new key, in batches, and drops the old key', async () => {
    clinic = await clinicWithPatients();
    const oldKey = clinic.services.ring.active('data').id;
    const progress: number[] = [];
    const report = await clinic.services.keys.rotate(clinic.adminActor, {
      batchSize: 7,
      onProgress: (p) => progress.push(p.done),
    });
    expect(report).toMatchObject({
      fromKeyId: oldKey,
      resumed: false,
      retiredKeyDropped: true,
      rewritten: PATIENTS * 2,
    });
    expect(progress.length).toBeGreaterThan(PATIENTS / 7);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(keyIdsInUse(clinic)).toEqual(new Set([report.toKeyId]));
    expect(
      clinic.core.db.first(q.selectFrom('key_ring').select('id').where('id', '=', oldKey)),
    ).toBeUndefined();
    expect(everyPatientReadable(clinic)).toBe(PATIENTS);
    // Search still works: blind indexes use their own key, which rotation leaves alone.
    expect(
      clinic.services.patients.search(clinic.adminActor, { query: 'نگار' }).items.length,
    ).toBeGreaterThan(0);
    const entries = clinic.core.db.all(
      q
        .selectFrom('access_log')
        .select(['action', 'reason'])
        .where('action', '=', 'key_rotate')
        .orderBy('seq'),
    );
    expect(entries).toEqual([
      { action: 'key_rotate', reason: 'started' },
      { action: 'key_rotate', reason: 'completed' },
    ]);
  });

  it('seals new writes with the new key while older values wait for their batch', async () => {
    clinic = await clinicWithPatients();
    const { patients, keys, ring } = clinic.services;
    let created: string | null = null;
    await keys.rotate(clinic.adminActor, {
      batchSize: 10,
      onProgress: () => {
        if (created) return;
        created = patients.create(clinic!.adminActor, { firstName: 'بهار', lastName: 'نو' }).id;
      },
    });
    const row = clinic.core.db.first(
      q.selectFrom('patients').select('demographics').where('id', '=', created!),
    )!;
    expect(sealedKeyId(row.demographics)).toBe(ring.active('data').id);
  });

  it('resumes after the process is killed mid-rotation, and loses nothing', async () => {
    clinic = await clinicWithPatients();
    const oldKey = clinic.services.ring.active('data').id;
    clinic.core.close();
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '../testing/scripts/rotate-then-crash.ts'),
        clinic.dir,
        '3',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('finished without crashing');
    expect(child.stdout.trim().split('\n')).toHaveLength(3);

    const core = ClinicCore.open({ dataDir: clinic.dir });
    const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
    const { token } = await services.sessions.login('admin', ADMIN_PASSWORD);
    clinic = { ...clinic, core, services, adminActor: services.sessions.actor(token) };
    const pending = services.keys.pending();
    expect(pending).toMatchObject({ from_key_id: oldKey });
    expect(pending!.values_done).toBeGreaterThan(0);
    expect(pending!.values_done).toBeLessThan(PATIENTS * 2);
    // Mid-rotation, values under both keys are readable.
    expect(keyIdsInUse(clinic).size).toBe(2);
    expect(everyPatientReadable(clinic)).toBe(PATIENTS);

    const report = await services.keys.rotate(clinic.adminActor, { batchSize: 10 });
    expect(report).toMatchObject({
      resumed: true,
      fromKeyId: oldKey,
      toKeyId: pending!.to_key_id,
      retiredKeyDropped: true,
    });
    expect(report.rewritten).toBe(PATIENTS * 2);
    expect(keyIdsInUse(clinic)).toEqual(new Set([pending!.to_key_id]));
    expect(everyPatientReadable(clinic)).toBe(PATIENTS);
    expect(services.keys.pending()).toBeUndefined();
    expect(services.accessLog.verify(core.db).ok).toBe(true);
  });

  it('is refused to anyone but an administrator', async () => {
    clinic = await setUpTestClinic();
    const { addUser } = await import('../testing/fixtures');
    const doctor = await addUser(clinic, {
      username: 'dr.rotation',
      displayName: 'دکتر',
      role: 'doctor',
    });
    await expect(clinic.services.keys.rotate(doctor.actor)).rejects.toMatchObject({
      code: 'permission_denied',
    });
    expect(clinic.services.keys.pending()).toBeUndefined();
  });
});
