import type { VisitSummary } from '../../shared/encounters';
import type { Actor } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import { q, type ClinicDatabase } from '../db/database';
import { AppError } from '../errors';
import type { EncounterRepository } from './encounter-repository';

/** Visits. Scheduling (a later issue) adds booking and the state machine here. */
export class EncounterService {
  private readonly deps: {
    db: ClinicDatabase;
    repository: EncounterRepository;
    log: AccessLog;
    access: AccessControl;
  };

  constructor(deps: {
    db: ClinicDatabase;
    repository: EncounterRepository;
    log: AccessLog;
    access: AccessControl;
  }) {
    this.deps = deps;
  }

  /** A patient's visits, newest first, for the patient's page. */
  listForPatient(actor: Actor, patientId: string): VisitSummary[] {
    const { db, repository, log, access } = this.deps;
    const target = { action: 'view', resourceType: 'encounter', patientId } as const;
    access.require(actor, 'encounter.view', target);
    return db.write((tx) => {
      const patient = tx.first(
        q
          .selectFrom('patients')
          .select('id')
          .where('id', '=', patientId)
          .where('deleted_at', 'is', null),
      );
      if (!patient) throw new AppError('not_found', 'patient.notFound');
      const visits = repository.listForPatient(tx, patientId);
      const doctors = new Map(
        tx
          .all(q.selectFrom('users').select(['id', 'display_name']))
          .map((user) => [user.id, user.display_name]),
      );
      log.append(tx, { actor, ...target, granted: true, detail: { visits: visits.length } });
      return visits.map((visit) => ({
        id: visit.id,
        doctorId: visit.doctorId,
        doctorName: doctors.get(visit.doctorId) ?? '',
        type: visit.type,
        status: visit.status,
        scheduledAt: visit.scheduledAt,
        durationMinutes: visit.durationMinutes,
        startedAt: visit.startedAt,
        endedAt: visit.endedAt,
        chiefComplaint: visit.chiefComplaint,
        feeAmount: visit.feeAmount,
        isPaid: visit.isPaid,
      }));
    });
  }
}
