// The protocol's validation on its own (the process tests exercise it across a real boundary).
import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  parseEngineMessage,
  parseHostMessage,
  parseResultValue,
  PROTOCOL_VERSION,
  requestKindNames,
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
        engines: { speech: { available: false, engine: 'x', reason: 'not built' } },
      }).ok,
    ).toBe(true);
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
    expect(requestKindNames).toEqual(['ping', 'speech.load', 'speech.transcribe', 'speech.unload']);
  });
});
