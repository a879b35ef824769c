// ProcessLauncher over Electron's utilityProcess: the engine process (electron/engine/process/
// engine-main.ts, built to JavaScript) runs as a utility process and talks to the host through
// postMessage / process.parentPort, by structured clone like Node's advanced-serialization fork.
import { utilityProcess, type UtilityProcess } from 'electron';
import type { EngineExit, EngineProcess, ProcessLauncher } from '../engine/process/engine-host';

export interface UtilityEngineLauncherOptions {
  /** The built engine entry (JavaScript), e.g. out/main/engine-main.js. */
  modulePath: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Shown in the OS task manager. */
  serviceName?: string;
}

class UtilityEngineProcess implements EngineProcess {
  private exited = false;
  private readonly exitListeners: ((exit: EngineExit) => void)[] = [];

  constructor(private readonly child: UtilityProcess) {
    child.once('exit', (code) => this.finish({ code, signal: null }));
    child.once('error', (type, location) =>
      this.finish({ code: null, signal: null, reason: `${type} at ${location}` }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: unknown): void {
    if (!this.exited) this.child.postMessage(message);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.child.on('message', (message: unknown) => listener(message));
  }

  onExit(listener: (exit: EngineExit) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    if (!this.exited) this.child.kill();
  }

  private finish(exit: EngineExit): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(exit);
  }
}

export function utilityEngineLauncher(options: UtilityEngineLauncherOptions): ProcessLauncher {
  return {
    launch() {
      const child = utilityProcess.fork(options.modulePath, options.args ?? [], {
        serviceName: options.serviceName ?? 'HELSSA engine',
        stdio: 'inherit',
        ...(options.env ? { env: options.env } : {}),
      });
      return new UtilityEngineProcess(child);
    },
  };
}
