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
  /** Recordings' audio streams to main (see PreloadAudioStream). */
  readonly audio: {
    open(ticket: string): PreloadAudioStream;
  };
};

/**
 * One recording's audio stream as the preload hands it to the renderer: a MessagePort whose
 * other end went to main with the ticket (`ipcRenderer.postMessage('audio:open', { ticket },
 * [port])`). Each send() is one frame — 16 kHz mono signed 16-bit little-endian samples, at most
 * MAX_FRAME_SAMPLES — posted as a copy of the buffer. close() closes the port: main sees the
 * port's 'close', which ends the stream. If main ends it first (ticket refused, recording
 * stopped elsewhere, a bad frame) it posts `{ closed: reason }` and closes; onClosed hears it once.
 */
export interface PreloadAudioStream {
  send(buffer: ArrayBuffer): void;
  close(): void;
  onClosed(listener: (reason: string) => void): void;
}

/** The IPC message that hands main the audio port: `{ ticket }` with the port transferred. */
export const AUDIO_OPEN_CHANNEL = 'audio:open';

export const PRELOAD_GLOBAL = 'helssa';
