/**
 * `npm run bench -- --only llm` (opt-in: ~5 minutes on the 2-core VM). The drafting
 * benchmark: our drafting path against raw node-llama-cpp on the same prompt and model, in the same
 * run (target: tokens/s ratio ≥ 0.90).
 *
 * Model: a random-weight GGUF of Llama 3.2 1B's shapes (n_embd 2048, 16 blocks, n_ff 8192, 32
 * heads, 8 KV heads, vocabulary 128 256), Q4_0, written by electron/engine/llm/testing/tiny-gguf.ts
 * into the run's scratch folder (about 0.8 GB; removed with it). Its vocabulary is byte-level plus
 * generated pieces of Llama 3's count, not Llama 3's BPE: the output layer and the grammar's
 * candidate set have the real size, the tokenisation of Persian does not.
 *
 * Prompt: a fixed Persian transcript formatted exactly as the drafting pipeline formats it (system
 * prompt, numbered lines, the model's ChatML template), under the draft's JSON-schema grammar
 * (electron/core/drafting/llm/output-schema.ts, strings limited as the engine limits them),
 * temperature 0, the same maxTokens. Greedy decoding under the same grammar: both contenders
 * generate the same tokens (the report says whether they did).
 *
 * Contenders (alternating order per run, so load from elsewhere hits both alike):
 * - raw: node-llama-cpp in this process — getLlama, loadModel, createContext (same size and
 *   threads), LlamaCompletion.generateCompletion on the same prompt tokens with the same grammar,
 *   repeat penalty off (ours has none), the sequence cleared before each run.
 * - ours: the engine process (EngineHost + the Node launcher: a forked child, as the app under
 *   plain Node) answering `llm.complete` over the protocol — validation both ways, progress events
 *   every 250 ms, our own generation loop with token probabilities — prompt cache off.
 * Rates: prompt tokens / time to the first generated token; (generated − 1) / time from the first
 * generated token to the last. Ours are the engine's own timings; its wall time on the host side
 * (IPC and validation included) is reported beside, as is the end-to-end ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  getLlama,
  LlamaLogLevel,
  LlamaCompletion,
  LlamaText,
  resolveChatWrapper,
  type ChatHistoryItem,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import { draftWithLlm } from '../electron/core/drafting/llm/draft';
import { defaultOutputBudget } from '../electron/core/drafting/llm/map-reduce';
import {
  draftOutputSchema,
  fitDraftLimits,
  grammarSchemaOf,
  worstCaseTokens,
} from '../electron/core/drafting/llm/output-schema';
import {
  draftSystemPrompt,
  draftUserPrompt,
  formatLine,
} from '../electron/core/drafting/llm/prompt';
import { transcriptLines } from '../electron/core/drafting/llm/split';
import { jsonSchemaGrammar } from '../electron/engine/llm/llama-drafting-engine';
import {
  LLAMA_3_2_1B_SHAPE,
  writeTinyGguf,
  type TinyGgufFile,
} from '../electron/engine/llm/testing/tiny-gguf';
import { EngineHost } from '../electron/engine/process/engine-host';
import { nodeProcessLauncher } from '../electron/engine/process/node-launcher';
import { soapSections, type DraftingSegment } from '../electron/shared/soap';
import { median, round } from './stats';
import { progress } from './util';

export const LLM_TARGET_RATIO = 0.9;

export interface LlmBenchOptions {
  /** Runs of each contender; medians reported (default 3). */
  readonly runs: number;
  /** Tokens generated per run, the same for both (default 128). */
  readonly maxTokens: number;
  readonly threads: number;
  readonly contextSize: number;
  /** Transcript segments in the prompt (default 24). */
  readonly segments: number;
  /** Also time one whole draftWithLlm on the transcript (its own, larger maxTokens). */
  readonly fullDraft: boolean;
}

