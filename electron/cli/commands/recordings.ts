import path from 'node:path';
import { isAudioImportError } from '../../core/audio-import';
import type { ImportProgress } from '../../core/recording/recording-import';
import { asSignedInUser } from '../clinic';
import { defineCommand, type CommandContext } from '../command';
import { CliError, EXIT, usageError } from '../errors';

const text = (fa: string, en: string) => ({ fa, en });

export const recordingsImportCommand = defineCommand({
  path: ['recordings', 'import'],
  synopsis: '<visit-id> <file>',
  summary: text(
    'یک فایل صوتی موجود (wav، mp3، m4a، ogg/opus، webm یا flac) را ضبط یک ویزیت می‌کند و رونویسی آن را در صف می‌گذارد. رضایت بیمار باید از پیش ثبت شده باشد. ffmpeg از تنظیم audio.ffmpegPath، پوشهٔ منابع برنامه یا PATH پیدا می‌شود؛ نوع فایل از محتوای آن خوانده می‌شود. فایل آسیب‌دیده، ناقص یا غیرصوتی رد می‌شود و با Ctrl+C کار لغو می‌شود؛ در هر دو حال چیزی از آن نمی‌ماند.',
    "Imports an existing audio file (wav, mp3, m4a, ogg/opus, webm or flac) as a recording of a visit and queues its transcription. The patient's consent must already be recorded. ffmpeg is found from the audio.ffmpegPath setting, the app's resources or PATH; the file's content, not its name, says what it is. A damaged, cut-off or non-audio file is refused, and Ctrl+C cancels; either way nothing of it is kept.",
  ),
  positional: { name: '<visit-id> <file>', required: true, rest: true },
  options: {},
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: { encounterId: '<visit-id>', file: '<file>' },
  run(context) {
    const { args, out } = context;
    const [encounterId, given, ...extra] = args.positionals;
    if (extra.length > 0) throw usageError('cli.usage.unexpectedArgument');
    if (encounterId === undefined || given === undefined) {
      throw usageError('cli.usage.missingArgument', { name: '<file>' });
    }
    const file = path.resolve(given);
    return asSignedInUser(context, [], async ({ services, actor }) => {
      const cancel = new AbortController();
      const onSignal = () => cancel.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const progress = percentProgress(context);
      try {
        const recording = await services.recordings.importFile(
          actor,
          { encounterId, file, chunkSeconds: services.settings.get('recording.chunkSeconds') },
          {
            signal: cancel.signal,
            onProgress: progress?.onProgress,
            locate: { setting: services.settings.get('audio.ffmpegPath') },
          },
        );
        progress?.end();
        if (out.json) {
          out.document({ ok: true, recording });
        } else {
          out.say('audioImport.imported', {
            id: recording.id,
            seconds: (recording.durationMs / 1000).toFixed(1),
            chunks: recording.chunks,
          });
        }
        return EXIT.ok;
      } catch (error) {
        progress?.end();
        if (cancel.signal.aborted) throw new CliError('interrupted', 'audioImport.cancelled');
        // A file that is not there or cannot be opened is a wrong argument, not a fault of the tool.
        if (isAudioImportError(error) && error.reason === 'file_unreadable') {
          throw new CliError('input', error.messageKey);
        }
        throw error;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
  },
});

/** Percent on a terminal's stderr (rewriting one line); nothing on a pipe. */
function percentProgress(
  context: CommandContext,
): { onProgress: (progress: ImportProgress) => void; end(): void } | null {
  if (!context.stderrIsTty) return null;
  let shown: number | null = null;
  return {
    onProgress: ({ percent }) => {
      if (percent === null || percent === shown) return;
      shown = percent;
      context.out.progress('cli.backup.progress', { percent }, true);
    },
    end: () => {
      if (shown !== null) context.out.endProgress(true);
      shown = null;
    },
  };
}
