import { describe, expect, it } from 'vitest';
import type { DraftingSegment, Medication } from '../../../shared/soap';
import { drugLexicon, resolveDrug } from './drug-lexicon';
import { sequentialIds } from './item-ids';
import { extractMedications } from './medications';
import { quotedText } from './running-text';
import { everyCut, segmentsOf } from './testing/cuts';

const segments = (...texts: string[]): DraftingSegment[] =>
  texts.map((text, i) => ({ id: `s${i + 1}`, startMs: i * 4000, endMs: (i + 1) * 4000, text }));
const medsOf = (...texts: string[]) =>
  extractMedications(segments(...texts), { newId: sequentialIds('m') }).map((m) => [
    m.name,
    m.dose,
    m.route,
    m.frequency,
    m.duration,
  ]);

// [said, [generic, dose, route, frequency, duration]]
const table: ReadonlyArray<readonly [string, ReadonlyArray<readonly string[]>]> = [
  [
    'آموکسی‌سیلین پانصد میلی‌گرم هر ۸ ساعت به مدت ۷ روز',
    [['Amoxicillin', '500 mg', '', 'هر ۸ ساعت', '۷ روز']],
  ],
  [
    'کپسول آموکسی سیلین ۵۰۰ روزی سه بار یک هفته',
    [['Amoxicillin', '500 mg', 'خوراکی', 'روزی ۳ بار', '۱ هفته']],
  ],
  [
    'Amoxicillin 500mg PO TDS for 10 days',
    [['Amoxicillin', '500 mg', 'خوراکی', 'روزی ۳ بار', '۱۰ روز']],
  ],
  [
    'azithromycin 250 mg once daily x 5 days',
    [['Azithromycin', '250 mg', '', 'روزی ۱ بار', '۵ روز']],
  ],
  ['بروفن ۴۰۰ در صورت نیاز', [['Ibuprofen', '400 mg', '', 'در صورت نیاز', '']]],
  ['استامینوفن ۵۰۰ میلی هر ۶ ساعت', [['Acetaminophen', '500 mg', '', 'هر ۶ ساعت', '']]],
  ['paracetamol 1 g q6h', [['Acetaminophen', '1 g', '', 'هر ۶ ساعت', '']]],
  ['شربت استامینوفن ۵ سی سی هر ۶ ساعت', [['Acetaminophen', '5 ml', 'خوراکی', 'هر ۶ ساعت', '']]],
  ['متفورمین ۵۰۰ BID', [['Metformin', '500 mg', '', 'روزی ۲ بار', '']]],
  ['Metformin 1 g twice a day', [['Metformin', '1 g', '', 'روزی ۲ بار', '']]],
  ['omeprazole 20 q12h', [['Omeprazole', '20 mg', '', 'هر ۱۲ ساعت', '']]],
  ['سفکسیم ٤٠٠ روزی یکی ده روز', [['Cefixime', '400 mg', '', 'روزی ۱ بار', '۱۰ روز']]],
  [
    'آمپول پنی سیلین بنزاتین یک میلیون و دویست هزار واحد عضلانی',
    [['Benzathine penicillin', '1200000 units', 'عضلانی', '', '']],
  ],
  ['سالبوتامول دو پاف هر ۶ ساعت', [['Salbutamol', '2 puffs', '', 'هر ۶ ساعت', '']]],
  ['لووتیروکسین ۱۰۰ میکروگرم روزی یک بار', [['Levothyroxine', '100 mcg', '', 'روزی ۱ بار', '']]],
  [
    'ویتامین دی پنجاه هزار واحد هفته‌ای یک بار',
    [['Vitamin D3', '50000 units', '', 'هفته‌ای ۱ بار', '']],
  ],
  ['آملودیپین ۵ شبها', [['Amlodipine', '5 mg', '', 'هر شب', '']]],
  ['پماد موپیروسین روزی دو بار', [['Mupirocin', '', 'موضعی', 'روزی ۲ بار', '']]],
  ['Co-amoxiclav 625 mg bid for a week', [['Co-amoxiclav', '625 mg', '', 'روزی ۲ بار', '۱ هفته']]],
  ['کوآموکسی‌کلاو ۶۲۵ هر ۱۲ ساعت', [['Co-amoxiclav', '625 mg', '', 'هر ۱۲ ساعت', '']]],
  ['آموکسی‌سیلن ۵۰۰', [['Amoxicillin', '500 mg', '', '', '']]],
  [
    'قرص لوزارتان ۵۰ میلی گرم روزانه و آملودیپین ۵ شبها',
    [
      ['Losartan', '50 mg', 'خوراکی', 'روزی ۱ بار', ''],
      ['Amlodipine', '5 mg', '', 'هر شب', ''],
    ],
  ],
];

