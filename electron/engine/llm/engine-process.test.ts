// The LLM in the real engine process (a child forked by Node, as the app runs it under plain Node):
// what the ready message says, loading on first use, and the lanes — a long generation does not
// hold up a transcription, and ping is answered while both run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../process/engine-host';
import { nodeProcessLauncher } from '../process/node-launcher';
import { writeWeightlessModel } from '../speech/testing/weightless-model';
import { writeTinyGguf } from './testing/tiny-gguf';

let dir: string;
let llmPath: string;
let whisperPath: string;
let host: EngineHost;
const model = () => ({ modelPath: llmPath, contextSize: 32_768, threads: 1 });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-llm-engine-'));
  llmPath = path.join(dir, 'tiny.gguf');
  whisperPath = path.join(dir, 'weightless-tiny.bin');
  writeTinyGguf(llmPath, { contextLength: 32_768 });
  writeWeightlessModel(whisperPath, 'tiny');
  host = new EngineHost({ launcher: nodeProcessLauncher({ stdio: 'ignore' }), heartbeat: false });
});

afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A grammar that cannot end early: one string of exactly `chars` characters. */
const endlessSchema = (chars: number) => ({
  $defs: {
    text: {
      type: 'array',
      minItems: chars / 400,
      maxItems: chars / 400,
      items: { type: 'string', minLength: 400, maxLength: 400 },
    },
  },
  $ref: '#/$defs/text',
});

function tone(seconds: number): Float32Array {
  const pcm = new Float32Array(seconds * 16_000);
  for (let i = 0; i < pcm.length; i++) pcm[i] = 0.1 * Math.sin((2 * Math.PI * 440 * i) / 16_000);
  return pcm;
}

describe('LLM in the engine process', () => {
  it('reports the LLM at start-up without loading its binding, and loads it on first use', async () => {
    const ready = await host.start();
    expect(ready.engines.llm).toMatchObject({
      available: true,
      engine: 'node-llama-cpp',
      version: '3.22.1',
      bindingLoaded: false,
    });
    const started = performance.now();
    const info = await host.request('llm.load', { model: model() });
    console.log(
      `[llm] first llm.load in the engine process (binding + model): ${Math.round(performance.now() - started)} ms`,
    );
    expect(info).toMatchObject({ path: llmPath, contextSize: 32_768, chatWrapper: 'ChatML' });
  });

  it('runs a transcription while a long generation runs, and answers ping meanwhile', async () => {
    const controller = new AbortController();
    let generating!: () => void;
    const started = new Promise<void>((resolve) => (generating = resolve));
    let llmSettled = false;
    const generation = host
      .request(
        'llm.complete',
        {
          model: model(),
          system: '',
          user: 'بنویس',
          jsonSchema: endlessSchema(20_000),
          maxTokens: 30_000,
          temperature: 1,
          seed: 11,
          progressIntervalMs: 0,
        },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.kind === 'llm.progress' && event.payload.generatedTokens > 0) generating();
          },
        },
      )
      .finally(() => (llmSettled = true));
    await Promise.race([started, generation]);
    expect(llmSettled).toBe(false);

    const transcription = host.request('speech.transcribe', {
      modelPath: whisperPath,
      pcm: tone(3),
      threads: 1,
    });
    const ping = await host.ping();
    expect(ping.lanes).toEqual({
      speech: { busy: true, queued: 0 },
      llm: { busy: true, queued: 0 },
    });
    const heard = await transcription;
    expect(heard.aborted).toBe(false);
    expect(llmSettled).toBe(false);

    const abortedAt = performance.now();
    controller.abort();
    const result = await generation;
    expect(result.aborted).toBe(true);
    expect(result.generatedTokens).toBeGreaterThan(0);
    expect(performance.now() - abortedAt).toBeLessThan(2000);
  });

  it('queues LLM jobs one at a time on their lane', async () => {
    const request = (user: string) =>
      host.request('llm.complete', { model: model(), system: '', user, maxTokens: 200 });
    const first = request('یک');
    const second = request('دو');
    const ping = await host.ping();
    expect(ping.lanes?.llm.busy).toBe(true);
    expect(ping.lanes?.llm.queued).toBe(1);
    expect((await first).generatedTokens).toBeGreaterThan(0);
    expect((await second).generatedTokens).toBeGreaterThan(0);
    const freed = await host.request('llm.unload', {});
    expect(freed.freed).toEqual([llmPath]);
  });

  it('answers a failing LLM request with a typed error and keeps running', async () => {
    await expect(
      host.request('llm.load', { model: { ...model(), modelPath: path.join(dir, 'none.gguf') } }),
    ).rejects.toMatchObject({ name: 'EngineError', code: 'model_load_failed' });
    await expect(
      host.request('llm.complete', {
        model: { ...model(), contextSize: 256 },
        system: '',
        user: 'متن '.repeat(300),
        maxTokens: 10,
      }),
    ).rejects.toMatchObject({ code: 'prompt_too_long' });
    expect((await host.ping()).busy).toBe(false);
  });
});
