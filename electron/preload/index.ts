import { contextBridge, ipcRenderer } from 'electron';
import { version } from '../../package.json';
import { callChannels, isEventChannel } from '../shared/contract/channels';
import { PRELOAD_GLOBAL, type PreloadApi } from '../shared/contract/preload-api';

// Sandboxed preload, built to CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an
// ES module. It exposes one frozen, namespaced object built from the channel list — one function
// per call — and never ipcRenderer itself. Validation happens in main.

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of callChannels) {
  const [domain, verb] = channel.split(':') as [string, string];
  api[domain] ??= {};
  api[domain][verb] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

const bridge = {
  ...Object.fromEntries(
    Object.entries(api).map(([domain, calls]) => [domain, Object.freeze(calls)]),
  ),
  version,
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventChannel(event)) throw new Error(`unknown event ${event}`);
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
} as unknown as PreloadApi;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, Object.freeze(bridge));
