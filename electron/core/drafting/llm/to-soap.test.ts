import { describe, expect, it } from 'vitest';
import { soapContentSchema, type DraftingSegment } from '../../../shared/soap';
import { sequentialIds } from '../extract/item-ids';
import type { DraftOutput } from './output-schema';
import { icd10Of, toSoapContent, vitalValueOf } from './to-soap';

const segments: DraftingSegment[] = [
  { id: 'seg-a', startMs: 0, endMs: 4000, text: 'سلام آقای دکتر، از دیروز گلودرد دارم و تب كردم.' },
  { id: 'seg-b', startMs: 4000, endMs: 9000, text: 'فشارتون ۱۲۰/۸۰ هست و دمای بدن ۳۸٫۵ درجه.' },
  {
    id: 'seg-c',
    startMs: 9000,
    endMs: 15000,
    text: 'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت، هفت روز. یک CBC هم بدید.',
  },
];

function output(overrides: Partial<DraftOutput> = {}): DraftOutput {
  return {
    chiefComplaint: 'گلودرد و تب',
    subjective: 'بیمار از دیروز گلودرد و تب دارد.\nسرفه ندارد.',
    objective: 'فشار خون ۱۲۰/۸۰، دما ۳۸٫۵',
    assessment: 'فارنژیت',
    plan: 'آموکسی‌سیلین',
    vitals: [],
    diagnoses: [],
    medications: [],
    labOrders: [],
    followUp: null,
    ...overrides,
  };
}

describe('model output → report content', () => {
  it('anchors evidence in the original text through the normaliser', () => {
    const { content, notes } = toSoapContent(
      output({
        medications: [
          {
            name: 'Amoxicillin',
            dose: '500 mg',
            route: 'خوراکی',
            frequency: 'هر ۸ ساعت',
            duration: '۷ روز',
            // Arabic kaf/yeh, ASCII digits and no ZWNJ: still the same words.
            evidence: [{ segment: 3, quote: 'آموکسیسیلين 500 ميلي گرم' }],
          },
        ],
        diagnoses: [
          {
            icd10: 'J02.9',
            title: 'فارنژیت حاد',
            // The quote is in segment 1, not 2: not supported, dropped.
            evidence: [
              { segment: 1, quote: 'گلودرد دارم و تب کردم' },
              { segment: 2, quote: 'گلودرد دارم' },
            ],
          },
        ],
      }),
      segments,
      { newId: sequentialIds('item') },
    );
    expect(soapContentSchema.safeParse(content).success).toBe(true);
    const [medication] = content.medications;
    expect(medication).toMatchObject({ id: 'item-2', name: 'Amoxicillin', dose: '500 mg' });
    const [evidence] = medication!.evidence;
    expect(evidence!.segmentId).toBe('seg-c');
    expect(evidence!.quote).toBe('آموکسی‌سیلین ۵۰۰ میلی‌گرم');
    expect(segments[2]!.text.slice(evidence!.start, evidence!.end)).toBe(evidence!.quote);
    const [diagnosis] = content.diagnoses;
    expect(diagnosis!.evidence).toHaveLength(1);
    // The segment's own spelling (Arabic kaf in كردم) is what the anchor quotes.
    expect(diagnosis!.evidence[0]).toMatchObject({
      segmentId: 'seg-a',
      quote: 'گلودرد دارم و تب كردم',
    });
    expect(notes.evidenceDropped).toBe(1);
    expect(content.subjective).toBe('بیمار از دیروز گلودرد و تب دارد.\nسرفه ندارد.');
  });

  it('drops evidence for a segment the transcript does not have, and duplicates', () => {
    const { content, notes } = toSoapContent(
      output({
        labOrders: [
          {
            name: 'CBC',
            reason: 'تب',
            evidence: [
              { segment: 3, quote: 'CBC' },
              { segment: 3, quote: 'cbc' },
              { segment: 9, quote: 'CBC' },
              { segment: 3, quote: '' },
            ],
          },
        ],
      }),
      segments,
    );
    expect(content.labOrders[0]!.evidence).toHaveLength(1);
    expect(content.labOrders[0]!.evidence[0]).toMatchObject({ segmentId: 'seg-c', quote: 'CBC' });
    expect(notes.evidenceDropped).toBe(2);
  });

  it('empties codes that are not ICD-10 and drops vitals that are not numbers', () => {
    expect(icd10Of('J02.9')).toBe('J02.9');
    expect(icd10Of('j029')).toBe('J02.9');
    expect(icd10Of(' I10 ')).toBe('I10');
    expect(icd10Of('گلودرد')).toBe('');
    expect(icd10Of('J2')).toBe('');
    expect(vitalValueOf('۱۲۰/۸۰')).toBe('120/80');
    expect(vitalValueOf('۳۸٫۵')).toBe('38.5');
    expect(vitalValueOf('120 / 80')).toBe('120/80');
    expect(vitalValueOf('بالا')).toBeNull();
    expect(vitalValueOf('38.555')).toBeNull();

    const { content, notes } = toSoapContent(
      output({
        vitals: [
          { kind: 'blood_pressure', value: '۱۲۰/۸۰', evidence: [{ segment: 2, quote: '۱۲۰/۸۰' }] },
          { kind: 'temperature', value: 'تب دارد', evidence: [] },
          { kind: 'temperature', value: '38.5', evidence: [{ segment: 2, quote: '۳۸٫۵ درجه' }] },
        ],
        diagnoses: [
          { icd10: 'گلودرد', title: 'گلودرد', evidence: [] },
          { icd10: '', title: '', evidence: [] },
        ],
        medications: [
          { name: ' ', dose: '1', route: '', frequency: '', duration: '', evidence: [] },
        ],
        followUp: { interval: '', reason: '', evidence: [] },
      }),
      segments,
    );
    expect(content.vitals.map((v) => [v.kind, v.value, v.unit])).toEqual([
      ['blood_pressure', '120/80', 'mmHg'],
      ['temperature', '38.5', '°C'],
    ]);
    expect(content.vitals[1]!.evidence[0]!.quote).toBe('۳۸٫۵ درجه');
    expect(content.diagnoses).toHaveLength(1);
    expect(content.diagnoses[0]).toMatchObject({ icd10: '', title: 'گلودرد', evidence: [] });
    expect(content.medications).toEqual([]);
    expect(content.followUp).toBeNull();
    expect(notes).toEqual({ evidenceDropped: 0, vitalsDropped: 1, codesEmptied: 1 });
  });
});
