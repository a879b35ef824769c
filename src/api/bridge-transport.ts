import type { CallChannel, EventChannel } from '../../electron/shared/contract/channels';
import type { Transport } from '../../electron/shared/contract/client';
import type { Envelope } from '../../electron/shared/contract/envelope';

/**
 * Browser preview only (helssa-preview-bridge): the same calls as JSON over a WebSocket to the
 * preview server. Imported only in the preview build, so it never ships in the app. The token
 * comes from the page address once and is then kept for this tab only.
 */
const TOKEN_KEY = 'helssa-preview-bridge-token';

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('bridge');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('bridge');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (!stored)
    throw new Error('Open the address the preview printed (it carries the bridge token).');
  return stored;
}

export function bridgeTransport(): Transport {
  const token = takeToken();
  const socketUrl = `ws://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(socketUrl);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('preview bridge unreachable')), {
      once: true,
    });
  });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;
  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as
      { id: number; envelope: Envelope<unknown> } | { event: EventChannel; payload: unknown };
    if ('id' in data) {
      pending.get(data.id)?.(data.envelope);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({
        ok: false,
        error: { code: 'io', messageKey: 'error.io', params: { detail: 'preview bridge closed' } },
      });
    }
    pending.clear();
  });
  return {
    async invoke(channel: CallChannel, input: unknown) {
      await opened;
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    on(event: EventChannel, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
