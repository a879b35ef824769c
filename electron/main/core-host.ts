import path from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, type OpenDialogOptions } from 'electron';
import { createHandlers } from '../core/api/handlers';
import { ApiDispatcher } from '../core/api/dispatch';
import type { ApiHost } from '../core/api/host';
import { ClinicCore } from '../core/clinic-core';
import { AppError, isAppError } from '../core/errors';
import type { Logger } from '../core/log/logger';
import type { KeepAwake } from '../core/machine/keep-awake';
import { PreferencesStore } from '../core/machine/preferences';
import { dataPaths, modelDirsFromEnv } from '../core/paths';
import { utilityEngineLauncher } from './engine-launcher';
import { startNoShowSweeper } from '../core/scheduling/no-show-sweeper';
import { electronKeepAwake } from './keep-awake';
import { sqliteNativeBinding } from './native-binding';
import { SafeStorageKeyVault } from './safe-storage-vault';

export interface RunningCore {
  readonly core: ClinicCore;
  readonly dispatcher: ApiDispatcher;
  readonly keepAwake: KeepAwake;
}

/**
 * Builds the core with the Electron implementations of its interfaces: the data folder from
 * Electron's app paths (or HELSSA_DATA_DIR), the OS key store as the vault, the power-save
 * blocker. A set-up clinic is unlocked straight away through the OS key store; if that fails the
 * reason is kept and shown by the first screen instead of the app refusing to start.
 */
export async function startCore(logger: Logger): Promise<RunningCore> {
  const dataDir = process.env['HELSSA_DATA_DIR'] || app.getPath('userData');
  const core = ClinicCore.open({
    dataDir,
    logger,
    nativeBinding: sqliteNativeBinding(),
    keepAwake: electronKeepAwake,
    // Packaged: electron-builder's extraResources copies resources/ (the report fonts) next to
    // app.asar; unpackaged (`electron .`), the repository's resources/ is found by default.
    ...(app.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'resources') } : {}),
    speech: {
      launcher: utilityEngineLauncher({
        modulePath: path.join(import.meta.dirname, 'engine-main.js'),
        serviceName: 'HELSSA speech engine',
      }),
      provisionedDirs: modelDirsFromEnv(),
    },
  });
  const vault = new SafeStorageKeyVault({ safeStorage, platform: process.platform });
  let unlockError: AppError | null = null;
  if (core.isSetUp()) {
    try {
      const services = await core.unlock(vault);
      if (vault.shouldRewrap) await services.ring.addVault(core.db, vault, core.clock);
    } catch (error) {
      unlockError = isAppError(error)
        ? error
        : new AppError('internal', 'error.internal', { cause: error });
      logger.error('keys.unlockFailed', error);
    }
  }
  startNoShowSweeper(core, logger);
  const host: ApiHost = {
    kind: 'electron',
    version: app.getVersion(),
    core,
    preferences: new PreferencesStore(dataPaths(dataDir).preferences),
    setupVaults: async () => {
      await vault.assertUsable();
      return [vault];
    },
    unlockError: () => unlockError,
    chooseFile,
  };
  return {
    core,
    dispatcher: new ApiDispatcher(createHandlers(host), logger),
    keepAwake: electronKeepAwake,
  };
}

/** The system's open dialog, over the focused window: an audio file to import, or a folder. */
async function chooseFile(kind: 'audio' | 'folder'): Promise<string | null> {
  const options: OpenDialogOptions =
    kind === 'audio'
      ? {
          properties: ['openFile'],
          filters: [
            {
              name: 'صدا / Audio',
              extensions: ['wav', 'mp3', 'm4a', 'ogg', 'opus', 'webm', 'flac'],
            },
          ],
        }
      : { properties: ['openDirectory'] };
  const window = BrowserWindow.getFocusedWindow();
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
