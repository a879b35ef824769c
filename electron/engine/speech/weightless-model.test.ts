import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { weightlessModelBytes, type WeightlessModelSize } from './testing/weightless-model';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// 56-byte header + the 80 x 201 float32 mel filter bank.
const MEL_END = 56 + 80 * 201 * 4;

// sha256 of the same region of whisper.cpp's models/for-tests-ggml-{tiny,base,small}.bin, taken once
// from those files; the tests never read them.
const WHISPER_CPP_HEADER_AND_MEL: Partial<Record<WeightlessModelSize, string>> = {
  tiny: 'd0356395f55c02df2f223fe23bbbc14066a7b267d5506ec30d1f8abce3467e52',
  base: '14e3cb8c09eaa4a939492c60e0dc9e829e69da5a3358bcfeffc3c48c39714fe5',
  small: 'ea0cb1e8f67fa93bc21e8d5059bd9c15302fbe2cdb7a8aa101966e8e4ab565ad',
};
// sha256 of the vocabulary count and the first 256 (byte) tokens of whisper.cpp's test files.
const WHISPER_CPP_BYTE_TOKENS = '28ade8b8fff82c1be6101bc3bfc69758adf0b06fd92280fd834ebd233cb1fb75';

// What the generator writes (pinned so any change to it is deliberate).
const GENERATED: Partial<Record<WeightlessModelSize, string>> = {
  tiny: '0da560b22dc2700172e7d674c38a319b00f02fd9c235247d77c2e1cc49e9a2c5',
  base: 'eb130e579e91f1ca7cc0b3ff290c78e367bc974ae7d07a1c14d83f98bb866b93',
  small: 'e1e6ba5a3222d7e86c788f3316094fd3030f2a658f4be6b7b3d6d9ccea2d6e84',
};

describe('weightless whisper test models', () => {
  for (const size of ['tiny', 'base', 'small'] as const) {
    it(`${size}: header and mel filters are whisper.cpp's for-tests file byte for byte`, () => {
      const bytes = weightlessModelBytes(size);
      expect(sha256(bytes.subarray(0, MEL_END))).toBe(WHISPER_CPP_HEADER_AND_MEL[size]);
      expect(sha256(bytes)).toBe(GENERATED[size]);
    });
  }

  it('writes the real dimensions', () => {
    const header = (size: WeightlessModelSize) => {
      const bytes = weightlessModelBytes(size);
      return Array.from({ length: 12 }, (_, i) => bytes.readUInt32LE(i * 4));
    };
    // magic, n_vocab, audio ctx/state/head/layer, text ctx/state/head/layer, n_mels, ftype
    expect(header('tiny')).toEqual([0x67676d6c, 51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1]);
    expect(header('base')).toEqual([0x67676d6c, 51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 1]);
    expect(header('small')).toEqual([
      0x67676d6c, 51865, 1500, 768, 12, 12, 448, 768, 12, 12, 80, 1,
    ]);
  });

  it('starts the vocabulary with the same 256 byte tokens as whisper.cpp', () => {
    const bytes = weightlessModelBytes('tiny');
    let offset = MEL_END + 4;
    for (let i = 0; i < 256; i++) offset += 4 + bytes.readInt32LE(offset);
    expect(bytes.readInt32LE(MEL_END)).toBe(50257);
    expect(sha256(bytes.subarray(MEL_END, offset))).toBe(WHISPER_CPP_BYTE_TOKENS);
  });
});
