import type { EngineHost } from '../../../engine/process/engine-host';
import {
  emptySoapContent,
  soapSections,
  type DraftingSegment,
  type SoapContent,
  type SoapSection,
} from '../../../shared/soap';
import { normalizeText } from '../../../shared/text/normalize';
import type { NewItemId } from '../extract/item-ids';
import { LlmClient, type LlmModelOptions } from './engine-client';
import { DraftingError } from './errors';
import {
  completeAs,
  defaultOutputBudget,
  MIN_TRANSCRIPT_TOKENS,
  reduceInRounds,
  TOKEN_MARGIN,
  Usage,
  type GenerationSettings,
} from './map-reduce';
import { mergeDrafts, restoreEvidence } from './merge';
import {
  draftOutputSchema,
  fitDraftLimits,
  fitSectionChars,
  FULL_DRAFT_LIMITS,
  grammarSchemaOf,
  sectionOutputSchema,
  worstCaseTokens,
  type DraftLimits,
  type DraftOutput,
} from './output-schema';
import {
  draftSystemPrompt,
  draftUserPrompt,
  formatLine,
  mergeDraftBlock,
  mergeSystemPrompt,
  mergeUserPrompt,
  sectionMergeSystemPrompt,
  sectionVersionBlock,
  sectionSystemPrompt,
  sectionUserPrompt,
  type TranscriptLine,
} from './prompt';
import { fitLines, partition, transcriptLines } from './split';
import { toSoapContent, type ConversionNotes } from './to-soap';

/**
 * A SOAP draft by the local LLM in the engine process. The transcript is never cut short: when it
 * does not fit the context (after the prompt and the room the answer needs), it is split into
 * parts on segment boundaries, each part is drafted (map), and the part drafts are merged
 * (reduce: by the model while they fit one prompt, in rounds, otherwise without it).
 */

export interface DraftProgress {
  readonly phase: 'map' | 'reduce';
  /** 1-based: the part (map) or the merge (reduce) being worked on. */
  readonly part: number;
  readonly parts: number;
  /** Tokens generated so far by the current part or merge. */
  readonly tokensGenerated: number;
}

export interface LlmRunOptions {
  readonly host: EngineHost;
  readonly model: LlmModelOptions;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DraftProgress) => void;
  /** Tokens reserved for the model's answer; default 40% of the context, at most 8192. */
  readonly outputTokens?: number;
  /** Default 0 (greedy): a note should not change from one run to the next. */
  readonly temperature?: number;
  readonly seed?: number;
  /**
   * Measure the generated tokens' probabilities for aiConfidence (default false: it slows
   * generation by about 40% with a real vocabulary, bench/llm.ts; aiConfidence is then null).
   */
  readonly confidence?: boolean;
}

export interface DraftWithLlmOptions extends LlmRunOptions {
  /** The specialty template: its drafting prompt, and the sections it asks for (default all). */
  readonly template: { readonly prompt: string; readonly sections?: readonly SoapSection[] };
  readonly newId?: NewItemId;
  /** Each part's draft as the model wrote it, before anchoring: for diagnostics and tests. */
  readonly onPartDrafted?: (part: PartDrafted) => void;
}

export interface PartDrafted {
  readonly part: number;
  readonly parts: number;
  /** The segment numbers (1-based places in the visit) the part's prompt showed. */
  readonly numbers: readonly number[];
  readonly draft: DraftOutput;
}

export interface LlmDraft {
  readonly content: SoapContent;
  /** Parts the transcript was drafted in (1 when it fit; 0 for an empty transcript). */
  readonly parts: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly elapsedMs: number;
  /**
   * Mean probability of the generated tokens (a rough signal, not a calibrated score); null
   * unless `confidence` was asked for.
   */
  readonly aiConfidence: number | null;
  readonly notes: ConversionNotes;
}

interface Run {
  readonly client: LlmClient;
  readonly usage: Usage;
  readonly contextSize: number;
  readonly settings: GenerationSettings;
  readonly progress: (progress: DraftProgress) => void;
}

async function startRun(options: LlmRunOptions): Promise<Run & { outputBudget: number }> {
  const client = new LlmClient(options.host, options.model, options.signal);
  const info = await client.load();
  return {
    client,
    usage: new Usage(),
    contextSize: info.contextSize,
    outputBudget: options.outputTokens ?? defaultOutputBudget(info.contextSize),
    settings: {
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.confidence ? { confidence: true } : {}),
    },
    progress: (progress) => options.onProgress?.(progress),
  };
}

/** Tokens a prompt has left beside `fixedTexts` and an answer of `maxTokens` (may be < 0). */
async function tokensLeft(
  run: Run,
  maxTokens: number,
  fixedTexts: readonly string[],
): Promise<{ budget: number; fixed: number }> {
  const { counts, chatOverhead } = await run.client.countTokens(fixedTexts);
  const fixed = counts.reduce((a, b) => a + b, 0) + chatOverhead;
  return { budget: run.contextSize - maxTokens - fixed - TOKEN_MARGIN, fixed };
}

