import { describe, expect, it } from 'vitest';
import type { DraftingSegment, VitalKind } from '../../../shared/soap';
import { sequentialIds } from './item-ids';
import { everyCut, segmentsOf, type Cut } from './testing/cuts';
import { extractVitals } from './vitals';

const segment = (text: string, id = 's1'): DraftingSegment => ({
  id,
  startMs: 0,
  endMs: 4000,
  text,
});
const vitalsOf = (text: string) =>
  extractVitals([segment(text)], { newId: sequentialIds('v') }).map((v) => [v.kind, v.value]);

// [what the doctor said, what must come out] — real phrasings, Persian (۰-۹), Arabic-Indic
// (٠-٩) and ASCII digits, and numbers said in words.
const table: ReadonlyArray<readonly [string, ReadonlyArray<readonly [VitalKind, string]>]> = [
  ['فشار خون ۱۲۰ روی ۸۰', [['blood_pressure', '120/80']]],
  ['BP 120/80', [['blood_pressure', '120/80']]],
  ['فشار ١٣٠/٨٥ بود', [['blood_pressure', '130/85']]],
  ['فشارش دوازده هشت بود', [['blood_pressure', '120/80']]],
  ['فشار خونش دوازده روی هشت', [['blood_pressure', '120/80']]],
  ['فشار ۱۲ روی ۸', [['blood_pressure', '120/80']]],
  ['فشارشون سیزده و نیم روی نه', [['blood_pressure', '135/90']]],
  ['فشار خون صد و چهل روی نود', [['blood_pressure', '140/90']]],
  ['blood pressure was one hundred twenty over eighty', [['blood_pressure', '120/80']]],
  ['BP: 145/95 mmHg', [['blood_pressure', '145/95']]],
  ['تب ۳۸٫۵', [['temperature', '38.5']]],
  ['تبش ۳۸/۵ بود', [['temperature', '38.5']]],
  ['دمای بدن 38.5 درجه', [['temperature', '38.5']]],
  ['تب سی و هشت و نیم', [['temperature', '38.5']]],
  ['دما سی و هفت و دو دهم', [['temperature', '37.2']]],
  ['Temp 101.3 F', [['temperature', '38.5']]],
  ['temperature 98.6', [['temperature', '37']]],
  ['سی و نه درجه تب داشت', [['temperature', '39']]],
  ['تب از ۳ روز پیش دارم، امروز ۳۹ درجه بود', [['temperature', '39']]],
  ['نبض ۹۰', [['heart_rate', '90']]],
  ['ضربان قلب 88 در دقیقه', [['heart_rate', '88']]],
  ['نبضش نود و دو تا', [['heart_rate', '92']]],
  ['pulse is 72', [['heart_rate', '72']]],
  ['تعداد تنفس ۱۸', [['respiratory_rate', '18']]],
  ['RR 16 per minute', [['respiratory_rate', '16']]],
  ['اکسیژن خون ۹۶ درصد', [['spo2', '96']]],
  ['SpO2 96%', [['spo2', '96']]],
  ['O2 sat ninety four', [['spo2', '94']]],
  ['اشباع اکسیژن ٩٨٪', [['spo2', '98']]],
  ['وزن ۷۲ کیلو', [['weight', '72']]],
  ['وزنش هفتاد و دو و نیم کیلوگرم', [['weight', '72.5']]],
  ['weight 160 lbs', [['weight', '72.6']]],
  ['قد ۱۷۵ سانت', [['height', '175']]],
  ['قدش یک متر و هفتاد و پنج', [['height', '175']]],
  ['height 1.68 m', [['height', '168']]],
  [
    'فشار ۱۲۰ روی ۸۰، نبض ۹۰، تنفس ۱۸، دما ۳۷',
    [
      ['blood_pressure', '120/80'],
      ['heart_rate', '90'],
      ['respiratory_rate', '18'],
      ['temperature', '37'],
    ],
  ],
];

describe('extractVitals: a table of real phrasings', () => {
  it.each(table)('%s', (text, expected) => {
    expect(vitalsOf(text)).toEqual(expected);
  });
});