interface RunFigures {
  readonly promptTokens: number;
  readonly generatedTokens: number;
  readonly timeToFirstTokenMs: number;
  readonly generateMs: number;
  readonly promptTokensPerSecond: number;
  readonly generatedTokensPerSecond: number;
  /** The whole call as its caller waited for it. */
  readonly wallMs: number;
  readonly loadAverage: number;
}

interface ContenderReport {
  readonly loadMs: number;
  readonly runs: RunFigures[];
  readonly median: {
    promptTokensPerSecond: number;
    generatedTokensPerSecond: number;
    wallMs: number;
  };
}

export interface LlmReport {
  readonly model: Omit<TinyGgufFile, 'path'> & {
    readonly name: string;
    readonly writeSeconds: number;
    readonly fileMiB: number;
  };
  readonly config: LlmBenchOptions;
  readonly prompt: {
    readonly segments: number;
    readonly tokens: number;
    readonly maxTokens: number;
    /** The grammar's own bound (what the app would allow); the runs stop at maxTokens. */
    readonly grammarMaxTokens: number;
  };
  readonly raw: ContenderReport;
  readonly ours: ContenderReport & { readonly meanConfidence: number | null };
  readonly sameOutput: boolean;
  readonly ratio: {
    /** ours / raw, median tokens per second. */
    readonly promptTokensPerSecond: number;
    readonly generatedTokensPerSecond: number;
    /** raw wall / ours wall (ours includes IPC and validation). */
    readonly endToEnd: number;
  };
  readonly fullDraft: {
    wallMs: number;
    parts: number;
    tokensIn: number;
    tokensOut: number;
  } | null;
  readonly target: { readonly ratio: number; readonly pass: boolean };
}

const PHRASES = [
  'بیمار آقای ۴۵ ساله از سه روز پیش سرفهٔ خشک و گلودرد دارد',
  'تب تا ۳۸٫۵ درجه داشته و شب‌ها بدتر می‌شود؛ تنگی نفس ندارد',
  'سابقهٔ فشار خون دارد و روزانه لوزارتان ۵۰ میلی‌گرم مصرف می‌کند',
  'فشار خون ۱۳۰/۸۵، ضربان ۹۲ در دقیقه و اشباع اکسیژن ۹۶ درصد است',
  'حلق قرمز و متورم است و غدد لنفاوی گردن کمی بزرگ شده‌اند',
  'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت به مدت هفت روز تجویز می‌شود',
  'آزمایش CBC و CRP درخواست می‌شود و استامینوفن در صورت تب',
  'یک هفته بعد برای پیگیری مراجعه کند یا اگر بدتر شد زودتر بیاید',
];

function transcript(count: number): DraftingSegment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `seg-${i + 1}`,
    startMs: i * 7000,
    endMs: i * 7000 + 6000,
    text: `${PHRASES[i % PHRASES.length]} (نکتهٔ ${i + 1}).`,
  }));
}

const loadNow = () => round(os.loadavg()[0]!, 2);
const perSecond = (tokens: number, ms: number) => (ms > 0 ? round((tokens / ms) * 1000, 2) : 0);

function summarise(runs: RunFigures[]): ContenderReport['median'] {
  return {
    promptTokensPerSecond: round(median(runs.map((r) => r.promptTokensPerSecond)), 2),
    generatedTokensPerSecond: round(median(runs.map((r) => r.generatedTokensPerSecond)), 2),
    wallMs: round(median(runs.map((r) => r.wallMs)), 1),
  };
}

function chatTokens(model: LlamaModel, system: string, user: string): Token[] {
  const history: ChatHistoryItem[] = [
    { type: 'system', text: LlamaText(system).toJSON() },
    { type: 'user', text: user },
    { type: 'model', response: [] },
  ];
  const { contextText } = resolveChatWrapper(model).generateContextState({ chatHistory: history });
  return contextText.tokenize(model.tokenizer);
}

