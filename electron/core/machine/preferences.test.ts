import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { PreferencesStore } from './preferences';

describe('workstation preferences', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDir));
  const store = () => {
    const dir = makeTempDir('helssa-prefs');
    dirs.push(dir);
    return {
      file: path.join(dir, 'preferences.json'),
      prefs: new PreferencesStore(path.join(dir, 'preferences.json')),
    };
  };

  it('changes one preference and keeps the others (the language switch keeps the microphone)', () => {
    const { prefs } = store();
    expect(prefs.get()).toEqual({ language: 'fa' });
    prefs.set({ microphoneId: 'usb-mic-1' });
    expect(prefs.set({ language: 'en' })).toEqual({ language: 'en', microphoneId: 'usb-mic-1' });
    expect(prefs.set({ microphoneId: null })).toEqual({ language: 'en' });
  });

  it('falls back to the defaults when the file is damaged', () => {
    const { file, prefs } = store();
    fs.writeFileSync(file, '{ not json');
    expect(prefs.get()).toEqual({ language: 'fa' });
    fs.writeFileSync(file, JSON.stringify({ language: 'de' }));
    expect(prefs.get()).toEqual({ language: 'fa' });
  });
});
