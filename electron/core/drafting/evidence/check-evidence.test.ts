import { describe, expect, it } from 'vitest';
import {
  emptySoapContent,
  evidenceFlagSchema,
  type DraftingSegment,
  type Evidence,
  type SoapContent,
} from '../../../shared/soap';
import { segmentsOf } from '../extract/testing/cuts';
import { checkEvidence, evidenceFlagId, findEvidence } from './check-evidence';
import { icd10Lexicon, icdByCode, labLexicon } from './terminology';

const segments = (...texts: string[]): DraftingSegment[] =>
  texts.map((text, i) => ({ id: `s${i + 1}`, startMs: i * 4000, endMs: (i + 1) * 4000, text }));

// A visit as Whisper would write it: Persian with English terms, both digit sets, spoken numbers.
const visit = segments(
  /* s1 */ 'سلام، مشکلتون چیه؟',
  /* s2 */ 'سه روزه گلو درد و تب دارم',
  /* s3 */ 'تب بیمار سی و هشت و نیم درجه است و فشار خون ١٢٠ روی ٨٠',
  /* s4 */ 'گلو قرمزه، تشخیص فارنژیت حاده. فشار خون بالا هم که دارید',
  /* s5 */ 'آموکسی‌سیلین دویست و پنجاه میلی‌گرم هر ۸ ساعت به مدت ده روز',
  /* s6 */ 'Metformin 500 mg BID رو هم ادامه بدید',
  /* s7 */ 'یه آزمایش CBC هم بدید و دو هفته دیگه برگردید',
);

const noEvidence: Evidence[] = [];

function draft(patch: Partial<SoapContent>): SoapContent {
  return { ...emptySoapContent(), ...patch };
}

const med = (id: string, name: string, dose: string, evidence = noEvidence) => ({
  id,
  name,
  dose,
  route: '',
  frequency: '',
  duration: '',
  evidence,
});

describe('checkEvidence on a crafted transcript/draft pair', () => {
  const content = draft({
    medications: [
      med('m-amox', 'Amoxicillin', '500 mg'), // said: 250 mg
      med('m-metf', 'متفورمین', '500 mg'), // said in English, written in Persian: supported
      med('m-azit', 'Azithromycin', '250 mg'), // never said
    ],
    vitals: [
      { id: 'v-temp', kind: 'temperature', value: '39.5', unit: '°C', evidence: noEvidence }, // 38.5 said
      { id: 'v-bp', kind: 'blood_pressure', value: '120/80', unit: 'mmHg', evidence: noEvidence },
      { id: 'v-hr', kind: 'heart_rate', value: '90', unit: '/min', evidence: noEvidence }, // never said
    ],
    diagnoses: [
      { id: 'd-phar', icd10: 'J02.9', title: 'Acute pharyngitis', evidence: noEvidence },
      { id: 'd-htn', icd10: 'I10', title: '', evidence: noEvidence }, // code only; said «فشار خون بالا»
      { id: 'd-dm', icd10: '', title: 'دیابت نوع ۲', evidence: noEvidence }, // never said
      { id: 'd-asth', icd10: 'J45.9', title: 'Asthma', evidence: noEvidence }, // never said
    ],
    labOrders: [
      { id: 'l-cbc', name: 'شمارش کامل خون', reason: '', evidence: noEvidence }, // said "CBC"
      { id: 'l-tsh', name: 'TSH', reason: '', evidence: noEvidence }, // never said
    ],
    followUp: { interval: '۱ هفته', reason: '', evidence: noEvidence }, // said "دو هفته دیگه"
  });

  const flags = checkEvidence(content, visit);

  it('flags exactly the unsupported and mismatched items', () => {
    expect(flags.map((f) => [f.kind, f.itemId, f.reason, f.claim, f.heard])).toEqual([
      ['dose', 'm-amox', 'value_mismatch', '500 mg', '250 mg'],
      ['medication', 'm-azit', 'no_evidence', 'Azithromycin', null],
      ['dose', 'm-azit', 'no_evidence', '250 mg', null],
      ['diagnosis', 'd-dm', 'no_evidence', 'دیابت نوع ۲', null],
      ['diagnosis', 'd-asth', 'no_evidence', 'J45.9 Asthma', null],
      ['vital', 'v-temp', 'value_mismatch', '39.5 °C', '38.5 °C'],
      ['vital', 'v-hr', 'no_evidence', '90 /min', null],
      ['lab_order', 'l-tsh', 'no_evidence', 'TSH', null],
      ['follow_up', 'follow_up', 'value_mismatch', '۱ هفته', '۲ هفته'],
    ]);
  });

  it('makes valid, unresolved flags with ids derived from what they are about', () => {
    for (const f of flags) {
      expect(evidenceFlagSchema.parse(f)).toEqual(f);
      expect(f.resolution).toBeNull();
      expect(f.id).toBe(evidenceFlagId(f.kind, f.itemId));
    }
    expect(new Set(flags.map((f) => f.id)).size).toBe(flags.length);
    expect(checkEvidence(content, visit)).toEqual(flags);
    expect(evidenceFlagId('dose', 'x'.repeat(64))).toMatch(/^dose:[0-9a-f]{16}$/);
  });

  it('is silent for a draft the transcript fully supports', () => {
    const supported = draft({
      medications: [med('m1', 'آموکسی سیلین', '250 mg'), med('m2', 'Metformin', '0.5 g')],
      vitals: [
        { id: 'v1', kind: 'temperature', value: '38.5', unit: '°C', evidence: noEvidence },
        { id: 'v2', kind: 'blood_pressure', value: '120/80', unit: 'mmHg', evidence: noEvidence },
      ],
      diagnoses: [
        { id: 'd1', icd10: '', title: 'فارنژیت حاد', evidence: noEvidence },
        { id: 'd2', icd10: 'I10', title: 'Essential hypertension', evidence: noEvidence },
      ],
      labOrders: [{ id: 'l1', name: 'CBC', reason: '', evidence: noEvidence }],
      followUp: { interval: '2 weeks', reason: '', evidence: noEvidence },
    });
    expect(checkEvidence(supported, visit)).toEqual([]);
  });
});

