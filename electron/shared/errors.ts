import type { MessageKey } from './messages';

/**
 * Error codes every layer understands. A code says what kind of failure it is (for program
 * logic and exit codes); the message key says what to tell the user (in Persian or English).
 */
export const errorCodes = [
  'validation',
  'not_found',
  'conflict',
  'permission_denied',
  'auth_failed',
  'account_locked',
  'session_locked',
  'session_expired',
  'wrong_passphrase',
  'vault_unavailable',
  'keys_locked',
  'tampered',
  'database_newer',
  'migration_failed',
  'not_set_up',
  'already_set_up',
  'backup_invalid',
  'io',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type MessageParams = Readonly<Record<string, string | number>>;

/** One invalid field of a form, with its own message. */
export interface FieldError {
  readonly field: string;
  readonly messageKey: MessageKey;
  readonly params?: MessageParams;
}

/** What crosses a process boundary: never a stack, never patient data. */
export interface ErrorShape {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly params?: MessageParams;
  readonly detail?: string;
  readonly fields?: readonly FieldError[];
}
