import { describe, expect, it } from 'vitest';
import { formatLine } from './prompt';
import { fitLines, partition, transcriptLines } from './split';

// Token counts here are UTF-8 bytes: what the tests' byte-level model counts, without a model.
const bytes = (texts: readonly string[]) =>
  Promise.resolve(texts.map((text) => Buffer.byteLength(text)));

describe('splitting a transcript into parts', () => {
  it('numbers segments by their place in the visit and skips empty ones', () => {
    const lines = transcriptLines([
      { id: 'a', startMs: 0, endMs: 1, text: 'اول' },
      { id: 'b', startMs: 1, endMs: 2, text: '   ' },
      { id: 'c', startMs: 2, endMs: 3, text: 'سوم\nادامه' },
    ]);
    expect(lines).toEqual([
      { number: 1, text: 'اول' },
      { number: 3, text: 'سوم\nادامه' },
    ]);
    expect(formatLine(lines[1]!)).toBe('[3] سوم ادامه');
  });

  it('keeps every line, in order, in parts within the budget', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      number: i + 1,
      text: `خط ${i + 1} ${'متن '.repeat(i % 7)}`,
    }));
    const fitted = await fitLines(lines, 120, bytes);
    const parts = partition(fitted, 120);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flat().map((entry) => entry.line)).toEqual(lines);
    for (const part of parts) {
      expect(part.reduce((sum, entry) => sum + entry.tokens, 0)).toBeLessThanOrEqual(120);
    }
  });

  it('cuts a segment too long for any part into pieces that keep its number', async () => {
    const long = { number: 7, text: 'کلمه '.repeat(100).trim() };
    const fitted = await fitLines([{ number: 6, text: 'کوتاه' }, long], 80, bytes);
    expect(fitted.length).toBeGreaterThan(3);
    expect(fitted.every((entry) => entry.tokens <= 80)).toBe(true);
    expect(fitted.slice(1).every((entry) => entry.line.number === 7)).toBe(true);
    expect(
      fitted
        .slice(1)
        .map((entry) => entry.line.text)
        .join(' '),
    ).toBe(long.text);
    // Even one enormous word is cut, by characters.
    const word = await fitLines([{ number: 1, text: 'ب'.repeat(300) }], 100, bytes);
    expect(word.map((entry) => entry.line.text).join('')).toBe('ب'.repeat(300));
  });
});
