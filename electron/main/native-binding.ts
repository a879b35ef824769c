import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../core/errors';

/** Set by scripts/start-electron.mjs: better-sqlite3 built for Electron's ABI, outside node_modules. */
export const SQLITE_BINDING_ENV = 'HELSSA_SQLITE_BINDING';

export interface NativeBindingContext {
  readonly env: NodeJS.ProcessEnv;
  /** Electron's `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** Electron's `process.resourcesPath` (the folder holding app.asar). */
  readonly resourcesPath: string | undefined;
}

/**
 * Where better-sqlite3's compiled addon is, for its `nativeBinding` option; undefined means "let
 * better-sqlite3 find its own" (plain Node: tests and the CLI use node_modules' Node build).
 *
 * - Development (`npm start`): node_modules holds the build for Node's ABI, which tests and the CLI
 *   need, so the launcher builds a second copy for Electron's ABI under .native/ and passes its
 *   absolute path in HELSSA_SQLITE_BINDING. A set but missing path is an error, not a silent
 *   fallback to the wrong ABI.
 * - Packaged app: the environment variable is ignored (a shipped app never loads a native library
 *   named by its environment). electron-builder rebuilds better-sqlite3 for Electron and, because
 *   electron-builder.yml unpacks every `.node` file (`asarUnpack`), puts the addon outside the asar
 *   archive at `<resources>/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node`;
 *   a native library cannot be loaded from inside an asar archive.
 */
export function sqliteNativeBinding(
  context: NativeBindingContext = electronContext(),
): string | undefined {
  if (context.isPackaged) {
    if (!context.resourcesPath) return undefined;
    const unpacked = join(
      context.resourcesPath,
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    return existsSync(unpacked) ? unpacked : undefined;
  }

  const fromEnv = context.env[SQLITE_BINDING_ENV];
  if (!fromEnv) return undefined;
  if (!isAbsolute(fromEnv) || !existsSync(fromEnv)) {
    throw new AppError('io', 'error.io', {
      params: { detail: fromEnv },
      detail: `${SQLITE_BINDING_ENV} does not name an existing absolute path; run "npm start" to build it`,
    });
  }
  return fromEnv;
}

/**
 * Read without importing 'electron', so this file also loads under plain Node. Electron sets
 * `process.defaultApp` when it runs an unpackaged app (`electron .`) and `process.resourcesPath`
 * always; neither exists under plain Node.
 */
function electronContext(): NativeBindingContext {
  const electronProcess = process as NodeJS.Process & {
    defaultApp?: boolean;
    resourcesPath?: string;
  };
  return {
    env: process.env,
    isPackaged: Boolean(process.versions['electron']) && !electronProcess.defaultApp,
    resourcesPath: electronProcess.resourcesPath,
  };
}
