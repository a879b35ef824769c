// The protocol's validation on its own (the process tests exercise it across a real boundary).
import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  parseEngineMessage,
  parseHostMessage,
  parseResultValue,
  PROTOCOL_VERSION,
  requestKindNames,
  requestKinds,
} from './messages';

const transcribe = (payload: Record<string, unknown>) => ({
  type: 'request',
  id: '7',
  kind: 'speech.transcribe',
  payload: { modelPath: '/m.bin', pcm: new Float32Array(160), ...payload },
});

describe('engine protocol', () => {
  it('accepts a transcription request whose PCM went through structured clone', () => {
    const cloned = deserialize(serialize(transcribe({ language: 'fa', threads: 2 }))) as unknown;
    const parsed = parseHostMessage(cloned);
    expect(parsed.ok).toBe(true);
    if (
      parsed.ok &&
      parsed.message.type === 'request' &&
      parsed.message.kind === 'speech.transcribe'
    ) {
      expect(parsed.message.payload.pcm).toBeInstanceOf(Float32Array);
      expect(parsed.message.payload.pcm).toHaveLength(160);
    }
    expect(parseHostMessage(structuredClone({ type: 'cancel', id: '7' })).ok).toBe(true);
  });

  it('rejects bad requests and keeps the id to answer them', () => {
    for (const bad of [
      transcribe({ pcm: [0, 1] }),
      transcribe({ pcm: new Float64Array(4) }),
      transcribe({ pcm: new Float32Array(0) }),
      transcribe({ language: 'Persian' }),
      transcribe({ threads: 1.5 }),
      transcribe({ extra: true }),
      { type: 'request', id: '7', kind: 'speech.explode', payload: {} },
      { type: 'request', id: '7', kind: 'ping', payload: {}, more: 1 },
    ]) {
      const parsed = parseHostMessage(bad);
      expect(parsed.ok, JSON.stringify(bad)).toBe(false);
      if (!parsed.ok) expect(parsed.id).toBe('7');
    }
    expect(parseHostMessage(null)).toMatchObject({ ok: false, id: undefined });
    expect(parseHostMessage({ type: 'cancel' })).toMatchObject({ ok: false });
  });

  it('validates engine messages and result values per request kind', () => {
    expect(
      parseEngineMessage({
        type: 'ready',
        protocolVersion: PROTOCOL_VERSION,
        pid: 1,
        engines: {
          speech: { available: false, engine: 'x', reason: 'not built' },
          llm: {
            available: true,
            engine: 'node-llama-cpp',
            version: '3.22.1',
            bindingLoaded: false,
          },
        },
      }).ok,
    ).toBe(true);
    // Every engine says whether it is there.
    expect(
      parseEngineMessage({
        type: 'ready',
        protocolVersion: PROTOCOL_VERSION,
        pid: 1,
        engines: { speech: { available: false, engine: 'x', reason: 'not built' } },
      }).ok,
    ).toBe(false);
    expect(
      parseEngineMessage({ type: 'event', id: '1', kind: 'progress', payload: { percent: 50 } }).ok,
    ).toBe(true);
    expect(
      parseEngineMessage({ type: 'event', id: '1', kind: 'progress', payload: { percent: 150 } }),
    ).toMatchObject({ ok: false, id: '1' });
    expect(
      parseEngineMessage({
        type: 'result',
        id: '1',
        ok: false,
        error: { code: 'nope', message: '' },
      }).ok,
    ).toBe(false);
    expect(parseResultValue('speech.unload', { freed: ['/m.bin'] }).ok).toBe(true);
    expect(parseResultValue('speech.unload', { freed: 'all' }).ok).toBe(false);
    expect(requestKindNames).toEqual([
      'ping',
      'speech.load',
      'speech.transcribe',
      'speech.unload',
      'llm.load',
      'llm.tokenize',
      'llm.complete',
      'llm.unload',
    ]);
  });

  it('puts speech and LLM jobs on their own lanes and answers ping at once', () => {
    expect(requestKinds.ping.lane).toBeNull();
    for (const kind of requestKindNames.filter((name) => name.startsWith('speech.'))) {
      expect(requestKinds[kind].lane).toBe('speech');
    }
    for (const kind of requestKindNames.filter((name) => name.startsWith('llm.'))) {
      expect(requestKinds[kind].lane).toBe('llm');
    }
  });

  it('validates LLM requests, progress events and results', () => {
    const model = { modelPath: '/m.gguf', contextSize: 4096, threads: 2 };
    const complete = (payload: Record<string, unknown>) => ({
      type: 'request',
      id: '9',
      kind: 'llm.complete',
      payload: { model, system: 's', user: 'u', maxTokens: 100, ...payload },
    });
    const schema = { $defs: { a: { type: 'string', maxLength: 3 } }, $ref: '#/$defs/a' };
    expect(parseHostMessage(structuredClone(complete({ jsonSchema: schema, seed: 1 }))).ok).toBe(
      true,
    );
    for (const bad of [
      complete({ maxTokens: 0 }),
      complete({ temperature: 3 }),
      complete({ jsonSchema: 'json' }),
      complete({ model: { ...model, contextSize: 10 } }),
      complete({ model: { ...model, threads: 0 } }),
      complete({ model: { ...model, gpuLayers: -1 } }),
      { type: 'request', id: '9', kind: 'llm.tokenize', payload: { model, texts: 'one' } },
    ]) {
      expect(parseHostMessage(bad), JSON.stringify(bad)).toMatchObject({ ok: false, id: '9' });
    }
    const progress = {
      phase: 'generate',
      promptTokens: 10,
      promptTokensDone: 10,
      generatedTokens: 3,
      maxTokens: 100,
    };
    expect(
      parseEngineMessage({ type: 'event', id: '9', kind: 'llm.progress', payload: progress }).ok,
    ).toBe(true);
    expect(
      parseEngineMessage({
        type: 'event',
        id: '9',
        kind: 'llm.progress',
        payload: { ...progress, phase: 'thinking' },
      }).ok,
    ).toBe(false);
    const result = {
      aborted: false,
      text: '{}',
      stopReason: 'grammar',
      promptTokens: 10,
      promptTokensEvaluated: 10,
      generatedTokens: 2,
      promptMs: 1,
      generateMs: 1,
      elapsedMs: 2,
      meanConfidence: 0.5,
    };
    expect(parseResultValue('llm.complete', result).ok).toBe(true);
    expect(parseResultValue('llm.complete', { ...result, meanConfidence: 2 }).ok).toBe(false);
    expect(parseResultValue('llm.complete', { ...result, stopReason: 'bored' }).ok).toBe(false);
    expect(parseResultValue('llm.tokenize', { counts: [1, 2], chatOverhead: 5 }).ok).toBe(true);
  });
});
