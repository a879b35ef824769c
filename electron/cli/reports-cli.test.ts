import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportColumns } from '../core/review/report-columns';
import { recordConsultation, setUpReportTeam } from '../core/review/test-support';
import { q } from '../core/db/database';
import { ClinicCore } from '../core/clinic-core';
import { PassphraseKeyVault } from '../core/crypto/passphrase-vault';
import { removeDir, TEST_PASSPHRASE } from '../core/testing/fixtures';
import { runCli, secrets, STACK_LINE } from './test-helpers';

const SLOW = 120_000;

/**
 * `reports verify` as a separate process on a real clinic: a report approved and amended through
 * the services verifies; after a signed version's content is rewritten in the database (a valid
 * seal, no new signature) the tool names the version and exits 5.
 */
describe('reports verify', () => {
  let dir: string;
  let encounterId = '';

  beforeAll(async () => {
    const team = await setUpReportTeam('helssa-cli-reports');
    const { clinic, doctor } = team;
    dir = clinic.dir;
    try {
      ({ encounterId } = await recordConsultation(clinic, doctor, team.script.durationMs));
      await clinic.services.drafting.start(doctor, { encounterId, method: 'extractors' });
      await clinic.services.drafting.settled(encounterId);
      const password = 'Gozarvazheh-dr.karimi-1405';
      await clinic.services.reports.approve(doctor, { encounterId, password });
      clinic.services.reports.amend(doctor, { encounterId, reason: 'توصیهٔ استراحت افزوده شد' });
      clinic.services.reports.update(doctor, { encounterId, content: { plan: 'استراحت' } });
      await clinic.services.reports.approve(doctor, { encounterId, password });
      await clinic.services.transcription.stop();
    } finally {
      clinic.core.close();
    }
  }, SLOW);
  afterAll(() => removeDir(dir));

  const verify = (...extra: string[]) =>
    runCli(
      ['reports', 'verify', encounterId, '--data-dir', dir, '--user', 'admin', ...extra],
      secrets,
    );

  it(
    'says every version is signed and the chain holds',
    async () => {
      const run = await verify('--lang', 'en');
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('All 2 version(s) of the report carry a valid signature');
      expect(run.stdout).toMatch(/version 1: signature valid \(key fingerprint [0-9A-F ]{39}\)/);
      const json = JSON.parse((await verify('--json')).stdout) as { ok: boolean };
      expect(json.ok).toBe(true);
    },
    SLOW,
  );

  it(
    'names a version changed after signing and exits 5',
    async () => {
      const core = ClinicCore.open({ dataDir: dir, create: false });
      try {
        const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
        core.db.write((tx) => {
          const row = tx.first(
            q.selectFrom('soap_report_versions').selectAll().where('version', '=', 1),
          )!;
          const content = services.cipher.open(reportColumns.versionContent, row.id, row.content);
          const sealed = services.cipher.seal(reportColumns.versionContent, row.id, {
            ...content,
            plan: `${content.plan} (ویرایش پنهانی)`,
          });
          tx.run(
            q.updateTable('soap_report_versions').set({ content: sealed }).where('id', '=', row.id),
          );
        });
      } finally {
        core.close();
      }
      const run = await verify('--lang', 'en');
      expect(run.code).toBe(5);
      expect(run.stdout).toContain('version 1: NOT valid');
      expect(run.stdout).toContain('signature_invalid');
      expect(run.stdout).toContain('version 2: NOT valid');
    },
    SLOW,
  );
});
