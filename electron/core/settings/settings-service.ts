import {
  isSettingKey,
  settingDefinitions,
  type SettingKey,
  type SettingsSnapshot,
  type SettingValue,
} from '../../shared/settings';
import type { Actor } from '../../shared/roles';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { q, type ClinicDatabase, type ReadTx } from '../db/database';
import { AppError } from '../errors';

export class SettingsService {
  private readonly db: ClinicDatabase;
  private readonly log: AccessLog;
  private readonly access: AccessControl;
  private readonly clock: Clock;
  private readonly listeners = new Set<(key: SettingKey) => void>();

  constructor(deps: { db: ClinicDatabase; log: AccessLog; access: AccessControl; clock: Clock }) {
    this.db = deps.db;
    this.log = deps.log;
    this.access = deps.access;
    this.clock = deps.clock;
  }

  get<K extends SettingKey>(key: K, tx?: ReadTx): SettingValue<K> {
    const read = (rtx: ReadTx) =>
      rtx.first(q.selectFrom('settings').select('value').where('key', '=', key));
    const row = tx ? read(tx) : this.db.read(read);
    const definition = settingDefinitions[key];
    if (!row) return definition.default as SettingValue<K>;
    const parsed = definition.schema.safeParse(JSON.parse(row.value));
    return (parsed.success ? parsed.data : definition.default) as SettingValue<K>;
  }

  all(): SettingsSnapshot {
    return this.db.read((tx) => {
      const entries = (Object.keys(settingDefinitions) as SettingKey[]).map((key) => [
        key,
        this.get(key, tx),
      ]);
      return Object.fromEntries(entries) as SettingsSnapshot;
    });
  }

  set(actor: Actor, key: string, value: unknown): void {
    this.access.require(actor, 'settings.update', {
      action: 'update',
      resourceType: 'settings',
      resourceId: key,
    });
    if (!isSettingKey(key))
      throw new AppError('validation', 'settings.unknownKey', { detail: key });
    const parsed = settingDefinitions[key].schema.safeParse(value);
    if (!parsed.success) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ field: key, messageKey: 'validation.invalid' }],
      });
    }
    const now = this.clock.now().toISOString();
    const json = JSON.stringify(parsed.data);
    this.db.write((tx) => {
      tx.run(
        q
          .insertInto('settings')
          .values({ key, value: json, updated_at: now, updated_by: actor.userId })
          .onConflict((oc) =>
            oc
              .column('key')
              .doUpdateSet({ value: json, updated_at: now, updated_by: actor.userId }),
          ),
      );
      this.log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'settings',
        resourceId: key,
        granted: true,
        detail: { value: json },
      });
    });
    for (const listener of this.listeners) listener(key);
  }

  /** Called after a setting is stored, so services that read it once can read it again. */
  onChange(listener: (key: SettingKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