describe('extractVitals: what is not a vital', () => {
  it.each([
    ['تب ۳.۸۵', 'a temperature of 3.85 is nonsense, not silently 38.5'],
    ['تب دارم از دو روز پیش', 'a span of time after the keyword'],
    ['فشار ۱۲۰ روی ۱۳۰', 'diastolic above systolic'],
    ['نبض ۴۰۰', 'out of range'],
    ['فشار روحی زیادی دارم', 'no number'],
    ['تب ندارد', 'denied, no value'],
    ['قدم زدن ۳۰ دقیقه', '"قدم" (step) is not "قد" (height)'],
    ['در صورت تب ۳۰ تا قرص می‌نویسم', 'a number of tablets after "تب"'],
  ])('%s (%s)', (text) => {
    expect(vitalsOf(text)).toEqual([]);
  });
});

describe('extractVitals: evidence and merging', () => {
  it('anchors the keyword through the value and unit in the original text', () => {
    const text = 'معاینه: دمای بدن ۳۸٫۵ درجه و فشار خون ۱۲۰ روی ۸۰ بود';
    const vitals = extractVitals([segment(text)], { newId: sequentialIds('v') });
    expect(vitals.map((v) => v.evidence[0]!.quote)).toEqual([
      'دمای بدن ۳۸٫۵ درجه',
      'فشار خون ۱۲۰ روی ۸۰',
    ]);
    for (const v of vitals) {
      const e = v.evidence[0]!;
      expect(text.slice(e.start, e.end)).toBe(e.quote);
      expect(e.segmentId).toBe('s1');
    }
    expect(vitals.map((v) => v.unit)).toEqual(['°C', 'mmHg']);
    expect(vitals.map((v) => v.id)).toEqual(['v-1', 'v-2']);
  });

  it('keeps the °F reading as said in the evidence', () => {
    const [v] = extractVitals([segment('Temp 101.3 F today')], { newId: sequentialIds('v') });
    expect(v).toMatchObject({ kind: 'temperature', value: '38.5', unit: '°C' });
    expect(v!.evidence[0]!.quote).toBe('Temp 101.3 F');
  });

  it('merges a value said twice and keeps a re-measured value apart', () => {
    const vitals = extractVitals(
      [
        segment('فشار خون ۱۴۰ روی ۹۰', 'a'),
        segment('گفتم فشارتون ۱۴۰ روی ۹۰ هست', 'b'),
        segment('بعد از استراحت فشار ۱۳۰ روی ۸۵', 'c'),
      ],
      { newId: sequentialIds('v') },
    );
    expect(vitals.map((v) => [v.value, v.evidence.map((e) => e.segmentId)])).toEqual([
      ['140/90', ['a', 'b']],
      ['130/85', ['c']],
    ]);
  });
});

// --- Readings cut between segments -------------------------------------------------------------

/** What the uncut phrase gives, and the anchors expected when it is cut as `cut`. */
function expectedFor(text: string, cut: Cut) {
  const whole = extractVitals([segment(text)], { newId: sequentialIds('v') });
  return whole.map((v) => {
    const { start, end } = v.evidence[0]!;
    const evidence = cut.parts.flatMap((part, k) => {
      const offset = cut.offsets[k]!;
      const from = Math.max(start, offset) - offset;
      const to = Math.min(end, offset + part.length) - offset;
      if (to <= from || part.slice(from, to).trim() === '') return [];
      return [{ segmentId: `s${k + 1}`, start: from, end: to, quote: part.slice(from, to) }];
    });
    return { kind: v.kind, value: v.value, evidence };
  });
}

const cutTable = [
  'فشار خون ۱۲۰ روی ۸۰',
  'BP 120/80',
  'BP: 145/95 mmHg',
  'فشار ١٣٠/٨٥ بود',
  'فشارش دوازده هشت بود',
  'فشارشون سیزده و نیم روی نه',
  'فشار خون صد و بیست روی هشتاد',
  'blood pressure was one hundred twenty over eighty',
  'تبش ۳۸/۵ بود',
  'دمای بدن 38.5 درجه',
  'تب سی و هشت و نیم',
  'دما سی و هفت و دو دهم',
  'Temp 101.3 F',
  'سی و نه درجه تب داشت',
  'ضربان قلب 88 در دقیقه',
  'نبضش نود و دو تا',
  'RR 16 per minute',
  'اکسیژن خون ۹۶ درصد',
  'O2 sat ninety four',
  'وزنش هفتاد و دو و نیم کیلوگرم',
  'weight 160 lbs',
  'قد ۱۷۵ سانت',
  'قدش یک متر و هفتاد و پنج',
  'height 1.68 m',
  'فشار ۱۲۰ روی ۸۰، نبض ۹۰، تنفس ۱۸، دما ۳۷',
];
const twoWay = cutTable.flatMap((text) => everyCut(text, 2).map((cut) => [cut.label, text, cut]));
const threeWay = [
  'فشار خون ۱۲۰ روی ۸۰',
  'BP 120/80',
  'تب سی و هشت و نیم',
  'weight 160 lbs',
  'فشار خون صد و بیست روی هشتاد',
].flatMap((text) => everyCut(text, 3).map((cut) => [cut.label, text, cut]));

