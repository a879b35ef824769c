import type { ErrorCode, ErrorShape, FieldError, MessageParams } from '../shared/errors';
import type { MessageKey } from '../shared/messages';

interface AppErrorOptions {
  /** Technical detail for logs and support; never patient data. */
  readonly detail?: string;
  readonly params?: MessageParams;
  readonly fields?: readonly FieldError[];
  readonly cause?: unknown;
}

/**
 * The one error type services throw for anything a user or an operator can act on. It carries a
 * code (what kind of failure), a message key (what to say, in Persian or English) and the
 * technical detail separately, so the UI and the CLI never show a stack trace for a user error.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly detail: string | undefined;
  readonly params: MessageParams | undefined;
  readonly fields: readonly FieldError[] | undefined;

  constructor(code: ErrorCode, messageKey: MessageKey, options: AppErrorOptions = {}) {
    super(
      options.detail ? `${code}: ${messageKey} (${options.detail})` : `${code}: ${messageKey}`,
      {
        cause: options.cause,
      },
    );
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.detail = options.detail;
    this.params = options.params;
    this.fields = options.fields;
  }

  toShape(): ErrorShape {
    return {
      code: this.code,
      messageKey: this.messageKey,
      ...(this.params ? { params: this.params } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
