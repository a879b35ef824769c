import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, TEST_PASSPHRASE } from '../core/testing/fixtures';

/**
 * Runs the real command-line tool in a child process, as IT would: `node --import tsx
 * electron/cli/main.ts …` from the repository root, secrets in the environment, stdin not a
 * terminal. For the CLI's tests only.
 */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;

/** The secrets of a clinic set up by `initArgs`. */
export const secrets = {
  HELSSA_PASSPHRASE: TEST_PASSPHRASE,
  HELSSA_PASSWORD: ADMIN_PASSWORD,
} as const;

export function initArgs(dataDir: string): string[] {
  return [
    'init',
    '--data-dir',
    dataDir,
    '--clinic-name',
    'کلینیک آزمایشی هلسا',
    '--clinic-name-en',
    'HELSSA Test Clinic',
    '--admin',
    'admin',
    '--admin-name',
    'مدیر آزمایشی',
  ];
}

export const initEnv: CliEnv = {
  HELSSA_PASSPHRASE: TEST_PASSPHRASE,
  HELSSA_NEW_PASSWORD: ADMIN_PASSWORD,
};

export function runCli(args: readonly string[], env: CliEnv = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Nothing of the caller's HELSSA_* settings (or the test runner's hooks) leaks in.
    if (!name.startsWith('HELSSA_') && name !== 'NODE_OPTIONS') childEnv[name] = value;
  }
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) childEnv[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A line of a stack trace, which the tool must never print. */
export const STACK_LINE = /^\s+at .+[:(]/m;
