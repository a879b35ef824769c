import { contextBridge } from 'electron';
import { version } from '../../package.json';

// Sandboxed preload: built to CommonJS (out/preload/index.cjs, see electron.vite.config.ts), since
// a sandboxed preload cannot be an ES module. Only 'electron' may be required at runtime; anything
// else (like the version below) is bundled in. A later issue exposes the typed IPC client here.

/** What the renderer sees as `window.helssa`. */
export interface HelssaBridge {
  /** The app's version, from package.json. */
  readonly version: string;
}

const bridge: HelssaBridge = Object.freeze({ version });

contextBridge.exposeInMainWorld('helssa', bridge);