describe('numbers compare across digit sets and spoken forms', () => {
  it.each([
    ['تب ۳۸٫۵ درجه', '38.5'],
    ['تب ٣٨٫٥ درجه', '38.5'],
    ['تب سی و هشت و نیم', '38.5'],
    ['Temp 101.3 F', '38.5'],
  ])('%s supports 38.5 °C', (text, value) => {
    const content = draft({
      vitals: [{ id: 'v', kind: 'temperature', value, unit: '°C', evidence: noEvidence }],
    });
    expect(checkEvidence(content, segments(text))).toEqual([]);
  });

  it('a dose said in words matches the written dose, in another unit too', () => {
    const t = segments('سفکسیم چهارصد میلی‌گرم روزی یک بار');
    expect(checkEvidence(draft({ medications: [med('m', 'Cefixime', '400 mg')] }), t)).toEqual([]);
    expect(checkEvidence(draft({ medications: [med('m', 'Cefixime', '0.4 g')] }), t)).toEqual([]);
    expect(
      checkEvidence(draft({ medications: [med('m', 'Cefixime', '200 mg')] }), t).map(
        (f) => f.heard,
      ),
    ).toEqual(['400 mg']);
  });
});

describe('anchors', () => {
  it('prefers the value heard at the claim’s own anchor when reporting a mismatch', () => {
    const t = segments('فشار خون ۱۴۰ روی ۹۰', 'بعد از استراحت فشار ۱۳۰ روی ۸۵');
    const anchoredAtFirst: Evidence = { segmentId: 's1', start: 0, end: 19, quote: t[0]!.text };
    const content = draft({
      vitals: [
        {
          id: 'v',
          kind: 'blood_pressure',
          value: '150/95',
          unit: 'mmHg',
          evidence: [anchoredAtFirst],
        },
      ],
    });
    expect(checkEvidence(content, t).map((f) => f.heard)).toEqual(['140/90 mmHg']);
    // Without an anchor, the last reading is the one reported.
    const unanchored = draft({
      vitals: [{ id: 'v', kind: 'blood_pressure', value: '150/95', unit: 'mmHg', evidence: [] }],
    });
    expect(checkEvidence(unanchored, t).map((f) => f.heard)).toEqual(['130/85 mmHg']);
  });

  it('findEvidence gives a hand-written item anchors that slice the original text', () => {
    const found = findEvidence({ kind: 'medication', name: 'Amoxicillin', dose: '250 mg' }, visit);
    expect(found).toEqual([
      {
        segmentId: 's5',
        start: 0,
        end: visit[4]!.text.length,
        quote: 'آموکسی‌سیلین دویست و پنجاه میلی‌گرم هر ۸ ساعت به مدت ده روز',
      },
    ]);
    const byTitle = findEvidence({ kind: 'diagnosis', icd10: 'I10', title: '' }, visit);
    expect(byTitle.map((e) => e.quote)).toEqual(['فشار خون بالا']);
    for (const e of [...found, ...byTitle]) {
      const text = visit.find((s) => s.id === e.segmentId)!.text;
      expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
    expect(findEvidence({ kind: 'vital', vitalKind: 'heart_rate', value: '90' }, visit)).toEqual(
      [],
    );
    expect(findEvidence({ kind: 'lab_order', name: 'CBC' }, visit).map((e) => e.quote)).toEqual([
      'CBC',
    ]);
    expect(
      findEvidence({ kind: 'follow_up', interval: '۲ هفته' }, visit).map((e) => e.quote),
    ).toEqual(['دو هفته']);
  });
});

describe('terminology', () => {
  it('ships ~100 ICD-10 codes with Persian and English names, and the lab tests', () => {
    expect(icd10Lexicon.length).toBeGreaterThanOrEqual(100);
    expect(new Set(icd10Lexicon.map((e) => e.code)).size).toBe(icd10Lexicon.length);
    expect(labLexicon.length).toBeGreaterThanOrEqual(40);
    expect(icdByCode('J02.9').map((e) => e.fa[0])).toEqual(['گلودرد حاد']);
    expect(icdByCode('I10').map((e) => e.fa[0])).toEqual(['فشار خون بالا']);
    expect(icdByCode('E11.9').map((e) => e.fa[0])).toEqual(['دیابت نوع ۲']);
    expect(icdByCode('I48.91').map((e) => e.code)).toEqual(['I48']);
    expect(
      icdByCode('J02')
        .map((e) => e.code)
        .sort(),
    ).toEqual(['J02.0', 'J02.9']);
  });
});

describe('claims said across a cut between segments', () => {
  // Whisper's cuts inside phrases: a spoken dose, a blood pressure, a diagnosis and a follow-up
  // each begin in one segment and end in the next.
  const parts = [
    /* s1 */ 'برات آموکسی‌سیلین دویست و',
    /* s2 */ 'پنجاه میلی‌گرم هر هشت ساعت',
    /* s3 */ 'فشار خون ۱۲۰',
    /* s4 */ 'روی ۸۰ بود. تشخیص فشار خون',
    /* s5 */ 'بالا است. دو',
    /* s6 */ 'هفته دیگه برگردید',
  ];
  const draftOf = (dose: string, bp: string, interval: string) =>
    draft({
      medications: [med('m', 'Amoxicillin', dose)],
      vitals: [{ id: 'v', kind: 'blood_pressure', value: bp, unit: 'mmHg', evidence: noEvidence }],
      diagnoses: [{ id: 'd', icd10: 'I10', title: '', evidence: noEvidence }],
      followUp: { interval, reason: '', evidence: noEvidence },
    });
  const flagsOf = (content: SoapContent, transcript: readonly DraftingSegment[]) =>
    checkEvidence(content, transcript).map((f) => [f.kind, f.reason, f.claim, f.heard]);

  it('accepts what was said across the cut', () => {
    expect(flagsOf(draftOf('250 mg', '120/80', '۲ هفته'), segmentsOf(parts))).toEqual([]);
  });

  it('still flags a value that differs from what was said across the cut', () => {
    expect(flagsOf(draftOf('500 mg', '130/80', '۱ هفته'), segmentsOf(parts))).toEqual([
      ['dose', 'value_mismatch', '500 mg', '250 mg'],
      ['vital', 'value_mismatch', '130/80 mmHg', '120/80 mmHg'],
      ['follow_up', 'value_mismatch', '۱ هفته', '۲ هفته'],
    ]);
  });

  it('gives one anchor per segment, each a slice of its own text', () => {
    const transcript = segmentsOf(parts);
    const dose = findEvidence(
      { kind: 'medication', name: 'Amoxicillin', dose: '250 mg' },
      transcript,
    );
    expect(dose.map((e) => [e.segmentId, e.quote])).toEqual([
      ['s1', 'آموکسی‌سیلین دویست و'],
      ['s2', 'پنجاه میلی‌گرم هر هشت ساعت'],
    ]);
    const bp = findEvidence(
      { kind: 'vital', vitalKind: 'blood_pressure', value: '120/80' },
      transcript,
    );
    expect(bp.map((e) => [e.segmentId, e.quote])).toEqual([
      ['s3', 'فشار خون ۱۲۰'],
      ['s4', 'روی ۸۰'],
    ]);
    const htn = findEvidence({ kind: 'diagnosis', icd10: 'I10', title: '' }, transcript);
    expect(htn.map((e) => [e.segmentId, e.quote])).toEqual([
      ['s4', 'فشار خون'],
      ['s5', 'بالا'],
    ]);
    const back = findEvidence({ kind: 'follow_up', interval: '2 weeks' }, transcript);
    expect(back.map((e) => [e.segmentId, e.quote])).toEqual([
      ['s5', 'دو'],
      ['s6', 'هفته'],
    ]);
    for (const e of [...dose, ...bp, ...htn, ...back]) {
      const text = transcript.find((s) => s.id === e.segmentId)!.text;
      expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });

  it('does not join segments said 10 s apart', () => {
    expect(flagsOf(draftOf('250 mg', '120/80', '۲ هفته'), segmentsOf(parts, 10_000))).toEqual([
      ['dose', 'no_evidence', '250 mg', null],
      ['diagnosis', 'no_evidence', 'I10', null],
      ['vital', 'no_evidence', '120/80 mmHg', null],
      ['follow_up', 'no_evidence', '۲ هفته', null],
    ]);
  });
});
