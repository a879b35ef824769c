// A test-only engine process entry: the real engine service behind a channel that misbehaves on
// purpose, to test the host's validation and recovery against a real child process.
//
// Usage (forked by the tests through nodeProcessLauncher): faulty-engine.ts <fault> [arg]
//   garbage            before answering each ping, sends malformed messages of every sort
//   bad-unload-result  answers speech.unload with a value that breaks the protocol
//   crash-on-transcribe  exits (as a crash would) on every speech.transcribe
//   hang-once <file>   on the first speech.transcribe (while <file> does not exist), creates <file>
//                      and blocks its event loop for ever, as a hung native call would
import { existsSync, writeFileSync } from 'node:fs';
import { createWhisperAddonEngine } from '../../speech/whisper-addon';
import { runEngineService, type EnginePort } from '../engine-service';
import { connectToParent } from '../parent-port';

const [fault, arg] = process.argv.slice(2);
const parent = connectToParent();
if (!parent) throw new Error('faulty-engine runs as a forked child');

const kindOf = (message: unknown) =>
  typeof message === 'object' && message !== null
    ? (message as { kind?: unknown; id?: unknown })
    : {};

const port: EnginePort = {
  send(message) {
    const result = message as { type?: string; id?: string; ok?: boolean };
    if (fault === 'bad-unload-result' && result.type === 'result' && unloadIds.has(result.id!)) {
      parent.send({ ...result, value: { freed: 'everything' } });
      return;
    }
    parent.send(message);
  },
  onMessage(listener) {
    parent.onMessage((message) => {
      const { kind, id } = kindOf(message);
      if (kind === 'speech.unload' && typeof id === 'string') unloadIds.add(id);
      if (fault === 'garbage' && kind === 'ping' && typeof id === 'string') {
        for (const garbage of [
          null,
          42,
          'a string',
          [1, 2, 3],
          { type: 'nonsense' },
          { type: 'event', id, kind: 'progress', payload: { percent: 'half' } },
          { type: 'event', id, kind: 'no-such-event', payload: {} },
          { type: 'result', id: 'not-pending', ok: true, value: {} },
          { type: 'ready', protocolVersion: 'one' },
          { type: 'log', level: 'shout', message: 1 },
          new Float32Array(4),
        ]) {
          parent.send(garbage);
        }
      }
      if (fault === 'crash-on-transcribe' && kind === 'speech.transcribe') process.exit(70);
      if (fault === 'hang-once' && kind === 'speech.transcribe' && arg && !existsSync(arg)) {
        writeFileSync(arg, 'hung');
        for (;;) {
          // Never returns: the event loop is blocked, so pings go unanswered.
        }
      }
      listener(message);
    });
  },
};
const unloadIds = new Set<string>();

runEngineService(port, { speech: createWhisperAddonEngine() });
parent.onDisconnect(() => process.exit(0));
