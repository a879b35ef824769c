import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToPcm, PCM_SAMPLE_RATE, type DecodeOptions, type DecodeProgress } from './decode';
import { AudioImportError, type AudioImportFailure } from './errors';
import { locateFfmpeg, type FfmpegTools } from './locate-ffmpeg';
import { probeAudio } from './probe';
import { ffmpeg, peak, requireAudioTools, truncateFile, wavSeconds } from './testing/test-audio';

/**
 * Real ffmpeg and espeak-ng (Debian packages `ffmpeg` and `espeak-ng`, installed by .ci/run):
 * every test file is generated here, in a temporary folder, from synthetic speech and tones.
 */
const run = promisify(execFile);
requireAudioTools();

const PERSIAN =
  'سلام خانم دکتر. از سه روز پیش سردرد دارم و دیشب تب داشتم. قرص استامینوفن خوردم ولی بهتر نشدم.';
const ENGLISH = 'Good morning doctor. I have had a headache for three days and a fever last night.';
const TONE_HZ = 440;
const TONE_SECONDS = 3;
const TOLERANCE_SECONDS = 0.06;

/** How each supported format is made from a 44.1 kHz stereo WAV. */
const formats = {
  wav: [],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '128k'],
  m4a: ['-c:a', 'aac', '-b:a', '128k'],
  ogg: ['-c:a', 'libopus', '-b:a', '64k'],
  webm: ['-c:a', 'libopus', '-b:a', '64k'],
  flac: ['-c:a', 'flac'],
} as const satisfies Record<string, readonly string[]>;
type Format = keyof typeof formats;
const expectedCodec: Record<Format, string> = {
  wav: 'pcm_s16le',
  mp3: 'mp3',
  m4a: 'aac',
  ogg: 'opus',
  webm: 'opus',
  flac: 'flac',
};

let dir: string;
let tools: FfmpegTools;
let speechSeconds: number;
let englishSeconds: number;
const file = (name: string) => path.join(dir, name);

async function decodeAll(
  input: string,
  options: DecodeOptions = {},
): Promise<{ pcm: Int16Array; frames: Int16Array[] }> {
  const frames: Int16Array[] = [];
  for await (const frame of decodeToPcm(input, { tools, ...options })) frames.push(frame);
  const pcm = new Int16Array(frames.reduce((sum, frame) => sum + frame.length, 0));
  let at = 0;
  for (const frame of frames) {
    pcm.set(frame, at);
    at += frame.length;
  }
  return { pcm, frames };
}

async function decodeFailure(
  input: string,
  options: DecodeOptions = {},
): Promise<AudioImportError> {
  const error = await decodeAll(input, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, input).toBeInstanceOf(AudioImportError);
  return error as AudioImportError;
}

/** Frequency from zero crossings of the middle of the signal (away from any fade at the ends). */
function zeroCrossingHz(pcm: Int16Array): number {
  const start = Math.floor(pcm.length * 0.2);
  const end = Math.floor(pcm.length * 0.8);
  let crossings = 0;
  for (let i = start + 1; i < end; i++) {
    if ((pcm[i - 1] ?? 0) < 0 !== (pcm[i] ?? 0) < 0) crossings++;
  }
  return crossings / 2 / ((end - start) / PCM_SAMPLE_RATE);
}

/** Signal power at one frequency (Goertzel), normalised per sample. */
function powerAt(pcm: Int16Array, hz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / PCM_SAMPLE_RATE);
  let s1 = 0;
  let s2 = 0;
  for (const sample of pcm) {
    const s = sample + coefficient * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / pcm.length;
}

