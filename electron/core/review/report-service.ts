import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  amendReportSchema,
  approveReportSchema,
  resolveFlagSchema,
  updateReportSchema,
  type DraftingJob,
  type ReportView,
  type SignatureCheck,
} from '../../shared/reports';
import type { Actor, Permission } from '../../shared/roles';
import {
  emptySoapContent,
  soapContentSchema,
  soapSections,
  type DraftingSegment,
  type DraftSource,
  type EvidenceFlag,
  type GenerationMethod,
  type SoapContent,
} from '../../shared/soap';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { AccountService } from '../accounts/account-service';
import type { Clock } from '../clock';
import type { ColumnCipher } from '../crypto/column-cipher';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { SoapReportsTable, SoapReportVersionsTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import { flaggedItemExists, reconcileFlags, unresolvedCount, withoutFlaggedClaim } from './flags';
import { reportColumns } from './report-columns';
import type { SigningKeyStore } from './signing-key-store';
import { signedPayloadOf, type VersionRecord } from './signed-payload';
import { verifyAmendmentChain } from '../signing/report-signature';

/** The evidence check (drafting/evidence): flags for every unsupported claim of the content. */
export type EvidenceChecker = (
  content: SoapContent,
  segments: readonly DraftingSegment[],
) => EvidenceFlag[];

interface ReportDeps {
  readonly db: ClinicDatabase;
  readonly cipher: ColumnCipher;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly accounts: AccountService;
  readonly keys: SigningKeyStore;
  readonly checkEvidence: EvidenceChecker;
  /** The visit transcript as drafting reads it (corrections applied), read on the app's behalf. */
  readonly segments: (encounterId: string) => DraftingSegment[];
  /** The drafting run of the visit, when there is one to show. */
  readonly job: (encounterId: string) => DraftingJob | null;
}

export interface VisitRow {
  readonly id: string;
  readonly patient_id: string;
  readonly doctor_id: string;
  readonly status: string;
}

/** A draft made by the drafting service, ready to be stored. */
export interface NewDraft {
  readonly content: SoapContent;
  readonly flags: EvidenceFlag[];
  readonly source: DraftSource;
  readonly model: string | null;
  readonly aiConfidence: number | null;
  readonly templateId: string | null;
}

type ReportRow = Selectable<SoapReportsTable>;
type VersionRow = Selectable<SoapReportVersionsTable>;

const EMPTY_TEXT = /^\s*$/;

function hasContent(content: SoapContent): boolean {
  return (
    soapSections.some((section) => !EMPTY_TEXT.test(content[section])) ||
    content.medications.length > 0 ||
    content.diagnoses.length > 0
  );
}

/**
 * The SOAP report of a visit: its working draft, the doctor's edits and flag decisions, approval
 * with a signature, and amendments as new signed versions. The working draft can change until it
 * is approved; a signed version never changes.
 */
export class ReportService {
  private readonly deps: ReportDeps;

  constructor(deps: ReportDeps) {
    this.deps = deps;
  }

  view(actor: Actor, encounterId: string): ReportView {
    const visit = this.requireVisit(actor, encounterId, 'report.view', 'view', false);
    const { db, log } = this.deps;
    const view = db.write((tx) => {
      const row = this.reportRow(tx, encounterId);
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'soap_report',
        resourceId: encounterId,
        patientId: visit.patient_id,
        granted: true,
        detail: { status: row?.status ?? 'none' },
      });
      return this.toView(tx, actor, visit, row);
    });
    return view;
  }

  /** Stores a fresh draft from the drafting service; the report must not be locked. */
  storeDraft(tx: WriteTx, visit: VisitRow, actor: Actor, draft: NewDraft): void {
    const { cipher, clock } = this.deps;
    const now = clock.now().toISOString();
    const existing = this.reportRow(tx, visit.id);
    if (existing?.status === 'approved') throw new AppError('conflict', 'report.locked');
    const id = existing?.id ?? uuidv7(clock.now().getTime());
    const sealed = {
      draft_content: cipher.seal(reportColumns.draftContent, id, draft.content),
      draft_flags: cipher.seal(reportColumns.draftFlags, id, draft.flags),
      generation_method: 'ai' as const,
      draft_source: draft.source,
      draft_model: draft.model,
      ai_confidence: draft.aiConfidence,
      drafted_at: now,
      template_id: draft.templateId,
      updated_at: now,
      updated_by: actor.userId,
    };
    if (existing) {
      tx.run(q.updateTable('soap_reports').set(sealed).where('id', '=', id));
    } else {
      tx.run(
        q.insertInto('soap_reports').values({
          id,
          encounter_id: visit.id,
          patient_id: visit.patient_id,
          doctor_id: visit.doctor_id,
          status: 'draft',
          approved_version: 0,
          amendment_reason: null,
          created_at: now,
          ...sealed,
        }),
      );
    }
  }

  /** Replaces one section of the working draft (regenerated by the drafting service). */
  storeSection(
    tx: WriteTx,
    visit: VisitRow,
    actor: Actor,
    section: (typeof soapSections)[number],
    text: string,
    drafted: { source: DraftSource; model: string | null },
  ): void {
    const row = this.reportRow(tx, visit.id);
    const current = row ? this.openDraft(row) : { content: emptySoapContent(), flags: [] };
    if (row?.status === 'approved') throw new AppError('conflict', 'report.locked');
    const content = { ...current.content, [section]: text };
    if (!row) {
      this.storeDraft(tx, visit, actor, {
        content,
        flags: [],
        source: drafted.source,
        model: drafted.model,
        aiConfidence: null,
        templateId: null,
      });
      return;
    }
    this.writeDraft(tx, row, actor, content, current.flags, row.generation_method);
  }

  /** The doctor's edit: the given sections and lists replace the draft's; flags are re-checked. */
  update(actor: Actor, input: z.input<typeof updateReportSchema>): ReportView {
    const data = parseInput(updateReportSchema, input);
    const visit = this.requireVisit(actor, data.encounterId, 'report.write', 'update', true);
    const segments = this.deps.segments(data.encounterId);
    return this.deps.db.write((tx) => {
      const row = this.reportRow(tx, data.encounterId);
      if (row?.status === 'approved') throw new AppError('conflict', 'report.locked');
      const current = row ? this.openDraft(row) : { content: emptySoapContent(), flags: [] };
      const content = soapContentSchema.parse({ ...current.content, ...data.content });
      const editor = { by: actor.userId, at: this.deps.clock.now().toISOString() };
      const flags = reconcileFlags(
        current.flags,
        this.deps.checkEvidence(content, segments),
        content,
        editor,
      );
      // Seed 000: a draft the AI made and a person changed is hybrid; one typed from nothing is manual.
      const method: GenerationMethod = row
        ? row.generation_method === 'manual'
          ? 'manual'
          : 'hybrid'
        : 'manual';
      let target = row;
      if (!target) {
        this.storeDraft(tx, visit, actor, {
          content,
          flags,
          source: 'extractors',
          model: null,
          aiConfidence: null,
          templateId: null,
        });
        target = this.reportRow(tx, data.encounterId)!;
        tx.run(
          q
            .updateTable('soap_reports')
            .set({ draft_source: null, drafted_at: null })
            .where('id', '=', target.id),
        );
      }
      this.writeDraft(tx, target, actor, content, flags, method);
      this.logChange(tx, actor, visit, 'update', {
        step: 'edit',
        fields: Object.keys(data.content).join(','),
      });
      return this.toView(tx, actor, visit, this.reportRow(tx, data.encounterId));
    });
  }

  /** Keep a flagged claim as written, or delete it. */
  resolveFlag(actor: Actor, input: z.input<typeof resolveFlagSchema>): ReportView {
    const data = parseInput(resolveFlagSchema, input);
    const visit = this.requireVisit(actor, data.encounterId, 'report.write', 'update', true);
    return this.deps.db.write((tx) => {
      const row = this.requireReport(tx, data.encounterId);
      if (row.status === 'approved') throw new AppError('conflict', 'report.locked');
      const { content, flags } = this.openDraft(row);
      const flag = flags.find((candidate) => candidate.id === data.flagId);
      if (!flag) throw new AppError('not_found', 'report.flagNotFound');
      const resolution = {
        action: data.action,
        by: actor.userId,
        at: this.deps.clock.now().toISOString(),
      };
      const nextContent = data.action === 'delete' ? withoutFlaggedClaim(content, flag) : content;
      // Deleting a medicine also settles its dose's flag: the claim went with the item.
      const nextFlags = flags.map((candidate) =>
        candidate.id === flag.id ||
        (candidate.resolution === null && !flaggedItemExists(nextContent, candidate))
          ? { ...candidate, resolution }
          : candidate,
      );
      const method =
        data.action === 'delete' && row.generation_method === 'ai'
          ? 'hybrid'
          : row.generation_method;
      this.writeDraft(tx, row, actor, nextContent, nextFlags, method);
      this.logChange(tx, actor, visit, 'update', {
        step: 'flag',
        action: data.action,
        kind: flag.kind,
      });
      return this.toView(tx, actor, visit, this.reportRow(tx, data.encounterId));
    });
  }

  /**
   * Approval by the visit's doctor, who types their password again: every flag resolved, the
   * content signed with the doctor's Ed25519 key (made on first use, sealed under the password),
   * a new immutable version written and the report locked.
   */
  async approve(actor: Actor, input: z.input<typeof approveReportSchema>): Promise<ReportView> {
    const data = parseInput(approveReportSchema, input);
    const visit = this.requireVisit(actor, data.encounterId, 'report.approve', 'update', true);
    if (visit.doctor_id !== actor.userId) throw this.notYours(actor, visit, 'approve');
    const { db, accounts, clock, keys } = this.deps;
    const before = db.read((tx) => this.requireReport(tx, data.encounterId));
    if (before.status === 'approved') throw new AppError('conflict', 'report.locked');
    const draft = this.openDraft(before);
    const open = unresolvedCount(draft.flags);
    if (open > 0) {
      throw new AppError('validation', 'report.flagsUnresolved', { params: { count: open } });
    }
    if (!hasContent(draft.content)) throw new AppError('validation', 'report.empty');

    const check = await accounts.checkCredentials(actor.username, data.password, 'approval');
    if (!check.ok) {
      if (check.error.code === 'account_locked') throw check.error;
      throw new AppError('auth_failed', 'report.wrongPassword');
    }
    const key = await keys.unlock(actor.userId, data.password);
    return db.write((tx) => {
      const row = this.requireReport(tx, data.encounterId);
      // Someone changed the draft while the password was being checked: sign what was read only.
      if (row.updated_at !== before.updated_at || row.status !== 'draft') {
        throw new AppError('conflict', 'report.changedDuringApproval');
      }
      const previous = this.versionRows(tx, row.id).at(-1) ?? null;
      const version = row.approved_version + 1;
      const now = clock.now();
      const amendmentReason =
        row.amendment_reason === null
          ? null
          : this.deps.cipher.open(reportColumns.draftAmendmentReason, row.id, row.amendment_reason);
      const record: VersionRecord = {
        reportId: row.id,
        encounterId: row.encounter_id,
        patientId: row.patient_id,
        version,
        content: draft.content,
        doctorId: actor.userId,
        signedAt: now.toISOString(),
        previousVersionHash: previous?.payload_hash ?? null,
        amendmentReason,
      };
      const signed = key.sign(signedPayloadOf(record));
      const versionId = uuidv7(now.getTime());
      const { cipher } = this.deps;
      tx.run(
        q.insertInto('soap_report_versions').values({
          id: versionId,
          report_id: row.id,
          version,
          content: cipher.seal(reportColumns.versionContent, versionId, draft.content),
          generation_method: row.generation_method,
          ai_confidence: row.ai_confidence,
          flags: cipher.seal(reportColumns.versionFlags, versionId, draft.flags),
          amendment_reason:
            amendmentReason === null
              ? null
              : cipher.seal(reportColumns.versionAmendmentReason, versionId, amendmentReason),
          doctor_id: actor.userId,
          signed_at: record.signedAt,
          key_id: key.keyId,
          signature: signed.signature,
          payload_hash: signed.payloadHash,
          previous_version_hash: record.previousVersionHash,
          created_at: record.signedAt,
        }),
      );
      tx.run(
        q
          .updateTable('soap_reports')
          .set({
            status: 'approved',
            approved_version: version,
            amendment_reason: null,
            updated_at: record.signedAt,
            updated_by: actor.userId,
          })
          .where('id', '=', row.id),
      );
      this.deps.log.append(tx, {
        actor,
        action: version === 1 ? 'approve' : 'amend',
        resourceType: 'soap_report',
        resourceId: row.encounter_id,
        patientId: row.patient_id,
        granted: true,
        detail: { version, key: key.keyId, method: row.generation_method },
      });
      return this.toView(tx, actor, visit, this.reportRow(tx, data.encounterId));
    });
  }

  /** Opens an approved report for an amendment: a new draft from the newest version, with a reason. */
  amend(actor: Actor, input: z.input<typeof amendReportSchema>): ReportView {
    const data = parseInput(amendReportSchema, input);
    const visit = this.requireVisit(actor, data.encounterId, 'report.approve', 'update', true);
    if (visit.doctor_id !== actor.userId) throw this.notYours(actor, visit, 'amend');
    const { db, cipher } = this.deps;
    return db.write((tx) => {
      const row = this.requireReport(tx, data.encounterId);
      if (row.status !== 'approved') throw new AppError('conflict', 'report.notApproved');
      const latest = this.versionRows(tx, row.id).at(-1)!;
      const content = cipher.open(reportColumns.versionContent, latest.id, latest.content);
      const flags = cipher.open(reportColumns.versionFlags, latest.id, latest.flags);
      const now = this.deps.clock.now().toISOString();
      tx.run(
        q
          .updateTable('soap_reports')
          .set({
            status: 'draft',
            draft_content: cipher.seal(reportColumns.draftContent, row.id, content),
            draft_flags: cipher.seal(reportColumns.draftFlags, row.id, flags),
            amendment_reason: cipher.seal(reportColumns.draftAmendmentReason, row.id, data.reason),
            generation_method:
              latest.generation_method === 'ai' ? 'hybrid' : latest.generation_method,
            updated_at: now,
            updated_by: actor.userId,
          })
          .where('id', '=', row.id),
      );
      this.logChange(tx, actor, visit, 'amend', { step: 'opened', from: latest.version });
      return this.toView(tx, actor, visit, this.reportRow(tx, data.encounterId));
    });
  }

  /** Checks every signed version and the chain between them. */
  verify(actor: Actor, encounterId: string): SignatureCheck {
    const visit = this.requireVisit(actor, encounterId, 'report.view', 'view', false);
    return this.deps.db.write((tx) => {
      const row = this.requireReport(tx, encounterId);
      const check = this.verifyRows(tx, row);
      this.deps.log.append(tx, {
        actor,
        action: 'verify',
        resourceType: 'soap_report',
        resourceId: encounterId,
        patientId: visit.patient_id,
        granted: true,
        detail: { versions: check.versions.length, ok: check.ok },
      });
      return check;
    });
  }

  /** A signed version's content (for export and printing); the caller has checked access. */
  signedVersion(tx: ReadTx, encounterId: string, version: number) {
    const row = this.requireReport(tx, encounterId);
    const found = this.versionRows(tx, row.id).find((candidate) => candidate.version === version);
    if (!found) throw new AppError('not_found', 'report.versionNotFound');
    return { report: row, version: found, ...this.openVersion(found) };
  }

  /** The working draft's content (for export and printing); the caller has checked access. */
  workingDraft(tx: ReadTx, encounterId: string) {
    const row = this.requireReport(tx, encounterId);
    return { report: row, ...this.openDraft(row) };
  }

  requireVisit(
    actor: Actor,
    encounterId: string,
    permission: Permission,
    action: 'view' | 'update' | 'export' | 'print',
    ownVisitOnly: boolean,
  ): VisitRow {
    const { access, db } = this.deps;
    access.require(actor, permission, {
      action,
      resourceType: 'soap_report',
      resourceId: encounterId,
    });
    const visit = db.read((tx) =>
      tx.first(
        q
          .selectFrom('encounters')
          .select(['id', 'patient_id', 'doctor_id', 'status'])
          .where('id', '=', encounterId),
      ),
    );
    if (!visit) throw new AppError('not_found', 'visit.notFound', { detail: encounterId });
    if (ownVisitOnly && actor.role === 'doctor' && visit.doctor_id !== actor.userId) {
      throw this.notYours(actor, visit, permission);
    }
    return visit;
  }

  // --- internals ---------------------------------------------------------------------------------

  private notYours(actor: Actor, visit: VisitRow, what: string): AppError {
    this.deps.log.record(this.deps.db, {
      actor,
      action: 'update',
      resourceType: 'soap_report',
      resourceId: visit.id,
      patientId: visit.patient_id,
      granted: false,
      reason: `${what} on another doctor's visit`,
    });
    return new AppError('permission_denied', 'report.notYours');
  }

  private logChange(
    tx: WriteTx,
    actor: Actor,
    visit: VisitRow,
    action: 'update' | 'amend',
    detail: Record<string, string | number>,
  ): void {
    this.deps.log.append(tx, {
      actor,
      action,
      resourceType: 'soap_report',
      resourceId: visit.id,
      patientId: visit.patient_id,
      granted: true,
      detail,
    });
  }

  private writeDraft(
    tx: WriteTx,
    row: ReportRow,
    actor: Actor,
    content: SoapContent,
    flags: EvidenceFlag[],
    method: GenerationMethod,
  ): void {
    const { cipher, clock } = this.deps;
    tx.run(
      q
        .updateTable('soap_reports')
        .set({
          draft_content: cipher.seal(reportColumns.draftContent, row.id, content),
          draft_flags: cipher.seal(reportColumns.draftFlags, row.id, flags),
          generation_method: method,
          updated_at: clock.now().toISOString(),
          updated_by: actor.userId,
        })
        .where('id', '=', row.id),
    );
  }

  private reportRow(tx: ReadTx, encounterId: string): ReportRow | undefined {
    return tx.first(
      q.selectFrom('soap_reports').selectAll().where('encounter_id', '=', encounterId),
    );
  }

  private requireReport(tx: ReadTx, encounterId: string): ReportRow {
    const row = this.reportRow(tx, encounterId);
    if (!row) throw new AppError('not_found', 'report.notFound');
    return row;
  }

  private versionRows(tx: ReadTx, reportId: string): VersionRow[] {
    return tx.all(
      q
        .selectFrom('soap_report_versions')
        .selectAll()
        .where('report_id', '=', reportId)
        .orderBy('version'),
    );
  }

  private openDraft(row: ReportRow): { content: SoapContent; flags: EvidenceFlag[] } {
    const { cipher } = this.deps;
    return {
      content: cipher.open(reportColumns.draftContent, row.id, row.draft_content),
      flags: cipher.open(reportColumns.draftFlags, row.id, row.draft_flags),
    };
  }

  private openVersion(row: VersionRow) {
    const { cipher } = this.deps;
    return {
      content: cipher.open(reportColumns.versionContent, row.id, row.content),
      flags: cipher.open(reportColumns.versionFlags, row.id, row.flags),
      amendmentReason:
        row.amendment_reason === null
          ? null
          : cipher.open(reportColumns.versionAmendmentReason, row.id, row.amendment_reason),
    };
  }

  private verifyRows(tx: ReadTx, row: ReportRow): SignatureCheck {
    const versions = this.versionRows(tx, row.id);
    const { keys } = this.deps;
    const chain = verifyAmendmentChain(
      versions.map((version) => {
        const opened = this.openVersion(version);
        return {
          payload: signedPayloadOf({
            reportId: row.id,
            encounterId: row.encounter_id,
            patientId: row.patient_id,
            version: version.version,
            content: opened.content,
            doctorId: version.doctor_id,
            signedAt: version.signed_at,
            previousVersionHash: version.previous_version_hash,
            amendmentReason: opened.amendmentReason,
          }),
          signature: version.signature,
          publicKey: keys.publicKey(tx, version.key_id).publicKey,
        };
      }),
      { isDoctorKey: (doctorId, publicKey) => keys.isDoctorKey(tx, doctorId, publicKey) },
    );
    return {
      encounterId: row.encounter_id,
      ok: chain.valid && versions.length > 0,
      versions: versions.map((version, index) => {
        let reason: string | null = null;
        if (!chain.valid && index === chain.index) reason = `${chain.reason}: ${chain.detail}`;
        else if (!chain.valid && index > chain.index)
          reason = 'not checked: an earlier version is broken';
        return {
          version: version.version,
          ok: chain.valid || index < chain.index,
          reason,
          fingerprint: keys.publicKey(tx, version.key_id).fingerprint,
        };
      }),
    };
  }

  private toView(
    tx: ReadTx,
    actor: Actor,
    visit: VisitRow,
    row: ReportRow | undefined,
  ): ReportView {
    const own = actor.role === 'admin' || visit.doctor_id === actor.userId;
    const isDoctor = actor.role === 'doctor' && visit.doctor_id === actor.userId;
    const job = this.deps.job(visit.id);
    if (!row) {
      return {
        encounterId: visit.id,
        patientId: visit.patient_id,
        doctorId: visit.doctor_id,
        status: 'none',
        approvedVersion: 0,
        content: emptySoapContent(),
        flags: [],
        unresolvedFlags: 0,
        generationMethod: 'manual',
        draftSource: null,
        draftModel: null,
        aiConfidence: null,
        draftedAt: null,
        updatedAt: null,
        amendmentReason: null,
        templateId: null,
        versions: [],
        job,
        canEdit: own,
        canApprove: false,
        canAmend: false,
      };
    }
    const versions = this.versionRows(tx, row.id);
    // The report screen polls this while a draft runs: read only the signers' names.
    const signers = [...new Set(versions.map((version) => version.doctor_id))];
    const names = new Map(
      signers.length === 0
        ? []
        : tx
            .all(q.selectFrom('users').select(['id', 'display_name']).where('id', 'in', signers))
            .map((user) => [user.id, user.display_name]),
    );
    const shown =
      row.status === 'approved'
        ? this.openVersion(versions.at(-1)!)
        : { ...this.openDraft(row), amendmentReason: null };
    const draftReason =
      row.status === 'draft' && row.amendment_reason !== null
        ? this.deps.cipher.open(reportColumns.draftAmendmentReason, row.id, row.amendment_reason)
        : null;
    const unresolved = unresolvedCount(shown.flags);
    return {
      encounterId: visit.id,
      patientId: visit.patient_id,
      doctorId: visit.doctor_id,
      status: row.status,
      approvedVersion: row.approved_version,
      content: shown.content,
      flags: shown.flags,
      unresolvedFlags: unresolved,
      generationMethod: row.generation_method,
      draftSource: row.draft_source,
      draftModel: row.draft_model,
      aiConfidence: row.ai_confidence,
      draftedAt: row.drafted_at,
      updatedAt: row.updated_at,
      amendmentReason: draftReason,
      templateId: row.template_id,
      versions: versions.map((version) => ({
        version: version.version,
        signedAt: version.signed_at,
        doctorId: version.doctor_id,
        doctorName: names.get(version.doctor_id) ?? version.doctor_id,
        fingerprint: this.deps.keys.publicKey(tx, version.key_id).fingerprint,
        generationMethod: version.generation_method,
        amendmentReason:
          version.amendment_reason === null
            ? null
            : this.deps.cipher.open(
                reportColumns.versionAmendmentReason,
                version.id,
                version.amendment_reason,
              ),
        payloadHash: version.payload_hash,
      })),
      job,
      canEdit: own && row.status === 'draft',
      canApprove:
        isDoctor && row.status === 'draft' && unresolved === 0 && hasContent(shown.content),
      canAmend: isDoctor && row.status === 'approved',
    };
  }
}
