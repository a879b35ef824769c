import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  draftingModelsStatusSchema,
  type DraftingModel,
  type DraftingModelsStatus,
} from '../../../electron/shared/models';
import { createI18n, I18nProvider } from '../../i18n/i18n';
import { DraftingModelsView } from './ModelsDrafting';

// The drafting part of Settings › Models rendered to HTML with the shape the core sends on
// `models:drafting`: a 2-core, 8 GB computer with nothing installed but a damaged research model.
// Each status goes through the contract's schema first, so the fixture is one the core could send.

const MODELS_DIR = '/var/lib/helssa/models';

function model(
  id: string,
  fileName: string,
  more: Partial<DraftingModel> & Pick<DraftingModel, 'parameterClass' | 'expectedSeconds'>,
): DraftingModel {
  return {
    id,
    kind: 'llm',
    fileName,
    sizeBytes: 2_489_894_016,
    status: 'missing',
    path: null,
    location: null,
    problem: null,
    verifiedAt: null,
    copies: [],
    quantisation: 'q4_k_m',
    licence: 'Gemma Terms of Use',
    licenceUrl: 'https://ai.google.dev/gemma/terms',
    commercialUse: true,
    contextLength: 131_072,
    ramBytesApprox: 3_940_000_000,
    recommendedFor: { fa: 'رایانه‌های دو تا شش‌هسته‌ای', en: 'Two- to six-core PCs' },
    fitsMemory: true,
    ...more,
  };
}

const damagedCopy = `${MODELS_DIR}/qwen2.5-3b-instruct-q4_k_m.gguf`;
const STATUS: DraftingModelsStatus = draftingModelsStatusSchema.parse({
  plan: {
    threads: 2,
    contextSize: 8192,
    useGpu: false,
    gpuBackend: null,
    gpuLayers: 0,
    recommendedModelId: 'gemma-3-4b-it-q4_k_m',
    parameterClass: '3B',
    rule: 'limited_memory',
    reason: '2 threads on 2 cores, 8.0 GiB RAM, no GPU backend: 3B-class',
  },
  model: { id: null, blocker: 'no_model', detail: 'no language model installed' },
  typicalVisit: { promptTokens: 2000, outputTokens: 400 },
  modelsDir: MODELS_DIR,
  provisionedDirs: [],
  models: [
    model('qwen2.5-1.5b-instruct-q4_k_m', 'qwen2.5-1.5b-instruct-q4_k_m.gguf', {
      parameterClass: '1B',
      expectedSeconds: 34.93,
      sizeBytes: 1_117_320_736,
      licence: 'Apache-2.0',
    }),
    model('qwen2.5-3b-instruct-q4_k_m', 'qwen2.5-3b-instruct-q4_k_m.gguf', {
      parameterClass: '3B',
      expectedSeconds: 91.44,
      licence: 'Qwen Research License',
      commercialUse: false,
      status: 'corrupt',
      path: damagedCopy,
      location: 'data',
      problem: 'hash_mismatch',
      copies: [
        {
          path: damagedCopy,
          location: 'data',
          sizeBytes: 2_104_932_768,
          status: 'corrupt',
          problem: 'hash_mismatch',
          verifiedAt: '2026-03-01T08:00:00.000Z',
        },
      ],
    }),
    model('gemma-3-4b-it-q4_k_m', 'gemma-3-4b-it-Q4_K_M.gguf', {
      parameterClass: '3B',
      expectedSeconds: 91.44,
    }),
    model('qwen2.5-7b-instruct-q4_k_m', 'Qwen2.5-7B-Instruct-Q4_K_M.gguf', {
      parameterClass: '8B',
      expectedSeconds: 243.19,
      sizeBytes: 4_683_074_240,
      fitsMemory: false,
    }),
  ],
});

