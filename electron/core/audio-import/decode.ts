import { spawn } from 'node:child_process';
import { AudioImportError } from './errors';
import { locateFfmpeg, type FfmpegTools } from './locate-ffmpeg';
import { probeAudio, throwIfCancelled, truncationPattern, type AudioProbe } from './probe';
import { inputUrl, scrubToolOutput } from './tools';

/** The PCM every later stage (chunk store, whisper) takes: 16 kHz, mono, signed 16-bit. */
export const PCM_SAMPLE_RATE = 16_000;

export interface DecodeProgress {
  readonly decodedSeconds: number;
  /** From the probe; undefined when the file does not say how long it is. */
  readonly totalSeconds: number | undefined;
  /** 0…1 when the length is known. */
  readonly fraction: number | undefined;
}

export interface DecodeOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: DecodeProgress) => void) | undefined;
  /** A located ffmpeg; looked up on PATH when not given. */
  readonly tools?: FfmpegTools | undefined;
  /** A probe already made of this file, to skip probing it again. */
  readonly probe?: AudioProbe | undefined;
  /** Length of each yielded frame; 1 s by default. */
  readonly frameSeconds?: number | undefined;
}

/**
 * Decodes an audio file to 16 kHz mono signed 16-bit PCM, streamed from ffmpeg's stdout (nothing
 * is written to disk), as frames of `frameSeconds` (the last one shorter).
 *
 * Success is only ever reported by the iteration ending normally: the last frame is held back
 * until ffmpeg has exited cleanly and the decoded length matches the length the file announced,
 * so a corrupt or truncated file ends in an AudioImportError after some frames, never in a
 * shorter "complete" recording. Callers storing frames as they come must discard them on error.
 *
 * Aborting the signal (or leaving the loop early) kills ffmpeg and waits for it to exit.
 */
export async function* decodeToPcm(
  file: string,
  options: DecodeOptions = {},
): AsyncGenerator<Int16Array, void, undefined> {
  const { signal, onProgress } = options;
  throwIfCancelled(signal);
  const tools = options.tools ?? (await locateFfmpeg());
  const probe = options.probe ?? (await probeAudio(file, { tools, signal }));
  throwIfCancelled(signal);

  const frameSamples = Math.max(1, Math.round((options.frameSeconds ?? 1) * PCM_SAMPLE_RATE));
  const frameBytes = frameSamples * 2;
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'warning',
    // Stop at the first decoding error instead of skipping damaged data in silence.
    '-xerror',
    '-protocol_whitelist',
    'file',
    '-i',
    inputUrl(file),
    '-map',
    `0:${probe.streamIndex}`,
    // soxr filters before decimating (no aliasing) and is in Debian's and most static builds.
    // Resampling in float keeps it deterministic: handed 16-bit samples, libsoxr adds random
    // dither, and the same file would give different PCM on every import.
    ...(tools.soxr ? ['-af', 'aresample=resampler=soxr:internal_sample_fmt=fltp'] : []),
    '-ac',
    '1',
    '-ar',
    String(PCM_SAMPLE_RATE),
    '-c:a',
    'pcm_s16le',
    '-f',
    's16le',
    'pipe:1',
  ];

  const child = spawn(tools.ffmpeg, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let spawnError: Error | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
    child.once('close', (code, killSignal) => resolve({ code, signal: killSignal }));
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-32_000);
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', kill, { once: true });

  const totalSeconds = probe.durationSeconds;
  let emittedSamples = 0;
  const report = () =>
    onProgress?.({
      decodedSeconds: emittedSamples / PCM_SAMPLE_RATE,
      totalSeconds,
      fraction:
        totalSeconds === undefined
          ? undefined
          : Math.min(1, emittedSamples / PCM_SAMPLE_RATE / totalSeconds),
    });

  try {
    const frame = new Uint8Array(frameBytes);
    let fill = 0;
    // Held back one frame, so the last one is only given out once success is certain.
    let pending: Int16Array | undefined;
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      // Pipe reads split anywhere, odd bytes included; frames are assembled byte-exact.
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - fill, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), fill);
        fill += take;
        offset += take;
        if (fill === frameBytes) {
          fill = 0;
          const complete = pcmFrame(frame, frameBytes);
          if (pending) {
            yield pending;
            // Frames already read must not trickle out after a cancel.
            throwIfCancelled(signal);
            emittedSamples += pending.length;
            report();
          }
          pending = complete;
        }
      }
    }
    const exit = await exited;
    throwIfCancelled(signal);
    if (spawnError) {
      throw new AudioImportError('ffmpeg_missing', {
        detail: `ffmpeg could not be started (${(spawnError as NodeJS.ErrnoException).code ?? 'error'})`,
      });
    }
    const tail = fill >= 2 ? pcmFrame(frame, fill - (fill % 2)) : undefined;
    const decodedSamples = emittedSamples + (pending?.length ?? 0) + (tail?.length ?? 0);
    const detail = scrubToolOutput(stderr, file);
    const short = shortfall(probe, decodedSamples / PCM_SAMPLE_RATE);
    if (exit.code !== 0) {
      const reason = short || truncationPattern.test(detail) ? 'truncated' : 'corrupt';
      throw new AudioImportError(reason, {
        detail: `ffmpeg exited with ${exit.code ?? exit.signal ?? 'nothing'}${detail ? `: ${detail}` : ''}`,
      });
    }
    if (short) {
      throw new AudioImportError('truncated', {
        detail: `decoded ${(decodedSamples / PCM_SAMPLE_RATE).toFixed(2)} s of the ${totalSeconds?.toFixed(2)} s the file announces${detail ? `: ${detail}` : ''}`,
      });
    }
    for (const last of [pending, tail]) {
      if (!last) continue;
      yield last;
      emittedSamples += last.length;
    }
    report();
  } finally {
    signal?.removeEventListener('abort', kill);
    kill();
    child.stdout.destroy();
    // Reap the child before returning, so no zombie outlives the import.
    await exited;
  }
}

/** A copy with its own aligned buffer (a pooled Buffer may start at an odd offset). */
function pcmFrame(bytes: Uint8Array, length: number): Int16Array {
  const copy = new Uint8Array(length);
  copy.set(bytes.subarray(0, length));
  // s16le read as host order: every platform the app ships on is little-endian.
  return new Int16Array(copy.buffer);
}

/**
 * Whether the decode stopped well before the length the file's header announced. A length ffmpeg
 * only estimated from the bit rate proves nothing, so it is not held against the file.
 */
function shortfall(probe: AudioProbe, decodedSeconds: number): boolean {
  const expected = probe.durationSeconds;
  if (expected === undefined || probe.durationEstimated) return false;
  return expected - decodedSeconds > Math.max(0.25, expected * 0.01);
}
