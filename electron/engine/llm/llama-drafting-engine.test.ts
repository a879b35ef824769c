// The drafting engine in this process (the engine process runs the same code; its tests are in
// engine-process.test.ts): node-llama-cpp's prebuilt binding, a random-weight model the test writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DraftingEngineError,
  type CompletionProgress,
  type DraftingEngine,
} from './drafting-engine';
import { createLlamaDraftingEngine, llamaAvailability } from './llama-drafting-engine';
import { writeTinyGguf } from './testing/tiny-gguf';

let dir: string;
let modelPath: string;
let engine: DraftingEngine;
const spec = () => ({ modelPath, contextSize: 4096, threads: 1 });

/** A JSON schema in node-llama-cpp's subset, as the host sends it (root through $defs). */
const schema = {
  $defs: {
    note: {
      type: 'object',
      properties: {
        summary: { type: 'string', maxLength: 40 },
        items: {
          type: 'array',
          maxItems: 2,
          items: {
            type: 'object',
            properties: { line: { enum: [1, 2, 3] }, quote: { type: 'string', maxLength: 10 } },
          },
        },
      },
    },
  },
  $ref: '#/$defs/note',
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-llm-'));
  modelPath = path.join(dir, 'tiny.gguf');
  writeTinyGguf(modelPath, { contextLength: 32_768 });
  engine = createLlamaDraftingEngine();
});

