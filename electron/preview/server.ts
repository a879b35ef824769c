/**
 * `npm run preview`: the real core and the real contract handlers in Node, behind a WebSocket
 * bridge on 127.0.0.1, serving a preview build of the renderer — so the app can be used and
 * tested in an ordinary browser where the Electron binary is not available. Development and
 * tests only; nothing here is part of a packaged build.
 *
 *   --data-dir <dir>  the clinic's data folder (default: .preview/data, a demo clinic)
 *   --fresh           start from an empty folder (first-run setup), no demo data
 *   --port <n>        listen on this port (default: any free port)
 *   --no-build        serve the last preview build of the renderer
 *   --renderer-dir    where to build the renderer (default: .preview/renderer)
 *   --test-clock      let tests move the core's clock forward (POST /__preview/clock)
 *   --clock-start <t> start the core's clock at this ISO instant (tests pin the clinic's day)
 *   --chunk-seconds <n>  length of recording chunks (default: the clinic setting, 30 s)
 *   --test-speech     install a generated weightless whisper model (real dimensions, hears
 *                     nothing) and use only it, so transcription runs end to end without weights
 *   --scripted-speech <file>  instead of a speech engine, "hear" the consultation in this JSON
 *                     file (an array of lines) from block-numbered test audio (see
 *                     core/transcription/testing/scripted-weights.ts), so a transcript with
 *                     real words exists for drafting and review where model weights cannot run
 *
 * A browser has no system file dialog for the core, so the preview answers the host's "choose a
 * file" from the environment, read at each call (unset or empty: the user cancelled):
 *
 *   HELSSA_PREVIEW_PICK_AUDIO   the audio file an import picks (recording:import)
 *   HELSSA_PREVIEW_PICK_FOLDER  the folder a folder choice picks (models)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from '../core/api/handlers';
import { ApiDispatcher } from '../core/api/dispatch';
import type { ApiHost } from '../core/api/host';
import { ClinicCore } from '../core/clinic-core';
import { PassphraseKeyVault } from '../core/crypto/passphrase-vault';
import { AppError, isAppError } from '../core/errors';
import { FileLogger } from '../core/log/logger';
import { PreferencesStore } from '../core/machine/preferences';
import { dataPaths, modelDirsFromEnv } from '../core/paths';
import {
  scriptFromLines,
  ScriptedWeightsTranscriber,
} from '../core/transcription/testing/scripted-weights';
import { installWeightlessModel } from '../core/transcription/testing/test-models';
import { nodeProcessLauncher } from '../engine/process/node-launcher';
import { startNoShowSweeper } from '../core/scheduling/no-show-sweeper';
import { version } from '../../package.json';
import { attachBridge } from './bridge';
import { buildPreviewRenderer, projectRoot } from './build-renderer';
import { DEMO_USERS, seedDemoClinic } from './demo-clinic';
import { OffsetClock } from './offset-clock';
import { serveStatic } from './static-files';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
    'test-clock': { type: 'boolean', default: false },
    'clock-start': { type: 'string' },
    'renderer-dir': { type: 'string' },
    'chunk-seconds': { type: 'string' },
    'test-speech': { type: 'boolean', default: false },
    'scripted-speech': { type: 'string' },
  },
});

/**
 * The preview's key vault: the real passphrase vault, with a passphrase kept in the data folder
 * in plain text — acceptable only because preview data is fictional or throwaway.
 */
function previewVault(dataDir: string): PassphraseKeyVault {
  const file = path.join(dataDir, 'preview-passphrase.txt');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return new PassphraseKeyVault(fs.readFileSync(file, 'utf8'));
}

/** --scripted-speech: the stand-in for model weights, hearing the lines of a JSON file. */
function scriptedEars(file: string): ScriptedWeightsTranscriber {
  const lines: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(lines) || !lines.every((line) => typeof line === 'string')) {
    throw new Error(`--scripted-speech wants a JSON array of lines: ${file}`);
  }
  return new ScriptedWeightsTranscriber(scriptFromLines(lines).words, { wordsPerSegment: 6 });
}

/** --clock-start: an ISO instant the core's clock starts from (tests pin the clinic's day). */
function clockStart(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const start = new Date(value);
  if (Number.isNaN(start.getTime()))
    throw new Error(`--clock-start is not an ISO instant: ${value}`);
  return start;
}

