// The generated GGUF against the real reader: node-llama-cpp's own GGUF parser and llama.cpp,
// which must load it, tokenise any UTF-8 (Persian included) and generate from it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  getLlama,
  LlamaCompletion,
  LlamaLogLevel,
  readGgufFileInfo,
  resolveChatWrapper,
  type Llama,
} from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHATML_TEMPLATE, writeTinyGguf } from './tiny-gguf';

let dir: string;
let llama: Llama;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-gguf-'));
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
});

afterAll(async () => {
  await llama?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('tiny GGUF generator', () => {
  it('writes a GGUF v3 llama file that node-llama-cpp reads back as written', async () => {
    const file = path.join(dir, 'tiny.gguf');
    const written = writeTinyGguf(file, { layers: 2, embedding: 64, heads: 4, kvHeads: 2 });
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(bytes.readUInt32LE(4)).toBe(3);
    expect(Number(bytes.readBigUInt64LE(8))).toBe(2 + 2 * 9 + 1); // embd, 9 per block, norm, output
    expect(written.bytes).toBe(bytes.length);
    expect(written.bytes % 32).toBe(0);

    const info = await readGgufFileInfo(file);
    expect(info.version).toBe(3);
    const metadata = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(metadata.general!.architecture).toBe('llama');
    expect(metadata.llama).toMatchObject({
      block_count: 2,
      embedding_length: 64,
      attention: { head_count: 4, head_count_kv: 2 },
    });
    const tokenizer = metadata.tokenizer as { ggml: { model: string; tokens: string[] } };
    expect(tokenizer.ggml.model).toBe('llama');
    expect(tokenizer.ggml.tokens).toHaveLength(written.vocabularySize);
    expect(tokenizer.ggml.tokens).toContain('<|im_start|>');
    expect(tokenizer.ggml.tokens).toContain('<0xD8>');
    expect((metadata.tokenizer as { chat_template: string }).chat_template).toBe(CHATML_TEMPLATE);
    const names = info.fullTensorInfo!.map((tensor) => tensor.name);
    expect(names).toContain('token_embd.weight');
    expect(names).toContain('blk.1.ffn_down.weight');
    expect(names.at(-1)).toBe('output.weight');
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = path.join(dir, 'a.gguf');
    const b = path.join(dir, 'b.gguf');
    const c = path.join(dir, 'c.gguf');
    writeTinyGguf(a, { seed: 7 });
    writeTinyGguf(b, { seed: 7 });
    writeTinyGguf(c, { seed: 8 });
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(a)).not.toBe(sha256(c));
  });

  it('refuses shapes llama.cpp could not run', () => {
    const file = path.join(dir, 'bad.gguf');
    expect(() => writeTinyGguf(file, { embedding: 60, heads: 7 })).toThrow(RangeError);
    expect(() => writeTinyGguf(file, { tensorType: 'q4_0', embedding: 48, heads: 4 })).toThrow(
      /multiples of 32/,
    );
  });

  for (const tensorType of ['f32', 'q4_0'] as const) {
    it(`loads in llama.cpp (${tensorType}), tokenises Persian and generates`, async () => {
      const file = path.join(dir, `model-${tensorType}.gguf`);
      writeTinyGguf(file, { tensorType, vocabularySize: tensorType === 'q4_0' ? 2000 : undefined });
      const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 });
      try {
        const text = 'بیمار از سردرد و تب ۳۸٫۵ درجه شکایت دارد؛ می‌گوید «دیروز» شروع شد. BP 120/80';
        const tokens = model.tokenize(text);
        expect(tokens.length).toBeGreaterThan(10);
        expect(model.detokenize(tokens)).toBe(text);
        // Special tokens are parsed when asked for, and are text otherwise.
        expect(model.tokenize('<|im_start|>', true)).toHaveLength(1);
        expect(model.tokenize('<|im_start|>').length).toBeGreaterThan(1);
        expect(resolveChatWrapper(model).wrapperName).toBe('ChatML');

        const context = await model.createContext({ contextSize: 512, threads: 1 });
        const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
        let generated = 0;
        await completion.generateCompletion(text, {
          maxTokens: 12,
          onToken: (chunk) => (generated += chunk.length),
        });
        expect(generated).toBeGreaterThan(0);
        expect(generated).toBeLessThanOrEqual(12);
        await context.dispose();
      } finally {
        await model.dispose();
      }
    });
  }
});
