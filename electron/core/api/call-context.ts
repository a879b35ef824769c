import type { EventChannel } from '../../shared/contract/channels';
import type { EventPayload } from '../../shared/contract/contract';

/**
 * One renderer's connection: an Electron window, or one WebSocket of the preview bridge. It holds
 * that renderer's session token on the core's side, so the token never reaches the page, and a
 * way to push events to it.
 */
export class CallContext {
  token: string | null = null;
  private readonly send: (event: EventChannel, payload: unknown) => void;

  constructor(send: (event: EventChannel, payload: unknown) => void) {
    this.send = send;
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    this.send(event, payload);
  }
}
