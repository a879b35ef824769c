import fs from 'node:fs/promises';
import { AudioImportError } from './errors';
import type { FfmpegTools } from './locate-ffmpeg';
import { inputUrl, runTool, scrubToolOutput } from './tools';

/** What the file really holds, read from its content (the extension is never trusted). */
export interface AudioProbe {
  /** ffmpeg's demuxer name, e.g. "wav", "mp3", "mov,mp4,m4a,3gp,3g2,mj2", "ogg", "matroska,webm". */
  readonly container: string;
  /** The audio codec, e.g. "pcm_s16le", "mp3", "aac", "opus", "vorbis", "flac". */
  readonly codec: string;
  /** Length in seconds, when the file says; undefined for a stream that does not. */
  readonly durationSeconds: number | undefined;
  /** True when ffmpeg guessed the length from the bit rate (no header says it), so it is approximate. */
  readonly durationEstimated: boolean;
  readonly sampleRate: number;
  readonly channels: number;
  /** Index of the audio stream that will be decoded. */
  readonly streamIndex: number;
}

/** Containers and codecs the import accepts (see README "Audio import"). */
const supportedContainers = ['wav', 'mp3', 'mov', 'mp4', 'm4a', 'ogg', 'matroska', 'webm', 'flac'];
const supportedCodecs = ['mp3', 'aac', 'opus', 'vorbis', 'flac', 'alac'];
const isSupportedCodec = (codec: string) =>
  codec.startsWith('pcm_') || supportedCodecs.includes(codec);

/** Demuxers that mean "a picture or a text", which ffmpeg can open but which are not recordings. */
const notAudioContainers = /(^|,)(image2|[a-z0-9]+_pipe|tty|srt|ass|webvtt|lrc|subviewer|txt)(,|$)/;

/** ffmpeg's ways of saying the file stops before its own header says it should. */
export const truncationPattern =
  /moov atom not found|ended prematurely|partial file|filesize and duration do not match|unexpected end of file|truncat/i;

export interface ProbeOptions {
  readonly tools: FfmpegTools;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Reads what a file holds with ffprobe (or `ffmpeg -i` where no ffprobe ships) and refuses what
 * cannot be imported: not audio at all, no audio track, an unsupported format, a header that
 * promises data which is not there.
 */
export async function probeAudio(file: string, options: ProbeOptions): Promise<AudioProbe> {
  await ensureReadable(file);
  const parsed = options.tools.ffprobe
    ? await probeWithFfprobe(options.tools.ffprobe, file, options.signal)
    : await probeWithFfmpeg(options.tools.ffmpeg, file, options.signal);
  return classify(parsed);
}

interface ParsedStream {
  readonly index: number;
  readonly type: string;
  readonly codec: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly duration: number | undefined;
  readonly isDefault: boolean;
}

interface Parsed {
  readonly container: string;
  readonly duration: number | undefined;
  readonly streams: readonly ParsedStream[];
  /** ffmpeg's warnings, scrubbed of the file name. */
  readonly warnings: string;
}

async function ensureReadable(file: string): Promise<void> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
    const handle = await fs.open(file, 'r');
    await handle.close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'not a regular file';
    throw new AudioImportError('file_unreadable', { detail: `cannot open the file (${code})` });
  }
  if (size === 0) throw new AudioImportError('not_audio', { detail: 'the file is empty' });
}

async function probeWithFfprobe(
  ffprobe: string,
  file: string,
  signal: AbortSignal | undefined,
): Promise<Parsed> {
  const run = await runTool(
    ffprobe,
    [
      '-hide_banner',
      '-v',
      'warning',
      '-protocol_whitelist',
      'file',
      '-show_streams',
      '-show_format',
      '-of',
      'json',
      inputUrl(file),
    ],
    { timeoutMs: 60_000, signal },
  );
  throwIfCancelled(signal);
  const warnings = scrubToolOutput(run.stderr, file);
  if (run.spawnError) {
    throw new AudioImportError('ffmpeg_missing', {
      detail: `ffprobe could not be started (${run.spawnError.code ?? 'error'})`,
    });
  }
  if (run.code !== 0) throw openFailure(warnings);
  let json: FfprobeJson;
  try {
    json = JSON.parse(run.stdout) as FfprobeJson;
  } catch {
    throw new AudioImportError('corrupt', { detail: 'ffprobe printed no readable description' });
  }
  return {
    container: json.format?.format_name ?? '',
    duration: seconds(json.format?.duration),
    streams: (json.streams ?? []).map((stream) => ({
      index: stream.index ?? 0,
      type: stream.codec_type ?? '',
      codec: stream.codec_name ?? '',
      sampleRate: Number(stream.sample_rate ?? 0) || 0,
      channels: stream.channels ?? 0,
      duration: seconds(stream.duration),
      isDefault: stream.disposition?.default === 1,
    })),
    warnings,
  };
}