/** ffmpeg processes that are children of this test process, zombies included (Linux /proc). */
function ffmpegChildren(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = /^\d+ \((.*)\) \S (\d+)/.exec(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat?.[1] === 'ffmpeg' && Number(stat[2]) === process.pid) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-audio-import-'));
  tools = await locateFfmpeg();
  const { stdout: voices } = await run('espeak-ng', ['--voices=fa']);
  const persian = /\sfa\s/.test(voices);
  await run('espeak-ng', ['-v', persian ? 'fa' : 'en', '-w', file('speech-source.wav'), PERSIAN]);
  await run('espeak-ng', ['-v', 'en', '-w', file('english-source.wav'), ENGLISH]);
  speechSeconds = wavSeconds(file('speech-source.wav'));
  englishSeconds = wavSeconds(file('english-source.wav'));

  // Masters at 44.1 kHz stereo, as a phone or a recorder would make them.
  await ffmpeg('-i', file('speech-source.wav'), '-ar', '44100', '-ac', '2', file('speech.wav'));
  await ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${TONE_HZ}:sample_rate=44100:duration=${TONE_SECONDS}`,
    '-ac',
    '2',
    file('tone.wav'),
  );
  const jobs: Promise<void>[] = [];
  for (const [format, codecArgs] of Object.entries(formats) as [Format, readonly string[]][]) {
    if (format === 'wav') continue;
    for (const master of ['speech', 'tone']) {
      jobs.push(ffmpeg('-i', file(`${master}.wav`), ...codecArgs, file(`${master}.${format}`)));
    }
  }
  jobs.push(
    ffmpeg(
      '-i',
      file('english-source.wav'),
      '-ar',
      '48000',
      '-c:a',
      'libopus',
      file('english.ogg'),
    ),
    // 1 kHz wanted, 11 kHz above the new Nyquist (8 kHz): a resampler that does not filter
    // first folds it down to 16 − 11 = 5 kHz.
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'aevalsrc=0.4*sin(2*PI*1000*t)+0.4*sin(2*PI*11000*t):s=48000:d=2',
      '-c:a',
      'pcm_s16le',
      file('alias.wav'),
    ),
    // Five minutes, for cancelling while ffmpeg is busy.
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=300:sample_rate=44100:duration=300',
      '-c:a',
      'flac',
      file('long.flac'),
    ),
    // A picture and a video with no sound.
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=1', '-frames:v', '1', file('picture.png')),
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x64:rate=5:duration=1',
      '-c:v',
      'mpeg4',
      file('silent-video.mkv'),
    ),
    ffmpeg('-i', file('tone.wav'), '-c:a', 'pcm_s16be', file('tone.aiff')),
  );
  await Promise.all(jobs);
  await ffmpeg(
    '-i',
    file('speech.wav'),
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
    file('speech-faststart.m4a'),
  );
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('decodeToPcm, each supported format', () => {
  it.each(Object.keys(formats) as Format[])(
    'decodes %s speech to 16 kHz mono of the right length',
    async (format) => {
      const input = file(`speech.${format}`);
      const probe = await probeAudio(input, { tools });
      expect(probe.codec).toBe(expectedCodec[format]);
      expect(probe.channels).toBe(2);
      expect(probe.sampleRate).toBe(format === 'ogg' || format === 'webm' ? 48_000 : 44_100);

      const progress: DecodeProgress[] = [];
      const { pcm, frames } = await decodeAll(input, { onProgress: (p) => progress.push(p) });
      expect(pcm.length / PCM_SAMPLE_RATE).toBeGreaterThan(speechSeconds - TOLERANCE_SECONDS);
      expect(pcm.length / PCM_SAMPLE_RATE).toBeLessThan(speechSeconds + TOLERANCE_SECONDS);
      // One-second frames, only the last one shorter.
      for (const frame of frames.slice(0, -1)) expect(frame.length).toBe(PCM_SAMPLE_RATE);
      expect(frames.at(-1)?.length).toBeLessThanOrEqual(PCM_SAMPLE_RATE);
      // Speech, not silence.
      expect(peak(pcm)).toBeGreaterThan(3000);
      expect(progress.at(-1)?.fraction).toBeGreaterThan(0.98);
      const fractions = progress.map((p) => p.fraction ?? 0);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    },
  );

  it.each(Object.keys(formats) as Format[])(
    'keeps a %s tone at its pitch and length',
    async (format) => {
      const { pcm } = await decodeAll(file(`tone.${format}`));
      expect(Math.abs(pcm.length / PCM_SAMPLE_RATE - TONE_SECONDS)).toBeLessThan(TOLERANCE_SECONDS);
      expect(zeroCrossingHz(pcm)).toBeGreaterThan(TONE_HZ - 2);
      expect(zeroCrossingHz(pcm)).toBeLessThan(TONE_HZ + 2);
    },
  );

  it('decodes English speech in Ogg Opus too', async () => {
    const { pcm } = await decodeAll(file('english.ogg'));
    expect(Math.abs(pcm.length / PCM_SAMPLE_RATE - englishSeconds)).toBeLessThan(TOLERANCE_SECONDS);
  });

  it('filters before resampling: a tone above 8 kHz is removed, not folded down', async () => {
    const { pcm } = await decodeAll(file('alias.wav'));
    const wanted = powerAt(pcm, 1000);
    const alias = powerAt(pcm, 5000);
    expect(10 * Math.log10(wanted / alias)).toBeGreaterThan(60);
  });

  it('probes the content, not the name: MP3 data called .wav decodes as MP3', async () => {
    fs.copyFileSync(file('speech.mp3'), file('misnamed.wav'));
    const probe = await probeAudio(file('misnamed.wav'), { tools });
    expect(probe.container).toBe('mp3');
    const { pcm } = await decodeAll(file('misnamed.wav'));
    expect(Math.abs(pcm.length / PCM_SAMPLE_RATE - speechSeconds)).toBeLessThan(TOLERANCE_SECONDS);
  });

  it('assembles frames across any read boundary, odd sizes included', async () => {
    const whole = (await decodeAll(file('speech.flac'))).pcm;
    const odd = await decodeAll(file('speech.flac'), { frameSeconds: 197 / PCM_SAMPLE_RATE });
    expect(odd.frames[0]?.length).toBe(197);
    expect(odd.pcm).toEqual(whole);
  });

  it('probes with `ffmpeg -i` where no ffprobe is installed', async () => {
    const noProbe = { ...tools, ffprobe: undefined };
    const probe = await probeAudio(file('speech.m4a'), { tools: noProbe });
    expect(probe).toMatchObject({ codec: 'aac', sampleRate: 44_100, channels: 2 });
    expect(probe.container).toContain('mp4');
    expect(Math.abs((probe.durationSeconds ?? 0) - speechSeconds)).toBeLessThan(0.1);
    const { pcm } = await decodeAll(file('speech.m4a'), { tools: noProbe });
    expect(Math.abs(pcm.length / PCM_SAMPLE_RATE - speechSeconds)).toBeLessThan(TOLERANCE_SECONDS);
    fs.writeFileSync(file('notes-fallback.mp3'), 'not a recording\n');
    expect((await decodeFailure(file('notes-fallback.mp3'), { tools: noProbe })).reason).toBe(
      'not_audio',
    );
  });

  it('writes nothing to disk', async () => {
    const before = fs.readdirSync(dir).sort();
    await decodeAll(file('speech.m4a'));
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });
});

describe('decodeToPcm, files it must refuse', () => {
  const cases: [string, () => string, AudioImportFailure][] = [
    ['a truncated MP3', () => cut('speech.mp3'), 'truncated'],
    ['a truncated M4A (index at the end, cut off)', () => cut('speech.m4a'), 'truncated'],
    ['a truncated M4A (index first)', () => cut('speech-faststart.m4a'), 'truncated'],
    ['a truncated FLAC', () => cut('speech.flac'), 'truncated'],
    ['a truncated WebM', () => cut('speech.webm'), 'truncated'],
    ['a PNG named .mp3', () => copy('picture.png', 'picture.mp3'), 'not_audio'],
    [
      'a text file named .mp3',
      () => write('notes.mp3', 'Patient notes, not a recording.\n'),
      'not_audio',
    ],
    ['an empty file', () => write('empty.m4a', ''), 'not_audio'],
    ['a video without sound', () => file('silent-video.mkv'), 'no_audio_track'],
    ['an AIFF file', () => file('tone.aiff'), 'unsupported'],
    ['a file that is not there', () => file('missing.wav'), 'file_unreadable'],
  ];
  function cut(name: string): string {
    const target = file(`cut-${name}`);
    truncateFile(file(name), target, 0.6);
    return target;
  }
  function copy(from: string, to: string): string {
    fs.copyFileSync(file(from), file(to));
    return file(to);
  }
  function write(name: string, text: string): string {
    fs.writeFileSync(file(name), text);
    return file(name);
  }

  it.each(cases)('refuses %s', async (_name, make, reason) => {
    const input = make();
    const yielded: number[] = [];
    const error = await decodeFailure(input, { onProgress: (p) => yielded.push(p.decodedSeconds) });
    expect(error.reason).toBe(reason);
    expect(error.messageKey).toMatch(/^audioImport\./);
    // ffmpeg's words are kept for support, but never the file's name.
    expect(error.message).not.toContain(path.basename(input));
    expect(error.message).not.toContain(dir);
    // Never reported as complete: the last frame and the final progress are held back.
    expect(yielded.every((seconds) => seconds < speechSeconds - 0.5)).toBe(true);
  });
});

describe('decodeToPcm, cancelling', () => {
  it('stops ffmpeg promptly when the signal aborts mid-decode, leaving no process behind', async () => {
    const controller = new AbortController();
    const iterator = decodeToPcm(file('long.flac'), { tools, signal: controller.signal });
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(ffmpegChildren()).toHaveLength(1);
    const started = performance.now();
    controller.abort();
    const error = await iterator.next().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(AudioImportError);
    expect((error as AudioImportError).reason).toBe('cancelled');
    expect(ffmpegChildren()).toEqual([]);
  });

  it('stops ffmpeg when the caller leaves the loop early', async () => {
    let frames = 0;
    for await (const frame of decodeToPcm(file('long.flac'), { tools })) {
      expect(frame.length).toBe(PCM_SAMPLE_RATE);
      if (++frames === 3) break;
    }
    expect(ffmpegChildren()).toEqual([]);
  });

  it('does not start ffmpeg for a signal already aborted', async () => {
    const error = await decodeFailure(file('speech.wav'), { signal: AbortSignal.abort() });
    expect(error.reason).toBe('cancelled');
    expect(ffmpegChildren()).toEqual([]);
  });
});
