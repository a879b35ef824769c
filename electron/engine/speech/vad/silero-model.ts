// whisper.cpp's ggml Silero VAD model format (1.9.1, `whisper_vad_init_with_params` in
// src/whisper.cpp, written by models/convert-silero-vad-to-ggml.py), and a check of a file against
// it before whisper.cpp reads it.
//
// Why check: whisper.cpp trusts the file. A truncated or corrupt one makes it read past the end
// into uninitialised integers, allocate arrays of garbage sizes, index a 4-element array with a
// garbage dimension count or assert inside ggml, which aborts the whole engine process. Its graph
// also hard-codes the Silero v5/v6 shapes (512-sample windows, 129→128→64→64→128 channels, a
// 128-unit LSTM), so a file with other hyperparameters would fail the same way. The checks below
// accept exactly what whisper.cpp 1.9.1 can run, and say why when they refuse.
//
// Layout (little-endian int32 unless noted):
//   magic 0x67676d6c ('ggml'); type string length + bytes ("silero-16k"); version major, minor,
//   patch; n_window (512); n_context (64); n_encoder_layers (4); per layer: in channels, out
//   channels, kernel size; lstm input size, lstm hidden size; final conv in, final conv out;
//   then tensors until the end: n_dims, name length, type (0 = f32, 1 = f16), n_dims dimensions
//   (ggml order), name bytes, data. Either every tensor below or none (whisper.cpp then allocates
//   them uninitialised, "assuming empty model for testing").
//
// Plain Node; nothing here may import Electron.
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';

export const GGML_MAGIC = 0x67676d6c;

export const SILERO_HPARAMS = Object.freeze({
  nWindow: 512,
  nContext: 64,
  encoder: Object.freeze([
    [129, 128, 3],
    [128, 64, 3],
    [64, 64, 3],
    [64, 128, 3],
  ] as const),
  lstmInputSize: 128,
  lstmHiddenSize: 128,
  finalConvIn: 128,
  finalConvOut: 1,
});

export const GGML_TYPE_F32 = 0;
export const GGML_TYPE_F16 = 1;

export interface SileroTensorSpec {
  name: string;
  /** ggml order (innermost first), as the converter writes it (a 0-d tensor: []). */
  shape: readonly number[];
  type: typeof GGML_TYPE_F32 | typeof GGML_TYPE_F16;
}

const tensor = (
  name: string,
  shape: readonly number[],
  type: SileroTensorSpec['type'],
): SileroTensorSpec => ({ name, shape, type });

/** In the order the converter writes them. */
export const SILERO_TENSORS: readonly SileroTensorSpec[] = Object.freeze([
  ...SILERO_HPARAMS.encoder.flatMap(([inChannels, outChannels, kernel], i) => [
    tensor(
      `_model.encoder.${i}.reparam_conv.weight`,
      [kernel, inChannels, outChannels],
      GGML_TYPE_F16,
    ),
    tensor(`_model.encoder.${i}.reparam_conv.bias`, [outChannels], GGML_TYPE_F32),
  ]),
  tensor('_model.decoder.rnn.weight_ih', [128, 512], GGML_TYPE_F32),
  tensor('_model.decoder.rnn.weight_hh', [128, 512], GGML_TYPE_F32),
  tensor('_model.decoder.rnn.bias_ih', [512], GGML_TYPE_F32),
  tensor('_model.decoder.rnn.bias_hh', [512], GGML_TYPE_F32),
  tensor('_model.decoder.decoder.2.weight', [128], GGML_TYPE_F16),
  tensor('_model.decoder.decoder.2.bias', [], GGML_TYPE_F32),
  tensor('_model.stft.forward_basis_buffer', [256, 1, 258], GGML_TYPE_F16),
]);

export interface SileroModelInfo {
  type: string;
  version: string;
  /** 0 (a test file without weights) or all of them. */
  tensors: number;
  bytes: number;
}

export class SileroModelError extends Error {
  override readonly name = 'SileroModelError';
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

function elements(shape: readonly number[]): number {
  return shape.reduce((product, n) => product * n, 1);
}

/** ggml's 4 dimensions, padded with 1s. */
function padded(shape: readonly number[]): number[] {
  return [0, 1, 2, 3].map((i) => shape[i] ?? 1);
}

/** Checks a Silero VAD file against what whisper.cpp 1.9.1 can load; throws SileroModelError. */
export function inspectSileroVadModel(path: string): SileroModelInfo {
  let bytes: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) {
        throw new SileroModelError(
          `the VAD model ${path} is ${size} bytes, too large for a Silero model`,
        );
      }
      bytes = Buffer.alloc(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, bytes, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      bytes = bytes.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof SileroModelError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SileroModelError(`cannot open the VAD model: ${reason}`);
  }
  return parseSileroVadModel(bytes, path);
}

