import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import type { WebContents } from 'electron';
import { FileLogger, type Logger } from '../core/log/logger';
import { dataPaths } from '../core/paths';
import { startCore, type RunningCore } from './core-host';
import { registerIpc } from './ipc';

// Wiring only: one hardened window, the core built with Electron's implementations of its
// interfaces (core-host.ts), and one IPC handler per call of the contract (ipc.ts).

const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const indexHtmlPath = join(import.meta.dirname, '../renderer/index.html');

/** The electron-vite dev server, honoured only when running unpackaged (`npm run dev`). */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const appStartUrl = devServerUrl ? new URL(devServerUrl) : pathToFileURL(indexHtmlPath);

/**
 * True for the app's own pages only: the dev server's origin in development; in production the
 * one index.html file (file: URLs have no origin to compare, so the file path is compared).
 */
function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    if (appStartUrl.protocol !== 'file:') return parsed.origin === appStartUrl.origin;
    if (parsed.protocol !== 'file:') return false;
    const path = fileURLToPath(parsed);
    return process.platform === 'win32'
      ? path.toLowerCase() === indexHtmlPath.toLowerCase()
      : path === indexHtmlPath;
  } catch {
    return false;
  }
}

// --- Errors: log them and show them; never swallow. ---------------------------------------------

function errorText(error: unknown): string {
  return error instanceof Error
    ? (error.stack ?? `${error.name}: ${error.message}`)
    : String(error);
}

/** Rotating JSON-lines log in the data folder's logs/ (never patient data; see core/log). */
const logger: Logger = new FileLogger(
  dataPaths(process.env['HELSSA_DATA_DIR'] || app.getPath('userData')).logs,
);
let running: RunningCore | null = null;

function reportError(title: string, error: unknown): void {
  const text = errorText(error);
  logger.error('app.error', error, { title });
  console.error(`[helssa] ${title}\n${text}`);
  try {
    // Safe to call before 'ready'; blocks until the user closes it.
    dialog.showErrorBox(`HELSSA Clinic: ${title}`, text);
  } catch (dialogError) {
    console.error('[helssa] could not show the error dialog', dialogError);
  }
}

// After an uncaught exception the main process is in an unknown state, so it stops instead of
// carrying on with patient data. A rejected promise nobody awaited is reported and the app goes on.
process.on('uncaughtException', (error) => {
  reportError('Unexpected error (the app will close)', error);
  app.exit(1);
});
process.on('unhandledRejection', (reason) => {
  reportError('Unexpected error', reason);
});

// --- Hardening applied to every web contents, including any created later. ---------------------

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      console.warn(`[helssa] blocked navigation to ${url}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[helssa] blocked window.open(${url})`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function isOwnContents(contents: WebContents | null): boolean {
  return contents !== null && isAppUrl(contents.getURL());
}

/** Microphone only (for dictation), only for the app's own page; everything else is refused. */
function installPermissionHandlers(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const microphoneOnly = mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
    callback(
      permission === 'media' &&
        microphoneOnly &&
        isAppUrl(details.requestingUrl) &&
        isOwnContents(contents),
    );
  });
  session.defaultSession.setPermissionCheckHandler((contents, permission, _origin, details) => {
    return (
      permission === 'media' &&
      details.mediaType !== 'video' &&
      isAppUrl(details.requestingUrl) &&
      isOwnContents(contents)
    );
  });
}

// --- The window. ---------------------------------------------------------------------------------

let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'HELSSA Clinic',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Chromium's built-in PDF viewer shows a report (a blob: URL in an iframe) for printing.
      plugins: true,
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    reportError(
      'The window stopped unexpectedly',
      new Error(`render process gone: ${details.reason}`),
    );
  });

  const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(indexHtmlPath);
  loading.catch((error: unknown) => reportError('Could not load the app window', error));
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// --- Startup: one instance only. -----------------------------------------------------------------

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database; it is told (second-instance) and comes to the front.
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // Quitting ends the sessions, wipes the keys from memory and folds the WAL into the database.
  app.on('will-quit', () => {
    running?.core.close();
    running = null;
    logger.info('app.quit');
  });
  app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId('ir.helssa.clinic');
      installPermissionHandlers();
      running = await startCore(logger);
      const { core } = running;
      registerIpc(running.dispatcher, isAppUrl, (ticket) =>
        core.isUnlocked ? core.services.capture.attach(ticket) : null,
      );
      logger.info('app.ready', { version: app.getVersion() });
      createWindow();
    })
    .catch((error: unknown) => {
      reportError('The app could not start', error);
      app.exit(1);
    });
}
