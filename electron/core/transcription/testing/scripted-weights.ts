import fs from 'node:fs';
import type { HeardSegment } from '../merge';
import type {
  TranscribeJob,
  TranscribeOutcome,
  Transcriber,
  TranscriberState,
} from '../transcriber';
import { wavFile } from '../transcript-service';

/**
 * The one stand-in of the transcript tests and the preview's `--scripted-speech`: real model
 * weights cannot run here (weightless models hear nothing), so ScriptedWeightsTranscriber plays
 * the part of the weights. Its audio tells it where in the recording it is — every 100 ms block of
 * the test audio holds its own block number (1-based) as every sample — and it hears the scripted
 * words whose middle falls inside that audio, as whisper hears whole words, with times relative
 * to the audio it was given. Everything around it (chunk store, queue, overlap, merging, storage,
 * corrections, playback, drafting) is the real path.
 */

export const BLOCK_SAMPLE_RATE = 16_000;
export const BLOCK_MS = 100;
const BLOCK = BLOCK_SAMPLE_RATE / (1000 / BLOCK_MS);
/** Int16 block numbers: about 54 minutes of audio. */
export const MAX_BLOCKS = 32_766;

/** Audio whose every 100 ms block holds its block number (so any sample says where it is). */
export function blockPcm(fromBlock: number, blocks: number): Int16Array {
  if (fromBlock + blocks > MAX_BLOCKS) throw new Error('block audio is limited to ~54 minutes');
  const pcm = new Int16Array(blocks * BLOCK);
  for (let b = 0; b < blocks; b++) pcm.fill(fromBlock + b + 1, b * BLOCK, (b + 1) * BLOCK);
  return pcm;
}

/** Block audio of `durationMs` as a 16 kHz mono WAV file (for imports in tests and the preview). */
export function writeBlockWav(file: string, durationMs: number): void {
  const pcm = blockPcm(0, Math.ceil(durationMs / BLOCK_MS));
  fs.writeFileSync(file, wavFile(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)));
}

export interface ScriptWord {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Words of `lines` laid out in time: `wordMs` per word and a pause after each line, so that a
 * line usually becomes its own segments.
 */
export function scriptFromLines(
  lines: readonly string[],
  options: { wordMs?: number; pauseMs?: number; startMs?: number } = {},
): { words: ScriptWord[]; durationMs: number } {
  const wordMs = options.wordMs ?? 300;
  const pauseMs = options.pauseMs ?? 600;
  let at = options.startMs ?? 100;
  const words: ScriptWord[] = [];
  for (const line of lines) {
    for (const text of line.split(/\s+/).filter(Boolean)) {
      words.push({ text, startMs: at, endMs: at + wordMs - 40 });
      at += wordMs;
    }
    at += pauseMs;
  }
  return { words, durationMs: at + 200 };
}

export class ScriptedWeightsTranscriber implements Transcriber {
  readonly heard: { startMs: number; durationMs: number }[] = [];
  private readonly script: readonly ScriptWord[];
  private readonly wordsPerSegment: number;

  constructor(script: readonly ScriptWord[], options: { wordsPerSegment?: number } = {}) {
    this.script = script;
    this.wordsPerSegment = options.wordsPerSegment ?? 2;
  }

  state(): TranscriberState {
    return { blocker: null, slowEngine: false, detail: null };
  }
  refresh(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  transcribe(job: TranscribeJob): Promise<TranscribeOutcome> {
    const startMs = (job.pcm[0]! - 1) * BLOCK_MS;
    const durationMs = (job.pcm.length / BLOCK_SAMPLE_RATE) * 1000;
    this.heard.push({ startMs, durationMs });
    const words = this.script.filter((word) => {
      const middle = (word.startMs + word.endMs) / 2;
      return middle >= startMs && middle < startMs + durationMs;
    });
    // Whisper groups words into segments; a segment never spans a pause between lines.
    const segments: HeardSegment[] = [];
    let group: ScriptWord[] = [];
    const flush = () => {
      if (group.length === 0) return;
      segments.push({
        t0: Math.max(0, group[0]!.startMs - startMs),
        t1: Math.min(durationMs, group.at(-1)!.endMs - startMs),
        text: group.map((word) => word.text).join(' '),
        confidence: 0.9,
      });
      group = [];
    };
    for (const word of words) {
      const last = group.at(-1);
      if (last && word.startMs - last.endMs > 100) flush();
      group.push(word);
      if (group.length === this.wordsPerSegment) flush();
    }
    flush();
    return Promise.resolve({
      segments,
      language: 'fa',
      model: 'scripted',
      engine: 'scripted-weights',
      processingMs: 5,
      audioMs: durationMs,
      voicedMs: durationMs,
      vad: job.vad,
    });
  }
}
