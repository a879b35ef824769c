import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Audio files for the import tests, made at run time from espeak-ng speech and ffmpeg's own
 * generators (Debian packages `espeak-ng` and `ffmpeg`, installed by .ci/run), so a clone with no
 * fixtures passes. Tests only.
 */
const run = promisify(execFile);

/** A Persian sentence as a patient might say it (English where espeak-ng has no Persian voice). */
export const PERSIAN_SPEECH =
  'سلام خانم دکتر. از سه روز پیش سردرد دارم و دیشب تب داشتم. قرص استامینوفن خوردم ولی بهتر نشدم.';

/** How each supported format is made from a 44.1 kHz stereo WAV. */
export const importFormats = {
  wav: [],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '128k'],
  m4a: ['-c:a', 'aac', '-b:a', '128k'],
  ogg: ['-c:a', 'libopus', '-b:a', '64k'],
  webm: ['-c:a', 'libopus', '-b:a', '64k'],
  flac: ['-c:a', 'flac'],
} as const satisfies Record<string, readonly string[]>;
export type ImportFormat = keyof typeof importFormats;
export const IMPORT_FORMATS = Object.keys(importFormats) as ImportFormat[];

/** Fails at once, naming the package, when a tool the tests need is not on PATH. */
export function requireAudioTools(): void {
  const onPath = (name: string) =>
    (process.env['PATH'] ?? '')
      .split(path.delimiter)
      .some((dir) => dir !== '' && fs.existsSync(path.join(dir, name)));
  for (const [tool, pkg] of [
    ['ffmpeg', 'ffmpeg'],
    ['ffprobe', 'ffmpeg'],
    ['espeak-ng', 'espeak-ng'],
  ] as const) {
    if (!onPath(tool)) throw new Error(`${tool} is missing from PATH; .ci/run installs ${pkg}.`);
  }
}

export async function ffmpeg(...args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);
}

/** `text` spoken by espeak-ng into a WAV (its Persian voice when it has one). */
export async function speak(file: string, text: string = PERSIAN_SPEECH): Promise<void> {
  const { stdout: voices } = await run('espeak-ng', ['--voices=fa']);
  const voice = /\sfa\s/.test(voices) ? 'fa' : 'en';
  await run('espeak-ng', ['-v', voice, '-w', file, text]);
}

/** Length of a WAV from its own header: data bytes over bytes per second. */
export function wavSeconds(wav: string): number {
  const bytes = fs.readFileSync(wav);
  let offset = 12;
  let rate = 0;
  let blockAlign = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    let size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      rate = bytes.readUInt32LE(offset + 12);
      blockAlign = bytes.readUInt16LE(offset + 20);
    }
    if (id === 'data') {
      // espeak-ng writes to a pipe-like stream and may leave the size unset.
      if (size === 0 || size === 0xffffffff) size = bytes.length - offset - 8;
      return size / blockAlign / rate;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

/**
 * Speech in every supported format, from one espeak-ng recording resampled to 44.1 kHz stereo
 * (as a phone or a recorder would make it). `seconds` is the speech's exact length.
 */
export async function makeSpeechFiles(
  dir: string,
  name = 'speech',
): Promise<{ seconds: number; files: Record<ImportFormat, string> }> {
  const source = path.join(dir, `${name}-source.wav`);
  await speak(source);
  const files = Object.fromEntries(
    IMPORT_FORMATS.map((format) => [format, path.join(dir, `${name}.${format}`)]),
  ) as Record<ImportFormat, string>;
  await ffmpeg('-i', source, '-ar', '44100', '-ac', '2', files.wav);
  await Promise.all(
    IMPORT_FORMATS.filter((format) => format !== 'wav').map((format) =>
      ffmpeg('-i', files.wav, ...importFormats[format], files[format]),
    ),
  );
  return { seconds: wavSeconds(source), files };
}

/** A tone of `seconds` as FLAC: long audio that decodes quickly (for cancelling midway). */
export async function makeTone(file: string, seconds: number, hz = 300): Promise<void> {
  await ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${hz}:sample_rate=44100:duration=${seconds}`,
    '-c:a',
    'flac',
    file,
  );
}

/** A picture (PNG) under any name: ffmpeg opens it, but it is not a recording. */
export async function makePicture(file: string): Promise<void> {
  const png = `${file}.png`;
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=1', '-frames:v', '1', png);
  fs.renameSync(png, file);
}

/** The first `fraction` of a file, as a download or a copy cut short would leave it. */
export function truncateFile(source: string, target: string, fraction: number): void {
  const bytes = fs.readFileSync(source);
  fs.writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** Largest absolute sample: speech from espeak-ng peaks far above 3000, silence at 0. */
export function peak(pcm: Int16Array): number {
  let max = 0;
  for (const sample of pcm) max = Math.max(max, Math.abs(sample));
  return max;
}

/** Root-mean-square level of the samples. */
export function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const sample of pcm) sum += sample * sample;
  return pcm.length === 0 ? 0 : Math.sqrt(sum / pcm.length);
}
