import type { Actor } from '../../shared/roles';
import type { TestClinic } from '../testing/fixtures';
import { uuidv7 } from '../ids';

/**
 * Helpers for the recording tests: a visit to record and audio whose every sample says where it
 * belongs (sample n holds n modulo 2^16), so any lost, repeated or reordered audio shows.
 */
export function addVisit(
  clinic: TestClinic,
  doctorId: string,
  options: { status?: string } = {},
): { encounterId: string; patientId: string } {
  const { services, core, adminActor } = clinic;
  const patient = services.patients.create(adminActor, { firstName: 'مریم', lastName: 'ضبطی' });
  const encounterId = uuidv7();
  const at = new Date().toISOString();
  core.db.write((tx) =>
    services.encounters.insert(tx, {
      id: encounterId,
      patientId: patient.id,
      doctorId,
      type: 'in_person',
      status: options.status ?? 'in_progress',
      chiefComplaint: 'سردرد',
      scheduledAt: at,
      durationMinutes: 20,
      feeAmount: 0,
      createdAt: at,
      createdBy: adminActor.userId,
      updatedAt: at,
      updatedBy: adminActor.userId,
    }),
  );
  return { encounterId, patientId: patient.id };
}

export function countingPcm(startSample: number, samples: number): Int16Array {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i += 1) pcm[i] = (startSample + i) & 0xffff;
  return pcm;
}

/** The first sample where `pcm` departs from the counting pattern, or -1. */
export function firstBreak(pcm: Buffer, startSample = 0): number {
  for (let i = 0; i < pcm.length / 2; i += 1) {
    if (pcm.readUInt16LE(i * 2) !== ((startSample + i) & 0xffff)) return i;
  }
  return -1;
}

export function consent(clinic: TestClinic, actor: Actor, encounterId: string): void {
  clinic.services.recordings.recordConsent(actor, { encounterId, method: 'verbal' });
}
