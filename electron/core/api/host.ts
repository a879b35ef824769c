import type { ClinicCore } from '../clinic-core';
import type { KeyVault } from '../crypto/vault';
import type { AppError } from '../errors';
import type { PreferencesStore } from '../machine/preferences';

/** What the Electron main process and the browser preview each provide to the API handlers. */
export interface ApiHost {
  readonly kind: 'electron' | 'preview';
  readonly version: string;
  readonly core: ClinicCore;
  readonly preferences: PreferencesStore;
  /** The vaults that will protect the keys if first-run setup happens on this host. */
  setupVaults(): Promise<readonly KeyVault[]>;
  /** Why the keys could not be unlocked at start-up, if they could not. */
  unlockError(): AppError | null;
  /**
   * Asks the user for a file or folder on this machine (an audio file to import, a folder of
   * models); null when they cancel. Paths come from here, never from the renderer.
   */
  chooseFile?(kind: 'audio' | 'folder'): Promise<string | null>;
}
