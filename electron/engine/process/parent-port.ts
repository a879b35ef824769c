// The engine process's side of the channel to its host: process.parentPort in an Electron utility
// process, process.send / process.on('message') in a child forked by Node. Plain Node; nothing here
// may import Electron.
import type { EnginePort } from './engine-service';

/** Electron's process.parentPort in a utility process, typed structurally (no Electron import). */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The channel to the parent process, or undefined when there is none (run by hand). */
export function connectToParent():
  (EnginePort & { onDisconnect(listener: () => void): void }) | undefined {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      // A utility process is ended by its parent; it never outlives it.
      onDisconnect: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send || !process.connected) return undefined;
  return {
    send: (message) => {
      if (process.connected) send(message);
    },
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => process.once('disconnect', listener),
  };
}
