import type { z } from 'zod';
import { DraftingError } from './errors';
import type { LlmClient, LlmCompletion, LlmGenerationProgress } from './engine-client';
import { grammarSchemaOf, worstCaseTokens } from './output-schema';

/**
 * The machinery shared by a whole draft and a regenerated section: one constrained completion
 * parsed with its schema, token accounting, and reducing many partial results in rounds (merged
 * by the model while a group of them fits the context, without it otherwise).
 */

/** Tokens between the budget's parts and the context's end, for counting differences. */
export const TOKEN_MARGIN = 16;
/** Fewer transcript tokens per part than this: the context is too small to draft in. */
export const MIN_TRANSCRIPT_TOKENS = 48;

/**
 * The part of the context reserved for the model's answer by default: half (a 4k context needs it
 * for the smallest useful draft), and no more than 12k tokens.
 */
export function defaultOutputBudget(contextSize: number): number {
  return Math.min(12_288, Math.max(256, Math.floor(contextSize / 2)));
}

/** Counts what the calls of one draft cost, and their mean token probability. */
export class Usage {
  tokensIn = 0;
  tokensOut = 0;
  private confidenceSum = 0;
  private confidenceTokens = 0;

  add(completion: LlmCompletion): void {
    this.tokensIn += completion.promptTokens;
    this.tokensOut += completion.generatedTokens;
    if (completion.meanConfidence !== null) {
      this.confidenceSum += completion.meanConfidence * completion.generatedTokens;
      this.confidenceTokens += completion.generatedTokens;
    }
  }

  /** Mean probability of the generated tokens over all calls; null when there were none. */
  get confidence(): number | null {
    return this.confidenceTokens > 0 ? this.confidenceSum / this.confidenceTokens : null;
  }
}

export interface GenerationSettings {
  readonly temperature?: number;
  readonly seed?: number;
  /** Measure token probabilities for aiConfidence (costs generation speed; see the protocol). */
  readonly confidence?: boolean;
}

/** One completion under the grammar of `schema`, parsed and validated with it. */
export async function completeAs<S extends z.ZodType>(
  client: LlmClient,
  usage: Usage,
  request: { system: string; user: string; schema: S; settings: GenerationSettings },
  onProgress: (progress: LlmGenerationProgress) => void,
): Promise<z.infer<S>> {
  const jsonSchema = grammarSchemaOf(request.schema);
  const completion = await client.complete(
    {
      system: request.system,
      user: request.user,
      jsonSchema: { ...jsonSchema },
      maxTokens: worstCaseTokens(jsonSchema),
      ...(request.settings.temperature !== undefined
        ? { temperature: request.settings.temperature }
        : {}),
      ...(request.settings.seed !== undefined ? { seed: request.settings.seed } : {}),
      ...(request.settings.confidence ? { confidence: true } : {}),
    },
    onProgress,
  );
  usage.add(completion);
  let json: unknown;
  try {
    json = JSON.parse(completion.text);
  } catch (error) {
    throw new DraftingError(
      'invalid_output',
      `the model's answer is not JSON (stopped: ${completion.stopReason}, ${completion.generatedTokens} tokens)`,
      { cause: error },
    );
  }
  const parsed = parseLeniently(request.schema, json);
  if (!parsed.success) {
    throw new DraftingError('invalid_output', `the model's answer does not fit the schema`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Every string in a JSON value, rewritten by `fix`. */
function mapStrings(value: unknown, fix: (text: string) => string): unknown {
  if (typeof value === 'string') return fix(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fix));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, fix)]),
    );
  }
  return value;
}

/**
 * Validates the model's JSON. llama.cpp's grammar checks characters, not UTF-8 validity: a model
 * that emits byte tokens at random (a test model; a real one hardly ever) can write an overlong or
 * broken sequence that the grammar counted as one character and JavaScript decodes as several
 * U+FFFD. Those carry nothing: they are removed, and a string still over its bound (a broken
 * sequence can hide ASCII bytes) is cut to it. Anything else that does not fit fails.
 */
function parseLeniently<S extends z.ZodType>(schema: S, json: unknown) {
  const first = schema.safeParse(json);
  if (first.success) return first;
  const cleaned = mapStrings(json, (text) => text.replace(/\uFFFD/g, '')) as Record<
    string,
    unknown
  >;
  const second = schema.safeParse(cleaned);
  if (second.success) return second;
  for (const issue of second.error.issues) {
    if (issue.code !== 'too_big' || issue.origin !== 'string') continue;
    const key = issue.path[issue.path.length - 1];
    let parent: unknown = cleaned;
    for (const step of issue.path.slice(0, -1))
      parent = (parent as Record<PropertyKey, unknown>)[step];
    const holder = parent as Record<PropertyKey, unknown>;
    if (key !== undefined && typeof holder[key] === 'string') {
      holder[key] = holder[key].slice(0, Number(issue.maximum));
    }
  }
  return schema.safeParse(cleaned);
}

export interface ReducePlan<T> {
  /** Tokens of each item in a merge prompt, and how many item tokens one merge can take. */
  measure(items: readonly T[]): Promise<{ tokens: number[]; budget: number }>;
  /** Merges a group by the model (`index` of `count` merges in this round, 1-based). */
  merge(group: readonly T[], index: number, count: number): Promise<T>;
  /** Merges without the model, when no two items fit one prompt. */
  mergeWithoutModel(items: readonly T[]): T;
}

/**
 * Reduces items (in visit order) to one: each round groups consecutive items that fit one merge
 * prompt and has the model merge every group of two or more; an item too large to share a prompt
 * waits for the next round. When no group of two fits, the rest is merged without the model.
 */
export async function reduceInRounds<T>(items: readonly T[], plan: ReducePlan<T>): Promise<T> {
  if (items.length === 0) throw new RangeError('nothing to reduce');
  let level = [...items];
  while (level.length > 1) {
    const { tokens, budget } = await plan.measure(level);
    const groups: T[][] = [];
    let current: T[] = [];
    let used = 0;
    level.forEach((item, i) => {
      const size = tokens[i]!;
      if (current.length > 0 && used + size > budget) {
        groups.push(current);
        current = [];
        used = 0;
      }
      current.push(item);
      used += size;
    });
    if (current.length > 0) groups.push(current);
    const merges = groups.filter((group) => group.length > 1).length;
    if (merges === 0) return plan.mergeWithoutModel(level);
    const next: T[] = [];
    let index = 0;
    for (const group of groups) {
      next.push(group.length > 1 ? await plan.merge(group, ++index, merges) : group[0]!);
    }
    level = next;
  }
  return level[0]!;
}
