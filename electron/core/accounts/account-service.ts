import {
  newUserSchema,
  userUpdateSchema,
  type NewUserInput,
  type UserSummary,
  type UserUpdateInput,
} from '../../shared/accounts';
import type { AccessAction } from '../../shared/access';
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
  /**
   * Keys sealed under a user's password (the doctor's signing key) are resealed when it changes:
   * given the old and new password, returns the write to run in the password change's
   * transaction, so the password and the key never disagree.
   */
  readonly resealUnderNewPassword?: (
    userId: string,
    oldPassword: string,
    newPassword: string,
  ) => Promise<((tx: WriteTx) => void) | null>;
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
  // The schema also applies the password rules, so every field's problem is reported at once.
  const data = parseInput(newUserSchema, input);
  const { password: _password, ...user } = data;
  return { ...user, passwordHash: await hashPassword(data.password) };
}

/** What a password is being checked for; decides how a failure is logged. */
export type CredentialAttempt = 'login' | 'unlock' | 'password_change' | 'approval';

const FAILURE_ACTION = {
  login: 'login_failed',
  unlock: 'unlock_failed',
  password_change: 'password_change',
  approval: 'approval_failed',
} as const satisfies Record<CredentialAttempt, AccessAction>;

function recentFailures(row: UsersTable): number[] {
  try {
    const parsed: unknown = JSON.parse(row.recent_failures);
    return Array.isArray(parsed)
      ? parsed.map((time) => Date.parse(String(time))).filter(Number.isFinite)
      : [];
  } catch {
    return [];
  }
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
      recent_failures: '[]',
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
          .set({ recent_failures: '[]', locked_until: null })
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
   * logged (as `attempt` says: a sign-in, the lock screen, a password change); the caller decides
   * what a success opens.
   */
  async checkCredentials(
    usernameRaw: string,
    password: string,
    attempt: CredentialAttempt = 'login',
  ): Promise<CredentialCheck> {
    const username = usernameRaw.trim().toLowerCase();
    const row = this.deps.db.read((tx) =>
      tx.first(q.selectFrom('users').selectAll().where('username', '=', username)),
    );
    const fail = (error: AppError): CredentialCheck => ({ ok: false, error });
    if (!row) {
      await burnVerification(password);
      // The typed name is not logged: people sometimes type a password into the name field.
      this.logFailure(null, attempt, 'unknown user');
      return fail(new AppError('auth_failed', 'account.wrongCredentials'));
    }
    const lockedUntil = this.activeLock(row);
    if (lockedUntil) {
      this.logFailure(row, attempt, 'account locked');
      return fail(lockedError(lockedUntil));
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      return fail(this.recordFailure(row.id, attempt));
    }
    // Only someone who knows the password learns that the account is disabled.
    if (row.is_active !== 1) {
      this.logFailure(row, attempt, 'account disabled');
      return fail(new AppError('auth_failed', 'account.disabled'));
    }
    const rehash = needsRehash(row.password_hash) ? await hashPassword(password) : null;
    return this.deps.db.write((tx): CredentialCheck => {
      // Wrong guesses sent at the same moment may have locked the account while this one was
      // being verified; a right password does not lift that lock.
      const current = this.requireUser(tx, row.id);
      const lockedMeanwhile = this.activeLock(current);
      if (lockedMeanwhile) return fail(lockedError(lockedMeanwhile));
      tx.run(
        q
          .updateTable('users')
          .set({
            recent_failures: '[]',
            locked_until: null,
            ...(rehash ? { password_hash: rehash } : {}),
          })
          .where('id', '=', row.id),
      );
      return { ok: true, user: toUserSummary({ ...current, locked_until: null }) };
    });
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const row = this.deps.db.read((tx) => this.requireUser(tx, actor.userId));
    const lockedUntil = this.activeLock(row);
    if (lockedUntil) throw lockedError(lockedUntil);
    if (!(await verifyPassword(currentPassword, row.password_hash))) {
      const error = this.recordFailure(row.id, 'password_change');
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
    const reseal = await this.deps.resealUnderNewPassword?.(row.id, currentPassword, newPassword);
    this.deps.db.write((tx) => {
      reseal?.(tx);
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

  /**
   * Counts a failed attempt; returns the error to show. The account locks when five failures
   * fall within any ten minutes (a sliding window); failures while it is locked keep it locked.
   */
  private recordFailure(userId: string, attempt: CredentialAttempt): AppError {
    return this.deps.db.write((tx) => {
      const row = this.requireUser(tx, userId);
      const now = this.deps.clock.now();
      const alreadyLocked = this.activeLock(row);
      if (alreadyLocked) {
        this.logFailure(row, attempt, 'account locked', tx);
        return lockedError(alreadyLocked);
      }
      const recent = [...recentFailures(row), now.getTime()].filter(
        (time) => now.getTime() - time < LOCKOUT_WINDOW_MS,
      );
      const locks = recent.length >= LOCKOUT_FAILURES;
      const lockedUntil = locks
        ? new Date(now.getTime() + LOCKOUT_DURATION_MS).toISOString()
        : null;
      tx.run(
        q
          .updateTable('users')
          .set({
            recent_failures: JSON.stringify(
              locks
                ? []
                : recent.slice(-LOCKOUT_FAILURES).map((time) => new Date(time).toISOString()),
            ),
            locked_until: lockedUntil,
          })
          .where('id', '=', userId),
      );
      this.logFailure(
        row,
        attempt,
        locks ? 'wrong password; account locked' : 'wrong password',
        tx,
        {
          failures: recent.length,
        },
      );
      return lockedUntil
        ? lockedError(lockedUntil)
        : new AppError('auth_failed', 'account.wrongCredentials');
    });
  }

  private activeLock(row: UsersTable): string | null {
    return row.locked_until && new Date(row.locked_until) > this.deps.clock.now()
      ? row.locked_until
      : null;
  }

  private logFailure(
    row: UsersTable | null,
    attempt: CredentialAttempt,
    reason: string,
    tx?: WriteTx,
    detail?: { failures: number },
  ): void {
    const entry = {
      actor: row ? { userId: row.id, username: row.username, role: row.role } : null,
      action: FAILURE_ACTION[attempt],
      resourceType: attempt === 'password_change' ? ('user' as const) : ('session' as const),
      resourceId: attempt === 'password_change' ? (row?.id ?? null) : null,
      granted: false,
      reason,
      detail: detail ?? null,
    };
    if (tx) this.deps.log.append(tx, entry);
    else this.deps.log.record(this.deps.db, entry);
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
