import type { CallChannel, EventChannel } from './channels';
import type { Envelope } from './envelope';

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Verb<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/**
 * What the preload exposes as `window.helssa`: one function per call, namespaced by domain
 * (`helssa.patients.search(input)`), answering envelopes; and `on` for events. Derived from the
 * channel list, so adding a call to the contract adds it here.
 */
export type PreloadApi = {
  readonly [D in Domain<CallChannel>]: {
    readonly [C in CallChannel as Verb<C, D>]: (input: unknown) => Promise<Envelope<unknown>>;
  };
} & {
  readonly version: string;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
};

export const PRELOAD_GLOBAL = 'helssa';
