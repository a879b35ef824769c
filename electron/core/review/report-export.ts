import type { z } from 'zod';
import { formatJalaliDate } from '../../shared/dates/jalali';
import { toLocal, formatMinute } from '../../shared/dates/clinic-time';
import { reportExportSchema } from '../../shared/reports';
import type { Actor } from '../../shared/roles';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { readClinicProfile } from '../clinic/clinic-service';
import { q, type ClinicDatabase, type ReadTx } from '../db/database';
import { AppError } from '../errors';
import type { PatientRepository } from '../patients/patient-repository';
import type { ReportDocumentInput } from '../reports/report-input';
import { renderReportMarkdown } from '../reports/report-markdown';
import { renderReportPdfWithPages } from '../reports/report-pdf';
import { parseInput } from '../validation';
import type { ReportService } from './report-service';
import type { SigningKeyStore } from './signing-key-store';

interface ExportDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly clock: Clock;
  readonly reports: ReportService;
  readonly patients: PatientRepository;
  readonly keys: SigningKeyStore;
  /** Where `fonts/` is (Electron passes its resources folder; Node uses the repository's). */
  readonly resourcesDir?: string;
}

function ageOn(birthDate: string | null, on: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age -= 1;
  return age >= 0 && age <= 150 ? age : null;
}

function jalaliDateTime(instant: string, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  return `${formatJalaliDate(local.date)} ${formatMinute(local.minute)}`;
}

/**
 * The report as a PDF or as Markdown, for saving or printing: gathered in memory (clinic, patient,
 * visit, the signed version or the working draft) and handed back as bytes; nothing is written
 * to disk here. Every export is access-logged as an export of the patient's record.
 */
export class ReportExportService {
  private readonly deps: ExportDeps;

  constructor(deps: ExportDeps) {
    this.deps = deps;
  }

  async pdf(
    actor: Actor,
    input: z.input<typeof reportExportSchema>,
  ): Promise<{ fileName: string; base64: string; pages: number }> {
    const document = this.document(actor, input, 'pdf');
    const { bytes, pages } = await renderReportPdfWithPages(document.input, {
      ...(this.deps.resourcesDir ? { resourcesDir: this.deps.resourcesDir } : {}),
    });
    const base64 = bytes.toString('base64');
    bytes.fill(0);
    return { fileName: `${document.fileStem}.pdf`, base64, pages };
  }

  markdown(actor: Actor, input: z.input<typeof reportExportSchema>) {
    const document = this.document(actor, input, 'markdown');
    return { fileName: `${document.fileStem}.md`, text: renderReportMarkdown(document.input) };
  }

  private document(
    actor: Actor,
    input: z.input<typeof reportExportSchema>,
    format: 'pdf' | 'markdown',
  ): { input: ReportDocumentInput; fileStem: string } {
    const data = parseInput(reportExportSchema, input);
    const { reports, db, log } = this.deps;
    const visit = reports.requireVisit(actor, data.encounterId, 'report.export', 'export', false);
    return db.write((tx) => {
      const built = this.build(tx, data.encounterId, data.version);
      log.append(tx, {
        actor,
        action: 'export',
        resourceType: 'soap_report',
        resourceId: data.encounterId,
        patientId: visit.patient_id,
        granted: true,
        detail: { format, version: data.version ?? 'draft' },
      });
      return built;
    });
  }

  private build(
    tx: ReadTx,
    encounterId: string,
    version: number | undefined,
  ): { input: ReportDocumentInput; fileStem: string } {
    const { reports, patients, keys, clock } = this.deps;
    const clinic = readClinicProfile(tx);
    if (!clinic) throw new AppError('not_set_up', 'setup.required');
    const encounter = tx.first(
      q
        .selectFrom('encounters as e')
        .innerJoin('users as u', 'u.id', 'e.doctor_id')
        .leftJoin('encounter_types as t', 't.code', 'e.type')
        .select([
          'e.patient_id',
          'e.scheduled_at',
          'e.started_at',
          'u.display_name',
          'u.medical_council_no',
          't.name_fa',
        ])
        .where('e.id', '=', encounterId),
    );
    if (!encounter) throw new AppError('not_found', 'visit.notFound');
    const patient = patients.get(tx, encounter.patient_id);
    if (!patient) throw new AppError('not_found', 'patient.notFound');
    const demographics = patient.demographics;
    const visitAt = encounter.started_at ?? encounter.scheduled_at;
    const local = toLocal(visitAt, clinic.timeZone);

    let report: ReportDocumentInput['report'];
    let signature: ReportDocumentInput['signature'] = null;
    if (version === undefined) {
      const draft = reports.workingDraft(tx, encounterId);
      report = {
        version: draft.report.approved_version + 1,
        status: 'draft',
        content: draft.content,
        generationMethod: draft.report.generation_method,
        amendmentReason: null,
      };
    } else {
      const signed = reports.signedVersion(tx, encounterId, version);
      const key = keys.publicKey(tx, signed.version.key_id);
      const signer = tx.first(
        q.selectFrom('users').select('display_name').where('id', '=', signed.version.doctor_id),
      );
      report = {
        version,
        status: version > 1 ? 'amended' : 'approved',
        content: signed.content,
        generationMethod: signed.version.generation_method,
        amendmentReason: signed.amendmentReason,
      };
      signature = {
        doctorName: signer?.display_name ?? signed.version.doctor_id,
        signedAt: jalaliDateTime(signed.version.signed_at, clinic.timeZone),
        fingerprint: key.fingerprint.replace(/\s+/g, ''),
        algorithm: 'Ed25519',
      };
    }
    const input: ReportDocumentInput = {
      clinic: {
        name: clinic.name,
        nameEn: clinic.nameEn ?? '',
        address: clinic.address,
        phone: clinic.phone,
      },
      patient: {
        fullName: `${demographics.firstName} ${demographics.lastName}`.trim(),
        mrn: demographics.mrn,
        nationalId: demographics.nationalId,
        birthDate: demographics.birthDate ? formatJalaliDate(demographics.birthDate) : null,
        age: ageOn(demographics.birthDate, clock.now()),
        sex: demographics.sex,
      },
      visit: {
        date: formatJalaliDate(local.date),
        time: formatMinute(local.minute),
        typeLabel: encounter.name_fa ?? '',
        doctorName: encounter.display_name,
        doctorLicence: encounter.medical_council_no,
      },
      report,
      signature,
    };
    const stem = `report-${demographics.mrn}-${formatJalaliDate(local.date, 'latin').replace(/\//g, '-')}-v${report.version}`;
    return { input, fileStem: stem.replace(/[^A-Za-z0-9-]/g, '') };
  }
}
