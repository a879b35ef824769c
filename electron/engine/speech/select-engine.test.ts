// Choosing the speech engine, with the real addon and the real prebuilt fallback (an addon or a
// fallback "missing" is a wrong path, not a mock), and once through a real engine process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, EngineHost } from '../process/engine-host';
import { nodeProcessLauncher } from '../process/node-launcher';
import { speechAvailabilitySchema } from '../protocol/messages';
import { FALLBACK_ENGINE, createFugoodWhisperEngine } from './fugood-whisper';
import {
  SPEECH_ENGINE_ENV,
  availabilityForProtocol,
  engineForProtocol,
  selectSpeechEngine,
} from './select-engine';
import { SpeechEngineError } from './speech-engine';
import { writeWeightlessModel } from './testing/weightless-model';
import { createWhisperAddonEngine } from './whisper-addon';

const missingAddon = () =>
  createWhisperAddonEngine({ bindingPath: path.join(os.tmpdir(), 'no-such-dir', 'x.node') });
const missingFallback = () =>
  createFugoodWhisperEngine({ packageName: '@fugood/node-whisper-no-such-platform' });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

let dir: string;
let tinyPath: string;
let host: EngineHost | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-select-'));
  tinyPath = path.join(dir, 'weightless-tiny.bin');
  writeWeightlessModel(tinyPath, 'tiny');
});

afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('speech engine selection', () => {
  it('uses the addon when it loads', () => {
    const selection = selectSpeechEngine({ env: {} });
    expect(selection).toMatchObject({ kind: 'addon', fallback: false, choice: 'auto' });
    expect(selection.engine.availability).toMatchObject({
      available: true,
      engine: 'whisper.cpp addon',
    });
  });

  it('falls back to the prebuilt, with the slow warning, when the addon is missing', () => {
    const selection = selectSpeechEngine({ env: {}, createAddon: missingAddon });
    if (selection.kind !== 'fallback') throw new Error(`selected ${selection.kind}`);
    expect(selection).toMatchObject({ fallback: true, warning: 'slow' });
    expect(selection.addonReason).toMatch(/speech engine is not built/);
    expect(selection.engine.availability).toMatchObject({
      available: true,
      engine: FALLBACK_ENGINE,
      fallback: true,
      warning: 'slow',
    });
  });

  it(`${SPEECH_ENGINE_ENV}=fallback forces the fallback; =addon never falls back`, () => {
    const forced = selectSpeechEngine({ env: { [SPEECH_ENGINE_ENV]: 'fallback' } });
    expect(forced).toMatchObject({ kind: 'fallback', choice: 'fallback', warning: 'slow' });

    const addonOnly = selectSpeechEngine({
      env: { [SPEECH_ENGINE_ENV]: 'addon' },
      createAddon: missingAddon,
    });
    expect(addonOnly).toMatchObject({ kind: 'unavailable', choice: 'addon' });
    if (addonOnly.kind !== 'unavailable') return;
    expect(Object.keys(addonOnly.reasons)).toEqual(['addon']);

    const unknown = selectSpeechEngine({ env: { [SPEECH_ENGINE_ENV]: 'gpu' } });
    expect(unknown).toMatchObject({ kind: 'addon', choice: 'auto' });
    expect(unknown.notes[0]).toMatch(/HELSSA_SPEECH_ENGINE=gpu is not one of/);
  });

  it('is unavailable with both reasons when neither loads', async () => {
    const selection = selectSpeechEngine({
      env: {},
      createAddon: missingAddon,
      createFallback: missingFallback,
    });
    if (selection.kind !== 'unavailable') throw new Error(`selected ${selection.kind}`);
    expect(selection.reasons.addon).toMatch(/not built/);
    expect(selection.reasons.fallback).toMatch(/not installed/);
    const { availability } = selection.engine;
    expect(availability.available).toBe(false);
    if (availability.available) return;
    expect(availability.reason).toMatch(/speech engine: .*not built.*; prebuilt fallback: .*/);
    const error = await rejection(selection.engine.loadModel(tinyPath));
    expect(error).toBeInstanceOf(SpeechEngineError);
    expect(error).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });

  it('hands the protocol an availability it accepts', () => {
    const fallback = createFugoodWhisperEngine();
    const wire = availabilityForProtocol(fallback.availability);
    expect(speechAvailabilitySchema.safeParse(wire).success).toBe(true);
    // The protocol carries `fallback`; a mark it has no field for (`warning`) is dropped.
    expect(wire).toMatchObject({ available: true, engine: FALLBACK_ENGINE, fallback: true });
    expect('warning' in wire).toBe(
      speechAvailabilitySchema.safeParse(fallback.availability).success,
    );
    expect(engineForProtocol(fallback).availability).toEqual(wire);
    const addon = createWhisperAddonEngine();
    expect(engineForProtocol(addon)).toBe(addon);
  });

  it(`a real engine process started with ${SPEECH_ENGINE_ENV}=fallback runs the fallback`, async () => {
    host = new EngineHost({
      launcher: nodeProcessLauncher({
        env: { ...process.env, [SPEECH_ENGINE_ENV]: 'fallback' },
        stdio: 'ignore',
      }),
      heartbeat: false,
    });
    const ready = await host.start();
    expect(ready.engines.speech).toMatchObject({ available: true, engine: FALLBACK_ENGINE });
    const info = await host.request('speech.load', { modelPath: tinyPath });
    expect(info).toMatchObject({ loaded: true, type: 'tiny', audioLayers: 4 });
    const corrupt = path.join(dir, 'corrupt.bin');
    fs.writeFileSync(corrupt, fs.readFileSync(tinyPath).subarray(0, 1000));
    const error = await rejection(host.request('speech.load', { modelPath: corrupt }));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'model_load_failed' });
    expect((error as Error).message).toMatch(/truncated or corrupt/);
    // The process lived through it.
    await expect(host.ping()).resolves.toMatchObject({ pid: ready.pid });
  });
});
