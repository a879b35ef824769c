// Weightless Silero VAD test models in whisper.cpp's ggml format (the layout the converter
// models/convert-silero-vad-to-ggml.py writes; see ../vad/silero-model.ts).
//
// The header and hyperparameters are those of the real ggml-silero-v6.2.0.bin, and every tensor is
// there with its real name, shape and type, in the converter's order. The weights are all zero
// except the bias of the final convolution. With zero weights every layer outputs zero (the STFT
// magnitude, the ReLU encoders, the LSTM's cell and hidden state), so the speech probability of
// every 32 ms window is sigmoid(bias), whatever the audio: `verdict: 'speech'` writes +10 (p ≈ 1,
// all speech), 'silence' −10 (p ≈ 0, no speech). That makes whisper.cpp's whole Silero path (load,
// detect, cut, map times back) run for real with an outcome known in advance.
//
// Plain Node, no test framework.
import { writeFileSync } from 'node:fs';
import { GGML_MAGIC, GGML_TYPE_F16, SILERO_HPARAMS, SILERO_TENSORS } from '../vad/silero-model';

export interface WeightlessVadOptions {
  /** What the model says about every window. Default 'speech'. */
  verdict?: 'speech' | 'silence';
  /** Leave the tensors out (whisper.cpp then allocates them uninitialised). Default false. */
  withoutTensors?: boolean;
}

export function weightlessVadModel(options: WeightlessVadOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const int32s = (...values: number[]) => {
    const buffer = Buffer.alloc(4 * values.length);
    values.forEach((value, i) => buffer.writeInt32LE(value, 4 * i));
    parts.push(buffer);
  };
  const type = Buffer.from('silero-16k');
  const magic = Buffer.alloc(4);
  magic.writeUInt32LE(GGML_MAGIC, 0);
  parts.push(magic);
  int32s(type.length);
  parts.push(type);
  int32s(6, 2, 0, SILERO_HPARAMS.nWindow, SILERO_HPARAMS.nContext);
  int32s(SILERO_HPARAMS.encoder.length);
  for (const layer of SILERO_HPARAMS.encoder) int32s(...layer);
  int32s(SILERO_HPARAMS.lstmInputSize, SILERO_HPARAMS.lstmHiddenSize);
  int32s(SILERO_HPARAMS.finalConvIn, SILERO_HPARAMS.finalConvOut);
  if (!options.withoutTensors) {
    const bias = options.verdict === 'silence' ? -10 : 10;
    for (const tensor of SILERO_TENSORS) {
      const name = Buffer.from(tensor.name);
      int32s(tensor.shape.length, name.length, tensor.type, ...tensor.shape);
      parts.push(name);
      const count = tensor.shape.reduce((product, n) => product * n, 1);
      const data = Buffer.alloc(count * (tensor.type === GGML_TYPE_F16 ? 2 : 4));
      if (tensor.name === '_model.decoder.decoder.2.bias') data.writeFloatLE(bias, 0);
      parts.push(data);
    }
  }
  return Buffer.concat(parts);
}

/** Writes a weightless Silero VAD model to `path`; returns its size in bytes. */
export function writeWeightlessVadModel(path: string, options: WeightlessVadOptions = {}): number {
  const bytes = weightlessVadModel(options);
  writeFileSync(path, bytes);
  return bytes.length;
}
