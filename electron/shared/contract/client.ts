import type { ErrorShape } from '../errors';
import type { CallChannel, EventChannel } from './channels';
import type { CallInput, CallOutput, EventPayload } from './contract';
import type { Envelope } from './envelope';

/**
 * How the renderer reaches the core: the preload in Electron, the WebSocket bridge in the browser
 * preview. Both carry the same envelopes.
 */
export interface Transport {
  invoke(channel: CallChannel, input: unknown): Promise<Envelope<unknown>>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
  /**
   * Opens the one-way audio stream of a recording with the ticket `recording:start` (or
   * `recording:stream`) handed out: a MessagePort to main in Electron, a binary WebSocket in the
   * preview. Frames are 16 kHz mono signed 16-bit PCM.
   */
  openAudio(ticket: string): AudioSender;
}

/** The renderer's end of a recording's audio stream. */
export interface AudioSender {
  send(frame: Int16Array): void;
  close(): void;
  /** Called once if the stream ends without close() (main went away, ticket refused). */
  onClosed(listener: (reason: string) => void): void;
}

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Verb<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;
type Args<C extends CallChannel> =
  Record<string, never> extends CallInput<C> ? [input?: CallInput<C>] : [input: CallInput<C>];

/** The typed client: `client.patients.search({ query })`, derived from the contract. */
export type Client = {
  readonly [D in Domain<CallChannel>]: {
    readonly [C in CallChannel as Verb<C, D>]: (...args: Args<C>) => Promise<CallOutput<C>>;
  };
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** A refused call, as the client throws it: the envelope's error, ready for the UI. */
export class CallError extends Error {
  readonly shape: ErrorShape;

  constructor(channel: CallChannel, shape: ErrorShape) {
    super(`${channel}: ${shape.code} ${shape.messageKey}`);
    this.name = 'CallError';
    this.shape = shape;
  }
}

export function createClient(transport: Transport, channels: readonly CallChannel[]): Client {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const [domain, verb] = channel.split(':') as [string, string];
    client[domain] ??= {};
    client[domain][verb] = async (input?: unknown) => {
      const envelope = await transport.invoke(channel, input ?? {});
      if (!envelope.ok) throw new CallError(channel, envelope.error);
      return envelope.value;
    };
  }
  return Object.assign(client, {
    on: (event: EventChannel, listener: (payload: never) => void) =>
      transport.on(event, listener as (payload: unknown) => void),
  }) as unknown as Client;
}