describe('extractMedications: a table of real phrasings', () => {
  it.each(table)('%s', (text, expected) => {
    expect(medsOf(text)).toEqual(expected);
  });
});

describe('extractMedications: context', () => {
  it('skips a drug named as an allergy or as a test', () => {
    expect(medsOf('به پنی‌سیلین حساسیت دارم')).toEqual([]);
    expect(medsOf('allergic to amoxicillin')).toEqual([]);
    expect(medsOf('یه آزمایش ویتامین دی هم بدید')).toEqual([]);
    expect(medsOf('check her B12 level')).toEqual([]);
    expect(medsOf('آمپول ب ۱۲ هفته‌ای یک بار')).toEqual([
      ['Vitamin B12', '', 'عضلانی', 'هفته‌ای ۱ بار', ''],
    ]);
  });

  it('reads the details from the next segment when the sentence runs on', () => {
    const found = extractMedications(
      segments('برات آموکسی‌سیلین می‌نویسم', 'پانصد میلی‌گرم هر هشت ساعت تا ده روز'),
      { newId: sequentialIds('m') },
    );
    expect(found).toEqual([
      {
        id: 'm-1',
        name: 'Amoxicillin',
        dose: '500 mg',
        route: '',
        frequency: 'هر ۸ ساعت',
        duration: '۱۰ روز',
        evidence: [
          { segmentId: 's1', start: 5, end: 17, quote: 'آموکسی‌سیلین' },
          { segmentId: 's2', start: 0, end: 36, quote: 'پانصد میلی‌گرم هر هشت ساعت تا ده روز' },
        ],
      },
    ]);
  });

  it('merges mentions of one drug: the latest detail wins, every mention is evidence', () => {
    const texts = ['قبلاً متفورمین ۵۰۰ می‌خوردید', 'متفورمین رو ۱۰۰۰ میلی‌گرم روزی دو بار کنید'];
    const [m] = extractMedications(segments(...texts), { newId: sequentialIds('m') });
    expect(m).toMatchObject({ name: 'Metformin', dose: '1000 mg', frequency: 'روزی ۲ بار' });
    expect(m!.evidence.map((e) => e.segmentId)).toEqual(['s1', 's2']);
    for (const e of m!.evidence) {
      const text = texts[Number(e.segmentId.slice(1)) - 1]!;
      expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });

  it('does not take a history span for a duration', () => {
    expect(medsOf('از ۳ روز پیش استامینوفن می‌خوره')).toEqual([['Acetaminophen', '', '', '', '']]);
  });
});

describe('drug lexicon', () => {
  it('ships at least 150 generics, each with Persian and English names, forms and routes', () => {
    expect(drugLexicon.length).toBeGreaterThanOrEqual(150);
    for (const entry of drugLexicon) {
      expect(entry.fa.length).toBeGreaterThan(0);
      expect(entry.en.length).toBeGreaterThan(0);
      expect(entry.routes.length).toBeGreaterThan(0);
      expect(entry.fa.every((n) => /[\u0600-\u06FF]/.test(n))).toBe(true);
    }
    expect(new Set(drugLexicon.map((e) => e.generic)).size).toBe(drugLexicon.length);
  });

  it('every name of an entry resolves to that entry (no name is shadowed by another drug)', () => {
    const wrong: string[] = [];
    for (const entry of drugLexicon) {
      for (const name of [entry.generic, ...entry.en, ...entry.fa]) {
        const resolved = resolveDrug(name);
        if (resolved !== entry) wrong.push(`${name} → ${resolved?.generic ?? 'nothing'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('resolves colloquial, brand-ish and misspelled forms', () => {
    expect(resolveDrug('بروفن')?.generic).toBe('Ibuprofen');
    expect(resolveDrug('استامینوفن')?.generic).toBe('Acetaminophen');
    expect(resolveDrug('Paracetamol')?.generic).toBe('Acetaminophen');
    expect(resolveDrug('اموکسي سيلين')?.generic).toBe('Amoxicillin');
    expect(resolveDrug('متفورمن')?.generic).toBe('Metformin');
    expect(resolveDrug('آتورواستاتن')?.generic).toBe('Atorvastatin');
    expect(resolveDrug('سلام')).toBeUndefined();
  });
});

// --- Prescriptions cut between segments ----------------------------------------------------------

const cutRows = [
  'آموکسی‌سیلین پانصد میلی‌گرم هر ۸ ساعت به مدت ۷ روز',
  'کپسول آموکسی سیلین ۵۰۰ روزی سه بار یک هفته',
  'Amoxicillin 500mg PO TDS for 10 days',
  'azithromycin 250 mg once daily x 5 days',
  'استامینوفن ۵۰۰ میلی هر ۶ ساعت',
  'شربت استامینوفن ۵ سی سی هر ۶ ساعت',
  'سفکسیم ٤٠٠ روزی یکی ده روز',
  'آمپول پنی سیلین بنزاتین یک میلیون و دویست هزار واحد عضلانی',
  'سالبوتامول دو پاف هر ۶ ساعت',
  'لووتیروکسین ۱۰۰ میکروگرم روزی یک بار',
  'ویتامین دی پنجاه هزار واحد هفته‌ای یک بار',
  'Co-amoxiclav 625 mg bid for a week',
  'قرص لوزارتان ۵۰ میلی گرم روزانه و آملودیپین ۵ شبها',
];
const medicationCuts = [
  ...cutRows.flatMap((text) => everyCut(text, 2).map((cut) => [cut.label, text, cut] as const)),
  ...[cutRows[0]!, cutRows[2]!, cutRows[12]!].flatMap((text) =>
    everyCut(text, 3).map((cut) => [cut.label, text, cut] as const),
  ),
];

/** `words` in order within `all` (words left out between them allowed). */
function inOrder(words: readonly string[], all: readonly string[]): boolean {
  let k = 0;
  for (const w of all) if (k < words.length && w === words[k]) k++;
  return k === words.length;
}

describe('extractMedications: a prescription cut between segments said back to back', () => {
  it.each(medicationCuts)('%s', (_label, text, cut) => {
    const whole = extractMedications(segments(text), { newId: sequentialIds('m') });
    const found = extractMedications(segmentsOf(cut.parts), { newId: sequentialIds('m') });
    const fields = (m: Medication) => [m.name, m.dose, m.route, m.frequency, m.duration];
    expect(found.map(fields)).toEqual(whole.map(fields));
    found.forEach((m, i) => {
      const ids = m.evidence.map((e) => Number(e.segmentId.slice(1)));
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
      for (const e of m.evidence)
        expect(cut.parts[ids.shift()! - 1]!.slice(e.start, e.end)).toBe(e.quote);
      // The anchors hold the words of the uncut anchor, in order, from its first to its last.
      const said = whole[i]!.evidence[0]!.quote.split(' ');
      const quoted = quotedText(m.evidence).split(' ');
      expect(inOrder(quoted, said)).toBe(true);
      expect([quoted[0], quoted[quoted.length - 1]]).toEqual([said[0], said[said.length - 1]]);
    });
  });

  it('name | dose and frequency | duration over three segments: one anchor in each', () => {
    const found = extractMedications(
      segmentsOf(['آموکسی‌سیلین', '۵۰۰ میلی‌گرم هر هشت ساعت', 'به مدت هفت روز']),
      { newId: sequentialIds('m') },
    );
    expect(found).toEqual([
      {
        id: 'm-1',
        name: 'Amoxicillin',
        dose: '500 mg',
        route: '',
        frequency: 'هر ۸ ساعت',
        duration: '۷ روز',
        evidence: [
          { segmentId: 's1', start: 0, end: 12, quote: 'آموکسی‌سیلین' },
          { segmentId: 's2', start: 0, end: 24, quote: '۵۰۰ میلی‌گرم هر هشت ساعت' },
          { segmentId: 's3', start: 7, end: 14, quote: 'هفت روز' },
        ],
      },
    ]);
  });

  it('the cuts of the core test', () => {
    const transcript: DraftingSegment[] = [
      { id: 'a', startMs: 12_100, endMs: 13_860, text: 'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر هشت ساعت' },
      { id: 'b', startMs: 13_900, endMs: 15_000, text: 'به مدت هفت روز' },
      { id: 'c', startMs: 15_700, endMs: 17_460, text: 'استامینوفن ۵۰۰ میلی‌گرم هر شش ساعت' },
      { id: 'd', startMs: 17_500, endMs: 18_360, text: 'در صورت تب' },
    ];
    const found = extractMedications(transcript, { newId: sequentialIds('m') });
    expect(found.map((m) => [m.name, m.dose, m.frequency, m.duration])).toEqual([
      ['Amoxicillin', '500 mg', 'هر ۸ ساعت', '۷ روز'],
      ['Acetaminophen', '500 mg', 'هر ۶ ساعت', ''],
    ]);
    expect(found[0]!.evidence.map((e) => [e.segmentId, e.quote])).toEqual([
      ['a', 'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر هشت ساعت'],
      ['b', 'هفت روز'],
    ]);
  });

  it('does not join segments 10 s apart', () => {
    const found = extractMedications(
      segmentsOf(['آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت', 'به مدت ۷ روز'], 10_000),
    );
    expect(found.map((m) => [m.name, m.frequency, m.duration])).toEqual([
      ['Amoxicillin', 'هر ۸ ساعت', ''],
    ]);
    expect(found[0]!.evidence.map((e) => e.segmentId)).toEqual(['s1']);
  });

  it('reads on into the next segment only for what is missing, and never past the next drug', () => {
    // Complete in its own segment: the syrup said next belongs to nothing here.
    expect(medsOfSegments(['آموکسی‌سیلین ۵۰۰ هر ۸ ساعت ۷ روز', 'شربت هم بخوره برای سرفه'])).toEqual(
      [['Amoxicillin', '500 mg', '', 'هر ۸ ساعت', '۷ روز']],
    );
    expect(medsOfSegments(['استامینوفن ۵۰۰ میلی‌گرم', 'متفورمین هر شب'])).toEqual([
      ['Acetaminophen', '500 mg', '', '', ''],
      ['Metformin', '', '', 'هر شب', ''],
    ]);
  });

  it('keeps allergy and test cues to the name’s own segment', () => {
    // The turn before is a denied allergy; the prescription after it stands.
    expect(medsOfSegments(['به دارویی حساسیت ندارم', 'آموکسی‌سیلین ۵۰۰ هر ۸ ساعت'])).toEqual([
      ['Amoxicillin', '500 mg', '', 'هر ۸ ساعت', ''],
    ]);
    expect(medsOfSegments(['به پنی‌سیلین حساسیت دارم'])).toEqual([]);
  });

  it('does not give one drug the dose the drug named before it took', () => {
    expect(medsOf('استامینوفن ۵۰۰ میلی‌گرم متفورمین ۱۰۰۰ میلی‌گرم')).toEqual([
      ['Acetaminophen', '500 mg', '', '', ''],
      ['Metformin', '1000 mg', '', '', ''],
    ]);
    expect(medsOfSegments(['استامینوفن ۵۰۰ میلی‌گرم', 'متفورمین ۱۰۰۰ میلی‌گرم'])).toEqual([
      ['Acetaminophen', '500 mg', '', '', ''],
      ['Metformin', '1000 mg', '', '', ''],
    ]);
    // A dose before the name that no drug took is still this drug's.
    expect(medsOfSegments(['یک قرص ۵۰۰ میلی‌گرم', 'متفورمین شب‌ها'])).toEqual([
      ['Metformin', '500 mg', 'خوراکی', 'هر شب', ''],
    ]);
  });
});

function medsOfSegments(parts: readonly string[]) {
  return extractMedications(segmentsOf(parts), { newId: sequentialIds('m') }).map((m) => [
    m.name,
    m.dose,
    m.route,
    m.frequency,
    m.duration,
  ]);
}
