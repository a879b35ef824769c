import { powerSaveBlocker } from 'electron';
import type { KeepAwake } from '../core/machine/keep-awake';

/** KeepAwake through Electron's power-save blocker (the app keeps running; the screen may sleep). */
export const electronKeepAwake: KeepAwake = {
  hold() {
    const id = powerSaveBlocker.start('prevent-app-suspension');
    return () => {
      if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
    };
  },
};
