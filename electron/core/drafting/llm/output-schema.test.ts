// The output schema, the grammar derived from it, and the bound on how long the model's answer can
// be — checked against the real engine (node-llama-cpp in this process, a random-weight model
// that rambles as much as the grammar lets it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftingEngine } from '../../../engine/llm/drafting-engine';
import { createLlamaDraftingEngine } from '../../../engine/llm/llama-drafting-engine';
import { writeTinyGguf } from '../../../engine/llm/testing/tiny-gguf';
import {
  draftOutputSchema,
  fitDraftLimits,
  fitSectionChars,
  FULL_DRAFT_LIMITS,
  grammarSchemaOf,
  sectionOutputSchema,
  UnsupportedSchemaError,
  worstCaseTokens,
} from './output-schema';

const numbers = [3, 4, 5];

describe('draft output schema → grammar', () => {
  it('carries every bound into the grammar and writes the root through $defs', () => {
    const grammar = grammarSchemaOf(draftOutputSchema(FULL_DRAFT_LIMITS, numbers)) as {
      $ref: string;
      $defs: { output: { properties: Record<string, Record<string, unknown>> } };
    };
    expect(grammar.$ref).toBe('#/$defs/output');
    const props = grammar.$defs.output.properties;
    expect(props.subjective).toEqual({ type: 'string', maxLength: 1200 });
    expect(props.medications!.maxItems).toBe(8);
    const evidence = (
      props.medications!.items as { properties: Record<string, Record<string, unknown>> }
    ).properties.evidence!;
    expect(evidence.maxItems).toBe(2);
    expect((evidence.items as { properties: Record<string, unknown> }).properties).toEqual({
      segment: { enum: numbers },
      quote: { type: 'string', maxLength: 40 },
    });
    expect(props.followUp!.oneOf).toHaveLength(2);
    expect((props.vitals!.items as { properties: { kind: unknown } }).properties.kind).toEqual({
      enum: [
        'blood_pressure',
        'heart_rate',
        'respiratory_rate',
        'temperature',
        'spo2',
        'weight',
        'height',
      ],
    });
    // Sections the template does not ask for can only be "".
    const onlyPlan = grammarSchemaOf(draftOutputSchema(FULL_DRAFT_LIMITS, numbers, ['plan'])) as {
      $defs: { output: { properties: Record<string, unknown> } };
    };
    expect(onlyPlan.$defs.output.properties.subjective).toEqual({ type: 'string', maxLength: 0 });
  });

  it('refuses what the grammar cannot enforce instead of dropping it silently', () => {
    const cases: [z.ZodType, RegExp][] = [
      [z.strictObject({ a: z.string() }), /without maxLength/],
      [z.strictObject({ a: z.array(z.string().max(2)) }), /without maxItems/],
      [z.strictObject({ a: z.string().regex(/^x$/).max(3) }), /pattern/],
      [z.strictObject({ a: z.number().int().min(1) }), /minimum/],
      [z.strictObject({ a: z.string().max(5000) }), /at most 2000/],
    ];
    for (const [schema, message] of cases) {
      expect(() => grammarSchemaOf(schema)).toThrow(UnsupportedSchemaError);
      expect(() => grammarSchemaOf(schema)).toThrow(message);
    }
  });

  it('bounds the answer: strings at 3 bytes a character, lists full, separators, the end', () => {
    const one = grammarSchemaOf(z.strictObject({ a: z.string().max(10) }));
    // {"a": "…"} with the optional spaces, plus four closing new lines.
    expect(worstCaseTokens(one)).toBe(2 + 2 + 5 + 2 + 30 + 4);
    const list = grammarSchemaOf(z.strictObject({ l: z.array(z.literal([1, 22])).max(3) }));
    // {"l": [22, 22, 22]} → items 2 bytes, ", " between, "[ " and " ]" around.
    expect(worstCaseTokens(list)).toBe(2 + 2 + 5 + (2 + 2 + 3 * 2 + 2 * 2) + 4);
    const full = worstCaseTokens(grammarSchemaOf(draftOutputSchema(FULL_DRAFT_LIMITS, numbers)));
    const fewer = worstCaseTokens(
      grammarSchemaOf(draftOutputSchema({ ...FULL_DRAFT_LIMITS, medications: 2 }, numbers)),
    );
    expect(fewer).toBeLessThan(full);
  });

  it('fits the bounds to the answer budget, or says it cannot', () => {
    const grammarFor = (limits: typeof FULL_DRAFT_LIMITS) =>
      grammarSchemaOf(draftOutputSchema(limits, numbers));
    let previous = 0;
    for (const budget of [2048, 4096, 8192, 12_288]) {
      const fitted = fitDraftLimits(budget, grammarFor);
      expect(fitted, `budget ${budget}`).not.toBeNull();
      expect(fitted!.maxTokens).toBeLessThanOrEqual(budget);
      expect(fitted!.maxTokens).toBe(worstCaseTokens(grammarFor(fitted!.limits)));
      expect(fitted!.limits.sections.subjective).toBeGreaterThan(previous);
      previous = fitted!.limits.sections.subjective;
    }
    expect(fitDraftLimits(1000, grammarFor)).toBeNull();
    expect(fitDraftLimits(100_000, grammarFor)!.limits).toEqual(FULL_DRAFT_LIMITS);
    const chars = fitSectionChars('plan', 1000, 1200);
    expect(
      worstCaseTokens(grammarSchemaOf(sectionOutputSchema('plan', chars))),
    ).toBeLessThanOrEqual(1000);
    expect(
      worstCaseTokens(grammarSchemaOf(sectionOutputSchema('plan', chars + 1))),
    ).toBeGreaterThan(1000);
  });
});

describe('the bound holds for a model that rambles', () => {
  let dir: string;
  let engine: DraftingEngine;
  let modelPath: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-bound-'));
    modelPath = path.join(dir, 'tiny.gguf');
    writeTinyGguf(modelPath, { contextLength: 8192 });
    engine = createLlamaDraftingEngine();
  });

  afterAll(async () => {
    await engine?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends with valid JSON within the computed maxTokens, at any temperature', async () => {
    const limits = fitDraftLimits(1800, (l) => grammarSchemaOf(draftOutputSchema(l, numbers)))!;
    const schema = draftOutputSchema(limits.limits, numbers);
    const jsonSchema = grammarSchemaOf(schema);
    const maxTokens = worstCaseTokens(jsonSchema);
    let longest = 0;
    for (const [seed, temperature] of [
      [1, 0],
      [2, 0.8],
      [3, 1.5],
      [4, 2],
      [5, 2],
      [6, 1],
    ] as const) {
      const result = await engine.complete(
        { modelPath, contextSize: 8192, threads: 1 },
        { system: 'پیش‌نویس', user: `[3] سردرد ${seed}`, jsonSchema, maxTokens, temperature, seed },
      );
      expect(result.stopReason, `seed ${seed}`).toBe('grammar');
      expect(result.generatedTokens).toBeLessThanOrEqual(maxTokens);
      longest = Math.max(longest, result.generatedTokens);
      const parsed = schema.safeParse(JSON.parse(result.text.replace(/\uFFFD/g, '')));
      if (!parsed.success) {
        // Only decoding noise may exceed a bound (see map-reduce.ts): never the shape.
        expect(parsed.error.issues.every((issue) => issue.code === 'too_big')).toBe(true);
      }
    }
    console.log(`[bound] longest answer ${longest} of at most ${maxTokens} tokens`);
  });
});
