import os from 'node:os';
import path from 'node:path';

/** The app's folder name, the same one Electron's `app.getPath('userData')` uses. */
export const APP_FOLDER = 'HELSSA Clinic';

export interface DataPaths {
  readonly root: string;
  readonly database: string;
  readonly logs: string;
  /** Copies taken before schema migrations. */
  readonly migrationBackups: string;
  /** Scratch space for backups and restores (holds only encrypted data). */
  readonly scratch: string;
  readonly workstation: string;
  readonly preferences: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    database: path.join(root, 'helssa.db'),
    logs: path.join(root, 'logs'),
    migrationBackups: path.join(root, 'backups', 'pre-migration'),
    scratch: path.join(root, 'scratch'),
    workstation: path.join(root, 'workstation.json'),
    preferences: path.join(root, 'preferences.json'),
  };
}

/**
 * Where the data lives when nobody says otherwise: `HELSSA_DATA_DIR` if set, else the per-user
 * application-data folder Electron would use (Windows %APPDATA%, macOS Application Support,
 * Linux $XDG_CONFIG_HOME or ~/.config), so the app and the command-line tool agree.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env['HELSSA_DATA_DIR']) return path.resolve(env['HELSSA_DATA_DIR']);
  if (platform === 'win32') {
    return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), APP_FOLDER);
}

/**
 * Model folders IT provisioned through the environment: `HELSSA_MODELS_DIR`, one folder or several
 * separated by the platform's path delimiter (`:` or `;`). The `models.provisionedDir` setting adds
 * one more.
 */
export function modelDirsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env['HELSSA_MODELS_DIR'] ?? '')
    .split(path.delimiter)
    .map((dir) => dir.trim())
    .filter((dir) => dir !== '');
}
