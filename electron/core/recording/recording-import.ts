import path from 'node:path';
import { z } from 'zod';
import type { Actor } from '../../shared/roles';
import {
  AudioImportError,
  decodeToPcm,
  locateFfmpeg,
  PCM_SAMPLE_RATE,
  probeAudio,
  type FfmpegTools,
  type LocateFfmpegOptions,
} from '../audio-import';
import { parseInput } from '../validation';
import { startRecordingSchema, type RecordingSummary } from './recording-inputs';
import type { RecordingService } from './recording-service';

/** The visit, the file (a path on this machine, chosen by the host or typed at the CLI). */
export const importFileSchema = startRecordingSchema.extend({
  file: z.string().min(1).max(4096),
});
export type ImportFileInput = z.input<typeof importFileSchema>;

export interface ImportProgress {
  /** Audio decoded and stored so far. */
  readonly decodedMs: number;
  /** The length the file announces; null when it does not say. */
  readonly totalMs: number | null;
  /** 0…100 from the two above (99 at most until the recording is stored); null without a length. */
  readonly percent: number | null;
}

export interface ImportFileOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** An ffmpeg already located; otherwise looked for with `locate`. */
  readonly tools?: FfmpegTools | undefined;
  /**
   * Where to look for ffmpeg: the `audio.ffmpegPath` setting, the app's resources (by default the
   * packaged app's `resources/` folder, when running in Electron), then PATH.
   */
  readonly locate?: LocateFfmpegOptions | undefined;
}

/**
 * Imports an audio file into a new recording of a visit (source 'import'):
 *
 * 1. every refusal that needs no file (permission, consent, an unfinished recording);
 * 2. ffmpeg is located and the file probed — not audio, no audio track, unsupported, damaged or
 *    cut off, or no ffmpeg: refused here, before anything is created;
 * 3. the recording is created and ffmpeg's 16 kHz mono PCM streams into its encrypted chunks;
 * 4. only when ffmpeg has finished cleanly do the chunks get their rows (transcription pending,
 *    the worker is woken) and the recording its access-log entry.
 *
 * A decode that fails midway, a cancel and a shutdown all discard the recording: rows, key and
 * folder go, and the visit is as it was.
 */
export async function importAudioFile(
  recordings: RecordingService,
  actor: Actor,
  input: ImportFileInput,
  options: ImportFileOptions = {},
): Promise<RecordingSummary> {
  const { file, ...recording } = parseInput(importFileSchema, input);
  const { signal, onProgress } = options;
  recordings.checkImport(actor, recording.encounterId);
  throwIfCancelled(signal);
  const tools =
    options.tools ??
    (await locateFfmpeg({ resourcesDir: packagedResourcesDir(), ...options.locate }));
  throwIfCancelled(signal);
  const probe = await probeAudio(file, { tools, signal });
  throwIfCancelled(signal);

  const totalMs =
    probe.durationSeconds === undefined ? null : Math.round(probe.durationSeconds * 1000);
  const draft = recordings.beginImport(actor, recording, { expectedMs: totalMs ?? undefined });
  const report = (decodedMs: number, done: boolean) =>
    onProgress?.({
      decodedMs: Math.round(decodedMs),
      totalMs,
      percent: done ? 100 : totalMs ? Math.min(99, Math.floor((decodedMs / totalMs) * 100)) : null,
    });
  let summary: RecordingSummary;
  try {
    let decodedMs = 0;
    for await (const frame of decodeToPcm(file, { tools, probe, signal })) {
      // Shut down (or otherwise discarded) while ffmpeg was working.
      if (draft.discarded) throw new AudioImportError('cancelled', { detail: 'discarded' });
      draft.append(frame);
      decodedMs += (frame.length / PCM_SAMPLE_RATE) * 1000;
      report(decodedMs, false);
    }
    throwIfCancelled(signal);
    if (draft.discarded) throw new AudioImportError('cancelled', { detail: 'discarded' });
    summary = draft.commit();
  } catch (error) {
    draft.discard(error instanceof AudioImportError ? error.reason : 'failed');
    throw error;
  }
  report(summary.durationMs, true);
  return summary;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AudioImportError('cancelled');
}

/**
 * The packaged app's resources folder (electron-builder copies the repository's `resources/`
 * into Electron's `process.resourcesPath`); undefined outside Electron.
 */
function packagedResourcesDir(): string | undefined {
  const resourcesPath: unknown = Reflect.get(process, 'resourcesPath');
  return typeof resourcesPath === 'string' ? path.join(resourcesPath, 'resources') : undefined;
}
