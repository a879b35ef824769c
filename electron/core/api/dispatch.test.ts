import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callChannels } from '../../shared/contract/channels';
import { contract } from '../../shared/contract/contract';
import type { Envelope } from '../../shared/contract/envelope';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';
import { PreferencesStore } from '../machine/preferences';
import { FileLogger } from '../log/logger';
import { dataPaths } from '../paths';
import {
  ADMIN_PASSWORD,
  closeTestClinic,
  setUpTestClinic,
  TEST_PASSPHRASE,
  type TestClinic,
} from '../testing/fixtures';
import { CallContext } from './call-context';
import { ApiDispatcher } from './dispatch';
import { createHandlers, type Handlers } from './handlers';
import type { ApiHost } from './host';

/**
 * The contract at the boundary: the same dispatcher Electron's IPC and the preview bridge use,
 * on a real clinic. A malformed request never reaches a service.
 */
describe('IPC contract dispatcher', () => {
  let clinic: TestClinic;
  let dispatcher: ApiDispatcher;
  let host: ApiHost;
  const events: { event: string; payload: unknown }[] = [];
  const context = new CallContext((event, payload) => events.push({ event, payload }));

  const counts = () =>
    clinic.core.db.raw
      .prepare(
        'SELECT (SELECT count(*) FROM patients) AS patients, (SELECT count(*) FROM access_log) AS log, (SELECT count(*) FROM users) AS users',
      )
      .get() as { patients: number; log: number; users: number };
  const call = (channel: unknown, input: unknown, ctx = context) =>
    dispatcher.call(channel, input, ctx);
  const failure = (envelope: Envelope<unknown>) => {
    if (envelope.ok) throw new Error(`expected a refusal, got ${JSON.stringify(envelope.value)}`);
    return envelope.error;
  };

  beforeAll(async () => {
    clinic = await setUpTestClinic();
    host = {
      kind: 'preview',
      version: 'test',
      core: clinic.core,
      preferences: new PreferencesStore(dataPaths(clinic.dir).preferences),
      setupVaults: () => Promise.resolve([new PassphraseKeyVault(TEST_PASSPHRASE)]),
      unlockError: () => null,
    };
    dispatcher = new ApiDispatcher(
      createHandlers(host),
      new FileLogger(dataPaths(clinic.dir).logs),
    );
    const login = await call('session:login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.ok).toBe(true);
  });
  afterAll(() => closeTestClinic(clinic));

  it('names every call domain:verb and gives each a schema', () => {
    for (const channel of callChannels) {
      expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(contract[channel].input).toBeDefined();
      expect(contract[channel].output).toBeDefined();
    }
  });

  it('answers a valid call with an envelope holding the validated value', async () => {
    const envelope = await call('patients:create', {
      firstName: 'شیرین',
      lastName: 'بهرامی',
      nationalId: '0499370899',
    });
    expect(envelope).toMatchObject({
      ok: true,
      value: { firstName: 'شیرین', nationalId: '0499370899' },
    });
  });

  it('refuses an unknown call', async () => {
    const before = counts();
    for (const channel of ['patients:drop', 'fs:read', 42, null, '__proto__']) {
      expect(failure(await call(channel, {}))).toMatchObject({
        code: 'validation',
        messageKey: 'api.unknownCall',
      });
    }
    expect(counts()).toEqual(before);
  });

  it('refuses a malformed request with field errors, and writes nothing', async () => {
    const before = counts();
    const malformed: [string, unknown][] = [
      ['patients:create', { firstName: 'علی', lastName: 'محمدی', isAdmin: true }],
      ['patients:create', { firstName: 42, lastName: ['x'] }],
      ['patients:create', 'not an object'],
      ['patients:create', { firstName: 'علی', lastName: 'محمدی', nationalId: '0499370898' }],
      ['patients:update', { id: 'x', changes: { firstName: 'تازه' }, extra: 1 }],
      ['patients:update', { changes: {} }],
      ['patients:search', { query: 'a'.repeat(5000) }],
      ['users:create', { username: 'x', displayName: 'y', role: 'superuser', password: 'z' }],
      ['audit:list', { limit: 100000 }],
      ['session:login', { username: 'admin' }],
    ];
    for (const [channel, input] of malformed) {
      const error = failure(await call(channel, input));
      expect(error.code, channel).toBe('validation');
      expect(error.messageKey).toBe('validation.failed');
      expect(error.fields?.length, channel).toBeGreaterThan(0);
    }
    expect(counts()).toEqual(before);
    const checksum = failure(
      await call('patients:create', {
        firstName: 'علی',
        lastName: 'محمدی',
        nationalId: '0499370898',
      }),
    );
    expect(checksum.fields).toEqual([
      { field: 'nationalId', messageKey: 'patient.nationalId.checksum' },
    ]);
    const extra = failure(
      await call('patients:create', { firstName: 'علی', lastName: 'محمدی', isAdmin: true }),
    );
    expect(extra.fields?.[0]).toMatchObject({ field: '_' });
  });

  it('reports a weak password together with the other bad fields', async () => {
    const error = failure(
      await call('users:create', {
        username: 'ب',
        displayName: '',
        role: 'staff',
        password: '123',
      }),
    );
    expect(error.fields).toEqual([
      { field: 'username', messageKey: 'account.username.invalid' },
      { field: 'displayName', messageKey: 'account.displayName.required' },
      { field: 'password', messageKey: 'account.password.tooShort', params: { min: 8 } },
    ]);
  });

  it('refuses session calls from a connection that has not signed in', async () => {
    const stranger = new CallContext(() => undefined);
    const before = counts();
    expect(failure(await call('patients:search', { query: 'شیرین' }, stranger))).toMatchObject({
      code: 'session_expired',
    });
    expect(failure(await call('users:list', {}, stranger))).toMatchObject({
      code: 'session_expired',
    });
    expect(await call('session:status', {}, stranger)).toEqual({ ok: true, value: null });
    expect(counts()).toEqual(before);
  });

  it('keeps the session on the core side and tells the renderer when it changes', async () => {
    const window2 = new CallContext((event, payload) => events.push({ event, payload }));
    events.length = 0;
    const login = await call(
      'session:login',
      { username: 'admin', password: ADMIN_PASSWORD },
      window2,
    );
    expect(login.ok).toBe(true);
    expect(JSON.stringify(login)).not.toContain(window2.token!);
    expect(events.at(-1)).toMatchObject({ event: 'session:changed', payload: { state: 'active' } });
    await call('session:lock', {}, window2);
    expect(failure(await call('patients:search', { query: 'شیرین' }, window2))).toMatchObject({
      code: 'session_locked',
    });
    await call('session:logout', {}, window2);
    expect(events.at(-1)).toEqual({ event: 'session:changed', payload: null });
    expect(window2.token).toBeNull();
  });

  it('validates answers too: a handler that leaks a field is answered with an internal error', async () => {
    const base = createHandlers(host);
    const leaky: Handlers = {
      ...base,
      'patients:get': async (input, ctx) =>
        ({ ...(await base['patients:get'](input, ctx)), sealed: 'ciphertext' }) as never,
    };
    const logs = new FileLogger(dataPaths(clinic.dir).logs, 'dispatch-test.log');
    const strict = new ApiDispatcher(leaky, logs);
    const created = await call('patients:create', { firstName: 'نشت', lastName: 'آزمایشی' });
    const id = (created as { value: { id: string } }).value.id;
    const envelope = await strict.call('patients:get', { id }, context);
    expect(failure(envelope)).toEqual({ code: 'internal', messageKey: 'error.internal' });
  });

  it('hides the technical cause of an unexpected error from the renderer', async () => {
    const broken = new ApiDispatcher(
      {
        ...createHandlers(host),
        'clinic:profile': () => {
          throw new Error('disk on fire at /var/secret/path');
        },
      },
      new FileLogger(dataPaths(clinic.dir).logs, 'dispatch-test.log'),
    );
    const error = failure(await broken.call('clinic:profile', {}, context));
    expect(error).toEqual({ code: 'internal', messageKey: 'error.internal' });
  });
});
