import { contextBridge, ipcRenderer } from 'electron';
import { version } from '../../package.json';
import { callChannels, isEventChannel } from '../shared/contract/channels';
import {
  AUDIO_OPEN_CHANNEL,
  PRELOAD_GLOBAL,
  type PreloadApi,
  type PreloadAudioStream,
} from '../shared/contract/preload-api';

// Sandboxed preload, built to CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an
// ES module. It exposes one frozen, namespaced object built from the channel list — one function
// per call — and never ipcRenderer itself. Validation happens in main.

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of callChannels) {
  const [domain, verb] = channel.split(':') as [string, string];
  api[domain] ??= {};
  api[domain][verb] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

/**
 * A recording's audio stream: a MessageChannel whose second port goes to main with the ticket;
 * frames are posted on the first. They are posted as copies, not transferred: an ArrayBuffer
 * transferred from a renderer's MessagePort to a MessagePortMain arrives empty (electron#34905),
 * and copying 3.2 kB ten times a second costs nothing. Main checks the ticket and every frame.
 */
function openAudio(ticket: unknown): PreloadAudioStream {
  if (typeof ticket !== 'string' || ticket.length === 0 || ticket.length > 256) {
    throw new Error('invalid audio ticket');
  }
  const { port1, port2 } = new MessageChannel();
  const listeners = new Set<(reason: string) => void>();
  let closedByUs = false;
  let ended: string | null = null;
  const end = (reason: string) => {
    if (closedByUs || ended !== null) return;
    ended = reason;
    port1.close();
    for (const listener of listeners) listener(reason);
  };
  // Main's only message on the port: `{ closed: reason }` when it ends the stream.
  port1.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { closed?: unknown } | null;
    if (data && typeof data === 'object' && 'closed' in data) end(String(data.closed));
  };
  // Main's end went away without a word (main's port closed or garbage-collected).
  port1.addEventListener('close', () => end('audio stream closed'));
  ipcRenderer.postMessage(AUDIO_OPEN_CHANNEL, { ticket }, [port2]);
  return Object.freeze({
    send(buffer: ArrayBuffer) {
      if (closedByUs || ended !== null) return;
      if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || buffer.byteLength % 2) {
        throw new Error('an audio frame is a non-empty buffer of 16-bit samples');
      }
      port1.postMessage(buffer);
    },
    close() {
      if (closedByUs) return;
      closedByUs = true;
      port1.close();
    },
    onClosed(listener: (reason: string) => void) {
      if (ended !== null) listener(ended);
      else listeners.add(listener);
    },
  });
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
  audio: Object.freeze({ open: openAudio }),
} as unknown as PreloadApi;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, Object.freeze(bridge));
