// The Silero VAD model check, on the weightless test model, on whisper.cpp's own test model when the
// shared fixtures are beside the repository, and on every kind of broken file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightlessVadModel, writeWeightlessVadModel } from '../testing/weightless-vad';
import {
  inspectSileroVadModel,
  parseSileroVadModel,
  SILERO_TENSORS,
  SileroModelError,
} from './silero-model';

/** whisper.cpp's models/for-tests-silero-v6.2.0-ggml.bin (the real v6.2.0 weights), if present. */
const FIXTURE = path.resolve(
  import.meta.dirname,
  '../../../../..',
  'shared/fixtures/whisper/for-tests-silero-v6.2.0-ggml.bin',
);

/** Everything but the tensor data: the header and each tensor's header. */
function layout(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [bytes.subarray(0, 106)];
  let at = 106;
  while (at < bytes.length) {
    const nDims = bytes.readInt32LE(at);
    const nameLength = bytes.readInt32LE(at + 4);
    const type = bytes.readInt32LE(at + 8);
    const dims = Array.from({ length: nDims }, (_, i) => bytes.readInt32LE(at + 12 + 4 * i));
    const headerEnd = at + 12 + 4 * nDims + nameLength;
    parts.push(bytes.subarray(at, headerEnd));
    at = headerEnd + dims.reduce((p, n) => p * n, 1) * (type === 1 ? 2 : 4);
  }
  return parts;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-silero-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const refuse = (bytes: Uint8Array): string => {
  try {
    parseSileroVadModel(bytes, 'vad.bin');
  } catch (error) {
    expect(error).toBeInstanceOf(SileroModelError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('Silero VAD model check', () => {
  it('accepts the weightless model, with or without tensors', () => {
    const file = path.join(dir, 'weightless-vad.bin');
    const size = writeWeightlessVadModel(file);
    expect(size).toBe(885_098); // the size of the real ggml-silero-v6.2.0.bin
    expect(inspectSileroVadModel(file)).toEqual({
      type: 'silero-16k',
      version: '6.2.0',
      tensors: SILERO_TENSORS.length,
      bytes: size,
    });
    expect(parseSileroVadModel(weightlessVadModel({ withoutTensors: true })).tensors).toBe(0);
    expect(parseSileroVadModel(weightlessVadModel({ verdict: 'silence' })).tensors).toBe(15);
  });

  it.skipIf(!fs.existsSync(FIXTURE))(
    'accepts whisper.cpp’s own Silero model, laid out exactly like the weightless one',
    () => {
      const real = fs.readFileSync(FIXTURE);
      expect(inspectSileroVadModel(FIXTURE)).toMatchObject({ version: '6.2.0', tensors: 15 });
      expect(layout(weightlessVadModel())).toEqual(layout(real));
    },
  );

  it('refuses a missing, empty or foreign file', () => {
    expect(() => inspectSileroVadModel(path.join(dir, 'missing.bin'))).toThrow(
      /cannot open the VAD model: ENOENT/,
    );
    expect(refuse(new Uint8Array())).toMatch(/empty/);
    expect(refuse(Buffer.from('GGUF\x03\0\0\0'))).toMatch(/GGUF/);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect(refuse(random)).toMatch(/bad magic/);
  });

  it('refuses a file cut anywhere', () => {
    const full = weightlessVadModel();
    for (const size of [3, 6, 20, 50, 105, 110, 200, 99_000, 500_000, full.length - 1]) {
      expect(refuse(full.subarray(0, size)), `cut at ${size}`).toMatch(/truncated|stray bytes/);
    }
  });

  it('refuses other hyperparameters, bad tensor headers and partial tensor sets', () => {
    const edit = (at: number, value: number) => {
      const bytes = Buffer.from(weightlessVadModel());
      bytes.writeInt32LE(value, at);
      return bytes;
    };
    expect(refuse(edit(4, 100_000))).toMatch(/invalid type length/);
    expect(refuse(edit(30, 256))).toMatch(/n_window is 256, expected 512/);
    expect(refuse(edit(38, 9))).toMatch(/n_encoder_layers is 9/);
    expect(refuse(edit(42, 130))).toMatch(/encoder 0 input channels is 130/);
    expect(refuse(edit(106, 9))).toMatch(/9 dimensions/); // the first tensor's n_dims
    expect(refuse(edit(110, -1))).toMatch(/name length -1/);
    expect(refuse(edit(114, 0))).toMatch(/has type 0, expected 1/);
    expect(refuse(edit(118, 4))).toMatch(/has shape \[4, 129, 128\]/);
    const renamed = Buffer.from(weightlessVadModel());
    renamed.write('X', 130); // inside the first tensor's name
    expect(refuse(renamed)).toMatch(/unknown tensor/);
    // Only the first tensor: whisper.cpp wants all or none.
    const first = layout(weightlessVadModel())[1]!.length + 3 * 129 * 128 * 2;
    expect(refuse(weightlessVadModel().subarray(0, 106 + first))).toMatch(/14 tensors are missing/);
    // A tensor twice.
    const full = weightlessVadModel();
    const twice = Buffer.concat([full, full.subarray(106, 106 + first)]);
    expect(refuse(twice)).toMatch(/appears twice/);
  });
});
