import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicCore } from '../clinic-core';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';
import { ClinicDatabase } from '../db/database';
import { dataPaths } from '../paths';
import {
  ADMIN_PASSWORD,
  addUser,
  makeTempDir,
  removeDir,
  setUpTestClinic,
  TEST_PASSPHRASE,
  type TestClinic,
} from '../testing/fixtures';
import { restoreBackup } from './backup-service';

const BACKUP_PASSPHRASE = 'پشتیبان هفتگی کلینیک ۱۴۰۵';
const NEW_MACHINE_PASSPHRASE = 'the new workstation passphrase';

describe('backup and restore', () => {
  let clinic: TestClinic;
  let work: string;
  let backupFile: string;
  let patientIds: string[];

  beforeAll(async () => {
    clinic = await setUpTestClinic();
    work = makeTempDir('helssa-backup');
    patientIds = clinic.services.patients
      .importMany(
        clinic.adminActor,
        Array.from({ length: 40 }, (_, i) => ({
          firstName: 'ستاره',
          lastName: `بایگانی${i}`.replace(/\d/g, (d) => 'ابپتثجچحخد'[Number(d)]!),
          phone: `0919${String(4000000 + i)}`,
          allergies: i === 0 ? 'پنی‌سیلین' : '',
        })),
      )
      .map((patient) => patient.id);
    backupFile = path.join(work, 'clinic.hbk');
  });
  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
    removeDir(work);
  });

  const restoreInto = (dir: string, file = backupFile, passphrase = BACKUP_PASSPHRASE) =>
    restoreBackup({
      file,
      passphrase,
      paths: dataPaths(dir),
      vault: new PassphraseKeyVault(NEW_MACHINE_PASSPHRASE),
      migrations: clinic.core.migrations,
      clock: clinic.core.clock,
      logger: clinic.core.logger,
      workstationId: 'restore-test',
    });

  it('writes an encrypted file with progress, refusing to overwrite and refusing non-admins', async () => {
    const progress: number[] = [];
    const result = await clinic.services.backup.create(clinic.adminActor, {
      outFile: backupFile,
      passphrase: BACKUP_PASSPHRASE,
      onProgress: (done) => progress.push(done),
    });
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(progress.at(-1)).toBeGreaterThan(0);
    const content = fs.readFileSync(backupFile);
    expect(content.subarray(0, 8).toString()).toBe('HELSSABK');
    expect(content.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(content.includes(Buffer.from('ستاره'))).toBe(false);
    await expect(
      clinic.services.backup.create(clinic.adminActor, {
        outFile: backupFile,
        passphrase: BACKUP_PASSPHRASE,
      }),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'backup.fileExists' });
    const staff = await addUser(clinic, {
      username: 'backup.staff',
      displayName: 'کارمند',
      role: 'staff',
    });
    await expect(
      clinic.services.backup.create(staff.actor, {
        outFile: path.join(work, 'x.hbk'),
        passphrase: BACKUP_PASSPHRASE,
      }),
    ).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(
      clinic.services.backup.create(clinic.adminActor, {
        outFile: path.join(work, 'y.hbk'),
        passphrase: 'short',
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });

  it('round-trips into a new data folder unlocked by that machine’s own vault', async () => {
    const target = makeTempDir('helssa-restored');
    try {
      const report = await restoreInto(target);
      expect(report).toMatchObject({
        previousDatabase: null,
        schemaVersion: clinic.core.migrations.length,
      });
      expect(report.valuesChecked).toBeGreaterThanOrEqual(80);
      const core = ClinicCore.open({ dataDir: target });
      try {
        await expect(core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE))).rejects.toMatchObject({
          code: 'wrong_passphrase',
        });
        const services = await core.unlock(new PassphraseKeyVault(NEW_MACHINE_PASSPHRASE));
        const { token } = await services.sessions.login('admin', ADMIN_PASSWORD);
        const actor = services.sessions.actor(token);
        expect(services.patients.get(actor, patientIds[0]!)).toMatchObject({
          firstName: 'ستاره',
          clinical: { allergies: 'پنی‌سیلین' },
        });
        expect(services.patients.search(actor, { query: 'ستاره', limit: 100 }).items).toHaveLength(
          40,
        );
        expect(services.patients.search(actor, { query: '09194000007' }).items).toHaveLength(1);
        const chain = services.accessLog.verify(core.db);
        expect(chain.ok).toBe(true);
        expect(
          services.audit.list(actor, { action: 'restore' }).entries.map((entry) => entry.reason),
        ).toContain('database restored from backup');
      } finally {
        core.close();
      }
    } finally {
      removeDir(target);
    }
  });

  it('replaces an existing database only after verifying, keeping the old one aside', async () => {
    const target = await setUpTestClinic();
    target.services.patients.create(target.adminActor, { firstName: 'قدیمی', lastName: 'جایگزین' });
    target.services.backup.authorizeRestore(target.adminActor);
    target.core.close();
    try {
      const report = await restoreInto(target.dir);
      expect(report.previousDatabase).toMatch(/backups[/\\]replaced[/\\]helssa-before-restore-/);
      const old = ClinicDatabase.open({ file: report.previousDatabase!, readonly: true });
      expect(old.raw.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
      old.close();
    } finally {
      removeDir(target.dir);
    }
  });

  describe('refuses a bad backup and leaves the current database untouched', () => {
    let target: TestClinic;
    let before: Buffer;
    beforeAll(async () => {
      target = await setUpTestClinic();
      target.core.close();
      before = fs.readFileSync(path.join(target.dir, 'helssa.db'));
    });
    afterAll(() => removeDir(target.dir));

    const expectUntouched = () => {
      expect(fs.readFileSync(path.join(target.dir, 'helssa.db')).equals(before)).toBe(true);
      expect(fs.readdirSync(path.join(target.dir, 'scratch'))).toEqual([]);
    };

    it('a wrong passphrase', async () => {
      await expect(
        restoreInto(target.dir, backupFile, 'not the backup passphrase'),
      ).rejects.toMatchObject({
        code: 'wrong_passphrase',
        messageKey: 'backup.wrongPassphrase',
      });
      expectUntouched();
    });

    it('one flipped byte anywhere in the data', async () => {
      const content = fs.readFileSync(backupFile);
      for (const offset of [content.length - 5, Math.floor(content.length / 2)]) {
        const corrupted = Buffer.from(content);
        corrupted[offset]! ^= 0x20;
        const file = path.join(work, `corrupted-${offset}.hbk`);
        fs.writeFileSync(file, corrupted);
        await expect(restoreInto(target.dir, file)).rejects.toMatchObject({
          code: 'backup_invalid',
        });
        expectUntouched();
      }
    });

    it('a file cut short, or with a chunk dropped', async () => {
      const content = fs.readFileSync(backupFile);
      const cut = path.join(work, 'cut.hbk');
      fs.writeFileSync(cut, content.subarray(0, content.length - 1000));
      await expect(restoreInto(target.dir, cut)).rejects.toMatchObject({ code: 'backup_invalid' });
      const headerEnd = 13 + content.readUInt32BE(9);
      const firstChunk = 4 + content.readUInt32BE(headerEnd);
      const dropped = path.join(work, 'dropped.hbk');
      fs.writeFileSync(
        dropped,
        Buffer.concat([content.subarray(0, headerEnd), content.subarray(headerEnd + firstChunk)]),
      );
      await expect(restoreInto(target.dir, dropped)).rejects.toMatchObject({
        code: 'backup_invalid',
      });
      expectUntouched();
    });

    it('something that is not a backup at all', async () => {
      const file = path.join(work, 'photo.jpg');
      fs.writeFileSync(file, Buffer.from('\xff\xd8\xff\xe0 not a backup', 'latin1'));
      await expect(restoreInto(target.dir, file)).rejects.toMatchObject({ code: 'backup_invalid' });
      await expect(restoreInto(target.dir, path.join(work, 'missing.hbk'))).rejects.toMatchObject({
        code: 'io',
      });
      expectUntouched();
    });
  });
});