function render(status: DraftingModelsStatus, language: 'fa' | 'en', onVerify?: () => void) {
  const html = renderToStaticMarkup(
    <I18nProvider i18n={createI18n(language)}>
      <DraftingModelsView
        status={status}
        progress={null}
        actions={{ busy: false, ...(onVerify ? { onVerify } : {}) }}
      />
    </I18nProvider>,
  );
  // Text as a reader meets it: the style sheets MUI inlines and the tags gone, spaces collapsed.
  const text = html
    .replace(/<style[^>]*>.*?<\/style>/gs, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { html, text };
}

describe('drafting models in Settings › Models', () => {
  it('says drafts come from the extractors alone, and which file to put where', () => {
    const { text } = render(STATUS, 'fa');
    expect(text).toContain('هیچ مدل زبانی برای پیش‌نویس نصب نیست');
    expect(text).toContain('فقط با استخراج خودکار');
    expect(text).toMatch(
      /فایل gemma-3-4b-it-Q4_K_M\.gguf را در پوشهٔ \/var\/lib\/helssa\/models بگذارید/,
    );
  });

  it('shows the plan and the typical visit’s time in Persian digits', () => {
    const { text } = render(STATUS, 'fa');
    expect(text).toContain(
      '۲ رشته، زمینهٔ ۸٬۱۹۲ توکنی، بدون GPU — مدل پیشنهادی: gemma-3-4b-it-q4_k_m',
    );
    expect(text).toContain('مدل بزرگ‌تر در حافظهٔ این رایانه کنار برنامه و مدل گفتار جا نمی‌شود.');
    expect(text).toContain(
      'پیش‌نویس یک ویزیت معمولی (حدود ۲٬۰۰۰ توکن رونویسی و ۴۰۰ توکن پیش‌نویس) با مدل پیشنهادی: حدود ۱٫۵ دقیقه',
    );
  });

  it('lists the models by class with size, memory, time, licence and state', () => {
    const { html, text } = render(STATUS, 'fa');
    expect(html).not.toContain('<table');
    expect(text.indexOf('ردهٔ 1B')).toBeLessThan(text.indexOf('ردهٔ 3B'));
    expect(text.indexOf('ردهٔ 3B')).toBeLessThan(text.indexOf('ردهٔ 8B'));
    expect(text).toContain(
      'Q4_K_M · ۱ گیگابایت · حافظه حدود ۳٫۷ گیگابایت · ویزیت معمولی حدود ۳۵ ثانیه',
    );
    expect(text).toContain('ویزیت معمولی حدود ۴ دقیقه');
    expect(text).toContain('برای حافظهٔ این رایانه بزرگ است');
    expect(text).toContain('مجوز غیرتجاری');
    expect(text).toContain('انتخاب خودکار هرگز آن را برنمی‌گزیند');
    expect(text).toContain('محتوای فایل با چکیدهٔ منتشرشده یکی نیست');
    expect(text).toContain(damagedCopy);
    expect(text).toContain('پیشنهادی');
    expect((html.match(/<li/g) ?? []).length).toBe(4);
  });

  it('offers a check only to administrators, only for files that are there', () => {
    expect(render(STATUS, 'fa').html).not.toContain('بررسی سلامت');
    const { html } = render(STATUS, 'fa', () => undefined);
    expect(html).toContain('aria-label="بررسی سلامت qwen2.5-3b-instruct-q4_k_m.gguf"');
    expect(html.match(/aria-label="بررسی سلامت /g)).toHaveLength(1);
  });

  it('names the model in use, and reads left to right in English', () => {
    const installed = draftingModelsStatusSchema.parse({
      ...STATUS,
      model: { id: 'gemma-3-4b-it-q4_k_m', blocker: null, detail: null },
      plan: { ...STATUS.plan!, useGpu: true, gpuBackend: 'vulkan', gpuLayers: 'auto' },
    });
    const { text } = render(installed, 'en');
    expect(text).toContain('Drafts are written with gemma-3-4b-it-q4_k_m.');
    expect(text).toContain('A typical visit takes about 1.5 min to draft on this computer.');
    expect(text).toContain(
      '2 threads, 8,192-token context, as many layers as fit on the GPU (vulkan) — recommended model: gemma-3-4b-it-q4_k_m',
    );
    expect(text).toContain('the GPU makes it shorter');
    expect(text).toContain('Q4_K_M · 4.4 GB · about 3.7 GB of memory · typical visit about 4 min');
    expect(text).not.toContain('No language model is installed');
  });

  it('says so when the manifest has no language model', () => {
    const { text } = render({ ...STATUS, models: [] }, 'en');
    expect(text).toContain('This installation’s list of models has no language model.');
    expect(text).toContain('The recommended model (gemma-3-4b-it-q4_k_m) is not in this');
  });
});
