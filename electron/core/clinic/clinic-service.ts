import {
  clinicProfileSchema,
  type ClinicProfile,
  type ClinicProfileInput,
} from '../../shared/clinic';
import type { Actor } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { ClinicProfileTable } from '../db/schema';
import { AppError } from '../errors';
import { parseInput } from '../validation';

export function toClinicProfile(row: ClinicProfileTable): ClinicProfile {
  return {
    name: row.name,
    nameEn: row.name_en,
    address: row.address,
    phone: row.phone,
    helssaClinicId: row.helssa_clinic_id,
    timeZone: row.time_zone,
  };
}

export function readClinicProfile(tx: ReadTx): ClinicProfile | undefined {
  const row = tx.first(q.selectFrom('clinic_profile').selectAll().where('id', '=', 1));
  return row ? toClinicProfile(row) : undefined;
}

/** Writes the clinic profile row (setup inserts it; later edits replace it). */
export function writeClinicProfile(
  tx: WriteTx,
  input: ClinicProfileInput,
  now: string,
): ClinicProfile {
  const data = parseInput(clinicProfileSchema, input);
  const row: ClinicProfileTable = {
    id: 1,
    name: data.name,
    name_en: data.nameEn,
    address: data.address,
    phone: data.phone,
    helssa_clinic_id: data.helssaClinicId,
    time_zone: data.timeZone,
    created_at: now,
    updated_at: now,
  };
  const { id: _id, created_at: _created, ...changes } = row;
  tx.run(
    q
      .insertInto('clinic_profile')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes)),
  );
  return toClinicProfile(row);
}

export class ClinicService {
  private readonly deps: {
    db: ClinicDatabase;
    log: AccessLog;
    access: AccessControl;
    clock: Clock;
  };

  constructor(deps: { db: ClinicDatabase; log: AccessLog; access: AccessControl; clock: Clock }) {
    this.deps = deps;
  }

  profile(): ClinicProfile {
    const profile = this.deps.db.read(readClinicProfile);
    if (!profile) throw new AppError('not_set_up', 'setup.required');
    return profile;
  }

  update(actor: Actor, input: ClinicProfileInput): ClinicProfile {
    this.deps.access.require(actor, 'clinic.update', { action: 'update', resourceType: 'clinic' });
    return this.deps.db.write((tx) => {
      const profile = writeClinicProfile(tx, input, this.deps.clock.now().toISOString());
      this.deps.log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'clinic',
        resourceId: '1',
        granted: true,
      });
      return profile;
    });
  }
}
