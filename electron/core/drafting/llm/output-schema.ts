import { z } from 'zod';
import { LLM_STRING_MAX_BYTES_PER_CHAR } from '../../../engine/protocol/messages';
import { soapSections, vitalKinds, type SoapSection } from '../../../shared/soap';

/**
 * What the model writes: one zod schema, from which the JSON-schema grammar that constrains the
 * model is derived (`grammarSchemaOf`), and which then validates what came back.
 *
 * Every string and list is bounded, and the grammar's worst case in tokens is computed from the
 * bounds (`worstCaseTokens`), so generation always ends with valid JSON within `maxTokens` — even
 * a model that rambles (or has random weights) must close every string at its maxLength. The
 * bounds shrink with the output budget the context leaves (`fitDraftLimits`).
 *
 * Evidence cites a transcript line by the number shown in the prompt (an enum of the numbers the
 * prompt showed, so the model cannot cite a line it never saw) and a short verbatim quote, which
 * the conversion to a report anchors in the segment's text.
 */

export interface DraftLimits {
  /** Characters per section; 0 leaves the section out (the grammar only allows ""). */
  readonly sections: Readonly<Record<SoapSection, number>>;
  readonly chiefComplaint: number;
  /** Items per structured list. */
  readonly vitals: number;
  readonly diagnoses: number;
  readonly medications: number;
  readonly labOrders: number;
  /** Evidence entries per item, and characters per quote. */
  readonly evidence: number;
  readonly quote: number;
  /** Characters of the short fields: drug name, dose, route, …, a diagnosis' title. */
  readonly name: number;
  readonly detail: number;
  readonly reason: number;
}

/** The bounds with a generous output budget (a 16k context); smaller budgets scale them down. */
export const FULL_DRAFT_LIMITS: DraftLimits = {
  sections: { subjective: 1200, objective: 800, assessment: 600, plan: 800 },
  chiefComplaint: 150,
  vitals: 7,
  diagnoses: 5,
  medications: 8,
  labOrders: 6,
  evidence: 2,
  quote: 40,
  name: 40,
  detail: 24,
  reason: 80,
};

/** Below these a draft is not worth having; a context that cannot afford them is too small. */
const MIN_LIMITS: DraftLimits = {
  sections: { subjective: 40, objective: 30, assessment: 20, plan: 30 },
  chiefComplaint: 16,
  vitals: 1,
  diagnoses: 1,
  medications: 1,
  labOrders: 1,
  evidence: 1,
  quote: 16,
  name: 20,
  detail: 12,
  reason: 16,
};

/** ICD-10 as printed ("J02.9") is at most 8 characters; the grammar cannot check the pattern. */
const ICD_CHARS = 8;
/** "120/80", "38.5", "101.25": at most 10 characters. */
const VITAL_VALUE_CHARS = 10;

const text = (max: number) => z.string().max(Math.max(0, Math.floor(max)));

/** The segment numbers the model may cite (at least one: a grammar needs an alternative). */
function segmentNumber(numbers: readonly number[]) {
  const unique = [...new Set(numbers)].sort((a, b) => a - b);
  if (unique.length === 0) throw new RangeError('evidence needs at least one segment number');
  return z.literal(unique as [number, ...number[]]);
}

export function evidenceOutputSchema(limits: DraftLimits, numbers: readonly number[]) {
  return z
    .array(z.strictObject({ segment: segmentNumber(numbers), quote: text(limits.quote) }))
    .max(limits.evidence);
}

/**
 * The model's output for a draft (or for one part of a long visit). `sections` are the template's
 * sections; the others are forced to "".
 */
export function draftOutputSchema(
  limits: DraftLimits,
  numbers: readonly number[],
  sections: readonly SoapSection[] = soapSections,
) {
  const evidence = evidenceOutputSchema(limits, numbers);
  const section = (name: SoapSection) => text(sections.includes(name) ? limits.sections[name] : 0);
  return z.strictObject({
    chiefComplaint: text(limits.chiefComplaint),
    subjective: section('subjective'),
    objective: section('objective'),
    assessment: section('assessment'),
    plan: section('plan'),
    vitals: z
      .array(
        z.strictObject({
          kind: z.enum(vitalKinds),
          value: text(VITAL_VALUE_CHARS),
          evidence,
        }),
      )
      .max(limits.vitals),
    diagnoses: z
      .array(z.strictObject({ icd10: text(ICD_CHARS), title: text(limits.name), evidence }))
      .max(limits.diagnoses),
    medications: z
      .array(
        z.strictObject({
          name: text(limits.name),
          dose: text(limits.detail),
          route: text(limits.detail),
          frequency: text(limits.detail),
          duration: text(limits.detail),
          evidence,
        }),
      )
      .max(limits.medications),
    labOrders: z
      .array(z.strictObject({ name: text(limits.name), reason: text(limits.reason), evidence }))
      .max(limits.labOrders),
    followUp: z
      .strictObject({ interval: text(limits.detail), reason: text(limits.reason), evidence })
      .nullable(),
  });
}

