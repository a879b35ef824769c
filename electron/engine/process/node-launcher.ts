// ProcessLauncher for plain Node: the engine process is a child forked with structured-clone IPC
// (`serialization: 'advanced'`), so typed arrays of PCM cross without JSON. A TypeScript entry (the
// default in development and tests) runs through tsx. The Electron utilityProcess launcher lives in
// electron/main/engine-launcher.ts and implements the same interface.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EngineExit, EngineProcess, ProcessLauncher } from './engine-host';

/** electron/engine/process/engine-main.ts */
export function defaultEngineEntry(): string {
  return resolve(import.meta.dirname, 'engine-main.ts');
}

export interface NodeLauncherOptions {
  /** The entry module; default engine-main.ts next to this file. */
  modulePath?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Default: tsx's loader for a .ts entry, nothing otherwise. */
  execArgv?: string[];
  /** The child's stdout and stderr; default inherited (the engine logs little). */
  stdio?: 'inherit' | 'ignore';
}

function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

class NodeEngineProcess implements EngineProcess {
  private exited = false;
  private readonly exitListeners: ((exit: EngineExit) => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    child.on('exit', (code, signal) => this.finish({ code, signal }));
    child.on('error', (error) => {
      // Spawn failures and failed sends. A spawn failure gets no 'exit' event.
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
        this.finish({ code: null, signal: null, reason: error.message });
      }
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: unknown): void {
    if (!this.child.connected) return;
    // A child that goes away mid-send fails the send; its exit is reported separately.
    this.child.send(message as never, () => undefined);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.child.on('message', listener);
  }

  onExit(listener: (exit: EngineExit) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private finish(exit: EngineExit): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(exit);
  }
}

export function nodeProcessLauncher(options: NodeLauncherOptions = {}): ProcessLauncher {
  const modulePath = options.modulePath ?? defaultEngineEntry();
  return {
    launch() {
      const execArgv =
        options.execArgv ?? (modulePath.endsWith('.ts') ? ['--import', tsxLoader()] : []);
      const stdio = options.stdio ?? 'inherit';
      const child = fork(modulePath, options.args ?? [], {
        serialization: 'advanced',
        execArgv,
        env: options.env ?? process.env,
        stdio: ['ignore', stdio, stdio, 'ipc'],
      });
      return new NodeEngineProcess(child);
    },
  };
}
