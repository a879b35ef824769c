// The engine process's entry. Run as a child forked by Node (`child_process.fork` with
// `serialization: 'advanced'`; tsx in development and tests) or as an Electron utilityProcess: it
// talks to its parent through process.send / process.on('message') or through process.parentPort.
// Plain Node; nothing here may import Electron.
import { createWhisperAddonEngine } from '../speech/whisper-addon';
import { runEngineService, type EngineService } from './engine-service';
import { connectToParent } from './parent-port';

function main(): EngineService {
  const port = connectToParent();
  if (!port) {
    throw new Error(
      'engine-main runs as a forked child (IPC channel) or an Electron utility process',
    );
  }
  const service = runEngineService(port, { speech: createWhisperAddonEngine() });
  // The host went away: stop at once rather than linger as an orphan.
  port.onDisconnect(() => {
    service.close();
    process.exit(0);
  });
  return service;
}

main();
