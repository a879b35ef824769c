// The VAD part of speech.transcribe: request modes and result fields.
import { describe, expect, it } from 'vitest';
import { parseRequestPayload, parseResultValue } from './messages';

const payload = (vad: unknown) => ({
  modelPath: '/m.bin',
  pcm: new Float32Array(160),
  ...(vad === undefined ? {} : { vad }),
});

const result = {
  aborted: false,
  segments: [],
  text: '',
  language: 'fa',
  elapsedMs: 3,
  audioMs: 20_000,
};

describe('speech.transcribe VAD', () => {
  it('accepts off, energy (with its parameters), silero and the older form without mode', () => {
    for (const vad of [
      undefined,
      { mode: 'off' },
      { mode: 'energy' },
      {
        mode: 'energy',
        thresholdDb: 12,
        absoluteThresholdDb: -55,
        noisePercentile: 5,
        noiseWindowMs: 8000,
        maxNoiseFloorDb: -35,
        minSilenceMs: 250,
        minSpeechMs: 80,
        padStartMs: 300,
        padEndMs: 200,
        highPassHz: 0,
        frameMs: 20,
      },
      { mode: 'silero', modelPath: '/vad.bin', threshold: 0.4, speechPadMs: 100 },
      { modelPath: '/vad.bin', threshold: 0.4 },
    ]) {
      const parsed = parseRequestPayload('speech.transcribe', payload(vad));
      expect(parsed.ok, JSON.stringify(vad)).toBe(true);
      if (parsed.ok) expect(parsed.payload.vad).toEqual(vad);
    }
  });

  it('refuses unknown modes, mixed parameters and out-of-range values', () => {
    for (const vad of [
      { mode: 'webrtc' },
      { mode: 'silero' },
      { mode: 'off', modelPath: '/vad.bin' },
      { mode: 'energy', modelPath: '/vad.bin' },
      { mode: 'energy', threshold: 0.5 },
      { mode: 'energy', thresholdDb: -3 },
      { mode: 'energy', noisePercentile: 101 },
      { mode: 'energy', padStartMs: Number.POSITIVE_INFINITY },
      { mode: 'silero', modelPath: '/vad.bin', thresholdDb: 10 },
      { threshold: 0.5 },
      'energy',
    ]) {
      expect(parseRequestPayload('speech.transcribe', payload(vad)).ok, JSON.stringify(vad)).toBe(
        false,
      );
    }
  });

  it('accepts results with and without the VAD fields', () => {
    expect(parseResultValue('speech.transcribe', result).ok).toBe(true);
    const skipped = {
      ...result,
      vadMode: 'energy',
      voicedMs: 0,
      voicedRegions: [],
      skipped: true,
      transcribedMs: 0,
    };
    expect(parseResultValue('speech.transcribe', skipped)).toEqual({ ok: true, value: skipped });
    const voiced = {
      ...skipped,
      voicedMs: 3890,
      voicedRegions: [{ t0: 7730, t1: 11_620 }],
      skipped: false,
      transcribedMs: 3890,
    };
    expect(parseResultValue('speech.transcribe', voiced).ok).toBe(true);
    for (const bad of [
      { ...result, vadMode: 'webrtc' },
      { ...result, voicedMs: -1 },
      { ...result, voicedRegions: [{ t0: 1 }] },
      { ...result, skipped: 'yes' },
    ]) {
      expect(parseResultValue('speech.transcribe', bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});
