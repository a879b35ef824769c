import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/roles';
import { DEFAULT_INITIAL_PROMPT, settingDefinitions } from '../../shared/settings';
import { ManualClock } from '../clock';
import { q } from '../db/database';
import type { AccessLogTable, SettingsTable } from '../db/schema';
import { type TestClinic, closeTestClinic, setUpTestTeam } from '../testing/fixtures';
import { appError } from '../testing/assertions';

const DEFAULTS = {
  'security.autoLockMinutes': 10,
  'audit.afterHours': { startHour: 22, endHour: 6 },
  'audit.rapidAccess': { patients: 20, windowMinutes: 10 },
  'audit.bulkExport': { actions: 10, windowMinutes: 60 },
  'recording.chunkSeconds': 30,
  'transcription.language': 'fa',
  'transcription.initialPrompt': DEFAULT_INITIAL_PROMPT,
  'transcription.vad': 'auto',
  'transcription.model': 'auto',
  'drafting.model': 'auto',
  'models.provisionedDir': '',
  'audio.ffmpegPath': '',
};

describe('clinic settings', () => {
  let clock: ManualClock;
  let clinic: TestClinic;
  let doctor: Actor;
  let staff: Actor;

  beforeAll(async () => {
    clock = new ManualClock('2026-01-15T06:30:00.000Z');
    ({ clinic, doctor, staff } = await setUpTestTeam('helssa-settings', { clock }));
  }, 120_000);

  afterAll(() => closeTestClinic(clinic));

  const settings = () => clinic.services.settings;
  const logRows = (afterSeq = 0): AccessLogTable[] =>
    clinic.core.db.read((tx) =>
      tx.all(q.selectFrom('access_log').selectAll().where('seq', '>', afterSeq).orderBy('seq')),
    );
  const lastSeq = (): number => logRows().at(-1)?.seq ?? 0;
  const storedRows = (): SettingsTable[] =>
    clinic.core.db.read((tx) => tx.all(q.selectFrom('settings').selectAll().orderBy('key')));

  it('starts with the documented defaults, nothing stored', () => {
    expect(storedRows()).toEqual([]);
    expect(settings().all()).toEqual(DEFAULTS);
    for (const [key, value] of Object.entries(DEFAULTS)) {
      expect(settings().get(key as keyof typeof DEFAULTS)).toEqual(value);
    }
    expect(Object.keys(settingDefinitions).sort()).toEqual(Object.keys(DEFAULTS).sort());
  });

  it('stores a value an administrator sets, and logs the change', () => {
    clock.advance(60_000);
    const before = lastSeq();
    settings().set(clinic.adminActor, 'security.autoLockMinutes', 15);
    expect(settings().get('security.autoLockMinutes')).toBe(15);
    settings().set(clinic.adminActor, 'audit.rapidAccess', { patients: 30, windowMinutes: 15 });
    expect(settings().get('audit.rapidAccess')).toEqual({ patients: 30, windowMinutes: 15 });
    expect(settings().all()).toEqual({
      ...DEFAULTS,
      'security.autoLockMinutes': 15,
      'audit.rapidAccess': { patients: 30, windowMinutes: 15 },
    });
    expect(storedRows()).toEqual([
      {
        key: 'audit.rapidAccess',
        value: JSON.stringify({ patients: 30, windowMinutes: 15 }),
        updated_at: clock.now().toISOString(),
        updated_by: clinic.admin.id,
      },
      {
        key: 'security.autoLockMinutes',
        value: '15',
        updated_at: clock.now().toISOString(),
        updated_by: clinic.admin.id,
      },
    ]);
    expect(logRows(before)).toMatchObject([
      {
        action: 'update',
        resource_type: 'settings',
        resource_id: 'security.autoLockMinutes',
        user_id: clinic.admin.id,
        granted: 1,
        detail: JSON.stringify({ value: '15' }),
      },
      { action: 'update', resource_id: 'audit.rapidAccess', granted: 1 },
    ]);

    // Setting again replaces the value.
    settings().set(clinic.adminActor, 'security.autoLockMinutes', 1);
    expect(settings().get('security.autoLockMinutes')).toBe(1);
    settings().set(clinic.adminActor, 'security.autoLockMinutes', 240);
    expect(settings().get('security.autoLockMinutes')).toBe(240);
    expect(storedRows().filter((row) => row.key === 'security.autoLockMinutes')).toHaveLength(1);
  });

  it('refuses invalid values with a validation error and keeps the old value', () => {
    settings().set(clinic.adminActor, 'security.autoLockMinutes', 10);
    settings().set(clinic.adminActor, 'audit.afterHours', { startHour: 22, endHour: 6 });
    const invalid: [string, unknown][] = [
      ['security.autoLockMinutes', 0],
      ['security.autoLockMinutes', 241],
      ['security.autoLockMinutes', 2.5],
      ['security.autoLockMinutes', '10'],
      ['security.autoLockMinutes', null],
      ['security.autoLockMinutes', undefined],
      ['audit.afterHours', { startHour: 24, endHour: 6 }],
      ['audit.afterHours', { startHour: 22, endHour: -1 }],
      ['audit.afterHours', { startHour: 22 }],
      ['audit.afterHours', '22-6'],
      ['audit.rapidAccess', { patients: 1, windowMinutes: 10 }],
      ['audit.rapidAccess', { patients: 20, windowMinutes: 0 }],
      ['audit.bulkExport', { actions: 10, windowMinutes: 24 * 60 + 1 }],
      ['audit.bulkExport', { actions: 10.5, windowMinutes: 60 }],
    ];
    const before = lastSeq();
    const snapshot = settings().all();
    for (const [key, value] of invalid) {
      const error = appError(() => settings().set(clinic.adminActor, key, value));
      expect({
        key,
        value,
        code: error.code,
        messageKey: error.messageKey,
        fields: error.fields,
      }).toEqual({
        key,
        value,
        code: 'validation',
        messageKey: 'validation.failed',
        fields: [{ field: key, messageKey: 'validation.invalid' }],
      });
    }
    expect(settings().all()).toEqual(snapshot);
    expect(logRows(before)).toEqual([]);
  });

  it('refuses an unknown key', () => {
    const before = lastSeq();
    for (const key of ['security.autoLock', 'audit', '', '__proto__', 'toString', 'constructor']) {
      const error = appError(() => settings().set(clinic.adminActor, key, 5));
      expect([key, error.code, error.messageKey]).toEqual([
        key,
        'validation',
        'settings.unknownKey',
      ]);
    }
    expect(storedRows().map((row) => row.key)).not.toContain('__proto__');
    expect(logRows(before)).toEqual([]);
  });

  it('refuses changes by doctors and staff, and logs the refusal', () => {
    const snapshot = settings().all();
    for (const actor of [doctor, staff]) {
      const before = lastSeq();
      const error = appError(() => settings().set(actor, 'security.autoLockMinutes', 240));
      expect([error.code, error.messageKey]).toEqual(['permission_denied', 'access.denied']);
      expect(logRows(before)).toMatchObject([
        {
          action: 'update',
          resource_type: 'settings',
          resource_id: 'security.autoLockMinutes',
          user_id: actor.userId,
          granted: 0,
          reason: `role ${actor.role} lacks settings.update`,
        },
      ]);
    }
    expect(settings().all()).toEqual(snapshot);
  });

  it('falls back to the default when a stored value no longer fits its schema', () => {
    clinic.core.db.write((tx) =>
      tx.run(
        q
          .updateTable('settings')
          .set({ value: '999' })
          .where('key', '=', 'security.autoLockMinutes'),
      ),
    );
    expect(settings().get('security.autoLockMinutes')).toBe(10);
    clinic.core.db.write((tx) =>
      tx.run(
        q
          .updateTable('settings')
          .set({ value: JSON.stringify({ startHour: 'late' }) })
          .where('key', '=', 'audit.afterHours'),
      ),
    );
    expect(settings().all()).toMatchObject({
      'security.autoLockMinutes': 10,
      'audit.afterHours': { startHour: 22, endHour: 6 },
    });
  });
});
