// The engine process for real: a child forked by Node (tsx), the real whisper.cpp addon, a
// weightless tiny model written by the test. No mocks. Expect empty text: the model has no weights.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWeightlessModel } from '../speech/testing/weightless-model';
import type { SpeechSegment } from '../speech/speech-engine';
import {
  EngineError,
  EngineHost,
  EngineRetryError,
  withRetry,
  type EngineHostEvent,
  type EngineHostOptions,
} from './engine-host';
import { nodeProcessLauncher } from './node-launcher';

const SAMPLE_RATE = 16_000;
const THREADS = 2;
const FAULTY = path.join(import.meta.dirname, 'testing', 'faulty-engine.ts');

function tone(seconds: number, frequency = 440, amplitude = 0.1): Float32Array {
  const pcm = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < pcm.length; i++) {
    pcm[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE);
  }
  return pcm;
}

let dir: string;
let modelPath: string;
const hosts: EngineHost[] = [];

function newHost(
  options: Partial<EngineHostOptions> = {},
  events: EngineHostEvent[] = [],
): EngineHost {
  const host = new EngineHost({
    launcher: nodeProcessLauncher(),
    restart: { backoffMs: 50 },
    heartbeat: false,
    onEvent: (event) => events.push(event),
    ...options,
  });
  hosts.push(host);
  return host;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-engine-'));
  modelPath = path.join(dir, 'weightless-tiny.bin');
  writeWeightlessModel(modelPath, 'tiny');
});

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('engine process (real child, real addon)', () => {
  const events: EngineHostEvent[] = [];
  let host: EngineHost;

  beforeAll(async () => {
    host = newHost({}, events);
    const started = performance.now();
    const ready = await host.start();
    console.log(`[engine] child ready in ${Math.round(performance.now() - started)} ms`);
    expect(ready.engines.speech).toMatchObject({ available: true, whisperVersion: '1.9.1' });
    expect(ready.pid).toBe(host.pid);
    expect(ready.pid).not.toBe(process.pid);
  });

  it('answers ping and loads a model', async () => {
    const pong = await host.ping();
    expect(pong).toMatchObject({ pid: host.pid, busy: false, queued: 0 });
    const info = await host.request('speech.load', { modelPath });
    expect(info).toMatchObject({ loaded: true, type: 'tiny', audioState: 384, mels: 80 });
  });

  it('transcribes PCM through the process with progress events; the host loop stays free', async () => {
    const pcm = new Float32Array(6 * SAMPLE_RATE);
    pcm.set(tone(3), 3 * SAMPLE_RATE);
    const progress: number[] = [];
    const segments: SpeechSegment[] = [];
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const result = await host
      .transcribe(
        pcm,
        { modelPath, threads: THREADS, initialPrompt: 'فشار خون، قند خون' },
        { onProgress: (p) => progress.push(p), onSegment: (s) => segments.push(s) },
      )
      .finally(() => clearInterval(timer));
    const wall = performance.now() - started;
    expect(result).toMatchObject({ aborted: false, language: 'fa', audioMs: 6000 });
    expect(result.text.trim()).toBe('');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(segments).toEqual(result.segments);
    expect(longestGap).toBeLessThan(250);
    console.log(
      `[engine] 6 s through the process: ${Math.round(wall)} ms wall, ${Math.round(result.elapsedMs)} ms in the engine, ` +
        `${progress.length} progress events, longest host loop gap ${Math.round(longestGap)} ms`,
    );

    const english = await host.transcribe(tone(2), { modelPath, threads: THREADS, language: 'en' });
    expect(english.language).toBe('en');
  });

  it('a view into a larger buffer crosses as just its samples', async () => {
    const big = new Float32Array(20 * SAMPLE_RATE);
    const view = big.subarray(SAMPLE_RATE, 3 * SAMPLE_RATE);
    const result = await host.transcribe(view, { modelPath, threads: THREADS, noTimestamps: true });
    expect(result.audioMs).toBe(2000);
  });

  it('cancels mid-job promptly, and the next job runs', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const result = await host.transcribe(
      tone(30),
      { modelPath, threads: THREADS },
      {
        signal: controller.signal,
        onProgress: () => {
          if (!abortedAt) {
            abortedAt = performance.now();
            controller.abort();
          }
        },
      },
    );
    const latency = performance.now() - abortedAt;
    expect(abortedAt).toBeGreaterThan(0);
    expect(result.aborted).toBe(true);
    expect(latency).toBeLessThan(1000);
    console.log(`[engine] cancel settled ${Math.round(latency)} ms after abort()`);

    const next = await host.transcribe(tone(1), { modelPath, threads: THREADS });
    expect(next.aborted).toBe(false);
  });

  it('queues jobs one at a time; a queued job cancelled before it runs costs nothing', async () => {
    const first = host.transcribe(tone(5), { modelPath, threads: THREADS });
    const controller = new AbortController();
    const second = host.transcribe(
      tone(5),
      { modelPath, threads: THREADS },
      { signal: controller.signal },
    );
    const third = host.transcribe(tone(1), { modelPath, threads: THREADS });
    // Let the requests reach the engine, then look at its queue.
    const pong = await host.ping();
    expect(pong.busy).toBe(true);
    expect(pong.queued).toBe(2);
    controller.abort();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a.aborted).toBe(false);
    expect(b).toMatchObject({ aborted: true, elapsedMs: 0, audioMs: 5000 });
    expect(c.aborted).toBe(false);

    const early = new AbortController();
    early.abort();
    expect((await host.transcribe(tone(1), { modelPath }, { signal: early.signal })).aborted).toBe(
      true,
    );
  });

  it('reports a missing model and bad options as typed errors; the engine lives on', async () => {
    const pid = host.pid;
    await expect(
      host.transcribe(tone(1), { modelPath: path.join(dir, 'missing.bin') }),
    ).rejects.toMatchObject({ code: 'model_load_failed', message: /cannot open the model file/ });
    // Refused by the host's validation before anything is sent.
    await expect(host.transcribe(tone(1), { modelPath, threads: 0 })).rejects.toMatchObject({
      code: 'invalid_request',
      message: /threads/,
    });
    await expect(host.transcribe(new Float32Array(0), { modelPath })).rejects.toBeInstanceOf(
      EngineError,
    );
    await expect(
      host.request('speech.transcribe', { modelPath, pcm: [0, 0] as unknown as Float32Array }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(host.pid).toBe(pid);
    // The model is loaded again after the failed load replaced the cache.
    expect((await host.transcribe(tone(1), { modelPath, threads: THREADS })).aborted).toBe(false);
    expect(await host.request('speech.unload', {})).toEqual({ freed: [modelPath] });
  });

  it('SIGKILL mid-job: the job fails as engine_crashed, the host restarts it, the retry completes', async () => {
    const firstPid = host.pid!;
    const seen: string[] = [];
    let killed = false;
    const started = performance.now();
    const result = await withRetry(
      (attempt) =>
        host.transcribe(
          tone(10),
          { modelPath, threads: THREADS },
          {
            onProgress: () => {
              if (attempt === 1 && !killed) {
                killed = true;
                process.kill(firstPid, 'SIGKILL');
              }
            },
          },
        ),
      { onRetry: ({ attempt, error }) => seen.push(`${attempt}: ${(error as EngineError).code}`) },
    );
    expect(killed).toBe(true);
    expect(result.aborted).toBe(false);
    expect(result.audioMs).toBe(10_000);
    expect(seen).toEqual(['1: engine_crashed']);
    expect(host.pid).toBeDefined();
    expect(host.pid).not.toBe(firstPid);
    expect(isAlive(firstPid)).toBe(false);
    const exited = events.find((e) => e.type === 'exited');
    expect(exited).toMatchObject({ pid: firstPid, exit: { signal: 'SIGKILL' } });
    expect(events.some((e) => e.type === 'restarting')).toBe(true);
    console.log(
      `[engine] killed mid-job, restarted and completed in ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('stop() ends the process; requests after it reject; start() brings it back', async () => {
    const pid = host.pid!;
    await host.stop();
    expect(host.state).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    await expect(host.ping()).rejects.toMatchObject({ code: 'engine_stopped' });
    await host.start();
    expect(host.pid).not.toBe(pid);
    expect((await host.ping()).pid).toBe(host.pid);
  });
});

describe('engine process faults', () => {
  it('malformed messages from the child are rejected by validation; the host carries on', async () => {
    const events: EngineHostEvent[] = [];
    const host = newHost(
      { launcher: nodeProcessLauncher({ modulePath: FAULTY, args: ['garbage'] }) },
      events,
    );
    await host.start();
    const pid = host.pid;
    const pong = await host.ping();
    expect(pong.pid).toBe(pid);
    const invalid = events.filter((e) => e.type === 'invalid_message');
    // Every piece of garbage except the result for an unknown id (valid framing, nobody waits).
    expect(invalid).toHaveLength(10);
    expect(invalid.map((e) => (e.type === 'invalid_message' ? e.error : '')).join('\n')).toMatch(
      /invalid progress event/,
    );
    expect((await host.ping()).pid).toBe(pid);
    expect(host.state).toBe('running');
  });

  it('a malformed result fails its request as protocol_error, not a hang', async () => {
    const host = newHost({
      launcher: nodeProcessLauncher({ modulePath: FAULTY, args: ['bad-unload-result'] }),
    });
    await host.start();
    await expect(host.request('speech.unload', {})).rejects.toMatchObject({
      code: 'protocol_error',
      message: /speech.unload result/,
    });
    expect((await host.ping()).busy).toBe(false);
  });

  it('the engine validates what it receives and answers garbage without dying', async () => {
    const child = nodeProcessLauncher().launch();
    const messages: unknown[] = [];
    child.onMessage((message) => messages.push(message));
    const exited = new Promise((resolve) => child.onExit(resolve));
    const waitFor = async (predicate: (m: unknown) => boolean) => {
      for (let i = 0; i < 400 && !messages.some(predicate); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return messages.find(predicate) as Record<string, unknown> | undefined;
    };
    const has = (type: string, id?: string) => (m: unknown) =>
      (m as { type?: string }).type === type &&
      (id === undefined || (m as { id?: string }).id === id);
    expect(await waitFor(has('ready'))).toBeDefined();
    child.postMessage('garbage');
    child.postMessage({ type: 'request', id: 'x1', kind: 'speech.explode', payload: {} });
    child.postMessage({
      type: 'request',
      id: 'x2',
      kind: 'speech.transcribe',
      payload: { pcm: 'loud' },
    });
    child.postMessage({ type: 'request', id: 'x3', kind: 'ping', payload: {} });
    expect(await waitFor(has('result', 'x3'))).toMatchObject({ ok: true });
    expect(messages.find(has('result', 'x1'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(messages.find(has('result', 'x2'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: /speech.transcribe payload/ },
    });
    expect(messages.find(has('log'))).toMatchObject({ level: 'warn' });
    child.kill();
    await exited;
  });

  it('a hung engine is found by the heartbeat, killed and restarted; the retried job completes', async () => {
    const marker = path.join(dir, 'hung-once');
    const events: EngineHostEvent[] = [];
    const host = newHost(
      {
        launcher: nodeProcessLauncher({ modulePath: FAULTY, args: ['hang-once', marker] }),
        heartbeat: { intervalMs: 100, timeoutMs: 1000 },
      },
      events,
    );
    await host.start();
    const firstPid = host.pid;
    const started = performance.now();
    const failures: string[] = [];
    const result = await withRetry(
      () => host.transcribe(tone(2), { modelPath, threads: THREADS }),
      { onRetry: ({ error }) => failures.push((error as EngineError).code) },
    );
    expect(fs.existsSync(marker)).toBe(true);
    expect(failures).toEqual(['engine_hung']);
    expect(result.aborted).toBe(false);
    expect(host.pid).not.toBe(firstPid);
    console.log(
      `[engine] hung engine detected, restarted, job done in ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('an engine that keeps dying is restarted a bounded number of times, then fails with the reason', async () => {
    const events: EngineHostEvent[] = [];
    const host = newHost(
      {
        launcher: nodeProcessLauncher({
          modulePath: path.join(dir, 'no-such-engine.mjs'),
          stdio: 'ignore',
        }),
        restart: { maxPerMinute: 2, backoffMs: 10 },
      },
      events,
    );
    await expect(host.start()).rejects.toMatchObject({
      code: 'engine_failed',
      message:
        /failed 3 times within a minute; last: the engine process failed to start \(exit code 1\)/,
    });
    expect(host.state).toBe('failed');
    expect(events.filter((e) => e.type === 'restarting')).toHaveLength(2);
    await expect(host.ping()).rejects.toMatchObject({ code: 'engine_failed' });

    // withRetry does not retry a host that gave up, and reports why.
    await expect(withRetry(() => host.ping())).rejects.toMatchObject({ code: 'engine_failed' });
  });

  it('withRetry gives up after the attempts with every reason', async () => {
    let calls = 0;
    const error = await withRetry(
      () => {
        calls++;
        return Promise.reject(new EngineError('engine_crashed', `crash ${calls}`));
      },
      { attempts: 3 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(EngineRetryError);
    expect(error).toMatchObject({
      code: 'engine_crashed',
      attempts: 3,
      message: 'failed after 3 attempts: crash 3',
    });
  });
});
