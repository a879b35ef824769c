/**
 * `npm run bench -- --only extractors` (also in the default set; a few seconds). The issue's
 * target: the deterministic extractors, the evidence check and the checklist on a 60-minute
 * transcript in ≤ 100 ms.
 *
 * The transcript: ~900 segments (4 s each) of a mixed Persian/English consultation, generated
 * deterministically from the seed — greetings, complaints, history questions and answers, vitals
 * (written in Persian, Arabic-Indic and ASCII digits, and spoken: "دوازده روی هشت",
 * "سی و هشت و نیم"), examination, prescriptions with doses, frequencies and durations, tests and
 * follow-up, with chit-chat between.
 *
 * Figures (median of N runs, after warm-up runs):
 * - cold: every cache cleared before the run (segment analysis, sentences, markers), so each
 *   segment is folded and lexed again — the cost of a draft made once at the end of a visit;
 * - warm: the same with the caches as a previous run left them;
 * - live: the checklist re-evaluated on the whole transcript after each new 30 s chunk
 *   (8 segments), as while recording; the figure is the median of the calls in the last 10 min;
 * - baseline: `toSearchKey` on every segment (the normaliser alone, the least any matcher over
 *   the normalised transcript must do), same segments, same run, for the ratio.
 */
import { evaluateChecklist } from '../electron/core/checklist/evaluate';
import { defaultChecklistItems } from '../electron/core/checklist/defaults';
import { checkEvidence } from '../electron/core/drafting/evidence/check-evidence';
import { draftFromExtractors } from '../electron/core/drafting/extract/extractor-draft';
import { sequentialIds } from '../electron/core/drafting/extract/item-ids';
import { clearAnalysisCache } from '../electron/core/drafting/extract/lexemes';
import type { DraftingSegment, SoapContent } from '../electron/shared/soap';
import { toSearchKey } from '../electron/shared/text/normalize';
import { median, ratio, round, summarize, type Summary } from './stats';

export const EXTRACTORS_TARGET_MS = 100;

export interface ExtractorsBenchOptions {
  readonly seed: number;
  readonly minutes: number;
  readonly runs: number;
}

