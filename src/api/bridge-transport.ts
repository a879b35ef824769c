import type { CallChannel, EventChannel } from '../../electron/shared/contract/channels';
import type { AudioSender, Transport } from '../../electron/shared/contract/client';
import { MAX_FRAME_SAMPLES } from '../../electron/shared/recording';
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

/**
 * A recording's audio stream in the preview: a binary WebSocket to /audio, one message per frame
 * (raw little-endian Int16 samples, at most a second each). Frames sent before the socket opens
 * wait in order; nothing is dropped while it is open. If the server ends the stream (ticket
 * refused, core gone) the listeners hear it once.
 */
function openAudioSocket(token: string, ticket: string): AudioSender {
  const query = `token=${encodeURIComponent(token)}&ticket=${encodeURIComponent(ticket)}`;
  const socket = new WebSocket(`ws://${window.location.host}/audio?${query}`);
  socket.binaryType = 'arraybuffer';
  let waiting: ArrayBuffer[] = [];
  let closedByUs = false;
  let ended: string | null = null;
  const listeners = new Set<(reason: string) => void>();
  const end = (reason: string) => {
    if (closedByUs || ended !== null) return;
    ended = reason;
    waiting = [];
    for (const listener of listeners) listener(reason);
  };
  socket.addEventListener('open', () => {
    for (const message of waiting) socket.send(message);
    waiting = [];
    if (closedByUs) socket.close(1000, 'done');
  });
  socket.addEventListener('close', (event) =>
    end(`audio stream closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`),
  );
  socket.addEventListener('error', () => end('audio stream unreachable'));
  return {
    send(frame: Int16Array) {
      if (closedByUs || ended !== null) return;
      for (let at = 0; at < frame.length; at += MAX_FRAME_SAMPLES) {
        // A copy of exactly the samples: the view may be part of a larger buffer.
        const part = frame.slice(at, at + MAX_FRAME_SAMPLES).buffer;
        if (socket.readyState === WebSocket.OPEN) socket.send(part);
        else waiting.push(part);
      }
    },
    close() {
      if (closedByUs) return;
      closedByUs = true;
      // Still connecting: the frames waiting go out first, then it closes (see 'open').
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'done');
    },
    onClosed(listener: (reason: string) => void) {
      if (ended !== null) listener(ended);
      else listeners.add(listener);
    },
  };
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
    openAudio(ticket: string) {
      return openAudioSocket(token, ticket);
    },
  };
}
