import { ipcMain, type WebContents } from 'electron';
import { CallContext } from '../core/api/call-context';
import type { ApiDispatcher } from '../core/api/dispatch';
import type { FrameSink } from '../core/recording/capture-hub';
import { callChannels } from '../shared/contract/channels';

/**
 * Registers one handler per call of the contract. Each window gets its own CallContext (its
 * session lives there, on this side); a call from any frame that is not the app's own page is
 * refused before it reaches the dispatcher.
 */
export function registerIpc(
  dispatcher: ApiDispatcher,
  isAppUrl: (url: string | undefined) => boolean,
  audio: (ticket: string) => FrameSink | null,
): void {
  const contexts = new Map<number, CallContext>();
  const contextOf = (sender: WebContents): CallContext => {
    let context = contexts.get(sender.id);
    if (!context) {
      const created = new CallContext((event, payload) => {
        if (!sender.isDestroyed()) sender.send(event, payload);
      });
      contexts.set(sender.id, created);
      sender.once('destroyed', () => contexts.delete(sender.id));
      context = created;
    }
    return context;
  };
  for (const channel of callChannels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isAppUrl(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'permission_denied', messageKey: 'access.denied' } };
      }
      return dispatcher.call(channel, input, contextOf(event.sender));
    });
  }
  // A recording's audio: the preload sends one end of a MessageChannel with the ticket that
  // recording:start gave out; each message on it is one frame of 16 kHz mono s16le.
  ipcMain.on('audio:open', (event, data: unknown) => {
    const port = event.ports[0];
    if (!port) return;
    const ticket =
      typeof data === 'object' && data !== null && 'ticket' in data ? String(data.ticket) : '';
    const sink = isAppUrl(event.senderFrame?.url) ? audio(ticket) : null;
    if (!sink) {
      port.postMessage({ closed: 'recording.streamTicket' });
      port.close();
      return;
    }
    port.on('message', (message) => {
      const frame: unknown = message.data;
      if (!(frame instanceof ArrayBuffer || ArrayBuffer.isView(frame)) || !sink.push(frame)) {
        port.postMessage({ closed: sink.closedBy ?? 'recording.frameInvalid' });
        port.close();
      }
    });
    port.on('close', () => sink.detach());
    port.start();
  });
}