describe('extractVitals: a reading cut between segments said back to back', () => {
  it('cuts every phrase at every word boundary (and before "/")', () => {
    expect(twoWay.length).toBeGreaterThan(100);
    expect(threeWay.length).toBeGreaterThan(30);
    expect(everyCut('BP 120/80', 2).map((c) => c.parts)).toEqual([
      ['BP', '120/80'],
      ['BP 120', '/80'],
    ]);
  });

  it.each([...twoWay, ...threeWay] as [string, string, Cut][])('%s', (_label, text, cut) => {
    const vitals = extractVitals(segmentsOf(cut.parts), { newId: sequentialIds('v') });
    // The same readings as said in one segment, each once, anchored in every segment it spans.
    expect(vitals.map((v) => ({ kind: v.kind, value: v.value, evidence: v.evidence }))).toEqual(
      expectedFor(text, cut),
    );
    for (const v of vitals) {
      for (const e of v.evidence) {
        const part = cut.parts[Number(e.segmentId.slice(1)) - 1]!;
        expect(part.slice(e.start, e.end)).toBe(e.quote);
      }
    }
  });

  it('the cut of the core test: «فشار خون ۱۲۰» | «روی ۸۰ است»', () => {
    const transcript: DraftingSegment[] = [
      { id: 'a', startMs: 4000, endMs: 4860, text: 'فشار خون ۱۲۰' },
      { id: 'b', startMs: 5000, endMs: 5760, text: 'روی ۸۰ است' },
    ];
    expect(extractVitals(transcript, { newId: sequentialIds('v') })).toEqual([
      {
        id: 'v-1',
        kind: 'blood_pressure',
        value: '120/80',
        unit: 'mmHg',
        evidence: [
          { segmentId: 'a', start: 0, end: 12, quote: 'فشار خون ۱۲۰' },
          { segmentId: 'b', start: 0, end: 6, quote: 'روی ۸۰' },
        ],
      },
    ]);
  });

  it('does not also report the part a segment holds alone («تب سی و هشت» | «و نیم»)', () => {
    expect(
      extractVitals(segmentsOf(['تب سی و هشت', 'و نیم']), { newId: sequentialIds('v') }).map(
        (v) => v.value,
      ),
    ).toEqual(['38.5']);
    // Said in one breath, "weight 160" | "lbs" is 72.6 kg, not also 160 kg.
    expect(
      extractVitals(segmentsOf(['weight 160', 'lbs']), { newId: sequentialIds('v') }).map(
        (v) => v.value,
      ),
    ).toEqual(['72.6']);
  });

  it('reads no value into a keyword at the end of one segment from a count in the next', () => {
    expect(
      extractVitals(segmentsOf(['استامینوفن هر ۶ ساعت در صورت تب', '۳۰ تا قرص می‌نویسم'])),
    ).toEqual([]);
  });

  it('does not join segments 10 s apart', () => {
    for (const cut of everyCut('فشار خون ۱۲۰ روی ۸۰', 2)) {
      expect(extractVitals(segmentsOf(cut.parts, 10_000))).toEqual([]);
    }
    // Alone, "weight 160" is 160 kg: the "lbs" ten seconds later is not its unit.
    expect(extractVitals(segmentsOf(['weight 160', 'lbs'], 10_000)).map((v) => v.value)).toEqual([
      '160',
    ]);
  });

  it('joins at a 2 s pause and not at 2.5 s', () => {
    const at = (gapMs: number) =>
      extractVitals(segmentsOf(['نبض', 'نود و دو'], gapMs)).map((v) => v.value);
    expect(at(2000)).toEqual(['92']);
    expect(at(2500)).toEqual([]);
  });
});