export function parseSileroVadModel(bytes: Uint8Array, path = 'the VAD model'): SileroModelInfo {
  const fail = (why: string): never => {
    throw new SileroModelError(`${path} is not a usable Silero VAD model: ${why}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const int32 = (what: string): number => {
    if (at + 4 > bytes.length) fail(`truncated (in ${what} at byte ${at})`);
    const value = view.getInt32(at, true);
    at += 4;
    return value;
  };
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) fail(`${what} is ${actual}, expected ${expected}`);
  };

  if (bytes.length === 0) fail('the file is empty');
  if (bytes.length < 4) fail('truncated (too short for a ggml header)');
  if (view.getUint32(0, true) !== GGML_MAGIC) {
    const gguf = Buffer.from(bytes.subarray(0, 4)).toString() === 'GGUF';
    fail(gguf ? 'it is a GGUF file, not a ggml VAD model' : 'bad magic (not a ggml file)');
  }
  at = 4;
  const typeLength = int32('the type length');
  if (typeLength < 1 || typeLength > 256) fail(`invalid type length ${typeLength}`);
  if (at + typeLength > bytes.length) fail('truncated (in the model type)');
  const type = Buffer.from(bytes.subarray(at, at + typeLength)).toString('utf8');
  at += typeLength;
  if (!type.startsWith('silero')) fail(`model type "${type}" is not a Silero VAD`);
  const version = [int32('the version'), int32('the version'), int32('the version')];
  if (version.some((part) => part < 0 || part > 1000)) fail('invalid version');

  expect('n_window', int32('n_window'), SILERO_HPARAMS.nWindow);
  expect('n_context', int32('n_context'), SILERO_HPARAMS.nContext);
  expect('n_encoder_layers', int32('n_encoder_layers'), SILERO_HPARAMS.encoder.length);
  for (const [layer, [inChannels, outChannels, kernel]] of SILERO_HPARAMS.encoder.entries()) {
    expect(`encoder ${layer} input channels`, int32('the encoder'), inChannels);
    expect(`encoder ${layer} output channels`, int32('the encoder'), outChannels);
    expect(`encoder ${layer} kernel size`, int32('the encoder'), kernel);
  }
  expect('lstm_input_size', int32('the LSTM size'), SILERO_HPARAMS.lstmInputSize);
  expect('lstm_hidden_size', int32('the LSTM size'), SILERO_HPARAMS.lstmHiddenSize);
  expect('final_conv_in', int32('the final conv'), SILERO_HPARAMS.finalConvIn);
  expect('final_conv_out', int32('the final conv'), SILERO_HPARAMS.finalConvOut);

  const specs = new Map(SILERO_TENSORS.map((spec) => [spec.name, spec]));
  const seen = new Set<string>();
  while (at < bytes.length) {
    // whisper.cpp stops at the end of the file when the next header cannot be read whole.
    if (bytes.length - at < 12) fail(`truncated (${bytes.length - at} stray bytes at the end)`);
    const nDims = int32('a tensor header');
    const nameLength = int32('a tensor header');
    const tensorType = int32('a tensor header');
    if (nDims < 0 || nDims > 4) fail(`invalid tensor header (${nDims} dimensions)`);
    if (nameLength < 1 || nameLength > 256) {
      fail(`invalid tensor header (name length ${nameLength})`);
    }
    const shape: number[] = [];
    for (let i = 0; i < nDims; i++) shape.push(int32('a tensor shape'));
    if (at + nameLength > bytes.length) fail('truncated (in a tensor name)');
    const name = Buffer.from(bytes.subarray(at, at + nameLength)).toString('utf8');
    at += nameLength;
    const spec = specs.get(name);
    if (!spec) fail(`unknown tensor "${name}"`);
    const expected = spec as SileroTensorSpec;
    if (seen.has(name)) fail(`tensor "${name}" appears twice`);
    seen.add(name);
    const got = padded(shape);
    const want = padded(expected.shape);
    if (got.some((n, i) => n !== want[i])) {
      fail(`tensor "${name}" has shape [${shape.join(', ')}], expected [${want.join(', ')}]`);
    }
    if (tensorType !== expected.type) {
      fail(`tensor "${name}" has type ${tensorType}, expected ${expected.type}`);
    }
    const dataBytes = elements(expected.shape) * (expected.type === GGML_TYPE_F16 ? 2 : 4);
    if (at + dataBytes > bytes.length) fail(`truncated (in the data of tensor "${name}")`);
    at += dataBytes;
  }
  if (seen.size !== 0 && seen.size !== SILERO_TENSORS.length) {
    const missing = SILERO_TENSORS.filter((spec) => !seen.has(spec.name)).map((s) => s.name);
    fail(`${missing.length} tensors are missing (${missing.slice(0, 3).join(', ')}…)`);
  }
  return { type, version: version.join('.'), tensors: seen.size, bytes: bytes.length };
}