/** Tokens left for transcript lines in one prompt, or a context_too_small error. */
async function transcriptBudget(
  run: Run,
  maxTokens: number,
  fixedTexts: readonly string[],
): Promise<number> {
  const { budget, fixed } = await tokensLeft(run, maxTokens, fixedTexts);
  if (budget < MIN_TRANSCRIPT_TOKENS) {
    throw new DraftingError(
      'context_too_small',
      `a context of ${run.contextSize} tokens leaves ${budget} for the transcript (prompt ${fixed}, answer ${maxTokens})`,
    );
  }
  return budget;
}

/** The transcript's lines in parts that each fit `budget` tokens. */
async function splitTranscript(
  run: Run,
  lines: readonly TranscriptLine[],
  budget: number,
): Promise<TranscriptLine[][]> {
  const fitted = await fitLines(
    lines,
    budget,
    async (texts) => (await run.client.countTokens(texts)).counts,
  );
  return partition(fitted, budget).map((part) => part.map((entry) => entry.line));
}

const numbersOf = (lines: readonly TranscriptLine[]) => [...new Set(lines.map((l) => l.number))];

function citedNumbers(draft: DraftOutput): number[] {
  const lists = [
    ...draft.vitals,
    ...draft.diagnoses,
    ...draft.medications,
    ...draft.labOrders,
    ...(draft.followUp ? [draft.followUp] : []),
  ];
  return lists.flatMap((item) => item.evidence.map((evidence) => evidence.segment));
}

interface PartDraft {
  readonly draft: DraftOutput;
  /** The segment numbers of the transcript it covers. */
  readonly numbers: readonly number[];
}

export async function draftWithLlm(
  segments: readonly DraftingSegment[],
  options: DraftWithLlmOptions,
): Promise<LlmDraft> {
  const startedAt = performance.now();
  const lines = transcriptLines(segments);
  if (lines.length === 0) {
    return {
      content: emptySoapContent(),
      parts: 0,
      tokensIn: 0,
      tokensOut: 0,
      elapsedMs: 0,
      aiConfidence: null,
      notes: { evidenceDropped: 0, vitalsDropped: 0, codesEmptied: 0 },
    };
  }
  const run = await startRun(options);
  const sections = options.template.sections ?? soapSections;
  const allNumbers = numbersOf(lines);
  const fitted = fitDraftLimits(run.outputBudget, (limits) =>
    grammarSchemaOf(draftOutputSchema(limits, allNumbers, sections)),
  );
  if (!fitted) {
    throw new DraftingError(
      'context_too_small',
      `an answer budget of ${run.outputBudget} tokens cannot hold the smallest draft`,
    );
  }
  const { limits, maxTokens } = fitted;
  const system = draftSystemPrompt(options.template.prompt, sections, limits);
  const budget = await transcriptBudget(run, maxTokens, [
    system,
    draftUserPrompt([], allNumbers.length, allNumbers.length),
  ]);
  const parts = await splitTranscript(run, lines, budget);

  const drafts: PartDraft[] = [];
  for (const [i, part] of parts.entries()) {
    const progress = (tokensGenerated: number) =>
      run.progress({ phase: 'map', part: i + 1, parts: parts.length, tokensGenerated });
    progress(0);
    const numbers = numbersOf(part);
    const draft = await completeAs(
      run.client,
      run.usage,
      {
        system,
        user: draftUserPrompt(part.map(formatLine), i + 1, parts.length),
        schema: draftOutputSchema(limits, numbers, sections),
        settings: run.settings,
      },
      (p) => progress(p.generatedTokens),
    );
    drafts.push({ draft, numbers });
    options.onPartDrafted?.({ part: i + 1, parts: parts.length, numbers, draft });
  }

  const merged = await reduceInRounds<PartDraft>(
    drafts,
    mergePlan(run, options.template.prompt, limits, maxTokens, sections),
  );
  const { content, notes } = toSoapContent(
    merged.draft,
    segments,
    options.newId ? { newId: options.newId } : {},
  );
  return {
    content,
    parts: parts.length,
    tokensIn: run.usage.tokensIn,
    tokensOut: run.usage.tokensOut,
    elapsedMs: performance.now() - startedAt,
    aiConfidence: run.usage.confidence,
    notes,
  };
}

