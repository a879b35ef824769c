import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/roles';
import type { Medication } from '../../shared/soap';
import { q } from '../db/database';
import { AppError } from '../errors';
import { addUser, closeTestClinic, type TestClinic } from '../testing/fixtures';
import { reportColumns } from './report-columns';
import { recordConsultation, setUpReportTeam, type ReportTeam } from './test-support';

// A SOAP report's whole life on the real core: a consultation recorded and transcribed (the
// scripted "ears" stand in for model weights), drafted by the extractors, checked against the
// transcript, edited, approved with the doctor's password and an Ed25519 signature, amended,
// verified, tampered with, exported. Real database, real sealing, real signatures, real PDF.

const PASSWORD = 'Gozarvazheh-dr.karimi-1405';

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function rejected(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('SOAP report: draft, flags, approval, signature, amendment', () => {
  let team: ReportTeam;
  let clinic: TestClinic;
  let doctor: Actor;
  let encounterId: string;

  beforeEach(async () => {
    team = await setUpReportTeam('helssa-report');
    ({ clinic, doctor } = team);
    ({ encounterId } = await recordConsultation(clinic, doctor, team.script.durationMs));
  });
  afterEach(async () => {
    await clinic.services.transcription.stop();
    closeTestClinic(clinic);
  });

  async function extractorDraft() {
    const job = await clinic.services.drafting.start(doctor, { encounterId, method: 'auto' });
    // No language model is installed here: auto falls back to the extractors.
    expect(job.method).toBe('extractors');
    const done = await clinic.services.drafting.settled(encounterId);
    expect(done).toMatchObject({ status: 'completed', phase: 'done', error: null });
    return clinic.services.reports.view(doctor, encounterId);
  }

  it('a section redrafted before any draft says who wrote it: the extractors, with no model', async () => {
    const job = await clinic.services.drafting.regenerateSection(doctor, {
      encounterId,
      section: 'objective',
    });
    expect(job.method).toBe('extractors');
    expect(await clinic.services.drafting.settled(encounterId)).toMatchObject({
      status: 'completed',
      error: null,
    });
    const view = clinic.services.reports.view(doctor, encounterId);
    expect(view.draftSource).toBe('extractors');
    expect(view.draftModel).toBeNull();
    expect(view.content.objective).toContain('۱۲۰/۸۰');
    expect(view.content.subjective).toBe('');
  });

  it('drafts from the transcript without a model: vitals, medicines, complaint, with evidence', async () => {
    const view = await extractorDraft();
    expect(view.status).toBe('draft');
    expect(view.draftSource).toBe('extractors');
    expect(view.generationMethod).toBe('ai');
    const vitals = Object.fromEntries(view.content.vitals.map((v) => [v.kind, v.value]));
    expect(vitals).toEqual({ blood_pressure: '120/80', temperature: '38.5', heart_rate: '92' });
    const names = view.content.medications.map((m) => [m.name, m.dose]);
    expect(names).toEqual([
      ['Amoxicillin', '500 mg'],
      ['Acetaminophen', '500 mg'],
    ]);
    expect(view.content.objective).toContain('۱۲۰/۸۰');
    // Every item points at the words it came from.
    const transcript = clinic.services.transcripts.forVisit(doctor, encounterId).segments;
    for (const item of [...view.content.vitals, ...view.content.medications]) {
      expect(item.evidence.length).toBeGreaterThan(0);
      for (const evidence of item.evidence) {
        const segment = transcript.find((s) => s.id === evidence.segmentId)!;
        expect(segment.text.slice(evidence.start, evidence.end)).toBe(evidence.quote);
      }
    }
    // Drafted from what was said: nothing to flag.
    expect(view.flags).toEqual([]);
    expect(view.canApprove).toBe(true);
  });

  it('flags a claim the transcript does not support; approval waits until the doctor resolves it', async () => {
    const view = await extractorDraft();
    const invented: Medication = {
      id: 'med-invented',
      name: 'Azithromycin',
      dose: '250 mg',
      route: 'خوراکی',
      frequency: 'روزی یک بار',
      duration: '۵ روز',
      evidence: [],
    };
    const amoxicillin = view.content.medications[0]!;
    const edited = clinic.services.reports.update(doctor, {
      encounterId,
      content: {
        medications: [{ ...amoxicillin, dose: '250 mg' }, invented],
        assessment: 'فارنژیت حاد',
      },
    });
    expect(edited.generationMethod).toBe('hybrid');
    const flags = edited.flags.map((f) => [
      f.kind,
      f.claim,
      f.reason,
      f.resolution?.action ?? null,
    ]);
    expect(flags).toEqual(
      expect.arrayContaining([
        ['dose', '250 mg', 'value_mismatch', null],
        ['medication', 'Azithromycin', 'no_evidence', null],
      ]),
    );
    expect(edited.unresolvedFlags).toBe(edited.flags.length);
    expect(edited.canApprove).toBe(false);
    const refused = await rejected(() =>
      clinic.services.reports.approve(doctor, { encounterId, password: PASSWORD }),
    );
    expect(refused.messageKey).toBe('report.flagsUnresolved');

    // Edit the dose back to what was said: its flag goes; delete the invented medicine.
    const doseFlag = edited.flags.find((f) => f.kind === 'dose')!;
    const fixed = clinic.services.reports.update(doctor, {
      encounterId,
      content: { medications: [{ ...amoxicillin, dose: '500 mg' }, invented] },
    });
    expect(fixed.flags.find((f) => f.id === doseFlag.id)).toBeUndefined();
    const medFlag = fixed.flags.find((f) => f.kind === 'medication')!;
    const deleted = clinic.services.reports.resolveFlag(doctor, {
      encounterId,
      flagId: medFlag.id,
      action: 'delete',
    });
    expect(deleted.content.medications.map((m) => m.name)).toEqual(['Amoxicillin']);
    expect(deleted.flags.find((f) => f.id === medFlag.id)?.resolution).toMatchObject({
      action: 'delete',
      by: doctor.userId,
    });
    expect(deleted.flags.filter((f) => f.resolution === null)).toEqual([]);
    expect(deleted.unresolvedFlags).toBe(0);
    expect(deleted.canApprove).toBe(true);
  });

  it('a kept flag stays kept; a changed claim counts as resolved by editing', async () => {
    const view = await extractorDraft();
    const extra = { ...view.content.medications[0]!, id: 'm2', name: 'Cefixime', dose: '400 mg' };
    const flagged = clinic.services.reports.update(doctor, {
      encounterId,
      content: { medications: [...view.content.medications, extra] },
    });
    const flag = flagged.flags.find((f) => f.itemId === 'm2' && f.kind === 'medication')!;
    const kept = clinic.services.reports.resolveFlag(doctor, {
      encounterId,
      flagId: flag.id,
      action: 'keep',
    });
    expect(kept.flags.find((f) => f.id === flag.id)?.resolution?.action).toBe('keep');
    // An unrelated edit keeps the decision.
    const again = clinic.services.reports.update(doctor, {
      encounterId,
      content: { plan: 'استراحت و مایعات فراوان' },
    });
    expect(again.flags.find((f) => f.id === flag.id)?.resolution?.action).toBe('keep');
    // Renaming the kept medicine to another unsupported one: the doctor edited it.
    const renamed = clinic.services.reports.update(doctor, {
      encounterId,
      content: {
        medications: [...view.content.medications, { ...extra, name: 'Cefuroxime' }],
      },
    });
    expect(renamed.flags.find((f) => f.id === flag.id)).toMatchObject({
      claim: 'Cefuroxime',
      resolution: { action: 'edit', by: doctor.userId },
    });
  });

  it('approves with the password: signed, locked, verifiable; an amendment is version 2 with a reason', async () => {
    await extractorDraft();
    const wrong = await rejected(() =>
      clinic.services.reports.approve(doctor, { encounterId, password: 'not-my-password' }),
    );
    expect(wrong.code).toBe('auth_failed');
    expect(wrong.messageKey).toBe('report.wrongPassword');
    expect(clinic.services.reports.view(doctor, encounterId).status).toBe('draft');

    const approved = await clinic.services.reports.approve(doctor, {
      encounterId,
      password: PASSWORD,
    });
    expect(approved).toMatchObject({ status: 'approved', approvedVersion: 1, canEdit: false });
    expect(approved.versions).toHaveLength(1);
    expect(approved.versions[0]!.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(clinic.services.reports.verify(doctor, encounterId)).toMatchObject({
      ok: true,
      versions: [{ version: 1, ok: true, reason: null }],
    });
    // Locked: no edit, no flag change, no new draft.
    expect(
      thrown(() => clinic.services.reports.update(doctor, { encounterId, content: { plan: 'x' } }))
        .messageKey,
    ).toBe('report.locked');
    await expect(
      clinic.services.drafting.start(doctor, { encounterId, method: 'extractors' }),
    ).resolves.toBeDefined();
    const lockedRun = await clinic.services.drafting.settled(encounterId);
    expect(lockedRun?.status).toBe('failed');
    expect(clinic.services.reports.view(doctor, encounterId).approvedVersion).toBe(1);

    // Amendment: a reason, a draft from version 1, approval makes version 2 pointing at 1.
    expect(
      thrown(() => clinic.services.reports.amend(doctor, { encounterId, reason: '' })).code,
    ).toBe('validation');
    const amending = clinic.services.reports.amend(doctor, {
      encounterId,
      reason: 'دوز استامینوفن اصلاح شد',
    });
    expect(amending).toMatchObject({
      status: 'draft',
      approvedVersion: 1,
      amendmentReason: 'دوز استامینوفن اصلاح شد',
    });
    clinic.services.reports.update(doctor, {
      encounterId,
      content: { plan: 'استامینوفن در صورت تب؛ مراجعه در صورت تشدید علائم' },
    });
    const second = await clinic.services.reports.approve(doctor, {
      encounterId,
      password: PASSWORD,
    });
    expect(second.approvedVersion).toBe(2);
    expect(second.versions.map((v) => [v.version, v.amendmentReason])).toEqual([
      [1, null],
      [2, 'دوز استامینوفن اصلاح شد'],
    ]);
    expect(second.content.plan).toContain('مراجعه در صورت تشدید');
    expect(clinic.services.reports.verify(doctor, encounterId).ok).toBe(true);
    // Both signatures are the doctor's one key.
    expect(new Set(second.versions.map((v) => v.fingerprint)).size).toBe(1);
  });

  it('detects a signed version changed in the database', async () => {
    await extractorDraft();
    await clinic.services.reports.approve(doctor, { encounterId, password: PASSWORD });
    // Someone with the data key rewrites version 1's dose (a valid seal, no new signature).
    const { db } = clinic.core;
    const { cipher } = clinic.services;
    db.write((tx) => {
      const row = tx.first(q.selectFrom('soap_report_versions').selectAll())!;
      const content = cipher.open(reportColumns.versionContent, row.id, row.content);
      content.medications[0] = { ...content.medications[0]!, dose: '1000 mg' };
      tx.run(
        q
          .updateTable('soap_report_versions')
          .set({ content: cipher.seal(reportColumns.versionContent, row.id, content) })
          .where('id', '=', row.id),
      );
    });
    const check = clinic.services.reports.verify(doctor, encounterId);
    expect(check.ok).toBe(false);
    expect(check.versions[0]).toMatchObject({ version: 1, ok: false });
    expect(check.versions[0]!.reason).toMatch(/^signature_invalid/);
  });

  it('only the visit’s doctor approves; staff cannot read; another doctor cannot edit', async () => {
    await extractorDraft();
    const other = await addUser(clinic, {
      username: 'dr.ahmadi',
      displayName: 'دکتر احمدی',
      role: 'doctor',
    });
    expect(
      (
        await rejected(() =>
          clinic.services.reports.approve(other.actor, { encounterId, password: other.password }),
        )
      ).code,
    ).toBe('permission_denied');
    expect(
      (
        await rejected(() =>
          clinic.services.reports.approve(clinic.adminActor, { encounterId, password: 'x' }),
        )
      ).code,
    ).toBe('permission_denied');
    expect(thrown(() => clinic.services.reports.view(team.staff, encounterId)).code).toBe(
      'permission_denied',
    );
    expect(
      thrown(() =>
        clinic.services.reports.update(other.actor, { encounterId, content: { plan: 'x' } }),
      ).code,
    ).toBe('permission_denied');
    // Another doctor may read it (clinical colleagues), as with the transcript.
    expect(clinic.services.reports.view(other.actor, encounterId).canApprove).toBe(false);
  });

  it('a password change reseals the signing key: the new password signs, the old does not', async () => {
    await extractorDraft();
    await clinic.services.reports.approve(doctor, { encounterId, password: PASSWORD });
    const newPassword = 'Tazeh-Gozarvazheh-1405!';
    await clinic.services.accounts.changePassword(doctor, PASSWORD, newPassword);
    clinic.services.reports.amend(doctor, { encounterId, reason: 'افزودن توصیه' });
    const old = await rejected(() =>
      clinic.services.reports.approve(doctor, { encounterId, password: PASSWORD }),
    );
    expect(old.code).toBe('auth_failed');
    const second = await clinic.services.reports.approve(doctor, {
      encounterId,
      password: newPassword,
    });
    expect(second.approvedVersion).toBe(2);
    expect(second.versions[0]!.fingerprint).toBe(second.versions[1]!.fingerprint);
    expect(clinic.services.reports.verify(doctor, encounterId).ok).toBe(true);
  });

  it('exports the signed report as a PDF that keeps every number, and as Markdown; logs the exports', async () => {
    await extractorDraft();
    await clinic.services.reports.approve(doctor, { encounterId, password: PASSWORD });
    const pdf = await clinic.services.reportExport.pdf(doctor, { encounterId, version: 1 });
    expect(pdf.fileName).toMatch(/^report-.+-v1\.pdf$/);
    const file = path.join(clinic.dir, 'exported.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of ['500 mg', 'Amoxicillin', 'Acetaminophen', '120/80', 'Ed25519']) {
      expect(text).toContain(expected);
    }
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+\d+/);
    const markdown = clinic.services.reportExport.markdown(doctor, { encounterId, version: 1 });
    expect(markdown.text).toContain('## نسخه پزشکی');
    expect(markdown.text).toContain('**Amoxicillin**');
    const exports = clinic.core.db.read((tx) =>
      tx.all(
        q
          .selectFrom('access_log')
          .select(['action', 'resource_type'])
          .where('action', '=', 'export')
          .where('resource_type', '=', 'soap_report'),
      ),
    );
    expect(exports).toHaveLength(2);
  });

  it('keeps the report, flags and checklist evidence sealed on disk', async () => {
    await extractorDraft();
    clinic.services.reports.update(doctor, {
      encounterId,
      content: { assessment: 'فارنژیت چرکی حاد' },
    });
    await clinic.services.reports.approve(doctor, { encounterId, password: PASSWORD });
    clinic.core.db.raw.pragma('wal_checkpoint(TRUNCATE)');
    const onDisk = Buffer.concat(
      ['helssa.db', 'helssa.db-wal']
        .map((name) => path.join(clinic.dir, name))
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f)),
    );
    // Words of this visit's report and transcript (not of the clinic's checklist catalog, which
    // is configuration and lists symptoms such as «گلودرد» in the clear).
    const found = [
      'Amoxicillin',
      'Acetaminophen',
      'فارنژیت چرکی حاد',
      '120/80',
      'آقای دکتر',
    ].filter((secret) => onDisk.includes(Buffer.from(secret, 'utf8')));
    expect(found).toEqual([]);
  });
});
