import { describe, expect, it } from 'vitest';
import { messages } from '../../shared/messages';
import { AppError } from '../errors';
import { failureMessage } from './drafting-service';
import { DraftingError, type DraftingFailure } from './llm/errors';

describe('what a failed drafting job says', () => {
  const reasons: DraftingFailure[] = [
    'cancelled',
    'engine_unavailable',
    'model_load_failed',
    'engine_crashed',
    'engine_failed',
    'context_too_small',
    'invalid_output',
    'internal',
  ];

  it.each(reasons)('names the pipeline reason %s in Persian and English', (reason) => {
    const key = failureMessage(new DraftingError(reason, `technical: ${reason} at 0x1f`));
    expect(key).toBe(`drafting.failure.${reason}`);
    const message = messages[key];
    expect(message.fa).toMatch(/[\u0600-\u06FF]/);
    expect(message.en).toMatch(/^[A-Z]/);
    // The technical text stays in the log.
    expect(message.fa + message.en).not.toContain('0x1f');
  });

  it('keeps the core’s own message and hides anything else', () => {
    expect(failureMessage(new AppError('validation', 'drafting.noTranscript'))).toBe(
      'drafting.noTranscript',
    );
    expect(failureMessage(new Error('ENOENT /home/clinic/x.gguf'))).toBe(
      'drafting.failure.internal',
    );
    expect(failureMessage('a thrown string')).toBe('drafting.failure.internal');
  });
});
