// Drafting through the real engine process (a child forked by Node running node-llama-cpp) on a
// random-weight model the test writes. The model's words are noise; what is tested is the
// pipeline: the grammar yields drafts the schema accepts, long visits are split and merged, and
// cancel and a crash are reported as they should be.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../engine/process/engine-host';
import { nodeProcessLauncher } from '../../../engine/process/node-launcher';
import { writeTinyGguf } from '../../../engine/llm/testing/tiny-gguf';
import { soapContentSchema, type DraftingSegment } from '../../../shared/soap';
import { draftWithLlm, regenerateSection, type DraftProgress, type PartDrafted } from './draft';
import { DraftingError } from './errors';

let dir: string;
let modelPath: string;
let host: EngineHost;
const model = (contextSize = 8192) => ({ path: modelPath, contextSize, threads: 1 });
/** A smaller answer budget than the default keeps the random model's rambling short. */
const OUTPUT_TOKENS = 2400;
const TEMPLATE = { prompt: 'ویزیت داخلی عمومی' };

const PHRASES = [
  'بیمار از سه روز پیش سرفه و گلودرد دارد',
  'تب تا ۳۸٫۵ درجه داشته و شب‌ها بدتر می‌شود',
  'فشار خون ۱۲۰/۸۰ و ضربان ۹۲ در دقیقه است',
  'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت به مدت هفت روز',
  'آزمایش CBC و CRP درخواست می‌شود',
  'یک هفته بعد برای پیگیری مراجعه کند',
];

function visit(count: number): DraftingSegment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `seg-${i + 1}`,
    startMs: i * 6000,
    endMs: i * 6000 + 5000,
    text: `${PHRASES[i % PHRASES.length]}؛ نکتهٔ ${i + 1}.`,
  }));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-draft-'));
  modelPath = path.join(dir, 'tiny.gguf');
  writeTinyGguf(modelPath, { contextLength: 32_768 });
  host = new EngineHost({
    launcher: nodeProcessLauncher({ stdio: 'ignore' }),
    heartbeat: false,
    restart: { backoffMs: 50 },
  });
  await host.start();
});

afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function expectAnchoredEvidence(
  content: ReturnType<typeof soapContentSchema.parse>,
  segments: DraftingSegment[],
) {
  const items = [
    ...content.vitals,
    ...content.diagnoses,
    ...content.medications,
    ...content.labOrders,
    ...(content.followUp ? [content.followUp] : []),
  ];
  for (const evidence of items.flatMap((item) => item.evidence)) {
    const segment = segments.find((s) => s.id === evidence.segmentId);
    expect(segment).toBeDefined();
    expect(segment!.text.slice(evidence.start, evidence.end)).toBe(evidence.quote);
  }
}

