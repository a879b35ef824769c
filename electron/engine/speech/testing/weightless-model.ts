// Weightless whisper test models: ggml model files of real dimensions without tensor data.
//
// whisper.cpp's own `models/for-tests-ggml-*.bin` are made the same way: the header, the mel filter
// bank and the vocabulary are written and the tensors are left out. whisper.cpp then allocates every
// tensor at its real size ("no tensors loaded from model file - assuming empty model for testing"),
// so loading, the encoder and the decoder cost what they cost with real weights, while the output is
// meaningless (expect empty text).
//
// What matches whisper.cpp's files byte for byte: the hyperparameters and the 80-bin mel filter bank
// (librosa's Slaney mel filters for 16 kHz / n_fft 400, recomputed here with numpy's float32
// rounding). What does not: the vocabulary. The real one is the 50,257-token multilingual tiktoken
// vocabulary, which is data, not something to generate; here the first 256 tokens are the same
// byte tokens (GPT-2 byte order, written as whisper.cpp's files write them) and the rest are
// placeholders of the same count. whisper.cpp
// derives the special tokens (end of text, languages, timestamps) from the count, so the model behaves
// the same. The tests pin the sha256 of what this file writes.
//
// Plain Node, no test framework: usable from tests, benchmarks and the command line.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

export type WeightlessModelSize = 'tiny' | 'base' | 'small' | 'medium' | 'large' | 'large-v3';

interface Hyperparameters {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  /** 1 = f16, as in whisper.cpp's ggml-*.bin and for-tests files */
  ftype: number;
}

const DIMENSIONS: Record<WeightlessModelSize, [state: number, heads: number, layers: number]> = {
  tiny: [384, 6, 4],
  base: [512, 8, 6],
  small: [768, 12, 12],
  medium: [1024, 16, 24],
  large: [1280, 20, 32],
  'large-v3': [1280, 20, 32],
};

export function weightlessHyperparameters(size: WeightlessModelSize): Hyperparameters {
  const [state, heads, layers] = DIMENSIONS[size];
  const v3 = size === 'large-v3';
  return {
    nVocab: v3 ? 51866 : 51865,
    nAudioCtx: 1500,
    nAudioState: state,
    nAudioHead: heads,
    nAudioLayer: layers,
    nTextCtx: 448,
    nTextState: state,
    nTextHead: heads,
    nTextLayer: layers,
    nMels: v3 ? 128 : 80,
    ftype: 1,
  };
}

const GGML_MAGIC = 0x67676d6c;
const SAMPLE_RATE = 16_000;
const N_FFT = 400;

// --- Mel filters: librosa.filters.mel(sr=16000, n_fft=400, n_mels, htk=False, norm='slaney') -----

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/** Row-major [nMels][1 + N_FFT/2] float32 filter bank, rounded the way numpy rounds it. */
export function melFilters(nMels: number): Float32Array {
  const nBins = 1 + N_FFT / 2;
  const fftFreqs = Array.from({ length: nBins }, (_, i) => i * (1 / (N_FFT * (1 / SAMPLE_RATE))));
  // np.linspace(min_mel, max_mel, nMels + 2), then mel_to_hz
  const points = nMels + 2;
  const maxMel = hzToMel(SAMPLE_RATE / 2);
  const step = maxMel / (points - 1);
  const melF = Array.from({ length: points }, (_, i) =>
    melToHz(i === points - 1 ? maxMel : i * step),
  );
  const fdiff = melF.slice(1).map((f, i) => f - melF[i]!);
  const weights = new Float32Array(nMels * nBins);
  for (let m = 0; m < nMels; m++) {
    const enorm = 2 / (melF[m + 2]! - melF[m]!);
    for (let k = 0; k < nBins; k++) {
      const lower = -(melF[m]! - fftFreqs[k]!) / fdiff[m]!;
      const upper = (melF[m + 2]! - fftFreqs[k]!) / fdiff[m + 1]!;
      const w32 = Math.fround(Math.max(0, Math.min(lower, upper)));
      weights[m * nBins + k] = w32 * enorm;
    }
  }
  return weights;
}

// --- Vocabulary ----------------------------------------------------------------------------------

/** GPT-2's byte-level order: printable bytes first, then the rest (as in tiktoken's first ranks). */
function byteTokens(): number[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const rest: number[] = [];
  for (let b = 0; b < 256; b++) if (!printable.includes(b)) rest.push(b);
  return [...printable, ...rest];
}

/** 50,257 ordinary tokens for multilingual models (50,256 for English-only ones). */
function vocabulary(nVocab: number): Buffer[] {
  const count = nVocab >= 51865 ? 50257 : 50256;
  // whisper.cpp's test files store each byte token as UTF-8 text: bytes 0x80-0xff, which are not
  // UTF-8 on their own, became U+FFFD. Same here.
  const words: Buffer[] = byteTokens().map((b) =>
    Buffer.from(Buffer.from([b]).toString('utf8'), 'utf8'),
  );
  for (let id = words.length; id < count; id++) words.push(Buffer.from(`<w${id}>`, 'latin1'));
  return words;
}

// --- File ----------------------------------------------------------------------------------------

export function weightlessModelBytes(size: WeightlessModelSize): Buffer {
  const h = weightlessHyperparameters(size);
  const nBins = 1 + N_FFT / 2;
  const header = Buffer.alloc(4 * 12 + 8);
  [
    GGML_MAGIC,
    h.nVocab,
    h.nAudioCtx,
    h.nAudioState,
    h.nAudioHead,
    h.nAudioLayer,
    h.nTextCtx,
    h.nTextState,
    h.nTextHead,
    h.nTextLayer,
    h.nMels,
    h.ftype,
    h.nMels,
    nBins,
  ].forEach((value, i) => header.writeUInt32LE(value, i * 4));
  const filters = melFilters(h.nMels);
  const words = vocabulary(h.nVocab);
  const parts: Buffer[] = [
    header,
    Buffer.from(filters.buffer, filters.byteOffset, filters.byteLength),
  ];
  const count = Buffer.alloc(4);
  count.writeInt32LE(words.length);
  parts.push(count);
  for (const word of words) {
    const length = Buffer.alloc(4);
    length.writeInt32LE(word.length);
    parts.push(length, word);
  }
  return Buffer.concat(parts);
}

/** Writes the model file and returns its sha256 (hex). */
export function writeWeightlessModel(path: string, size: WeightlessModelSize): string {
  const bytes = weightlessModelBytes(size);
  writeFileSync(path, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}
