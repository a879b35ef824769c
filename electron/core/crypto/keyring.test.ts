import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicCore } from '../clinic-core';
import { ManualClock } from '../clock';
import { q } from '../db/database';
import { removeDir, setUpTestClinic, TEST_PASSPHRASE, type TestClinic } from '../testing/fixtures';
import { KeyRing } from './keyring';
import { PassphraseKeyVault } from './passphrase-vault';
import type { KeyVault } from './vault';

describe('key ring', () => {
  let clinic: TestClinic;
  beforeAll(async () => {
    clinic = await setUpTestClinic();
  });
  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  it('holds one active data, blind-index and audit key, each stored wrapped', () => {
    const rows = clinic.core.db.all(q.selectFrom('key_ring').selectAll().orderBy('id'));
    expect(rows.map((row) => [row.purpose, row.state])).toEqual([
      ['data', 'active'],
      ['blind_index', 'active'],
      ['audit', 'active'],
    ]);
    const { ring } = clinic.services;
    for (const row of rows) {
      const key = ring.byId(row.id)!.key;
      expect(key).toHaveLength(32);
      expect(row.wrapped_key.includes(key)).toBe(false);
    }
    const vaults = clinic.core.db.all(q.selectFrom('key_vaults').select('kind'));
    expect(vaults).toEqual([{ kind: 'passphrase' }]);
  });

  it('unlocks again with the passphrase and yields the same keys', async () => {
    const ring = await KeyRing.unlock(clinic.core.db, new PassphraseKeyVault(TEST_PASSPHRASE));
    expect(ring.active('data').key.equals(clinic.services.ring.active('data').key)).toBe(true);
    ring.close();
  });

  it('refuses a wrong passphrase with its own error', async () => {
    await expect(
      KeyRing.unlock(clinic.core.db, new PassphraseKeyVault('not the passphrase at all')),
    ).rejects.toMatchObject({ code: 'wrong_passphrase', messageKey: 'vault.wrongPassphrase' });
  });

  it('refuses a vault that was never registered, naming it', async () => {
    const osVault: KeyVault = {
      kind: 'safe_storage',
      wrap: () => Promise.reject(new Error('unused')),
      unwrap: () => Promise.reject(new Error('unused')),
    };
    await expect(KeyRing.unlock(clinic.core.db, osVault)).rejects.toMatchObject({
      code: 'keys_locked',
      messageKey: 'vault.notRegistered',
      params: { vault: 'safe_storage' },
    });
  });

  it('detects wrapped keys swapped between slots', () => {
    const db = clinic.core.db;
    const rows = db.all(q.selectFrom('key_ring').select(['id', 'wrapped_key']).orderBy('id'));
    const ring = clinic.services.ring;
    const root = ring.exportRoot();
    db.raw
      .prepare('UPDATE key_ring SET wrapped_key = ? WHERE id = ?')
      .run(rows[1]!.wrapped_key, rows[0]!.id);
    try {
      expect(() => KeyRing.fromRoot(db, Buffer.from(root))).toThrow(
        expect.objectContaining({ code: 'tampered', messageKey: 'vault.keyRingDamaged' }),
      );
    } finally {
      db.raw
        .prepare('UPDATE key_ring SET wrapped_key = ? WHERE id = ?')
        .run(rows[0]!.wrapped_key, rows[0]!.id);
      root.fill(0);
    }
  });

  it('adds a second vault for the same root key', async () => {
    const recovery = new PassphraseKeyVault('a second, longer recovery phrase');
    await clinic.services.ring.addVault(
      clinic.core.db,
      recovery,
      new ManualClock('2026-11-22T09:00:00Z'),
    );
    const ring = await KeyRing.unlock(clinic.core.db, recovery);
    expect(ring.active('audit').key.equals(clinic.services.ring.active('audit').key)).toBe(true);
    ring.close();
    await expect(
      KeyRing.unlock(clinic.core.db, new PassphraseKeyVault(TEST_PASSPHRASE)),
    ).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    await clinic.services.ring.addVault(
      clinic.core.db,
      new PassphraseKeyVault(TEST_PASSPHRASE),
      new ManualClock('2026-11-22T09:00:00Z'),
    );
  });

  it('wipes keys from memory on close and refuses to use them afterwards', async () => {
    const ring = await KeyRing.unlock(clinic.core.db, new PassphraseKeyVault(TEST_PASSPHRASE));
    const key = ring.active('data').key;
    ring.close();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(() => ring.active('data')).toThrow(expect.objectContaining({ code: 'keys_locked' }));
  });

  it('treats a new data folder as not set up: no services, nothing to unlock', async () => {
    const reopened = ClinicCore.open({ dataDir: `${clinic.dir}-copy` });
    try {
      expect(reopened.isSetUp()).toBe(false);
      expect(() => reopened.services).toThrow(expect.objectContaining({ code: 'keys_locked' }));
      await expect(reopened.unlock(new PassphraseKeyVault(TEST_PASSPHRASE))).rejects.toMatchObject({
        code: 'not_set_up',
      });
    } finally {
      reopened.close();
      removeDir(`${clinic.dir}-copy`);
    }
  });
});