async function main(): Promise<void> {
  const rendererOut = path.resolve(
    values['renderer-dir'] ?? path.join(projectRoot, '.preview', 'renderer'),
  );
  const dataDir = path.resolve(
    values['data-dir'] ??
      (values.fresh
        ? fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-preview-'))
        : path.join(projectRoot, '.preview', 'data')),
  );
  if (!values['no-build'] || !fs.existsSync(path.join(rendererOut, 'index.html'))) {
    process.stderr.write('[preview] building the renderer…\n');
    await buildPreviewRenderer(rendererOut);
  }
  const logger = new FileLogger(dataPaths(dataDir).logs, 'preview.log');
  const clock = new OffsetClock(clockStart(values['clock-start']));
  const chunkSeconds = values['chunk-seconds'] ? Number(values['chunk-seconds']) : undefined;
  const testModels = values['test-speech'] ? installWeightlessModel(dataDir) : undefined;
  const scripted = values['scripted-speech'] ? scriptedEars(values['scripted-speech']) : undefined;
  const core = ClinicCore.open({
    dataDir,
    logger,
    clock,
    ...(chunkSeconds ? { recording: { chunkSeconds } } : {}),
    speech: scripted
      ? { transcriber: scripted }
      : {
          launcher: nodeProcessLauncher({ stdio: 'ignore' }),
          provisionedDirs: modelDirsFromEnv(),
          ...(testModels ? { manifest: testModels.manifest } : {}),
        },
  });
  const vault = previewVault(dataDir);
  let unlockError: AppError | null = null;
  if (!core.isSetUp() && !values.fresh) {
    process.stderr.write('[preview] creating the demo clinic…\n');
    await seedDemoClinic(core, [vault]);
  } else if (core.isSetUp()) {
    try {
      await core.unlock(vault);
    } catch (error) {
      unlockError = isAppError(error) ? error : new AppError('internal', 'error.internal');
    }
  }
  const stopSweeper = startNoShowSweeper(core, logger);
  const host: ApiHost = {
    kind: 'preview',
    version,
    core,
    preferences: new PreferencesStore(dataPaths(dataDir).preferences),
    setupVaults: () => Promise.resolve([vault]),
    unlockError: () => unlockError,
    chooseFile: (kind) => {
      const variable =
        kind === 'audio' ? 'HELSSA_PREVIEW_PICK_AUDIO' : 'HELSSA_PREVIEW_PICK_FOLDER';
      const picked = process.env[variable]?.trim();
      return Promise.resolve(picked ? path.resolve(picked) : null);
    },
  };
  const dispatcher = new ApiDispatcher(createHandlers(host), logger);
  const token = crypto.randomBytes(32).toString('base64url');
  let origin = '';

  const server = http.createServer((request, response) => {
    if (request.url === '/__preview/clock' && values['test-clock']) {
      moveClock(request, response);
      return;
    }
    serveStatic(rendererOut, request, response);
  });
  const moveClock = (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (request.method !== 'POST' || request.headers['x-preview-token'] !== token) {
      response.writeHead(403).end();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { advanceMs } = JSON.parse(body || '{}') as { advanceMs?: number };
      if (typeof advanceMs === 'number' && advanceMs > 0) clock.advance(advanceMs);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ now: clock.now().toISOString() }));
    });
  };
  attachBridge({
    server,
    origin: () => origin,
    token,
    dispatcher,
    logger,
    audio: (ticket) => (core.isUnlocked ? core.services.capture.attach(ticket) : null),
  });

  server.listen(Number(values.port), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : Number(values.port);
    origin = `http://127.0.0.1:${port}`;
    const url = `${origin}/?bridge=${token}`;
    process.stdout.write(`HELSSA_PREVIEW ${JSON.stringify({ url, origin, token, dataDir })}\n`);
    process.stderr.write(`\n  HELSSA Clinic preview: ${url}\n  data: ${dataDir}\n`);
    if (!values.fresh && core.isSetUp()) {
      for (const user of DEMO_USERS) {
        process.stderr.write(`  demo sign-in: ${user.username} / ${user.password}\n`);
      }
    }
  });

  const stop = () => {
    stopSweeper();
    server.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[preview] could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