async function llmLaneIdle(timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const ping = await host.ping();
    if (!ping.lanes?.llm.busy && ping.lanes?.llm.queued === 0) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the LLM lane was still busy after ${timeoutMs} ms`);
}

describe('drafting with the local LLM (engine process, grammar, map-reduce)', () => {
  it('drafts a short visit in one part into content the report schema accepts', async () => {
    const segments = visit(6);
    const progress: DraftProgress[] = [];
    const draft = await draftWithLlm(segments, {
      host,
      model: model(),
      template: TEMPLATE,
      outputTokens: OUTPUT_TOKENS,
      temperature: 1,
      seed: 1,
      confidence: true,
      onProgress: (p) => progress.push(p),
    });
    expect(draft.parts).toBe(1);
    expect(soapContentSchema.safeParse(draft.content).success).toBe(true);
    expectAnchoredEvidence(draft.content, segments);
    expect(draft.tokensIn).toBeGreaterThan(100);
    expect(draft.tokensOut).toBeGreaterThan(10);
    expect(draft.aiConfidence).toBeGreaterThan(0);
    expect(draft.aiConfidence).toBeLessThanOrEqual(1);
    expect(progress[0]).toEqual({ phase: 'map', part: 1, parts: 1, tokensGenerated: 0 });
    expect(progress.every((p) => p.phase === 'map' && p.part === 1)).toBe(true);
    expect(Math.max(...progress.map((p) => p.tokensGenerated))).toBeGreaterThan(0);
  });

  it('splits a visit longer than the context into parts and merges them', async () => {
    const segments = visit(140);
    const progress: DraftProgress[] = [];
    const parts: PartDrafted[] = [];
    const started = performance.now();
    const draft = await draftWithLlm(segments, {
      host,
      model: model(),
      template: TEMPLATE,
      outputTokens: OUTPUT_TOKENS,
      // Hot enough that the random model fills lists and cites lines (at 1 it mostly closes them).
      temperature: 2,
      seed: 2,
      onProgress: (p) => progress.push(p),
      onPartDrafted: (part) => parts.push(part),
    });
    console.log(
      `[draft] ${segments.length} segments: ${draft.parts} parts, ${draft.tokensIn} tokens in, ${draft.tokensOut} out, ${Math.round(performance.now() - started)} ms`,
    );
    expect(draft.parts).toBeGreaterThan(1);
    expect(parts).toHaveLength(draft.parts);
    expect(draft.aiConfidence).toBeNull();
    expect(soapContentSchema.safeParse(draft.content).success).toBe(true);
    expectAnchoredEvidence(draft.content, segments);
    // Every segment in exactly one part, in order: nothing of the visit is left out.
    expect(parts.flatMap((part) => part.numbers)).toEqual(segments.map((_, i) => i + 1));
    // A part's evidence cites only lines that part showed.
    let cited = 0;
    for (const part of parts) {
      const { draft: output, numbers } = part;
      const items = [
        ...output.vitals,
        ...output.diagnoses,
        ...output.medications,
        ...output.labOrders,
        ...(output.followUp ? [output.followUp] : []),
      ];
      for (const evidence of items.flatMap((item) => item.evidence)) {
        expect(numbers).toContain(evidence.segment);
        cited++;
      }
    }
    const merges = new Set(progress.filter((p) => p.phase === 'reduce').map((p) => p.part)).size;
    console.log(`[draft] the parts cite ${cited} lines; ${merges} merges by the model`);
    expect(cited).toBeGreaterThan(0);
    // Progress named every part, in order, then the merge.
    const mapParts = [...new Set(progress.filter((p) => p.phase === 'map').map((p) => p.part))];
    expect(mapParts).toEqual(parts.map((part) => part.part));
    expect(progress.filter((p) => p.phase === 'map').every((p) => p.parts === draft.parts)).toBe(
      true,
    );
    const firstReduce = progress.findIndex((p) => p.phase === 'reduce');
    if (firstReduce >= 0) {
      expect(progress.slice(firstReduce).every((p) => p.phase === 'reduce')).toBe(true);
    }
  });

  it('stops within 2 s when cancelled during a long generation, and the engine is free again', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const drafting = draftWithLlm(visit(200), {
      host,
      model: model(32_768),
      template: TEMPLATE,
      temperature: 1,
      seed: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.tokensGenerated > 20 && !controller.signal.aborted) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const error = await drafting.catch((e: unknown) => e);
    const rejectedAfter = performance.now() - abortedAt;
    expect(error).toBeInstanceOf(DraftingError);
    expect((error as DraftingError).reason).toBe('cancelled');
    expect((error as DraftingError).retryable).toBe(false);
    expect(rejectedAfter).toBeLessThan(2000);
    const idleAfter = await llmLaneIdle(5000);
    console.log(
      `[draft] cancel: rejected in ${Math.round(rejectedAfter)} ms, engine idle in ${Math.round(rejectedAfter + idleAfter)} ms`,
    );
    expect(rejectedAfter + idleAfter).toBeLessThan(2000);
    // A signal aborted before the start runs nothing.
    await expect(
      draftWithLlm(visit(3), {
        host,
        model: model(),
        template: TEMPLATE,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('reports an engine crash mid-draft as retryable, and drafts again after the restart', async () => {
    let killed = false;
    const error = await draftWithLlm(visit(60), {
      host,
      model: model(),
      template: TEMPLATE,
      outputTokens: OUTPUT_TOKENS,
      temperature: 1,
      seed: 4,
      onProgress: (p) => {
        if (p.tokensGenerated > 10 && !killed) {
          killed = true;
          process.kill(host.pid!, 'SIGKILL');
        }
      },
    }).catch((e: unknown) => e);
    expect(killed).toBe(true);
    expect(error).toBeInstanceOf(DraftingError);
    expect(error).toMatchObject({ reason: 'engine_crashed', retryable: true });
    const again = await draftWithLlm(visit(4), {
      host,
      model: model(),
      template: TEMPLATE,
      outputTokens: OUTPUT_TOKENS,
    });
    expect(again.parts).toBe(1);
  });

  it('regenerates one section, in parts for a long visit', async () => {
    const short = await draftWithLlm(visit(5), {
      host,
      model: model(),
      template: TEMPLATE,
      outputTokens: OUTPUT_TOKENS,
    });
    const progress: DraftProgress[] = [];
    const section = await regenerateSection(visit(90), {
      host,
      model: model(),
      template: TEMPLATE,
      section: 'plan',
      current: short.content,
      outputTokens: 1200,
      temperature: 1,
      seed: 5,
      onProgress: (p) => progress.push(p),
    });
    expect(section.parts).toBeGreaterThan(1);
    expect(typeof section.text).toBe('string');
    expect(section.text.length).toBeLessThanOrEqual(20_000);
    expect(section.tokensOut).toBeGreaterThan(0);
    expect(new Set(progress.filter((p) => p.phase === 'map').map((p) => p.part)).size).toBe(
      section.parts,
    );
  });

  it('needs no engine for an empty transcript, and says when the context is too small', async () => {
    const idle = new EngineHost({ launcher: nodeProcessLauncher(), heartbeat: false });
    const empty = await draftWithLlm([{ id: 's', startMs: 0, endMs: 1, text: '  ' }], {
      host: idle,
      model: model(),
      template: TEMPLATE,
    });
    expect(empty.parts).toBe(0);
    expect(idle.state).toBe('idle');
    await expect(
      draftWithLlm(visit(3), { host, model: model(1024), template: TEMPLATE }),
    ).rejects.toMatchObject({ reason: 'context_too_small' });
  });
});
