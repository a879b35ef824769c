import { AppError } from '../errors';
import type { ErrorCode } from '../../shared/errors';
import type { MessageKey } from '../../shared/messages';

/** Why an import failed, for program logic; each has its own user-facing message. */
export type AudioImportFailure =
  | 'ffmpeg_missing'
  | 'file_unreadable'
  | 'not_audio'
  | 'no_audio_track'
  | 'unsupported'
  | 'corrupt'
  | 'truncated'
  | 'cancelled';

const failures: Record<AudioImportFailure, { code: ErrorCode; messageKey: MessageKey }> = {
  ffmpeg_missing: { code: 'not_found', messageKey: 'audioImport.ffmpegMissing' },
  file_unreadable: { code: 'io', messageKey: 'audioImport.fileUnreadable' },
  not_audio: { code: 'validation', messageKey: 'audioImport.notAudio' },
  no_audio_track: { code: 'validation', messageKey: 'audioImport.noAudioTrack' },
  unsupported: { code: 'validation', messageKey: 'audioImport.unsupported' },
  corrupt: { code: 'validation', messageKey: 'audioImport.corrupt' },
  truncated: { code: 'validation', messageKey: 'audioImport.truncated' },
  // No dedicated "cancelled" error code exists yet; `io` keeps it out of the validation bucket.
  cancelled: { code: 'io', messageKey: 'audioImport.cancelled' },
};

/**
 * A failed probe or decode. `detail` holds ffmpeg's own words (its stderr tail) with the file's
 * name scrubbed out, so it can go to a log: the name of a patient's recording is PHI.
 */
export class AudioImportError extends AppError {
  readonly reason: AudioImportFailure;

  constructor(reason: AudioImportFailure, options: { detail?: string; cause?: unknown } = {}) {
    const { code, messageKey } = failures[reason];
    super(code, messageKey, options);
    this.name = 'AudioImportError';
    this.reason = reason;
  }
}

export function isAudioImportError(error: unknown): error is AudioImportError {
  return error instanceof AudioImportError;
}
