import fs from 'node:fs';
import {
  preferencesSchema,
  type Preferences,
  type PreferencesUpdate,
} from '../../shared/preferences';
import { writeFileAtomic } from '../fs-atomic';

/**
 * This workstation's preferences (the interface language). They are the machine's, not the
 * clinic's, so they live in a small JSON file beside the database; a file that no longer fits the
 * schema falls back to the defaults.
 */
export class PreferencesStore {
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  get(): Preferences {
    try {
      const parsed = preferencesSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: the defaults below.
    }
    return preferencesSchema.parse({});
  }

  /** Changes the given preferences and keeps the others. */
  set(update: PreferencesUpdate): Preferences {
    const { microphoneId, ...rest } = update;
    const merged: Record<string, unknown> = { ...this.get(), ...rest };
    if (microphoneId === null) delete merged['microphoneId'];
    else if (microphoneId !== undefined) merged['microphoneId'] = microphoneId;
    const value = preferencesSchema.parse(merged);
    writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`);
    return value;
  }
}
