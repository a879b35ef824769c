/**
 * Speech for the speech and capture benchmarks, made the same way every time: espeak-ng reads a
 * fixed set of Persian and English consultation sentences, ffmpeg joins them with short pauses,
 * resamples to 16 kHz mono s16le (SoX-free default resampler) and loops the result to the length
 * asked for. Needs Debian's espeak-ng and ffmpeg (the audio-import tests need them too).
 *
 * Weightless models cost the same whatever they hear (their text is empty); real speech is used
 * anyway so the audio path sees what a consultation gives it.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SAMPLE_RATE = 16_000;

const SENTENCES: readonly (readonly ['fa' | 'en', string])[] = [
  ['fa', 'بیمار از سه روز پیش سردرد دارد که صبح‌ها بدتر می‌شود و با تهوع همراه است.'],
  ['en', 'The patient reports a headache for three days, worse in the morning, with nausea.'],
  ['fa', 'فشار خون صد و سی روی هشتاد و پنج، نبض هشتاد و دو، دمای بدن سی و هفت و دو دهم.'],
  ['en', 'No fever, no neck stiffness, and no weakness of the arms or legs.'],
  ['fa', 'سابقه میگرن در مادر بیمار وجود دارد. داروی خاصی مصرف نمی‌کند.'],
  ['en', 'Plan: ibuprofen four hundred milligrams as needed, and a follow-up visit in two weeks.'],
  ['fa', 'در صورت تاری دید یا استفراغ مکرر فوراً به اورژانس مراجعه کند.'],
  ['en', 'Blood tests: complete blood count, fasting glucose and thyroid function.'],
];

export interface SpeechAudio {
  /** 16 kHz mono s16le, exactly `seconds` long. */
  readonly pcm: Int16Array;
  /** The same audio as a WAV file (what whisper-cli reads). */
  readonly wavFile: string;
  readonly seconds: number;
  /** Length of the unique speech before it is looped. */
  readonly uniqueSeconds: number;
  readonly sha256: string;
  readonly espeakVersion: string;
  readonly ffmpegVersion: string;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new Error(
      `${command} could not run (${result.error.message}); the speech benchmarks need Debian's espeak-ng and ffmpeg`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-2000)}`);
  }
  return result.stdout;
}

/** The samples of a PCM s16le WAV file (walks the RIFF chunks to `data`). */
export function readWavPcm(file: string): Int16Array {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file} is not a WAV file`);
  }
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      const end = Math.min(bytes.length, offset + 8 + size);
      const copy = Buffer.from(bytes.subarray(offset + 8, end));
      return new Int16Array(copy.buffer, copy.byteOffset, copy.length / 2);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

/** Makes (or reuses, from `dir`) `seconds` of speech. */
export function generateSpeechAudio(dir: string, seconds: number): SpeechAudio {
  fs.mkdirSync(dir, { recursive: true });
  const espeakVersion = run('espeak-ng', ['--version']).split('  Data at')[0]?.trim() ?? 'unknown';
  const ffmpegVersion = run('ffmpeg', ['-version']).split('\n')[0]?.trim() ?? 'unknown';
  const parts: string[] = [];
  const silence = path.join(dir, 'pause.wav');
  run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=22050:cl=mono',
    '-t',
    '0.6',
    '-c:a',
    'pcm_s16le',
    silence,
  ]);
  SENTENCES.forEach(([voice, text], i) => {
    const file = path.join(dir, `sentence-${i}.wav`);
    run('espeak-ng', ['-v', voice, '-s', '150', '-w', file, text]);
    parts.push(file, silence);
  });
  const list = path.join(dir, 'parts.txt');
  fs.writeFileSync(list, parts.map((file) => `file '${file.replace(/'/g, "'\\''")}'\n`).join(''));
  const source = path.join(dir, 'source.wav');
  run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-ar',
    String(SAMPLE_RATE),
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    source,
  ]);
  const uniqueSeconds = readWavPcm(source).length / SAMPLE_RATE;
  const wavFile = path.join(dir, `speech-${seconds}s.wav`);
  run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-stream_loop',
    '-1',
    '-i',
    source,
    '-t',
    String(seconds),
    '-ar',
    String(SAMPLE_RATE),
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    wavFile,
  ]);
  const pcm = readWavPcm(wavFile);
  const expected = Math.round(seconds * SAMPLE_RATE);
  if (Math.abs(pcm.length - expected) > SAMPLE_RATE / 100) {
    throw new Error(`expected ${expected} samples of speech, ffmpeg wrote ${pcm.length}`);
  }
  const sha256 = createHash('sha256')
    .update(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength))
    .digest('hex');
  return { pcm, wavFile, seconds, uniqueSeconds, sha256, espeakVersion, ffmpegVersion };
}
