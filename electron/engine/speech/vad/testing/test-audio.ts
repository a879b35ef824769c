// Test audio for the VAD tests, made at run time: espeak-ng speech (Persian and English) resampled
// to 16 kHz mono by ffmpeg, placed at known offsets in silence, plus deterministic noise and hum.
// Needs Debian's `espeak-ng` and `ffmpeg` (installed by .ci/run). Plain Node, no test framework.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SAMPLE_RATE = 16_000;

export const PERSIAN =
  'سلام خانم دکتر. از سه روز پیش سردرد دارم و دیشب تب داشتم. قرص استامینوفن خوردم.';
export const ENGLISH = 'Good morning doctor. I have had a headache for three days.';
/** About three seconds of Persian speech. */
export const PERSIAN_SHORT = 'از سه روز پیش سردرد دارم و دیشب تب داشتم.';

export function requireTools(): void {
  const onPath = (name: string) =>
    (process.env['PATH'] ?? '')
      .split(path.delimiter)
      .some((dir) => fs.existsSync(path.join(dir, name)));
  for (const [tool, pkg] of [
    ['ffmpeg', 'ffmpeg'],
    ['espeak-ng', 'espeak-ng'],
  ] as const) {
    if (!onPath(tool)) throw new Error(`${tool} is missing from PATH; .ci/run installs ${pkg}.`);
  }
}

/** espeak-ng speech as 16 kHz mono Float32, trimmed of espeak's leading and trailing silence. */
export async function speak(text: string, voice: 'fa' | 'en'): Promise<Float32Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-vad-speech-'));
  try {
    const wav = path.join(dir, 'speech.wav');
    await run('espeak-ng', ['-v', voice, '-w', wav, text]);
    const raw = await run(
      'ffmpeg',
      [
        '-hide_banner',
        '-nostdin',
        '-v',
        'error',
        '-i',
        wav,
        '-ac',
        '1',
        '-ar',
        '16000',
        '-f',
        's16le',
        '-',
      ],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
    );
    const bytes = raw.stdout;
    const int16 = new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 2));
    const pcm = Float32Array.from(int16, (x) => x / 32768);
    const { start, end } = audibleSpan(pcm);
    return pcm.slice(start, end);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** From the first to the last sample above ~-80 dBFS. */
export function audibleSpan(pcm: Float32Array, level = 1e-4): { start: number; end: number } {
  let start = 0;
  while (start < pcm.length && Math.abs(pcm[start]!) <= level) start++;
  let end = pcm.length;
  while (end > start && Math.abs(pcm[end - 1]!) <= level) end--;
  return { start, end };
}

export interface Placed {
  pcm: Float32Array;
  /** Where each clip sits, in samples: [start, end). */
  speech: { start: number; end: number }[];
}

/** Clips at the given offsets (seconds) in `seconds` of digital silence. */
export function place(seconds: number, clips: { at: number; pcm: Float32Array }[]): Placed {
  const pcm = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  const speech = clips.map(({ at, pcm: clip }) => {
    const start = Math.round(at * SAMPLE_RATE);
    if (start + clip.length > pcm.length) throw new Error('clip does not fit');
    pcm.set(clip, start);
    return { start, end: start + clip.length };
  });
  return { pcm, speech };
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const amplitude = (dbfs: number) => 10 ** (dbfs / 20);

/** Adds white noise of the given RMS level (dBFS), in place. */
export function addWhiteNoise(pcm: Float32Array, dbfs: number, seed = 1): Float32Array {
  // Uniform in [-a, a] has an RMS of a / sqrt(3).
  const a = amplitude(dbfs) * Math.sqrt(3);
  const next = random(seed);
  for (let i = 0; i < pcm.length; i++) pcm[i]! += a * (2 * next() - 1);
  return pcm;
}

/** Adds mains hum (50 Hz with weaker 100 and 150 Hz harmonics) of about the given RMS, in place. */
export function addHum(pcm: Float32Array, dbfs: number, hz = 50): Float32Array {
  // Harmonic amplitudes 1, 0.5, 0.25: total RMS = A * sqrt((1 + 0.25 + 0.0625) / 2).
  const a = amplitude(dbfs) / Math.sqrt((1 + 0.25 + 0.0625) / 2);
  for (let i = 0; i < pcm.length; i++) {
    const t = (2 * Math.PI * hz * i) / SAMPLE_RATE;
    pcm[i]! += a * (Math.sin(t) + 0.5 * Math.sin(2 * t + 0.3) + 0.25 * Math.sin(3 * t + 1.1));
  }
  return pcm;
}

export function tone(seconds: number, hz = 440, dbfs = -20): Float32Array {
  const a = amplitude(dbfs) * Math.SQRT2;
  const pcm = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < pcm.length; i++) pcm[i] = a * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE);
  return pcm;
}

export function scale(pcm: Float32Array, db: number): Float32Array {
  const g = amplitude(db);
  return pcm.map((x) => x * g);
}

/** RMS level in dBFS. */
export function levelDb(pcm: Float32Array): number {
  let power = 0;
  for (const x of pcm) power += x * x;
  return 10 * Math.log10(power / Math.max(1, pcm.length) + 1e-12);
}

export interface Coverage {
  /** Share of the speech samples inside the regions. */
  speechKept: number;
  /** Share of the other samples outside the regions. */
  silenceSkipped: number;
}

export function coverage(
  total: number,
  speech: readonly { start: number; end: number }[],
  regions: readonly { start: number; end: number }[],
): Coverage {
  const inRegion = new Uint8Array(total);
  for (const r of regions) inRegion.fill(1, r.start, r.end);
  const isSpeech = new Uint8Array(total);
  for (const s of speech) isSpeech.fill(1, s.start, s.end);
  let speechTotal = 0;
  let speechIn = 0;
  let silenceTotal = 0;
  let silenceOut = 0;
  for (let i = 0; i < total; i++) {
    if (isSpeech[i]) {
      speechTotal++;
      if (inRegion[i]) speechIn++;
    } else {
      silenceTotal++;
      if (!inRegion[i]) silenceOut++;
    }
  }
  return {
    speechKept: speechTotal ? speechIn / speechTotal : 1,
    silenceSkipped: silenceTotal ? silenceOut / silenceTotal : 1,
  };
}