export async function benchLlm(root: string, options: LlmBenchOptions): Promise<LlmReport> {
  const dir = path.join(root, 'llm');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'llama-3.2-1b-shape-q4_0.gguf');
  progress('llm: writing a random-weight Q4_0 model of Llama 3.2 1B shapes');
  let started = performance.now();
  const written = writeTinyGguf(file, {
    ...LLAMA_3_2_1B_SHAPE,
    contextLength: Math.max(options.contextSize, 8192),
    tensorType: 'q4_0',
    seed: 1405,
    name: 'helssa-bench-llama-3.2-1b-shape',
  });
  const writeSeconds = (performance.now() - started) / 1000;
  progress(
    `llm: ${(written.bytes / 2 ** 20).toFixed(0)} MiB written in ${writeSeconds.toFixed(1)} s`,
  );

  // The prompt and grammar, built by the drafting pipeline's own functions.
  const segments = transcript(options.segments);
  const lines = transcriptLines(segments);
  const numbers = lines.map((line) => line.number);
  const fitted = fitDraftLimits(defaultOutputBudget(options.contextSize), (limits) =>
    grammarSchemaOf(draftOutputSchema(limits, numbers)),
  );
  if (!fitted) throw new Error(`a context of ${options.contextSize} tokens is too small`);
  const system = draftSystemPrompt('ویزیت داخلی عمومی', soapSections, fitted.limits);
  const user = draftUserPrompt(lines.map(formatLine), 1, 1);
  const jsonSchema = grammarSchemaOf(draftOutputSchema(fitted.limits, numbers));
  const { maxTokens, threads, contextSize } = options;

  // raw: node-llama-cpp in this process.
  progress('llm: raw node-llama-cpp in this process: loading');
  started = performance.now();
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 });
  const context = await model.createContext({ contextSize, threads, sequences: 1 });
  const sequence = context.getSequence();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  const grammar = await jsonSchemaGrammar(llama, jsonSchema);
  const promptTokens = chatTokens(model, system, user);
  const rawLoadMs = performance.now() - started;
  const rawOutputs: string[] = [];

  async function rawRun(): Promise<RunFigures> {
    await sequence.clearHistory();
    const loadAverage = loadNow();
    const start = performance.now();
    let first: number | undefined;
    let generated = 0;
    const { response } = await completion.generateCompletionWithMeta(promptTokens, {
      grammar,
      maxTokens,
      temperature: 0,
      repeatPenalty: false,
      onToken: (tokens) => {
        first ??= performance.now();
        generated += tokens.length;
      },
    });
    const end = performance.now();
    rawOutputs.push(response);
    const ttft = (first ?? end) - start;
    return {
      promptTokens: promptTokens.length,
      generatedTokens: generated,
      timeToFirstTokenMs: round(ttft, 1),
      generateMs: round(end - (first ?? end), 1),
      promptTokensPerSecond: perSecond(promptTokens.length, ttft),
      generatedTokensPerSecond: perSecond(generated - 1, end - (first ?? end)),
      wallMs: round(end - start, 1),
      loadAverage,
    };
  }

  // ours: the engine process over the protocol.
  progress('llm: ours (engine process): starting and loading');
  const host = new EngineHost({ launcher: nodeProcessLauncher({ stdio: 'ignore' }) });
  const spec = { modelPath: file, contextSize, threads };
  const oursOutputs: string[] = [];
  let confidence: number | null = null;
  let oursLoadMs: number;
  let fullDraft: LlmReport['fullDraft'] = null;
  const rawRuns: RunFigures[] = [];
  const oursRuns: RunFigures[] = [];
  try {
    await host.start();
    started = performance.now();
    await host.request('llm.load', { model: spec });
    oursLoadMs = performance.now() - started;

    const oursRun = async (): Promise<RunFigures> => {
      const loadAverage = loadNow();
      const start = performance.now();
      const result = await host.request('llm.complete', {
        model: spec,
        system,
        user,
        jsonSchema: { ...jsonSchema },
        maxTokens,
        temperature: 0,
        reusePrefix: false,
      });
      const wallMs = performance.now() - start;
      oursOutputs.push(result.text);
      confidence = result.meanConfidence;
      return {
        promptTokens: result.promptTokens,
        generatedTokens: result.generatedTokens,
        timeToFirstTokenMs: round(result.promptMs, 1),
        generateMs: round(result.generateMs, 1),
        promptTokensPerSecond: perSecond(result.promptTokens, result.promptMs),
        generatedTokensPerSecond: perSecond(result.generatedTokens - 1, result.generateMs),
        wallMs: round(wallMs, 1),
        loadAverage,
      };
    };

    for (let run = 0; run < options.runs; run++) {
      const order = run % 2 === 0 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const);
      for (const contender of order) {
        const figures = contender === 'raw' ? await rawRun() : await oursRun();
        (contender === 'raw' ? rawRuns : oursRuns).push(figures);
        progress(
          `llm: run ${run + 1} ${contender}: prompt ${figures.promptTokensPerSecond} tok/s, generated ${figures.generatedTokensPerSecond} tok/s (${figures.generatedTokens} tokens, ${(figures.wallMs / 1000).toFixed(1)} s, load ${figures.loadAverage})`,
        );
      }
    }

    if (options.fullDraft) {
      // Another prompt first, so the draft does not find this prompt in the cache.
      await host.request('llm.complete', {
        model: spec,
        system: '',
        user: '.',
        maxTokens: 1,
        reusePrefix: false,
      });
      progress('llm: one whole draftWithLlm on the same transcript');
      started = performance.now();
      const draft = await draftWithLlm(segments, {
        host,
        model: { path: file, contextSize, threads },
        template: { prompt: 'ویزیت داخلی عمومی' },
      });
      fullDraft = {
        wallMs: round(performance.now() - started, 1),
        parts: draft.parts,
        tokensIn: draft.tokensIn,
        tokensOut: draft.tokensOut,
      };
    }
  } finally {
    await host.stop();
    await context.dispose();
    await model.dispose();
    await llama.dispose();
  }

  const raw = { loadMs: round(rawLoadMs, 1), runs: rawRuns, median: summarise(rawRuns) };
  const ours = {
    loadMs: round(oursLoadMs, 1),
    runs: oursRuns,
    median: summarise(oursRuns),
    meanConfidence: confidence === null ? null : round(confidence, 4),
  };
  const ratio = {
    promptTokensPerSecond: round(
      ours.median.promptTokensPerSecond / raw.median.promptTokensPerSecond,
      3,
    ),
    generatedTokensPerSecond: round(
      ours.median.generatedTokensPerSecond / raw.median.generatedTokensPerSecond,
      3,
    ),
    endToEnd: round(raw.median.wallMs / ours.median.wallMs, 3),
  };
  const { path: _path, ...modelInfo } = written;
  return {
    model: {
      ...modelInfo,
      name: 'random-weight Llama 3.2 1B shapes, Q4_0, byte-level + generated vocabulary',
      writeSeconds: round(writeSeconds, 1),
      fileMiB: round(written.bytes / 2 ** 20, 1),
    },
    config: options,
    prompt: {
      segments: options.segments,
      tokens: promptTokens.length,
      maxTokens,
      grammarMaxTokens: worstCaseTokens(jsonSchema),
    },
    raw,
    ours,
    sameOutput: rawOutputs.every((text) => oursOutputs.every((other) => other === text.trimEnd())),
    ratio,
    fullDraft,
    target: {
      ratio: LLM_TARGET_RATIO,
      pass:
        ratio.promptTokensPerSecond >= LLM_TARGET_RATIO &&
        ratio.generatedTokensPerSecond >= LLM_TARGET_RATIO,
    },
  };
}
