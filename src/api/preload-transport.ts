import type { CallChannel, EventChannel } from '../../electron/shared/contract/channels';
import type { Transport } from '../../electron/shared/contract/client';
import type { Envelope } from '../../electron/shared/contract/envelope';
import type { PreloadApi } from '../../electron/shared/contract/preload-api';
import { MAX_FRAME_SAMPLES } from '../../electron/shared/recording';

/** Electron: calls go through the preload's namespaced object to main. */
export function preloadTransport(api: PreloadApi): Transport {
  const calls = api as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<Envelope<unknown>>>
  >;
  return {
    invoke(channel: CallChannel, input: unknown) {
      const [domain, verb] = channel.split(':') as [string, string];
      const call = calls[domain]?.[verb];
      if (!call) throw new Error(`the preload does not expose ${channel}`);
      return call(input);
    },
    on(event: EventChannel, listener: (payload: unknown) => void) {
      return api.on(event, listener);
    },
    openAudio(ticket: string) {
      const stream = api.audio.open(ticket);
      return {
        send(frame: Int16Array) {
          for (let at = 0; at < frame.length; at += MAX_FRAME_SAMPLES) {
            // Exactly the frame's samples in their own buffer (the view may share a larger one).
            stream.send(frame.slice(at, at + MAX_FRAME_SAMPLES).buffer);
          }
        },
        close: () => stream.close(),
        onClosed: (listener: (reason: string) => void) => stream.onClosed(listener),
      };
    },
  };
}