interface FfprobeJson {
  readonly format?: { readonly format_name?: string; readonly duration?: string };
  readonly streams?: readonly {
    readonly index?: number;
    readonly codec_type?: string;
    readonly codec_name?: string;
    readonly sample_rate?: string;
    readonly channels?: number;
    readonly duration?: string;
    readonly disposition?: { readonly default?: number };
  }[];
}

/** Without ffprobe: `ffmpeg -i` describes the input on stderr, then complains there is no output. */
async function probeWithFfmpeg(
  ffmpeg: string,
  file: string,
  signal: AbortSignal | undefined,
): Promise<Parsed> {
  const run = await runTool(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-protocol_whitelist', 'file', '-i', inputUrl(file)],
    { timeoutMs: 60_000, signal },
  );
  throwIfCancelled(signal);
  if (run.spawnError) {
    throw new AudioImportError('ffmpeg_missing', {
      detail: `ffmpeg could not be started (${run.spawnError.code ?? 'error'})`,
    });
  }
  const text = scrubToolOutput(run.stderr, file, 20_000);
  const input = /^Input #0, (.+?), from /m.exec(text);
  if (!input?.[1]) throw openFailure(scrubToolOutput(run.stderr, file));
  const duration = /^\s*Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/m.exec(text);
  const streams: ParsedStream[] = [];
  for (const match of text.matchAll(
    /^\s*Stream #0:(\d+)[^:]*: (Audio|Video|Subtitle|Data|Attachment): ([\w-]+)(.*)$/gm,
  )) {
    const rest = match[4] ?? '';
    const layout = /\d+ Hz, ([^,]+)/.exec(rest)?.[1]?.trim() ?? '';
    streams.push({
      index: Number(match[1]),
      type: (match[2] ?? '').toLowerCase(),
      codec: match[3] ?? '',
      sampleRate: Number(/(\d+) Hz/.exec(rest)?.[1] ?? 0),
      channels: channelsOfLayout(layout),
      duration: undefined,
      isDefault: rest.includes('(default)'),
    });
  }
  return {
    container: input[1],
    duration: duration
      ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])
      : undefined,
    streams,
    warnings: scrubToolOutput(run.stderr, file),
  };
}

function channelsOfLayout(layout: string): number {
  const named: Record<string, number> = {
    mono: 1,
    stereo: 2,
    '2.1': 3,
    '3.0': 3,
    quad: 4,
    '4.0': 4,
    '5.0': 5,
    '5.1': 6,
    '6.1': 7,
    '7.1': 8,
  };
  const base = layout.replace(/\(.*\)$/, '');
  return named[base] ?? Number(/^(\d+) channels/.exec(layout)?.[1] ?? 0);
}

function classify(parsed: Parsed): AudioProbe {
  const audio = parsed.streams.filter((stream) => stream.type === 'audio');
  if (audio.length === 0) {
    const looksLikeMedia = parsed.streams.length > 0 && !notAudioContainers.test(parsed.container);
    throw new AudioImportError(looksLikeMedia ? 'no_audio_track' : 'not_audio', {
      detail: `container ${parsed.container || 'unknown'}, streams: ${
        parsed.streams.map((s) => `${s.type}/${s.codec}`).join(', ') || 'none'
      }`,
    });
  }
  const stream = audio.find((s) => s.isDefault) ?? audio[0];
  if (!stream) throw new AudioImportError('no_audio_track');
  const containerNames = parsed.container.split(',');
  if (
    !containerNames.some((name) => supportedContainers.includes(name)) ||
    !isSupportedCodec(stream.codec)
  ) {
    throw new AudioImportError('unsupported', {
      detail: `container ${parsed.container}, codec ${stream.codec}`,
    });
  }
  if (stream.sampleRate <= 0) {
    throw new AudioImportError('corrupt', {
      detail: `audio stream without a sample rate (${stream.codec})`,
    });
  }
  const duration = stream.duration ?? parsed.duration;
  return {
    container: parsed.container,
    codec: stream.codec,
    durationSeconds: duration !== undefined && duration > 0 ? duration : undefined,
    durationEstimated: /Estimating duration from bitrate/i.test(parsed.warnings),
    sampleRate: stream.sampleRate,
    channels: stream.channels,
    streamIndex: stream.index,
  };
}

/** ffmpeg could not open the file at all: cut short before its index, or not media at all. */
function openFailure(warnings: string): AudioImportError {
  return new AudioImportError(truncationPattern.test(warnings) ? 'truncated' : 'not_audio', {
    detail: warnings || 'ffmpeg could not open the file',
  });
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AudioImportError('cancelled');
}
