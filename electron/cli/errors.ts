import type { ErrorCode } from '../shared/errors';
import { isAppError } from '../core/errors';
import type { Logger } from '../core/log/logger';
import type { AnyMessageKey, MessageParams } from './messages';
import { render } from './messages';
import type { Output } from './output';

/**
 * Exit codes of the command-line tool (also listed by `--help`):
 *
 *   0    ok
 *   1    anything unexpected: 'error.internal' is printed, the stack goes to <data>/logs/cli.log;
 *        also I/O failures and a database written by a newer app (their own message is printed)
 *   2    usage error: unknown command or option, missing option or argument, a value that is not
 *        a number, and a secret that is neither in its environment variable nor askable because
 *        stdin is not a terminal
 *   3    invalid input or conflict: validation and conflict errors (each field error is printed
 *        with its field and message), unknown patient or user, two prompt entries that differ
 *   4    authentication and keys: auth_failed, account_locked, session_*, wrong_passphrase,
 *        keys_locked, vault_unavailable, permission_denied, not_set_up, already_set_up
 *   5    integrity: the access-log chain is broken, data was tampered with, backup_invalid
 *   130  cancelled with Ctrl+C at a secret prompt
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  input: 3,
  auth: 4,
  integrity: 5,
  interrupted: 130,
} as const;
export type ExitKind = keyof typeof EXIT;
export type ExitCode = (typeof EXIT)[ExitKind];

/** A failure of the tool itself (usage, secrets), with what to tell the user. */
export class CliError extends Error {
  readonly kind: Exclude<ExitKind, 'ok'>;
  readonly messageKey: AnyMessageKey;
  readonly params: MessageParams | undefined;

  constructor(kind: Exclude<ExitKind, 'ok'>, messageKey: AnyMessageKey, params?: MessageParams) {
    super(`${kind}: ${messageKey}`);
    this.name = 'CliError';
    this.kind = kind;
    this.messageKey = messageKey;
    this.params = params;
  }
}

/** A usage error; the help hint is printed after it. */
export function usageError(messageKey: AnyMessageKey, params?: MessageParams): CliError {
  return new CliError('usage', messageKey, params);
}

export function exitKindOf(code: ErrorCode): Exclude<ExitKind, 'ok' | 'usage' | 'interrupted'> {
  switch (code) {
    case 'validation':
    case 'conflict':
    case 'not_found':
      return 'input';
    case 'auth_failed':
    case 'account_locked':
    case 'session_locked':
    case 'session_expired':
    case 'wrong_passphrase':
    case 'vault_unavailable':
    case 'keys_locked':
    case 'permission_denied':
    case 'not_set_up':
    case 'already_set_up':
      return 'auth';
    case 'tampered':
    case 'backup_invalid':
      return 'integrity';
    case 'database_newer':
    case 'migration_failed':
    case 'io':
    case 'internal':
      return 'unexpected';
  }
}

export interface ErrorContext {
  readonly out: Output;
  /** Field name (as the core reports it) → what the user typed it as: a flag or a variable. */
  readonly fields?: Readonly<Record<string, string>> | undefined;
  /** The help command to suggest after a usage error. */
  readonly helpCommand: string;
  /** The log for unexpected errors; null when there is no data folder to write one in. */
  readonly logger: () => { logger: Logger; file: string } | null;
}

/**
 * Prints an error the way the user should see it and returns the exit code. Never a stack trace:
 * AppErrors and CliErrors are shown by message key (plus the AppError's technical detail, which
 * never holds patient data); anything else prints 'error.internal' and goes to the log file.
 * Raw input is never echoed back.
 */
export function reportError(error: unknown, context: ErrorContext): ExitCode {
  const { out } = context;
  if (error instanceof CliError) {
    out.warn(error.messageKey, error.params);
    if (error.kind === 'usage') out.warn('cli.usage.seeHelp', { command: context.helpCommand });
    if (out.json) out.document(errorDocument(error.kind, error.messageKey, error.params));
    return EXIT[error.kind];
  }
  if (isAppError(error)) {
    const kind = exitKindOf(error.code);
    const shown = error.code === 'internal' ? 'error.internal' : error.messageKey;
    out.warn(shown, error.params);
    for (const field of error.fields ?? []) {
      const label = fieldLabel(field.field, context.fields);
      out.printErr(
        out.languages.map(
          (language) => `  ${label}: ${render(field.messageKey, language, field.params)}`,
        ),
      );
    }
    if (error.detail && error.code !== 'internal') {
      out.warn('cli.error.detail', { detail: error.detail }, '  ');
    }
    if (kind === 'unexpected') logUnexpected(error, context);
    if (out.json) {
      out.document({
        ...errorDocument(kind, shown, error.params),
        error: {
          code: error.code,
          messageKey: shown,
          message: messageOf(shown, error.params),
          ...(error.detail && error.code !== 'internal' ? { detail: error.detail } : {}),
          ...(error.fields
            ? {
                fields: error.fields.map((field) => ({
                  field: field.field,
                  messageKey: field.messageKey,
                  message: messageOf(field.messageKey, field.params),
                })),
              }
            : {}),
        },
      });
    }
    return EXIT[kind];
  }
  out.warn('error.internal');
  logUnexpected(error, context);
  if (out.json) out.document(errorDocument('unexpected', 'error.internal'));
  return EXIT.unexpected;
}

function logUnexpected(error: unknown, context: ErrorContext): void {
  const log = context.logger();
  if (!log) return;
  log.logger.error('cli.failed', error);
  context.out.warn('cli.error.logFile', { file: log.file }, '  ');
}

function fieldLabel(field: string, known: Readonly<Record<string, string>> | undefined): string {
  const asTyped = known?.[field];
  return asTyped ? `${field} (${asTyped})` : field;
}

function messageOf(key: AnyMessageKey, params?: MessageParams): { fa: string; en: string } {
  return { fa: render(key, 'fa', params), en: render(key, 'en', params) };
}

function errorDocument(
  kind: Exclude<ExitKind, 'ok'>,
  messageKey: AnyMessageKey,
  params?: MessageParams,
): { ok: false; exitCode: number; error: Record<string, unknown> } {
  return {
    ok: false,
    exitCode: EXIT[kind],
    error: { code: kind, messageKey, message: messageOf(messageKey, params) },
  };
}