export type DraftOutput = z.infer<ReturnType<typeof draftOutputSchema>>;
export type EvidenceOutput = DraftOutput['vitals'][number]['evidence'][number];

/** One section rewritten (seed 003's update-section). */
export function sectionOutputSchema(section: SoapSection, maxChars: number) {
  return z.strictObject({ [section]: text(maxChars) }) as z.ZodType<Record<string, string>>;
}

// --- zod → node-llama-cpp's JSON-schema subset ---------------------------------------------------

export type GrammarSchema = Readonly<Record<string, unknown>>;

export class UnsupportedSchemaError extends Error {
  override readonly name = 'UnsupportedSchemaError';
}

/** Keywords node-llama-cpp 3.22's grammar honours (utils/gbnfJson/types.ts) for what we use. */
const CARRIED = new Set(['type', 'properties', 'items', 'maxItems', 'minItems', 'maxLength']);
const CARRIED_AS_IS = new Set(['minLength', 'description']);
/** Implied by node-llama-cpp (every property required, no extra properties) or only metadata. */
const DROPPED = new Set(['$schema', 'required', 'additionalProperties']);
/** llama.cpp refuses a grammar with a repetition above this (MAX_REPETITION_THRESHOLD). */
const LLAMA_MAX_REPETITIONS = 2000;

function adapt(node: unknown, at: string): Record<string, unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw new UnsupportedSchemaError(`${at}: not a schema`);
  }
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (source.additionalProperties === true) {
    throw new UnsupportedSchemaError(`${at}: additional properties would be unbounded`);
  }
  if ('enum' in source) return { enum: source.enum };
  if ('const' in source) return { const: source.const };
  const alternatives = source.anyOf ?? source.oneOf;
  if (Array.isArray(alternatives)) {
    return { oneOf: alternatives.map((alt, i) => adapt(alt, `${at}.oneOf[${i}]`)) };
  }
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key)) continue;
    if (CARRIED_AS_IS.has(key)) out[key] = value;
    else if (!CARRIED.has(key)) {
      throw new UnsupportedSchemaError(`${at}: node-llama-cpp's grammar cannot enforce "${key}"`);
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, child]) => [
          name,
          adapt(child, `${at}.${name}`),
        ]),
      );
    } else if (key === 'items') out.items = adapt(value, `${at}[]`);
    else out[key] = value;
  }
  if (out.type === 'string' && typeof out.maxLength !== 'number') {
    throw new UnsupportedSchemaError(`${at}: a string without maxLength is unbounded`);
  }
  if (out.type === 'array' && typeof out.maxItems !== 'number') {
    throw new UnsupportedSchemaError(`${at}: an array without maxItems is unbounded`);
  }
  for (const bound of ['maxLength', 'maxItems'] as const) {
    if (typeof out[bound] === 'number' && out[bound] > LLAMA_MAX_REPETITIONS) {
      throw new UnsupportedSchemaError(
        `${at}: llama.cpp's grammar allows at most ${LLAMA_MAX_REPETITIONS} repetitions (${bound})`,
      );
    }
  }
  return out;
}

/**
 * The grammar's schema for a zod schema: z.toJSONSchema, reduced to what node-llama-cpp enforces
 * (anything it would silently ignore, such as `pattern` or `minimum`, is refused instead; those
 * checks happen after generation). The root goes through $defs/$ref because node-llama-cpp writes
 * referenced definitions without line breaks and indentation: fewer tokens, and a tighter bound.
 */
export function grammarSchemaOf(schema: z.ZodType): GrammarSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12' });
  return { $defs: { output: adapt(json, 'output') }, $ref: '#/$defs/output' };
}

// --- The output's worst case ---------------------------------------------------------------------

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** node-llama-cpp's number rules: up to 16 digits, sign, fraction and exponent. */
const WORST_INTEGER = 35;
const WORST_NUMBER = 52;
/** Whitespace between tokens of JSON, without line breaks: `[ ]?`. */
const WS = 1;
/** The grammar's end: four new lines, where generation stops. */
const END = 4;

