import { CliError } from './errors';
import type { CliMessageKey, MessageParams } from './messages';
import type { Output } from './output';

/**
 * Secrets never come from command-line flags (shell history, `ps`): each has an environment
 * variable, and on a terminal it is asked for without echo. Without either the command fails
 * with a usage error (exit 2) naming the variable, before it does anything.
 */
export const secretVariables = {
  /** The clinic's key passphrase (PassphraseKeyVault). */
  passphrase: 'HELSSA_PASSPHRASE',
  /** The password of the --user acting. */
  password: 'HELSSA_PASSWORD',
  /** The password of a user being created (init's administrator, users add). */
  newPassword: 'HELSSA_NEW_PASSWORD',
  /** The passphrase of a backup file. */
  backupPassphrase: 'HELSSA_BACKUP_PASSPHRASE',
} as const;
export type SecretName = keyof typeof secretVariables;

/** Asks for one line without showing what is typed. */
export interface Prompter {
  ask(label: string): Promise<string>;
}

export interface SecretRequest {
  readonly prompt: CliMessageKey;
  readonly params?: MessageParams;
  /** A new secret: asked twice on a terminal (an environment variable is taken as it is). */
  readonly confirm?: boolean;
}

export class Secrets {
  private readonly env: NodeJS.ProcessEnv;
  private readonly prompter: Prompter | null;
  private readonly out: Output;

  constructor(env: NodeJS.ProcessEnv, prompter: Prompter | null, out: Output) {
    this.env = env;
    this.prompter = prompter;
    this.out = out;
  }

  /** Fails now, before any work, if one of these secrets cannot be had. */
  ensureAvailable(...names: readonly SecretName[]): void {
    for (const name of names) {
      if (this.fromEnv(name) === undefined && !this.prompter) throw missing(name);
    }
  }

  async get(name: SecretName, request: SecretRequest): Promise<string> {
    const fromEnv = this.fromEnv(name);
    if (fromEnv !== undefined) return fromEnv;
    if (!this.prompter) throw missing(name);
    const first = await this.prompter.ask(this.label(request.prompt, request.params));
    if (request.confirm) {
      const second = await this.prompter.ask(this.label('cli.prompt.again'));
      if (second !== first) throw new CliError('input', 'cli.secret.mismatch');
    }
    return first;
  }

  private fromEnv(name: SecretName): string | undefined {
    const value = this.env[secretVariables[name]];
    return value === undefined || value === '' ? undefined : value;
  }

  private label(key: CliMessageKey, params?: MessageParams): string {
    return `${this.out.lines(key, params).join('\n')}: `;
  }
}

function missing(name: SecretName): CliError {
  return new CliError('usage', 'cli.secret.missing', { variable: secretVariables[name] });
}

interface TtyInput extends NodeJS.ReadableStream {
  setRawMode(mode: boolean): unknown;
}

/**
 * Reads a line from a terminal in raw mode, echoing nothing. The label goes to stderr so that
 * stdout stays clean for --json. Ctrl+C cancels (exit 130); backspace and Ctrl+U edit; escape
 * sequences (arrow keys) are ignored.
 */
export function terminalPrompter(
  stdin: TtyInput,
  stderr: { write(text: string): unknown },
): Prompter {
  return {
    ask(label: string): Promise<string> {
      stderr.write(label);
      return new Promise<string>((resolve, reject) => {
        let value = '';
        const finish = (result: () => void) => {
          stdin.removeListener('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stderr.write('\n');
          result();
        };
        const onData = (chunk: string | Buffer) => {
          const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
          for (const ch of text) {
            if (ch === '\r' || ch === '\n' || ch === '\u0004') {
              finish(() => resolve(value));
              return;
            }
            if (ch === '\u0003') {
              finish(() => reject(new CliError('interrupted', 'cli.secret.cancelled')));
              return;
            }
            if (ch === '\u007f' || ch === '\b') {
              value = [...value].slice(0, -1).join('');
            } else if (ch === '\u0015') {
              value = '';
            } else if (ch === '\u001b') {
              break; // the rest of this chunk is the escape sequence
            } else if (ch >= ' ') {
              value += ch;
            }
          }
        };
        stdin.setRawMode(true);
        stdin.setEncoding('utf8');
        stdin.on('data', onData);
        stdin.resume();
      });
    },
  };
}
