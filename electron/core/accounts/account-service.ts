import {
  newUserSchema,
  userUpdateSchema,
  type NewUserInput,
  type UserSummary,
  type UserUpdateInput,
} from '../../shared/accounts';
import type { Actor } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { UsersTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import {
  burnVerification,
  hashPassword,
  needsRehash,
  passwordProblems,
  verifyPassword,
} from './passwords';

/** Five failed attempts within ten minutes lock the account for fifteen. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 10 * 60_000;
export const LOCKOUT_DURATION_MS = 15 * 60_000;

export function toUserSummary(row: UsersTable): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    specialty: row.specialty,
    medicalCouncilNo: row.medical_council_no,
    isActive: row.is_active === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
  };
}

interface AccountDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
}

export interface PreparedUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: UserSummary['role'];
  readonly specialty: string | null;
  readonly medicalCouncilNo: string | null;
  readonly passwordHash: string;
}

/** Validates a new user and hashes the password (slow, async) before any transaction. */
export async function prepareNewUser(input: NewUserInput): Promise<PreparedUser> {
  const data = parseInput(newUserSchema, input);
  const problems = passwordProblems(data.password, data.username);
  if (problems.length > 0) {
    throw new AppError('validation', 'validation.failed', { fields: problems });
  }
  const { password: _password, ...user } = data;
  return { ...user, passwordHash: await hashPassword(data.password) };
}

export type CredentialCheck =
  | { readonly ok: true; readonly user: UserSummary }
  | { readonly ok: false; readonly error: AppError };

/** Local user accounts: creation, passwords, lockout. Sessions build on checkCredentials(). */
export class AccountService {
  private readonly deps: AccountDeps;

  constructor(deps: AccountDeps) {
    this.deps = deps;
  }

  /** Creates a user on an administrator's behalf. */
  async createUser(actor: Actor, input: NewUserInput): Promise<UserSummary> {
    this.deps.access.require(actor, 'user.manage', { action: 'create', resourceType: 'user' });
    const prepared = await prepareNewUser(input);
    return this.deps.db.write((tx) => this.insertUser(tx, actor, prepared));
  }

  /** Inserts a prepared user; `actor` is null only for the first administrator during setup. */
  insertUser(tx: WriteTx, actor: Actor | null, user: PreparedUser): UserSummary {
    const taken = tx.first(
      q.selectFrom('users').select('id').where('username', '=', user.username),
    );
    if (taken) {
      throw new AppError('conflict', 'validation.failed', {
        fields: [{ field: 'username', messageKey: 'account.username.taken' }],
      });
    }
    const now = this.deps.clock.now();
    const row: UsersTable = {
      id: uuidv7(now.getTime()),
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      specialty: user.specialty,
      medical_council_no: user.medicalCouncilNo,
      password_hash: user.passwordHash,
      password_changed_at: now.toISOString(),
      must_change_password: 0,
      failed_login_count: 0,
      failed_login_window_start: null,
      locked_until: null,
      is_active: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    tx.run(q.insertInto('users').values(row));
    this.deps.log.append(tx, {
      actor,
      action: 'create',
      resourceType: 'user',
      resourceId: row.id,
      granted: true,
      detail: { role: row.role },
    });
    return toUserSummary(row);
  }

  listUsers(actor: Actor): UserSummary[] {
    this.deps.access.require(actor, 'user.view', { action: 'view', resourceType: 'user' });
    return this.deps.db
      .read((tx) => tx.all(q.selectFrom('users').selectAll().orderBy('display_name')))
      .map(toUserSummary);
  }

  updateUser(actor: Actor, userId: string, input: UserUpdateInput): UserSummary {
    this.deps.access.require(actor, 'user.manage', {
      action: 'update',
      resourceType: 'user',
      resourceId: userId,
    });
    const data = parseInput(userUpdateSchema, input);
    return this.deps.db.write((tx) => {
      const current = this.requireUser(tx, userId);
      if (
        userId === actor.userId &&
        (data.isActive === false || (data.role && data.role !== 'admin'))
      ) {
        throw new AppError('conflict', 'account.cannotDemoteSelf');
      }
      const set: Partial<UsersTable> = { updated_at: this.deps.clock.now().toISOString() };
      if (data.displayName !== undefined) set.display_name = data.displayName;
      if (data.role !== undefined) set.role = data.role;
      if (data.specialty !== undefined) set.specialty = data.specialty;
      if (data.medicalCouncilNo !== undefined) set.medical_council_no = data.medicalCouncilNo;
      if (data.isActive !== undefined) set.is_active = data.isActive ? 1 : 0;
      tx.run(q.updateTable('users').set(set).where('id', '=', userId));
      this.deps.log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'user',
        resourceId: userId,
        granted: true,
        detail: {
          fields: Object.keys(set)
            .filter((key) => key !== 'updated_at')
            .join(','),
        },
      });
      return toUserSummary({ ...current, ...set });
    });
  }

  /** An administrator lifts a lockout early. */
  unlockAccount(actor: Actor, userId: string): void {
    this.deps.access.require(actor, 'user.manage', {
      action: 'update',
      resourceType: 'user',
      resourceId: userId,
    });
    this.deps.db.write((tx) => {
      this.requireUser(tx, userId);
      tx.run(
        q
          .updateTable('users')
          .set({ failed_login_count: 0, failed_login_window_start: null, locked_until: null })
          .where('id', '=', userId),
      );
      this.deps.log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'user',
        resourceId: userId,
        granted: true,
        reason: 'lockout lifted',
      });
    });
  }

  /**
   * Checks a user name and password, applying the lockout rule. Every failure is counted and
   * logged; the caller decides what a success opens (a session, an unlock, a confirmation).
   */
  async checkCredentials(usernameRaw: string, password: string): Promise<CredentialCheck> {
    const username = usernameRaw.trim().toLowerCase();
    const row = this.deps.db.read((tx) =>
      tx.first(q.selectFrom('users').selectAll().where('username', '=', username)),
    );
    const fail = (error: AppError): CredentialCheck => ({ ok: false, error });
    if (!row) {
      await burnVerification(password);
      // The typed name is not logged: people sometimes type a password into the name field.
      this.deps.log.record(this.deps.db, {
        actor: null,
        action: 'login_failed',
        resourceType: 'session',
        granted: false,
        reason: 'unknown user',
      });
      return fail(new AppError('auth_failed', 'account.wrongCredentials'));
    }
    const actorOf = { userId: row.id, username: row.username, role: row.role };
    const now = this.deps.clock.now();
    if (row.locked_until && new Date(row.locked_until) > now) {
      this.deps.log.record(this.deps.db, {
        actor: actorOf,
        action: 'login_failed',
        resourceType: 'session',
        granted: false,
        reason: 'account locked',
      });
      return fail(lockedError(row.locked_until));
    }
    if (row.is_active !== 1) {
      await burnVerification(password);
      this.deps.log.record(this.deps.db, {
        actor: actorOf,
        action: 'login_failed',
        resourceType: 'session',
        granted: false,
        reason: 'account disabled',
      });
      return fail(new AppError('auth_failed', 'account.disabled'));
    }
    if (await verifyPassword(password, row.password_hash)) {
      const rehash = needsRehash(row.password_hash) ? await hashPassword(password) : null;
      this.deps.db.write((tx) => {
        tx.run(
          q
            .updateTable('users')
            .set({
              failed_login_count: 0,
              failed_login_window_start: null,
              locked_until: null,
              ...(rehash ? { password_hash: rehash } : {}),
            })
            .where('id', '=', row.id),
        );
      });
      return {
        ok: true,
        user: toUserSummary({ ...row, failed_login_count: 0, locked_until: null }),
      };
    }
    return fail(this.recordFailure(row.id, now));
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const row = this.deps.db.read((tx) => this.requireUser(tx, actor.userId));
    if (!(await verifyPassword(currentPassword, row.password_hash))) {
      const error = this.recordFailure(row.id, this.deps.clock.now());
      throw error.code === 'account_locked'
        ? error
        : new AppError('auth_failed', 'validation.failed', {
            fields: [{ field: 'currentPassword', messageKey: 'account.password.currentWrong' }],
          });
    }
    const problems = passwordProblems(newPassword, row.username);
    if (problems.length > 0) {
      throw new AppError('validation', 'validation.failed', {
        fields: problems.map((problem) => ({ ...problem, field: 'newPassword' })),
      });
    }
    if (await verifyPassword(newPassword, row.password_hash)) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: 'newPassword', messageKey: 'account.password.sameAsOld' }],
      });
    }
    const hash = await hashPassword(newPassword);
    this.deps.db.write((tx) => {
      const now = this.deps.clock.now().toISOString();
      tx.run(
        q
          .updateTable('users')
          .set({
            password_hash: hash,
            password_changed_at: now,
            must_change_password: 0,
            updated_at: now,
          })
          .where('id', '=', row.id),
      );
      this.deps.log.append(tx, {
        actor,
        action: 'password_change',
        resourceType: 'user',
        resourceId: row.id,
        granted: true,
      });
    });
  }

  getUser(tx: ReadTx, userId: string): UserSummary | undefined {
    const row = tx.first(q.selectFrom('users').selectAll().where('id', '=', userId));
    return row ? toUserSummary(row) : undefined;
  }

  /** Counts a failed attempt; returns the error to show (locked once the limit is reached). */
  private recordFailure(userId: string, now: Date): AppError {
    return this.deps.db.write((tx) => {
      const row = this.requireUser(tx, userId);
      const windowStart = row.failed_login_window_start
        ? new Date(row.failed_login_window_start)
        : null;
      const inWindow =
        windowStart !== null && now.getTime() - windowStart.getTime() <= LOCKOUT_WINDOW_MS;
      const count = inWindow ? row.failed_login_count + 1 : 1;
      const lockedUntil =
        count >= LOCKOUT_FAILURES
          ? new Date(now.getTime() + LOCKOUT_DURATION_MS).toISOString()
          : null;
      tx.run(
        q
          .updateTable('users')
          .set({
            failed_login_count: lockedUntil ? 0 : count,
            failed_login_window_start: lockedUntil
              ? null
              : inWindow
                ? row.failed_login_window_start
                : now.toISOString(),
            locked_until: lockedUntil,
          })
          .where('id', '=', userId),
      );
      this.deps.log.append(tx, {
        actor: { userId: row.id, username: row.username, role: row.role },
        action: 'login_failed',
        resourceType: 'session',
        granted: false,
        reason: lockedUntil ? 'wrong password; account locked' : 'wrong password',
        detail: { failures: count },
      });
      return lockedUntil
        ? lockedError(lockedUntil)
        : new AppError('auth_failed', 'account.wrongCredentials');
    });
  }

  private requireUser(tx: ReadTx, userId: string): UsersTable {
    const row = tx.first(q.selectFrom('users').selectAll().where('id', '=', userId));
    if (!row) throw new AppError('not_found', 'account.notFound');
    return row;
  }
}

function lockedError(lockedUntil: string): AppError {
  return new AppError('account_locked', 'account.locked', { params: { until: lockedUntil } });
}
