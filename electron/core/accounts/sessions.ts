import crypto from 'node:crypto';
import type { SessionInfo, SessionState, UserSummary } from '../../shared/accounts';
import type { Actor } from '../../shared/roles';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import type { ClinicDatabase } from '../db/database';
import { AppError } from '../errors';
import type { SettingsService } from '../settings/settings-service';
import type { AccountService } from './account-service';

interface Session {
  readonly id: string;
  readonly token: string;
  user: UserSummary;
  state: SessionState;
  readonly startedAt: Date;
  lastActivityAt: Date;
}

interface SessionDeps {
  readonly db: ClinicDatabase;
  readonly accounts: AccountService;
  readonly settings: SettingsService;
  readonly log: AccessLog;
  readonly clock: Clock;
}

/**
 * Signed-in sessions of this process. A session locks after the clinic's idle time (setting
 * `security.autoLockMinutes`): the next call is refused until the same user re-enters the
 * password. Wrong passwords at the lock screen count toward the account lockout, and a lockout
 * ends the session. Tokens are random and never stored.
 */
export class SessionManager {
  private readonly deps: SessionDeps;
  private readonly sessions = new Map<string, Session>();

  constructor(deps: SessionDeps) {
    this.deps = deps;
  }

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; session: SessionInfo }> {
    const check = await this.deps.accounts.checkCredentials(username, password);
    if (!check.ok) throw check.error;
    const now = this.deps.clock.now();
    const session: Session = {
      id: crypto.randomUUID(),
      token: crypto.randomBytes(32).toString('base64url'),
      user: check.user,
      state: 'active',
      startedAt: now,
      lastActivityAt: now,
    };
    this.sessions.set(session.token, session);
    this.deps.log.record(this.deps.db, {
      actor: actorOf(session),
      action: 'login',
      resourceType: 'session',
      resourceId: session.id,
      granted: true,
    });
    return { token: session.token, session: this.info(session) };
  }

  /**
   * The actor behind a token, for one service call. Refuses a locked or idle session (locking it
   * first) and counts the call as activity.
   */
  actor(token: string): Actor {
    const session = this.require(token);
    this.lockIfIdle(session);
    if (session.state === 'locked') throw new AppError('session_locked', 'session.locked');
    this.refreshUser(token, session);
    session.lastActivityAt = this.deps.clock.now();
    return actorOf(session);
  }

  /** Changes the signed-in user's password; a lockout caused by wrong guesses ends the session. */
  async changePassword(token: string, currentPassword: string, newPassword: string): Promise<void> {
    const actor = this.actor(token);
    try {
      await this.deps.accounts.changePassword(actor, currentPassword, newPassword);
    } catch (error) {
      if (error instanceof AppError && error.code === 'account_locked')
        this.end(token, 'account locked');
      throw error;
    }
  }

  /** The session's state without counting as activity (the UI polls this). */
  status(token: string): SessionInfo {
    const session = this.require(token);
    this.lockIfIdle(session);
    return this.info(session);
  }

  /** Keyboard or mouse activity in the window keeps the session open. */
  touch(token: string): SessionInfo {
    const session = this.require(token);
    this.lockIfIdle(session);
    if (session.state === 'active') session.lastActivityAt = this.deps.clock.now();
    return this.info(session);
  }

  lock(token: string): SessionInfo {
    const session = this.require(token);
    if (session.state === 'active') this.setLocked(session, 'by user');
    return this.info(session);
  }

  async unlock(token: string, password: string): Promise<SessionInfo> {
    const session = this.require(token);
    if (session.state === 'active') return this.info(session);
    const check = await this.deps.accounts.checkCredentials(
      session.user.username,
      password,
      'unlock',
    );
    if (!check.ok) {
      if (check.error.code === 'account_locked') this.end(token, 'account locked');
      throw check.error;
    }
    session.user = check.user;
    session.state = 'active';
    session.lastActivityAt = this.deps.clock.now();
    this.deps.log.record(this.deps.db, {
      actor: actorOf(session),
      action: 'unlock',
      resourceType: 'session',
      resourceId: session.id,
      granted: true,
    });
    return this.info(session);
  }

  logout(token: string): void {
    this.end(token, null);
  }

  private end(token: string, reason: string | null): void {
    const session = this.sessions.get(token);
    if (!session) return;
    this.sessions.delete(token);
    this.deps.log.record(this.deps.db, {
      actor: actorOf(session),
      action: 'logout',
      resourceType: 'session',
      resourceId: session.id,
      granted: true,
      reason,
    });
  }

  /**
   * Reads the account again on every call, so a role change applies at once and a disabled
   * account's open sessions end.
   */
  private refreshUser(token: string, session: Session): void {
    const user = this.deps.db.read((tx) => this.deps.accounts.getUser(tx, session.user.id));
    if (!user || !user.isActive) {
      this.end(token, 'account disabled');
      throw new AppError('session_expired', 'session.expired');
    }
    session.user = user;
  }

  /** Ends every session (application quit). */
  endAll(): void {
    for (const token of [...this.sessions.keys()]) this.logout(token);
  }

  private require(token: string): Session {
    const session = this.sessions.get(token);
    if (!session) throw new AppError('session_expired', 'session.expired');
    return session;
  }

  private idleLimitMs(): number {
    return this.deps.settings.get('security.autoLockMinutes') * 60_000;
  }

  private lockIfIdle(session: Session): void {
    if (session.state !== 'active') return;
    const idle = this.deps.clock.now().getTime() - session.lastActivityAt.getTime();
    if (idle >= this.idleLimitMs()) this.setLocked(session, 'idle');
  }

  private setLocked(session: Session, reason: string): void {
    session.state = 'locked';
    this.deps.log.record(this.deps.db, {
      actor: actorOf(session),
      action: 'lock',
      resourceType: 'session',
      resourceId: session.id,
      granted: true,
      reason,
    });
  }

  private info(session: Session): SessionInfo {
    return {
      id: session.id,
      user: session.user,
      state: session.state,
      startedAt: session.startedAt.toISOString(),
      lastActivityAt: session.lastActivityAt.toISOString(),
      locksAt: new Date(session.lastActivityAt.getTime() + this.idleLimitMs()).toISOString(),
    };
  }
}

function actorOf(session: Session): Actor {
  return {
    userId: session.user.id,
    username: session.user.username,
    role: session.user.role,
    sessionId: session.id,
  };
}
