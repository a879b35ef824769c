import { AppError } from '../errors';
import type { ErrorCode, MessageParams } from '../../shared/errors';
import { isMessageKey, type MessageKey } from '../../shared/messages';

/** Why a model operation failed, for program logic; each has its own user-facing message. */
export type ModelFailure =
  | 'model_missing'
  | 'model_corrupt'
  | 'model_unknown'
  | 'source_unreadable'
  | 'cancelled'
  | 'manifest_invalid';

// The `models.*` message keys arrive in shared/messages with this feature. Until a key exists the
// nearest generic message is shown instead, so this module never names a key the app lacks.
const failures: Record<ModelFailure, { code: ErrorCode; key: string; fallback: MessageKey }> = {
  model_missing: { code: 'not_found', key: 'models.missing', fallback: 'notFound.generic' },
  // A wrong size or hash is an integrity failure (CLI exit code 5), like a damaged backup.
  model_corrupt: { code: 'tampered', key: 'models.corrupt', fallback: 'error.io' },
  model_unknown: { code: 'not_found', key: 'models.unknown', fallback: 'notFound.generic' },
  source_unreadable: { code: 'io', key: 'models.sourceUnreadable', fallback: 'error.io' },
  // No dedicated "cancelled" error code exists yet; `io` keeps it out of the validation bucket.
  cancelled: { code: 'io', key: 'models.cancelled', fallback: 'error.io' },
  manifest_invalid: {
    code: 'validation',
    key: 'models.manifestInvalid',
    fallback: 'validation.invalid',
  },
};

/**
 * A model that cannot be used, or an operation on models that failed. Params carry `model` (the
 * manifest id), `file` (its file name) and `folder` where they apply, so the message can tell IT
 * exactly which file to put where; `detail` lists the folders looked in, for the log.
 */
export class ModelStoreError extends AppError {
  readonly reason: ModelFailure;

  constructor(
    reason: ModelFailure,
    options: { params?: MessageParams; detail?: string; cause?: unknown } = {},
  ) {
    const { code, key, fallback } = failures[reason];
    const params = { detail: options.detail ?? reason, ...options.params };
    super(code, isMessageKey(key) ? key : fallback, { ...options, params });
    this.name = 'ModelStoreError';
    this.reason = reason;
  }
}

export function isModelStoreError(error: unknown): error is ModelStoreError {
  return error instanceof ModelStoreError;
}
