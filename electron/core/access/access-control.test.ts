import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  permissionMatrix,
  roles,
  type Actor,
  type Permission,
  type Role,
} from '../../shared/roles';
import { ManualClock } from '../clock';
import { q } from '../db/database';
import type { AccessLogTable } from '../db/schema';
import { AppError } from '../errors';
import {
  TEAM_STAFF_USERNAME,
  type TestClinic,
  closeTestClinic,
  setUpTestTeam,
} from '../testing/fixtures';

/**
 * The permission check and its trail: a refusal is written to the access log in a transaction
 * of its own, so it survives the failed call; a permitted check writes nothing by itself.
 */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call returned normally');
}

function appError(run: () => unknown): AppError {
  const error = thrown(run);
  if (error instanceof AppError) return error;
  throw error;
}

/** Who may do what, written out by hand so an accidental change to the matrix is caught. */
const expectedMatrix: Record<Permission, readonly Role[]> = {
  'patient.view': ['admin', 'doctor', 'staff'],
  'patient.create': ['admin', 'doctor', 'staff'],
  'patient.update': ['admin', 'doctor', 'staff'],
  'patient.delete': ['admin'],
  'patient.clinical.view': ['admin', 'doctor'],
  'patient.clinical.update': ['admin', 'doctor'],
  'patient.export': ['admin', 'doctor'],
  'encounter.view': ['admin', 'doctor', 'staff'],
  'encounter.manage': ['admin', 'doctor', 'staff'],
  'encounter.override': ['admin', 'doctor'],
  'encounter.start': ['admin', 'doctor'],
  'schedule.view': ['admin', 'doctor', 'staff'],
  'schedule.manage': ['admin'],
  'visit_type.manage': ['admin'],
  'user.view': ['admin', 'doctor', 'staff'],
  'user.manage': ['admin'],
  'clinic.update': ['admin'],
  'settings.update': ['admin'],
  'access_log.view': ['admin'],
  'access_log.verify': ['admin'],
  'keys.rotate': ['admin'],
  'backup.create': ['admin'],
  'backup.restore': ['admin'],
  'recording.capture': ['admin', 'doctor'],
  'recording.listen': ['admin', 'doctor'],
  'recording.shred': ['admin', 'doctor'],
  'report.view': ['admin', 'doctor'],
  'report.write': ['admin', 'doctor'],
  'report.approve': ['doctor'],
  'report.export': ['admin', 'doctor'],
  'checklist.manage': ['admin'],
};