function worstBytes(node: Record<string, unknown>, defs: Record<string, unknown>): number {
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/$defs/', '');
    return worstBytes(defs[name] as Record<string, unknown>, defs);
  }
  if (Array.isArray(node.oneOf)) {
    return Math.max(...node.oneOf.map((alt) => worstBytes(alt as Record<string, unknown>, defs)));
  }
  if (Array.isArray(node.enum)) return Math.max(...node.enum.map(utf8));
  if ('const' in node) return utf8(node.const);
  switch (node.type) {
    case 'object': {
      const entries = Object.entries((node.properties ?? {}) as Record<string, unknown>);
      const fields = entries.reduce(
        (sum, [key, value]) =>
          sum + utf8(key) + 1 + WS + worstBytes(value as Record<string, unknown>, defs),
        0,
      );
      return 2 + 2 * WS + fields + Math.max(0, entries.length - 1) * (1 + WS);
    }
    case 'array': {
      const max = node.maxItems as number;
      const item = max > 0 ? worstBytes(node.items as Record<string, unknown>, defs) : 0;
      return 2 + 2 * WS + max * item + Math.max(0, max - 1) * (1 + WS);
    }
    case 'string':
      return 2 + LLM_STRING_MAX_BYTES_PER_CHAR * (node.maxLength as number);
    case 'integer':
      return WORST_INTEGER;
    case 'number':
      return WORST_NUMBER;
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    default:
      throw new UnsupportedSchemaError(`no bound for a schema of type ${String(node.type)}`);
  }
}

/**
 * The most tokens the model can generate under this grammar before it stops: every token is at
 * least one byte, so the bound is the longest output in bytes (strings at their maxLength, each
 * character ≤ 3 bytes under the engine's grammar, lists full, every optional space taken) plus the
 * four closing new lines.
 */
export function worstCaseTokens(grammar: GrammarSchema): number {
  const defs = (grammar.$defs ?? {}) as Record<string, unknown>;
  return worstBytes(grammar, defs) + END;
}

// --- Fitting the bounds to a budget --------------------------------------------------------------

/**
 * Bounds at `factor` (0..1) of the full ones: lengths shrink linearly, counts of items with the
 * square root, because a short note that lists every drug beats a long one that lists one.
 */
function scaled(factor: number): DraftLimits {
  const pick = (full: number, min: number) => Math.max(min, Math.floor(full * factor));
  const count = (full: number, min: number) => Math.max(min, Math.floor(full * Math.sqrt(factor)));
  const f = FULL_DRAFT_LIMITS;
  const m = MIN_LIMITS;
  return {
    sections: {
      subjective: pick(f.sections.subjective, m.sections.subjective),
      objective: pick(f.sections.objective, m.sections.objective),
      assessment: pick(f.sections.assessment, m.sections.assessment),
      plan: pick(f.sections.plan, m.sections.plan),
    },
    chiefComplaint: pick(f.chiefComplaint, m.chiefComplaint),
    vitals: count(f.vitals, m.vitals),
    diagnoses: count(f.diagnoses, m.diagnoses),
    medications: count(f.medications, m.medications),
    labOrders: count(f.labOrders, m.labOrders),
    evidence: count(f.evidence, m.evidence),
    quote: pick(f.quote, m.quote),
    name: pick(f.name, m.name),
    detail: pick(f.detail, m.detail),
    reason: pick(f.reason, m.reason),
  };
}

/**
 * The largest bounds (FULL_DRAFT_LIMITS scaled down) whose grammar's worst case fits `budget`
 * tokens, or null when even the minimum does not. `grammarFor` builds the grammar schema for
 * given bounds (the segment numbers and sections are fixed by the caller).
 */
export function fitDraftLimits(
  budget: number,
  grammarFor: (limits: DraftLimits) => GrammarSchema,
): { limits: DraftLimits; maxTokens: number } | null {
  const cost = (factor: number) => worstCaseTokens(grammarFor(scaled(factor)));
  if (cost(1) <= budget) return { limits: scaled(1), maxTokens: cost(1) };
  if (cost(0) > budget) return null;
  let low = 0;
  let high = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (low + high) / 2;
    if (cost(mid) <= budget) low = mid;
    else high = mid;
  }
  return { limits: scaled(low), maxTokens: cost(low) };
}

/** The largest section length whose grammar fits `budget` tokens (0 when none does). */
export function fitSectionChars(section: SoapSection, budget: number, fullChars: number): number {
  const cost = (chars: number) =>
    worstCaseTokens(grammarSchemaOf(sectionOutputSchema(section, chars)));
  if (cost(0) > budget) return 0;
  let low = 0;
  let high = fullChars;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cost(mid) <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}
