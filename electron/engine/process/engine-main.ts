// The engine process's entry. Run as a child forked by Node (`child_process.fork` with
// `serialization: 'advanced'`; tsx in development and tests) or as an Electron utilityProcess: it
// talks to its parent through process.send / process.on('message') or through process.parentPort.
//
// The speech engine is chosen by select-engine.ts: the project's addon, else the slow prebuilt
// fallback (its availability says so), else unavailable with both reasons. HELSSA_SPEECH_ENGINE=
// fallback forces the fallback (tests, support), =addon the addon only; see select-engine.ts.
// The drafting LLM (node-llama-cpp) loads its native binding on the first LLM request, not here.
// Plain Node; nothing here may import Electron.
import { createLlamaDraftingEngine } from '../llm/llama-drafting-engine';
import { engineForProtocol, selectSpeechEngine } from '../speech/select-engine';
import { runEngineService, type EngineService } from './engine-service';
import { connectToParent } from './parent-port';

function main(): EngineService {
  const port = connectToParent();
  if (!port) {
    throw new Error(
      'engine-main runs as a forked child (IPC channel) or an Electron utility process',
    );
  }
  const selection = selectSpeechEngine();
  for (const note of selection.notes) console.warn(`[engine] ${note}`);
  if (selection.kind === 'fallback') {
    console.warn(
      `[engine] speech: using the slow prebuilt fallback (${selection.engine.availability.engine}): ${selection.addonReason}`,
    );
  }
  const service = runEngineService(port, {
    speech: engineForProtocol(selection.engine),
    llm: createLlamaDraftingEngine(),
  });
  // The host went away: stop at once rather than linger as an orphan.
  port.onDisconnect(() => {
    service.close();
    process.exit(0);
  });
  return service;
}

main();