describe('access control', () => {
  let clinic: TestClinic;
  let doctor: Actor;
  let staff: Actor;

  beforeAll(async () => {
    const clock = new ManualClock('2026-01-15T06:30:00.000Z');
    ({ clinic, doctor, staff } = await setUpTestTeam('helssa-access-control', { clock }));
  }, 120_000);

  afterAll(() => closeTestClinic(clinic));

  const logRows = (afterSeq = 0): AccessLogTable[] =>
    clinic.core.db.read((tx) =>
      tx.all(q.selectFrom('access_log').selectAll().where('seq', '>', afterSeq).orderBy('seq')),
    );
  const lastSeq = (): number => logRows().at(-1)?.seq ?? 0;
  const actorOf = (role: Role): Actor =>
    role === 'admin' ? clinic.adminActor : role === 'doctor' ? doctor : staff;

  it('follows the permission matrix for every role and permission', () => {
    expect(Object.keys(permissionMatrix).sort()).toEqual(Object.keys(expectedMatrix).sort());
    for (const permission of Object.keys(expectedMatrix) as Permission[]) {
      for (const role of roles) {
        expect({
          permission,
          role,
          can: clinic.services.access.can(actorOf(role), permission),
        }).toEqual({
          permission,
          role,
          can: expectedMatrix[permission].includes(role),
        });
      }
    }
  });

  it('lets a permitted call through without writing anything', () => {
    const before = lastSeq();
    clinic.services.access.require(clinic.adminActor, 'patient.delete', {
      action: 'delete',
      resourceType: 'patient',
      resourceId: 'p-1',
      patientId: 'p-1',
    });
    clinic.services.access.require(staff, 'patient.view', {
      action: 'view',
      resourceType: 'patient',
    });
    expect(logRows(before)).toEqual([]);
  });

  it('refuses a call the role may not make, and logs the refusal with its target', () => {
    const before = lastSeq();
    const error = appError(() =>
      clinic.services.access.require(staff, 'patient.delete', {
        action: 'delete',
        resourceType: 'patient',
        resourceId: 'p-2',
        patientId: 'p-2',
      }),
    );
    expect([error.code, error.messageKey]).toEqual(['permission_denied', 'access.denied']);
    expect(error.detail).toBe('staff may not patient.delete');
    expect(logRows(before)).toMatchObject([
      {
        action: 'delete',
        resource_type: 'patient',
        resource_id: 'p-2',
        patient_id: 'p-2',
        user_id: staff.userId,
        username: TEAM_STAFF_USERNAME,
        role: 'staff',
        granted: 0,
        reason: 'role staff lacks patient.delete',
      },
    ]);
  });

  it('refuses to check a denial inside a transaction, where the log entry would roll back', () => {
    const before = lastSeq();
    const error = thrown(() =>
      clinic.core.db.write(() =>
        clinic.services.access.require(doctor, 'settings.update', {
          action: 'update',
          resourceType: 'settings',
        }),
      ),
    );
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).message).toMatch(/inside a transaction/);
    expect(logRows(before)).toEqual([]);
    // A permitted check is fine inside a transaction.
    clinic.core.db.write(() =>
      clinic.services.access.require(doctor, 'patient.view', {
        action: 'view',
        resourceType: 'patient',
      }),
    );
  });

  describe('through the patient service', () => {
    it('refuses a patient deletion by a doctor and by staff; the patient stays', () => {
      const p = clinic.services.patients.create(doctor, { firstName: 'لیلا', lastName: 'حسینی' });
      for (const actor of [doctor, staff]) {
        const before = lastSeq();
        expect(appError(() => clinic.services.patients.remove(actor, p.id)).code).toBe(
          'permission_denied',
        );
        expect(logRows(before)).toMatchObject([
          {
            action: 'delete',
            resource_type: 'patient',
            resource_id: p.id,
            patient_id: p.id,
            user_id: actor.userId,
            granted: 0,
            reason: `role ${actor.role} lacks patient.delete`,
          },
        ]);
      }
      expect(clinic.services.patients.get(staff, p.id).id).toBe(p.id);
    });

    it('keeps clinical data from staff: hidden on view, refused on create and update', () => {
      const p = clinic.services.patients.create(doctor, {
        firstName: 'امید',
        lastName: 'رحیمی',
        allergies: 'پنی‌سیلین',
        notes: 'دیابت نوع دو',
      });
      expect(clinic.services.patients.get(doctor, p.id).clinical).toEqual({
        allergies: 'پنی‌سیلین',
        notes: 'دیابت نوع دو',
      });
      const seen = clinic.services.patients.get(staff, p.id);
      expect(seen.clinical).toBeNull();
      expect(JSON.stringify(seen)).not.toContain('پنی‌سیلین');

      const countBefore = clinic.core.db.raw.prepare('SELECT count(*) AS n FROM patients').get();
      let before = lastSeq();
      expect(
        appError(() =>
          clinic.services.patients.create(staff, {
            firstName: 'سحر',
            lastName: 'رحیمی',
            allergies: 'لاتکس',
          }),
        ).code,
      ).toBe('permission_denied');
      expect(clinic.core.db.raw.prepare('SELECT count(*) AS n FROM patients').get()).toEqual(
        countBefore,
      );
      expect(logRows(before)).toMatchObject([
        {
          action: 'create',
          user_id: staff.userId,
          granted: 0,
          reason: 'role staff lacks patient.clinical.update',
        },
      ]);

      before = lastSeq();
      expect(
        appError(() => clinic.services.patients.update(staff, p.id, { notes: 'پاک شد' })).code,
      ).toBe('permission_denied');
      expect(logRows(before)).toMatchObject([
        {
          action: 'update',
          patient_id: p.id,
          user_id: staff.userId,
          granted: 0,
          reason: 'role staff lacks patient.clinical.update',
        },
      ]);
      expect(clinic.services.patients.get(doctor, p.id).clinical?.notes).toBe('دیابت نوع دو');
    });

    it('keeps the chain valid across refusals', () => {
      expect(logRows().some((row) => row.granted === 0)).toBe(true);
      expect(clinic.services.accessLog.verify(clinic.core.db)).toMatchObject({
        ok: true,
        problems: [],
      });
    });
  });
});