afterAll(async () => {
  await engine?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('drafting engine over node-llama-cpp', () => {
  it('says it is available without loading the binding, and loads it on first use', async () => {
    expect(llamaAvailability()).toMatchObject({ available: true, engine: 'node-llama-cpp' });
    expect(engine.availability).toMatchObject({ available: true, bindingLoaded: false });
    const started = performance.now();
    const info = await engine.load(spec());
    console.log(`[llm] binding + model + context in ${Math.round(performance.now() - started)} ms`);
    expect(engine.availability).toMatchObject({ available: true, bindingLoaded: true });
    expect(info).toMatchObject({
      path: modelPath,
      contextSize: 4096,
      threads: 1,
      gpuLayers: 0,
      vocabularySize: 262,
      chatWrapper: 'ChatML',
    });
    expect((await engine.load(spec())).loadMs).toBe(0);
  });

  it('counts tokens with the model tokenizer, Persian included', async () => {
    const { counts, chatOverhead } = await engine.countTokens(spec(), ['سلام', 'abc', '']);
    // Byte-level vocabulary: a Persian letter is two UTF-8 bytes, plus SentencePiece's leading space.
    expect(counts).toEqual([9, 4, 0]);
    expect(chatOverhead).toBeGreaterThan(5);
  });

  it('completes under a JSON-schema grammar: valid JSON, within the bounds, progress reported', async () => {
    const progress: CompletionProgress[] = [];
    const result = await engine.complete(
      spec(),
      {
        system: 'یادداشت بنویس',
        user: '[1] سردرد',
        jsonSchema: schema,
        maxTokens: 400,
        confidence: true,
      },
      { onProgress: (p) => progress.push(p), progressIntervalMs: 0 },
    );
    expect(result.stopReason).toBe('grammar');
    expect(result.aborted).toBe(false);
    const json = JSON.parse(result.text) as { summary: string; items: { line: number }[] };
    expect(json.summary.length).toBeLessThanOrEqual(40);
    expect(json.items.length).toBeLessThanOrEqual(2);
    for (const item of json.items) expect([1, 2, 3]).toContain(item.line);
    expect(result.generatedTokens).toBeGreaterThan(10);
    expect(result.meanConfidence).toBeGreaterThan(0);
    expect(result.meanConfidence).toBeLessThanOrEqual(1);
    expect(progress[0]).toMatchObject({ phase: 'prompt', generatedTokens: 0 });
    expect(progress.at(-1)).toMatchObject({
      phase: 'generate',
      generatedTokens: result.generatedTokens,
      promptTokens: result.promptTokens,
    });
    expect(progress.filter((p) => p.phase === 'generate').length).toBeGreaterThan(5);
  });

  it('keeps strings in the Basic Multilingual Plane: at most 3 bytes a character', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const result = await engine.complete(spec(), {
        system: '',
        user: `seed ${seed}`,
        jsonSchema: schema,
        maxTokens: 400,
        temperature: 1.5,
        seed,
      });
      expect(result.stopReason).toBe('grammar');
      const json = JSON.parse(result.text) as { summary: string };
      // (The bound in tokens that follows is tested with the host's schemas, in core/drafting.)
      expect([...json.summary].every((ch) => ch.codePointAt(0)! <= 0xffff)).toBe(true);
      // No \uXXXX escape in the raw text (an odd run of backslashes before the u).
      expect(result.text).not.toMatch(/(^|[^\\])(\\\\)*\\u[0-9a-fA-F]{4}/);
    }
  });

  it('reuses the cached prompt prefix, unless asked not to', async () => {
    const request = { system: 'ثابت '.repeat(50), user: 'الف', maxTokens: 4 };
    await engine.complete(spec(), request);
    const again = await engine.complete(spec(), { ...request, user: 'ب' });
    expect(again.promptTokensEvaluated).toBeLessThan(again.promptTokens / 2);
    const fresh = await engine.complete(spec(), { ...request, user: 'ب', reusePrefix: false });
    expect(fresh.promptTokensEvaluated).toBe(fresh.promptTokens);
    // Free text without a grammar stops at maxTokens; no probabilities unless asked for.
    expect(fresh).toMatchObject({ stopReason: 'maxTokens', generatedTokens: 4 });
    expect(fresh.meanConfidence).toBeNull();
  });

  it('stops promptly when aborted mid-generation and returns what it had', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const result = await engine.complete(
      spec(),
      {
        system: '',
        user: 'بنویس',
        // 50 strings of exactly 400 characters: nothing ends it early but the abort.
        jsonSchema: {
          $defs: {
            text: {
              type: 'array',
              minItems: 50,
              maxItems: 50,
              items: { type: 'string', minLength: 400, maxLength: 400 },
            },
          },
          $ref: '#/$defs/text',
        },
        maxTokens: 70_000,
        temperature: 1,
        seed: 3,
      },
      {
        signal: controller.signal,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.generatedTokens >= 50 && !controller.signal.aborted) {
            abortedAt = performance.now();
            controller.abort();
          }
        },
      },
    );
    const stoppedAfterMs = performance.now() - abortedAt;
    expect(result).toMatchObject({ aborted: true, stopReason: 'aborted' });
    expect(result.generatedTokens).toBeGreaterThanOrEqual(50);
    expect(result.generatedTokens).toBeLessThan(20_000);
    expect(result.text.startsWith('[')).toBe(true);
    expect(stoppedAfterMs).toBeLessThan(2000);
    // Aborted before it started: nothing runs.
    const early = await engine.complete(
      spec(),
      { system: '', user: 'x', maxTokens: 10 },
      { signal: AbortSignal.abort() },
    );
    expect(early).toMatchObject({ aborted: true, generatedTokens: 0, promptTokens: 0 });
  });

  it('reports a prompt longer than the context, a bad schema and a bad model file', async () => {
    const small = { ...spec(), contextSize: 256 };
    await expect(
      engine.complete(small, { system: '', user: 'متن '.repeat(200), maxTokens: 10 }),
    ).rejects.toMatchObject({ name: 'DraftingEngineError', code: 'prompt_too_long' });
    await expect(
      engine.complete(small, {
        system: '',
        user: 'x',
        maxTokens: 10,
        jsonSchema: { $ref: 42 },
      }),
    ).rejects.toBeInstanceOf(DraftingEngineError);
    const broken = path.join(dir, 'broken.gguf');
    fs.writeFileSync(broken, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(64, 0xff)]));
    await expect(engine.load({ ...spec(), modelPath: broken })).rejects.toMatchObject({
      code: 'model_load_failed',
    });
    // The engine still works after the failures.
    expect((await engine.load(spec())).path).toBe(modelPath);
  });

  it('frees the model and reloads it on the next request', async () => {
    expect(await engine.unload()).toEqual([modelPath]);
    expect(await engine.unload()).toEqual([]);
    const info = await engine.load({ ...spec(), contextSize: 2048 });
    expect(info.contextSize).toBe(2048);
    expect(info.loadMs).toBeGreaterThan(0);
  });
});