export interface ExtractorsReport {
  readonly transcript: {
    readonly minutes: number;
    readonly segments: number;
    readonly characters: number;
    readonly seed: number;
  };
  readonly found: {
    readonly vitals: number;
    readonly medications: number;
    readonly flags: number;
    readonly checklist: Record<string, number>;
  };
  readonly runs: number;
  readonly coldMs: {
    readonly draft: Summary;
    readonly evidence: Summary;
    readonly checklist: Summary;
    readonly total: Summary;
  };
  readonly warmTotalMs: Summary;
  readonly liveChecklistMs: Summary;
  readonly baselineToSearchKeyMs: Summary;
  readonly ratio: { readonly coldTotalVsToSearchKey: number };
  readonly target: { readonly ms: number; readonly pass: boolean };
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';

export function generateTranscript(seed: number, minutes: number): DraftingSegment[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const digits = (n: number | string): string => {
    const text = String(n);
    const style = next();
    if (style < 0.45) return text.replace(/\d/g, (d) => PERSIAN[Number(d)]!).replace('.', '٫');
    if (style < 0.6) return text.replace(/\d/g, (d) => ARABIC[Number(d)]!);
    return text;
  };
  const spokenBp = [
    'دوازده روی هشت',
    'سیزده روی هشت',
    'یازده و نیم روی هفت',
    'صد و بیست روی هشتاد',
  ];
  const spokenTemp = ['سی و هفت', 'سی و هشت و نیم', 'سی و نه', 'سی و هفت و پنج دهم'];
  const drugs = [
    ['آموکسی‌سیلین', '۵۰۰ میلی‌گرم'],
    ['Azithromycin', '250 mg'],
    ['سفکسیم', '۴۰۰'],
    ['استامینوفن', 'پانصد میلی'],
    ['بروفن', '۴۰۰'],
    ['Metformin', '500 mg'],
    ['لوزارتان', '۵۰ میلی‌گرم'],
    ['امپرازول', '۲۰'],
    ['Atorvastatin', '20 mg'],
    ['سالبوتامول', 'دو پاف'],
    ['ستیریزین', '۱۰ میلی‌گرم'],
    ['پنتوپرازول', '۴۰ میلی‌گرم'],
  ] as const;
  const frequencies = [
    'هر ۸ ساعت',
    'روزی سه بار',
    'TDS',
    'BID',
    'q12h',
    'روزی یک بار',
    'شب‌ها قبل از خواب',
  ];
  const durations = ['به مدت ۷ روز', 'for 10 days', 'یک هفته', 'ده روز', 'دو هفته'];
  const templates: readonly (() => string)[] = [
    () => 'سلام، بفرمایید مشکلتون چیه؟',
    () =>
      pick([
        'سه روزه گلو درد و تب دارم',
        'از دیروز سردرد شدید دارم',
        'یه هفته است سرفه می‌کنم',
        'I have had a cough for two weeks',
      ]),
    () => 'از کی شروع شده؟ شدتش از یک تا ده چقدره؟',
    () => `تقریباً ${digits(int(2, 9))} روزه، شدتش ${digits(int(3, 9))} هست`,
    () => 'به دارویی حساسیت دارید؟',
    () => pick(['نه، حساسیتی ندارم', 'به پنی‌سیلین حساسیت دارم', 'نمی‌دونم، یادم نیست']),
    () => 'داروی خاصی مصرف می‌کنید؟',
    () => `${pick(drugs)[0]} می‌خورم روزی یکی`,
    () => 'سیگار می‌کشید؟',
    () => pick(['نه، سیگار نمی‌کشم', `روزی ${digits(int(5, 20))} نخ`]),
    () =>
      `فشار خون ${digits(int(100, 150))} روی ${digits(int(60, 95))}، نبض ${digits(int(60, 110))}`,
    () => `فشارش ${pick(spokenBp)} بود`,
    () =>
      `تب ${digits(pick(['37.2', '38.5', '39', '38']))} درجه، تعداد تنفس ${digits(int(12, 24))}`,
    () => `دمای بدن ${pick(spokenTemp)}`,
    () => `SpO2 ${int(92, 99)}%, BP ${int(110, 140)}/${int(70, 90)}, HR ${int(60, 100)}`,
    () => `وزن ${digits(int(50, 95))} کیلو، قد ${digits(int(150, 190))} سانت`,
    () => 'بذارید معاینه کنم، دهانتون رو باز کنید. گلو قرمزه و لوزه‌ها متورم هستن',
    () => 'سمع ریه طبیعیه، wheeze نداره',
    () =>
      pick([
        'به نظرم فارنژیت حاده',
        'تشخیص سرماخوردگیه',
        'فشار خون بالا دارید',
        'دیابت نوع دو کنترل نشده است',
      ]),
    () => {
      const [name, dose] = pick(drugs);
      return `${name} ${dose} ${pick(frequencies)} ${pick(durations)}`;
    },
    () => 'مایعات زیاد بخورید و استراحت کنید',
    () =>
      pick(['یه آزمایش CBC و قند ناشتا بدید', 'سونوگرافی شکم هم انجام بدید', 'نوار قلب هم بگیرید']),
    () => pick(['دو هفته دیگه برگردید', 'come back in one week', 'یک ماه دیگه برای کنترل بیاید']),
    () => 'اگه تب بالا رفت یا تنگی نفس داشتید فوراً مراجعه کنید',
    () =>
      pick([
        'خب',
        'باشه',
        'ممنون آقای دکتر',
        'بله بله',
        'okay',
        'خیلی ممنون',
        'هوا امروز خیلی سرده',
      ]),
    () => pick(['بچه‌ها خوبن؟', 'کارتون چیه؟ کارمند هستم', 'این نسخه رو ببرید داروخانه']),
  ];
  const segmentMs = 4000;
  const count = Math.round((minutes * 60_000) / segmentMs);
  const segments: DraftingSegment[] = [];
  for (let i = 0; i < count; i++) {
    // Walk through a consultation, with chit-chat and repeats mixed in.
    const template = next() < 0.7 ? templates[i % templates.length]! : pick(templates);
    // About ten words per 4 s, as Persian is spoken: often two short utterances in one segment.
    const text = next() < 0.6 ? `${template()} ${pick(templates)()}` : template();
    segments.push({ id: `seg-${i + 1}`, startMs: i * segmentMs, endMs: (i + 1) * segmentMs, text });
  }
  return segments;
}

function withModelItems(content: SoapContent): SoapContent {
  const evidence: [] = [];
  return {
    ...content,
    medications: [
      ...content.medications,
      {
        id: 'm-x',
        name: 'Clarithromycin',
        dose: '500 mg',
        route: '',
        frequency: '',
        duration: '',
        evidence,
      },
    ],
    diagnoses: [
      { id: 'd-1', icd10: 'J02.9', title: 'Acute pharyngitis', evidence },
      { id: 'd-2', icd10: 'I10', title: '', evidence },
      { id: 'd-3', icd10: 'E11.9', title: 'دیابت نوع ۲', evidence },
      { id: 'd-4', icd10: 'J45.9', title: 'Asthma', evidence },
      { id: 'd-5', icd10: '', title: 'سرماخوردگی', evidence },
    ],
    labOrders: [
      { id: 'l-1', name: 'CBC', reason: '', evidence },
      { id: 'l-2', name: 'قند ناشتا', reason: '', evidence },
      { id: 'l-3', name: 'TSH', reason: '', evidence },
    ],
    followUp: { interval: '۲ هفته', reason: '', evidence },
  };
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export function benchExtractors(options: ExtractorsBenchOptions): ExtractorsReport {
  const segments = generateTranscript(options.seed, options.minutes);
  const items = defaultChecklistItems();
  const warmup = 2;
  const cold = {
    draft: [] as number[],
    evidence: [] as number[],
    checklist: [] as number[],
    total: [] as number[],
  };
  const warm: number[] = [];
  const baseline: number[] = [];
  let found: ExtractorsReport['found'] | null = null;

  const once = () => {
    const draft = time(() => draftFromExtractors(segments, { newId: sequentialIds('item') }));
    // Checked as a model's draft would be: the extractors' items plus diagnoses, tests and a
    // follow-up, some said in the visit and some not.
    const modelDraft = withModelItems(draft.value);
    const flags = time(() => checkEvidence(modelDraft, segments));
    const checklist = time(() => evaluateChecklist(items, segments));
    return { draft, flags, checklist, total: draft.ms + flags.ms + checklist.ms };
  };

  for (let run = 0; run < warmup + options.runs; run++) {
    // Interleaved so load from elsewhere hits every contender alike.
    const base = time(() => {
      let length = 0;
      for (const s of segments) length += toSearchKey(s.text).length;
      return length;
    });
    clearAnalysisCache();
    const c = once();
    const w = once();
    if (run < warmup) continue;
    baseline.push(base.ms);
    cold.draft.push(c.draft.ms);
    cold.evidence.push(c.flags.ms);
    cold.checklist.push(c.checklist.ms);
    cold.total.push(c.total);
    warm.push(w.total);
    if (!found) {
      const byStatus: Record<string, number> = {};
      for (const e of c.checklist.value) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
      found = {
        vitals: c.draft.value.vitals.length,
        medications: c.draft.value.medications.length,
        flags: c.flags.value.length,
        checklist: byStatus,
      };
    }
  }

  // Live: the checklist after every 30 s chunk, the whole transcript so far each time.
  clearAnalysisCache();
  const live: number[] = [];
  const perChunk = 8;
  const lastTenMinutes = segments.length - Math.round((10 * 60_000) / 4000);
  for (let end = perChunk; end <= segments.length; end += perChunk) {
    const { ms } = time(() => evaluateChecklist(items, segments.slice(0, end)));
    if (end >= lastTenMinutes) live.push(ms);
  }

  const coldTotal = median(cold.total);
  return {
    transcript: {
      minutes: options.minutes,
      segments: segments.length,
      characters: segments.reduce((n, s) => n + s.text.length, 0),
      seed: options.seed,
    },
    found: found ?? { vitals: 0, medications: 0, flags: 0, checklist: {} },
    runs: options.runs,
    coldMs: {
      draft: summarize(cold.draft),
      evidence: summarize(cold.evidence),
      checklist: summarize(cold.checklist),
      total: summarize(cold.total),
    },
    warmTotalMs: summarize(warm),
    liveChecklistMs: summarize(live),
    baselineToSearchKeyMs: summarize(baseline),
    ratio: { coldTotalVsToSearchKey: ratio(coldTotal, median(baseline)) },
    target: { ms: EXTRACTORS_TARGET_MS, pass: round(coldTotal, 3) <= EXTRACTORS_TARGET_MS },
  };
}