function mergePlan(
  run: Run,
  templatePrompt: string,
  limits: DraftLimits,
  maxTokens: number,
  sections: readonly SoapSection[],
) {
  const system = mergeSystemPrompt(templatePrompt, limits);
  const json = (part: PartDraft) => JSON.stringify(part.draft);
  return {
    async measure(items: readonly PartDraft[]) {
      const { budget } = await tokensLeft(run, maxTokens, [system]);
      const blocks = items.map((item, i) => `${mergeDraftBlock(i, json(item))}\n\n`);
      return { tokens: (await run.client.countTokens(blocks)).counts, budget };
    },
    async merge(group: readonly PartDraft[], index: number, count: number) {
      const progress = (tokensGenerated: number) =>
        run.progress({ phase: 'reduce', part: index, parts: count, tokensGenerated });
      progress(0);
      const covered = [...new Set(group.flatMap((part) => part.numbers))];
      const cited = [...new Set(group.flatMap((part) => citedNumbers(part.draft)))];
      const draft = await completeAs(
        run.client,
        run.usage,
        {
          system,
          user: mergeUserPrompt(group.map(json)),
          schema: draftOutputSchema(limits, cited.length > 0 ? cited : covered, sections),
          settings: run.settings,
        },
        (p) => progress(p.generatedTokens),
      );
      return {
        draft: restoreEvidence(
          draft,
          group.map((part) => part.draft),
        ),
        numbers: covered,
      };
    },
    mergeWithoutModel(items: readonly PartDraft[]) {
      return {
        draft: mergeDrafts(items.map((part) => part.draft)),
        numbers: items.flatMap((part) => part.numbers),
      };
    },
  };
}

// --- One section (seed 003's update-section) -----------------------------------------------------

export interface RegenerateSectionOptions extends LlmRunOptions {
  readonly section: SoapSection;
  /** The report as it is now: the other sections keep the rewrite consistent with them. */
  readonly current: SoapContent;
  readonly template: { readonly prompt: string };
}

export interface RegeneratedSection {
  readonly text: string;
  readonly parts: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly elapsedMs: number;
  readonly aiConfidence: number | null;
}

export async function regenerateSection(
  segments: readonly DraftingSegment[],
  options: RegenerateSectionOptions,
): Promise<RegeneratedSection> {
  const startedAt = performance.now();
  const { section } = options;
  const lines = transcriptLines(segments);
  if (lines.length === 0) {
    return { text: '', parts: 0, tokensIn: 0, tokensOut: 0, elapsedMs: 0, aiConfidence: null };
  }
  const run = await startRun(options);
  const maxChars = fitSectionChars(section, run.outputBudget, FULL_DRAFT_LIMITS.sections[section]);
  if (maxChars < 1) {
    throw new DraftingError('context_too_small', 'no room for the section in the answer budget');
  }
  const schema = sectionOutputSchema(section, maxChars);
  const maxTokens = worstCaseTokens(grammarSchemaOf(schema));
  const system = sectionSystemPrompt(options.template.prompt, section, maxChars);
  // The current note keeps the rewrite consistent; when it leaves no room, it goes.
  let current = options.current;
  let budget: number;
  try {
    budget = await transcriptBudget(run, maxTokens, [
      system,
      sectionUserPrompt(current, section, [], lines.length, lines.length),
    ]);
  } catch (error) {
    if (!(error instanceof DraftingError) || error.reason !== 'context_too_small') throw error;
    current = emptySoapContent();
    budget = await transcriptBudget(run, maxTokens, [
      system,
      sectionUserPrompt(current, section, [], lines.length, lines.length),
    ]);
  }
  const parts = await splitTranscript(run, lines, budget);

  const texts: string[] = [];
  for (const [i, part] of parts.entries()) {
    const progress = (tokensGenerated: number) =>
      run.progress({ phase: 'map', part: i + 1, parts: parts.length, tokensGenerated });
    progress(0);
    const output = await completeAs(
      run.client,
      run.usage,
      {
        system,
        user: sectionUserPrompt(current, section, part.map(formatLine), i + 1, parts.length),
        schema,
        settings: run.settings,
      },
      (p) => progress(p.generatedTokens),
    );
    texts.push(normalizeText(output[section] ?? '', { keepLineBreaks: true }));
  }

  const mergeSystem = sectionMergeSystemPrompt(section, maxChars);
  const merged = await reduceInRounds<string>(texts, {
    async measure(items) {
      const { budget: left } = await tokensLeft(run, maxTokens, [mergeSystem]);
      const blocks = items.map((t, i) => `${sectionVersionBlock(i, t)}\n\n`);
      return { tokens: (await run.client.countTokens(blocks)).counts, budget: left };
    },
    async merge(group, index, count) {
      const progress = (tokensGenerated: number) =>
        run.progress({ phase: 'reduce', part: index, parts: count, tokensGenerated });
      progress(0);
      const output = await completeAs(
        run.client,
        run.usage,
        {
          system: mergeSystem,
          user: group.map((t, i) => sectionVersionBlock(i, t)).join('\n\n'),
          schema,
          settings: run.settings,
        },
        (p) => progress(p.generatedTokens),
      );
      return normalizeText(output[section] ?? '', { keepLineBreaks: true });
    },
    mergeWithoutModel: (items) =>
      items
        .map((t) => t.trim())
        .filter((t) => t !== '')
        .join('\n'),
  });
  return {
    text: merged.trim(),
    parts: parts.length,
    tokensIn: run.usage.tokensIn,
    tokensOut: run.usage.tokensOut,
    elapsedMs: performance.now() - startedAt,
    aiConfidence: run.usage.confidence,
  };
}
