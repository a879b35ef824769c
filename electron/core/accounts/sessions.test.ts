import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../shared/accounts';
import type { Role } from '../../shared/roles';
import { ManualClock } from '../clock';
import { q } from '../db/database';
import type { AccessLogTable } from '../db/schema';
import { makeTempDir, removeDir, setUpTestClinic, type TestClinic } from '../testing/fixtures';
import { appError as thrown, rejection } from '../testing/assertions';

/**
 * Sessions against a real clinic: real password checks (scrypt), the auto-lock driven by a
 * ManualClock and the clinic setting `security.autoLockMinutes` (set to 5 here).
 */
const MINUTE = 60_000;
const SECOND = 1000;

describe('sessions', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let counter = 0;

  beforeAll(async () => {
    clock = new ManualClock('2026-01-15T06:30:00.000Z');
    clinic = await setUpTestClinic(makeTempDir('helssa-sessions'), { clock });
    clinic.services.settings.set(clinic.adminActor, 'security.autoLockMinutes', 5);
  }, 120_000);

  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  const sessions = () => clinic.services.sessions;

  /** A new user (one real hash), not yet signed in. */
  async function newUser(role: Role = 'doctor'): Promise<{ user: UserSummary; password: string }> {
    counter += 1;
    const password = `Ramz-e Jalaseh ${counter} 1405`;
    const user = await clinic.services.accounts.createUser(clinic.adminActor, {
      username: `session-user-${counter}`,
      displayName: `کاربر ${counter}`,
      role,
      password,
    });
    return { user, password };
  }

  /** A new user, signed in; returns the token and the session id. */
  async function signedIn(role: Role = 'doctor') {
    const { user, password } = await newUser(role);
    const { token, session } = await sessions().login(user.username, password);
    return { user, password, token, sessionId: session.id };
  }

  const logRows = (afterSeq = 0): AccessLogTable[] =>
    clinic.core.db.read((tx) =>
      tx.all(q.selectFrom('access_log').selectAll().where('seq', '>', afterSeq).orderBy('seq')),
    );
  const lastSeq = (): number => logRows().at(-1)?.seq ?? 0;
  const failedCount = (userId: string): number =>
    clinic.core.db.read(
      (tx) =>
        (
          JSON.parse(
            tx.first(q.selectFrom('users').select('recent_failures').where('id', '=', userId))
              ?.recent_failures ?? 'null',
          ) as unknown[] | null
        )?.length ?? -1,
    );

  it('signs in: a random token, the session and the actor behind it', async () => {
    const { user, password } = await newUser('staff');
    const before = lastSeq();
    const first = await sessions().login(user.username, password);
    const second = await sessions().login(` ${user.username.toUpperCase()} `, password);

    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).not.toBe(first.token);
    expect(second.session.id).not.toBe(first.session.id);
    const now = clock.now();
    const { user: sessionUser, ...info } = first.session;
    expect(sessionUser).toMatchObject({ id: user.id, username: user.username, role: 'staff' });
    expect(info).toEqual({
      id: first.session.id,
      state: 'active',
      startedAt: now.toISOString(),
      lastActivityAt: now.toISOString(),
      locksAt: new Date(now.getTime() + 5 * MINUTE).toISOString(),
    });
    expect(sessions().actor(first.token)).toEqual({
      userId: user.id,
      username: user.username,
      role: 'staff',
      sessionId: first.session.id,
    });
    expect(logRows(before)).toMatchObject([
      { action: 'login', resource_type: 'session', resource_id: first.session.id, granted: 1 },
      { action: 'login', resource_type: 'session', resource_id: second.session.id, granted: 1 },
    ]);
    // The token itself is never stored.
    const everything = JSON.stringify(logRows());
    expect(everything).not.toContain(first.token);
    expect(everything).not.toContain(second.token);
    expect(thrown(() => sessions().actor('not-a-token')).code).toBe('session_expired');
  });

  it('locks after autoLockMinutes of idle clock time, and logs it once', async () => {
    const { user, token, sessionId } = await signedIn();
    const before = lastSeq();
    clock.advance(5 * MINUTE - SECOND);
    expect(sessions().status(token).state).toBe('active');
    clock.advance(SECOND);
    const error = thrown(() => sessions().actor(token));
    expect([error.code, error.messageKey]).toEqual(['session_locked', 'session.locked']);
    expect(sessions().status(token).state).toBe('locked');
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
    expect(logRows(before)).toMatchObject([
      {
        action: 'lock',
        resource_type: 'session',
        resource_id: sessionId,
        user_id: user.id,
        granted: 1,
        reason: 'idle',
      },
    ]);
  });

  it('counts every actor() call as activity', async () => {
    const { token } = await signedIn();
    clock.advance(4 * MINUTE);
    sessions().actor(token);
    clock.advance(4 * MINUTE);
    sessions().actor(token);
    expect(sessions().status(token)).toMatchObject({
      state: 'active',
      lastActivityAt: clock.now().toISOString(),
      locksAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
    });
    clock.advance(5 * MINUTE);
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
  });

  it('keeps a session open while the window is touched; status() alone does not', async () => {
    const { token } = await signedIn();
    clock.advance(4 * MINUTE);
    expect(sessions().touch(token).state).toBe('active');
    clock.advance(4 * MINUTE);
    expect(sessions().touch(token).state).toBe('active');
    clock.advance(4 * MINUTE);
    expect(sessions().actor(token).sessionId).toBeTruthy();
    clock.advance(4 * MINUTE);
    expect(sessions().status(token).state).toBe('active');
    clock.advance(1 * MINUTE);
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
    // Touching a locked session does not reopen it.
    expect(sessions().touch(token).state).toBe('locked');
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
  });

  it('applies a change of autoLockMinutes to open sessions', async () => {
    const { token } = await signedIn();
    clinic.services.settings.set(clinic.adminActor, 'security.autoLockMinutes', 2);
    try {
      clock.advance(2 * MINUTE);
      expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
    } finally {
      clinic.services.settings.set(clinic.adminActor, 'security.autoLockMinutes', 5);
    }
  });

  it('locks on request; touching does not reopen it', async () => {
    const { token, sessionId } = await signedIn();
    const before = lastSeq();
    expect(sessions().lock(token).state).toBe('locked');
    expect(sessions().lock(token).state).toBe('locked');
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
    expect(sessions().touch(token).state).toBe('locked');
    expect(logRows(before)).toMatchObject([
      { action: 'lock', resource_id: sessionId, reason: 'by user' },
    ]);
  });

  it('refuses a wrong password at the lock screen and counts it toward the lockout', async () => {
    const { user, password, token, sessionId } = await signedIn();
    sessions().lock(token);
    const before = lastSeq();
    const error = await rejection(sessions().unlock(token, 'Ramz-e Ghalat 1405'));
    expect([error.code, error.messageKey]).toEqual(['auth_failed', 'account.wrongCredentials']);
    expect(failedCount(user.id)).toBe(1);
    expect(logRows(before)).toMatchObject([
      { action: 'unlock_failed', user_id: user.id, granted: 0, reason: 'wrong password' },
    ]);
    expect(sessions().status(token).state).toBe('locked');
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');

    // The right password resumes the same session.
    clock.advance(MINUTE);
    const resumed = await sessions().unlock(token, password);
    expect(resumed).toMatchObject({
      id: sessionId,
      state: 'active',
      lastActivityAt: clock.now().toISOString(),
    });
    expect(sessions().actor(token)).toMatchObject({ userId: user.id, sessionId });
    expect(failedCount(user.id)).toBe(0);
    expect(logRows(before).at(-1)).toMatchObject({
      action: 'unlock',
      resource_id: sessionId,
      user_id: user.id,
      granted: 1,
    });
  });

  it('ends the session when wrong passwords at the lock screen lock the account', async () => {
    const { user, password, token } = await signedIn();
    clock.advance(5 * MINUTE);
    expect(thrown(() => sessions().actor(token)).code).toBe('session_locked');
    const codes: string[] = [];
    for (let n = 1; n <= 5; n += 1) {
      codes.push((await rejection(sessions().unlock(token, `Ramz-e Ghalat ${n}`))).code);
    }
    expect(codes).toEqual([
      'auth_failed',
      'auth_failed',
      'auth_failed',
      'auth_failed',
      'account_locked',
    ]);
    expect(thrown(() => sessions().actor(token)).code).toBe('session_expired');
    expect(thrown(() => sessions().status(token)).code).toBe('session_expired');
    expect((await rejection(sessions().unlock(token, password))).code).toBe('session_expired');
    expect((await rejection(sessions().login(user.username, password))).code).toBe(
      'account_locked',
    );
  });

  it('signs out', async () => {
    const { token, sessionId } = await signedIn();
    const before = lastSeq();
    sessions().logout(token);
    expect(thrown(() => sessions().actor(token)).code).toBe('session_expired');
    expect(thrown(() => sessions().touch(token)).code).toBe('session_expired');
    expect(thrown(() => sessions().lock(token)).code).toBe('session_expired');
    sessions().logout(token);
    expect(logRows(before)).toMatchObject([
      { action: 'logout', resource_type: 'session', resource_id: sessionId, granted: 1 },
    ]);
  });

  it("ends a disabled user's open session", async () => {
    const { user, token } = await signedIn();
    clinic.services.accounts.updateUser(clinic.adminActor, user.id, { isActive: false });
    expect(thrown(() => sessions().actor(token)).code).toBe('session_expired');
  });

  it("applies a role change to the user's open session", async () => {
    const { user, token } = await signedIn('admin');
    expect(sessions().actor(token).role).toBe('admin');
    clinic.services.accounts.updateUser(clinic.adminActor, user.id, { role: 'staff' });
    const actor = sessions().actor(token);
    expect(actor.role).toBe('staff');
  });
});
