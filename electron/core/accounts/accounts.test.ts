import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../shared/accounts';
import type { Actor, Role } from '../../shared/roles';
import { ManualClock } from '../clock';
import { q } from '../db/database';
import type { AccessLogTable, UsersTable } from '../db/schema';
import type { AppError } from '../errors';
import {
  addUser,
  ADMIN_PASSWORD,
  makeTempDir,
  removeDir,
  setUpTestClinic,
  type TestClinic,
} from '../testing/fixtures';
import type { CredentialCheck } from './account-service';
import { hashPassword } from './passwords';
import { appError as thrown, rejection } from '../testing/assertions';

/**
 * Accounts against a real clinic: real database, real scrypt hashes (about 0.4 s per check, so
 * the lockout tests are slow on purpose), time moved by a ManualClock.
 */
const MINUTE = 60_000;
const SECOND = 1000;

function failure(check: CredentialCheck): AppError {
  if (check.ok) throw new Error(`expected a refusal, but ${check.user.username} was accepted`);
  return check.error;
}

describe('accounts', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let staff: Actor;
  let counter = 0;

  beforeAll(async () => {
    clock = new ManualClock('2026-01-15T06:30:00.000Z');
    clinic = await setUpTestClinic(makeTempDir('helssa-accounts'), { clock });
    staff = (await addUser(clinic, { username: 'paziresh', displayName: 'پذیرش', role: 'staff' }))
      .actor;
  }, 120_000);

  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  const accounts = () => clinic.services.accounts;

  /** A new user (one real hash) with a password of its own. */
  async function newUser(role: Role = 'doctor'): Promise<{ user: UserSummary; password: string }> {
    counter += 1;
    const username = `user-${counter}`;
    const password = `Ramz-e Dorost ${counter} 1405`;
    const user = await accounts().createUser(clinic.adminActor, {
      username,
      displayName: `کاربر ${counter}`,
      role,
      password,
    });
    return { user, password };
  }

  const userRow = (id: string): UsersTable =>
    clinic.core.db.read((tx) => {
      const row = tx.first(q.selectFrom('users').selectAll().where('id', '=', id));
      if (!row) throw new Error(`no user ${id}`);
      return row;
    });

  const logRows = (afterSeq = 0): AccessLogTable[] =>
    clinic.core.db.read((tx) =>
      tx.all(q.selectFrom('access_log').selectAll().where('seq', '>', afterSeq).orderBy('seq')),
    );

  const lastSeq = (): number => logRows().at(-1)?.seq ?? 0;

  const wrong = (n: number) => `Ghalat-e Shomareh ${n}`;

  describe('lockout', () => {
    it('locks at the fifth wrong password within ten minutes, for fifteen minutes', async () => {
      const { user, password } = await newUser();
      const before = lastSeq();
      for (let n = 1; n <= 4; n += 1) {
        const error = failure(await accounts().checkCredentials(user.username, wrong(n)));
        expect(error.code).toBe('auth_failed');
        expect(error.messageKey).toBe('account.wrongCredentials');
        clock.advance(MINUTE);
      }
      const lockedAt = clock.now().getTime();
      const fifth = failure(await accounts().checkCredentials(user.username, wrong(5)));
      expect(fifth.code).toBe('account_locked');
      expect(fifth.params).toEqual({
        until: new Date(lockedAt + 15 * MINUTE).toISOString(),
      });
      expect(userRow(user.id).locked_until).toBe(new Date(lockedAt + 15 * MINUTE).toISOString());

      // While locked, even the right password is refused.
      expect(failure(await accounts().checkCredentials(user.username, password)).code).toBe(
        'account_locked',
      );
      clock.advance(15 * MINUTE - SECOND);
      expect(failure(await accounts().checkCredentials(user.username, password)).code).toBe(
        'account_locked',
      );
      clock.advance(SECOND);
      const after = await accounts().checkCredentials(user.username, password);
      expect(after.ok).toBe(true);

      const failures = logRows(before).filter(
        (row) => row.action === 'login_failed' && row.user_id === user.id,
      );
      expect(failures.map((row) => [row.reason, row.granted])).toEqual([
        ['wrong password', 0],
        ['wrong password', 0],
        ['wrong password', 0],
        ['wrong password', 0],
        ['wrong password; account locked', 0],
        ['account locked', 0],
        ['account locked', 0],
      ]);
      expect(failures.slice(0, 5).map((row) => row.detail)).toEqual(
        [1, 2, 3, 4, 5].map((failuresSoFar) => JSON.stringify({ failures: failuresSoFar })),
      );
    });

    it('does not lock when the failures are spread over more than ten minutes', async () => {
      const { user, password } = await newUser();
      for (let n = 1; n <= 5; n += 1) {
        const error = failure(await accounts().checkCredentials(user.username, wrong(n)));
        expect(error.code).toBe('auth_failed');
        clock.advance(3 * MINUTE);
      }
      expect(userRow(user.id).locked_until).toBeNull();
      expect((await accounts().checkCredentials(user.username, password)).ok).toBe(true);
      expect(JSON.parse(userRow(user.id).recent_failures)).toEqual([]);
    });

    it('locks when any five failures fall within ten minutes (a sliding window)', async () => {
      // One early failure, then five within two and a half minutes that straddle the tenth
      // minute after the first. Five failures within ten minutes must lock the account.
      const { user, password } = await newUser();
      const start = clock.now().getTime();
      const at = (minutes: number) => clock.set(new Date(start + minutes * MINUTE));
      const results: string[] = [];
      for (const [n, minutes] of [0, 9, 9.5, 10.5, 11, 11.5].entries()) {
        at(minutes);
        results.push(failure(await accounts().checkCredentials(user.username, wrong(n))).code);
      }
      expect(results).toEqual([
        'auth_failed',
        'auth_failed',
        'auth_failed',
        'auth_failed',
        'auth_failed',
        'account_locked',
      ]);
      expect(failure(await accounts().checkCredentials(user.username, password)).code).toBe(
        'account_locked',
      );
    });

    it('counts concurrent wrong passwords: eight at once still leave the account locked', async () => {
      const { user, password } = await newUser();
      const checks = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8].map((n) => accounts().checkCredentials(user.username, wrong(n))),
      );
      expect(checks.every((check) => !check.ok)).toBe(true);
      const lockedUntil = userRow(user.id).locked_until;
      // Eight wrong passwords, five of them within the window: the right one must be refused.
      expect(failure(await accounts().checkCredentials(user.username, password)).code).toBe(
        'account_locked',
      );
      expect(lockedUntil).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());
    });

    it('lets an administrator lift a lockout early', async () => {
      const { user, password } = await newUser('staff');
      for (let n = 1; n <= 5; n += 1) {
        await accounts().checkCredentials(user.username, wrong(n));
      }
      expect(failure(await accounts().checkCredentials(user.username, password)).code).toBe(
        'account_locked',
      );
      const before = lastSeq();
      accounts().unlockAccount(clinic.adminActor, user.id);
      expect(userRow(user.id)).toMatchObject({
        locked_until: null,
        recent_failures: '[]',
      });
      expect(logRows(before)).toMatchObject([
        {
          action: 'update',
          resource_type: 'user',
          resource_id: user.id,
          user_id: clinic.admin.id,
          granted: 1,
          reason: 'lockout lifted',
        },
      ]);
      expect((await accounts().checkCredentials(user.username, password)).ok).toBe(true);

      // Only an administrator may do it.
      const denied = thrown(() => accounts().unlockAccount(staff, user.id));
      expect(denied.code).toBe('permission_denied');
    });
  });

  describe('sign-in refusals', () => {
    it('refuses an unknown user name with the wrong-password error and never logs the name', async () => {
      const typedName = 'Namojood-ZQ7x';
      const typedPassword = 'Ramz-e Namojood ZQ7x';
      const { user } = await newUser();
      const before = lastSeq();

      const unknown = failure(await accounts().checkCredentials(typedName, typedPassword));
      const wrongPassword = failure(await accounts().checkCredentials(user.username, wrong(1)));
      expect({ code: unknown.code, key: unknown.messageKey, params: unknown.params }).toEqual({
        code: wrongPassword.code,
        key: wrongPassword.messageKey,
        params: wrongPassword.params,
      });
      const viaLogin = await rejection(clinic.services.sessions.login(typedName, typedPassword));
      expect([viaLogin.code, viaLogin.messageKey]).toEqual([
        'auth_failed',
        'account.wrongCredentials',
      ]);

      const rows = logRows(before);
      const anonymous = rows.filter((row) => row.user_id === null);
      expect(anonymous).toHaveLength(2);
      for (const row of anonymous) {
        expect(row).toMatchObject({
          action: 'login_failed',
          resource_type: 'session',
          username: null,
          role: null,
          granted: 0,
          reason: 'unknown user',
          detail: null,
        });
      }
      // Scan every column of every entry, hashes included, for the typed name and password.
      const everything = JSON.stringify(
        logRows().map((row) => ({
          ...row,
          prev_hash: row.prev_hash.toString('hex'),
          hash: row.hash.toString('hex'),
        })),
      ).toLowerCase();
      expect(everything).not.toContain(typedName.toLowerCase());
      expect(everything).not.toContain('namojood');
      expect(everything).not.toContain(typedPassword.toLowerCase());
      // Unknown names are not an account: no lockout counter anywhere grows because of them.
      expect(JSON.parse(userRow(user.id).recent_failures)).toHaveLength(1);
    });

    it('refuses a disabled account, and accepts it again once re-enabled', async () => {
      const { user, password } = await newUser();
      const updated = accounts().updateUser(clinic.adminActor, user.id, { isActive: false });
      expect(updated.isActive).toBe(false);
      const refused = failure(await accounts().checkCredentials(user.username, password));
      expect([refused.code, refused.messageKey]).toEqual(['auth_failed', 'account.disabled']);
      const viaLogin = await rejection(clinic.services.sessions.login(user.username, password));
      expect(viaLogin.messageKey).toBe('account.disabled');

      accounts().updateUser(clinic.adminActor, user.id, { isActive: true });
      expect((await accounts().checkCredentials(user.username, password)).ok).toBe(true);
    });

    it('upgrades a hash with older scrypt parameters at the next successful sign-in', async () => {
      const { user, password } = await newUser();
      const weaker = await hashPassword(password, { logN: 15, r: 8, p: 1 });
      clinic.core.db.write((tx) =>
        tx.run(q.updateTable('users').set({ password_hash: weaker }).where('id', '=', user.id)),
      );
      expect((await accounts().checkCredentials(user.username, password)).ok).toBe(true);
      const upgraded = userRow(user.id).password_hash;
      expect(upgraded).toMatch(/^scrypt\$17\$8\$1\$/);
      expect(upgraded).not.toBe(weaker);
      expect((await accounts().checkCredentials(user.username, password)).ok).toBe(true);
    });
  });

  describe('changePassword', () => {
    let actor: Actor;
    let username: string;
    let current: string;

    beforeAll(async () => {
      const added = await addUser(clinic, {
        username: 'dr.rezaei',
        displayName: 'دکتر رضایی',
        role: 'doctor',
      });
      actor = added.actor;
      username = added.user.username;
      current = added.password;
    });

    it('refuses a wrong current password and counts it as a failed attempt', async () => {
      const before = lastSeq();
      const error = await rejection(
        accounts().changePassword(actor, wrong(1), 'Ramz-e Tazeh-ye Doctor 1405'),
      );
      expect(error.code).toBe('auth_failed');
      expect(error.fields).toEqual([
        { field: 'currentPassword', messageKey: 'account.password.currentWrong' },
      ]);
      expect(JSON.parse(userRow(actor.userId).recent_failures)).toHaveLength(1);
      expect(logRows(before)).toMatchObject([
        { action: 'password_change', user_id: actor.userId, granted: 0, reason: 'wrong password' },
      ]);
      // The password did not change.
      expect((await accounts().checkCredentials(username, current)).ok).toBe(true);
    });

    it('applies the password rules to the new password', async () => {
      const tooShort = await rejection(accounts().changePassword(actor, current, 'Kh0b-12'));
      expect([tooShort.code, tooShort.fields]).toEqual([
        'validation',
        [{ field: 'newPassword', messageKey: 'account.password.tooShort', params: { min: 8 } }],
      ]);
      const common = await rejection(accounts().changePassword(actor, current, 'Password1'));
      expect(common.fields).toEqual([
        { field: 'newPassword', messageKey: 'account.password.tooCommon' },
      ]);
      const sameAsName = await rejection(accounts().changePassword(actor, current, username));
      expect(sameAsName.fields).toEqual([
        { field: 'newPassword', messageKey: 'account.password.tooCommon' },
      ]);
      const same = await rejection(accounts().changePassword(actor, current, current));
      expect(same.fields).toEqual([
        { field: 'newPassword', messageKey: 'account.password.sameAsOld' },
      ]);
      expect((await accounts().checkCredentials(username, current)).ok).toBe(true);
    });

    it('changes the password: the old one stops working, the new one works', async () => {
      const next = 'Ramz-e Tazeh-ye Doctor 1405';
      const before = lastSeq();
      await accounts().changePassword(actor, current, next);
      expect(logRows(before)).toMatchObject([
        {
          action: 'password_change',
          resource_type: 'user',
          resource_id: actor.userId,
          user_id: actor.userId,
          granted: 1,
        },
      ]);
      expect(userRow(actor.userId).password_changed_at).toBe(clock.now().toISOString());
      const old = failure(await accounts().checkCredentials(username, current));
      expect(old.code).toBe('auth_failed');
      expect((await accounts().checkCredentials(username, next)).ok).toBe(true);
      current = next;
    });

    it('locks the account after five wrong current passwords, and more wrong ones keep it locked', async () => {
      const { actor: victim, password } = await addUser(clinic, {
        username: 'dr.ahmadi',
        displayName: 'دکتر احمدی',
        role: 'doctor',
      });
      const codes: string[] = [];
      for (let n = 1; n <= 5; n += 1) {
        codes.push(
          (await rejection(accounts().changePassword(victim, wrong(n), 'Ramz-e Tazeh 1405x'))).code,
        );
      }
      expect(codes).toEqual([
        'auth_failed',
        'auth_failed',
        'auth_failed',
        'auth_failed',
        'account_locked',
      ]);
      const lockedUntil = userRow(victim.userId).locked_until;
      expect(lockedUntil).not.toBeNull();

      // A sixth guess while locked must not reset the lockout.
      const sixth = await rejection(
        accounts().changePassword(victim, wrong(6), 'Ramz-e Tazeh 1405x'),
      );
      expect(userRow(victim.userId).locked_until).toBe(lockedUntil);
      expect(failure(await accounts().checkCredentials('dr.ahmadi', password)).code).toBe(
        'account_locked',
      );
      expect(sixth.code).toBe('account_locked');
    });
  });

  describe('user management', () => {
    it('does not let an administrator demote or disable themself', () => {
      const adminId = clinic.admin.id;
      for (const change of [
        { role: 'doctor' as const },
        { role: 'staff' as const },
        { isActive: false },
      ]) {
        const error = thrown(() => accounts().updateUser(clinic.adminActor, adminId, change));
        expect([error.code, error.messageKey]).toEqual(['conflict', 'account.cannotDemoteSelf']);
      }
      // Other changes to one's own account are fine.
      const renamed = accounts().updateUser(clinic.adminActor, adminId, {
        role: 'admin',
        displayName: 'مدیر کلینیک',
      });
      expect(renamed).toMatchObject({ role: 'admin', isActive: true, displayName: 'مدیر کلینیک' });
      expect(userRow(adminId)).toMatchObject({ role: 'admin', is_active: 1 });
    });

    it('lets an administrator change another user', async () => {
      const { user } = await newUser('staff');
      const before = lastSeq();
      const changed = accounts().updateUser(clinic.adminActor, user.id, {
        role: 'doctor',
        specialty: 'قلب',
      });
      expect(changed).toMatchObject({ role: 'doctor', specialty: 'قلب' });
      expect(userRow(user.id)).toMatchObject({ role: 'doctor', specialty: 'قلب' });
      expect(logRows(before)).toMatchObject([
        {
          action: 'update',
          resource_type: 'user',
          resource_id: user.id,
          granted: 1,
          detail: JSON.stringify({ fields: 'role,specialty' }),
        },
      ]);
    });

    it('refuses user creation by staff, and logs the refusal', async () => {
      const before = lastSeq();
      const error = await rejection(
        accounts().createUser(staff, {
          username: 'nofouz',
          displayName: 'نفوذی',
          role: 'admin',
          password: 'Ramz-e Nofouz 1405',
        }),
      );
      expect([error.code, error.messageKey]).toEqual(['permission_denied', 'access.denied']);
      expect(logRows(before)).toMatchObject([
        {
          action: 'create',
          resource_type: 'user',
          user_id: staff.userId,
          role: 'staff',
          granted: 0,
          reason: 'role staff lacks user.manage',
        },
      ]);
      const created = clinic.core.db.read((tx) =>
        tx.first(q.selectFrom('users').select('id').where('username', '=', 'nofouz')),
      );
      expect(created).toBeUndefined();
      expect(thrown(() => accounts().updateUser(staff, staff.userId, { role: 'admin' })).code).toBe(
        'permission_denied',
      );
    });

    it('refuses a taken user name', async () => {
      const error = await rejection(
        accounts().createUser(clinic.adminActor, {
          username: 'Admin',
          displayName: 'دومی',
          role: 'doctor',
          password: ADMIN_PASSWORD + ' 2',
        }),
      );
      expect([error.code, error.fields]).toEqual([
        'conflict',
        [{ field: 'username', messageKey: 'account.username.taken' }],
      ]);
    });
  });
});
