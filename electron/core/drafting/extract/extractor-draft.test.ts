import { describe, expect, it } from 'vitest';
import { soapContentSchema, type DraftingSegment } from '../../../shared/soap';
import { checkEvidence } from '../evidence/check-evidence';
import { extractChiefComplaint } from './chief-complaint';
import { draftFromExtractors } from './extractor-draft';
import { sequentialIds } from './item-ids';
import { segmentsOf } from './testing/cuts';

const segments = (...texts: string[]): DraftingSegment[] =>
  texts.map((text, i) => ({ id: `s${i + 1}`, startMs: i * 4000, endMs: (i + 1) * 4000, text }));

describe('extractChiefComplaint', () => {
  it.each([
    ['بیمار خانم ۳۵ ساله از گلودرد و تب از سه روز پیش شکایت دارد.', 'گلودرد و تب', 'marker'],
    ['با شکایت درد شکم مراجعه کرده است', 'درد شکم', 'marker'],
    ['برای کنترل فشار خون اومدم', 'کنترل فشار خون', 'marker'],
    [
      'Patient is a 40 year old man presenting with chest pain for two days.',
      'chest pain',
      'marker',
    ],
    ['Hello doctor. I have had a bad headache for a week.', 'a bad headache', 'marker'],
    ['Chief complaint: dysuria since yesterday', 'dysuria', 'marker'],
  ])('%s → %s', (text, complaint, rule) => {
    const found = extractChiefComplaint(segments(text));
    expect(found).toMatchObject({ text: complaint, rule });
    const e = found!.evidence[0]!;
    expect(text.slice(e.start, e.end)).toBe(e.quote);
  });

  it('takes the complaints named in the answer to the opening question', () => {
    const found = extractChiefComplaint(
      segments(
        'سلام آقای دکتر',
        'سلام، بفرمایید مشکلتون چیه؟',
        'راستش سه روزه گلو درد دارم و سرفه هم می‌کنم',
      ),
    );
    expect(found).toEqual({
      text: 'گلو درد و سرفه',
      rule: 'answer',
      evidence: [
        { segmentId: 's3', start: 14, end: 21, quote: 'گلو درد' },
        { segmentId: 's3', start: 29, end: 33, quote: 'سرفه' },
      ],
    });
  });

  it('falls back to the first complaint said, and ignores a denied one', () => {
    expect(extractChiefComplaint(segments('تب ندارم ولی سرگیجه دارم'))).toMatchObject({
      text: 'سرگیجه',
      rule: 'symptom',
    });
  });

  it('finds a statement cut between segments said back to back, anchored in both', () => {
    const parts = ['بیمار با شکایت سرفه و', 'تب مراجعه کرده است'];
    expect(extractChiefComplaint(segmentsOf(parts))).toEqual({
      text: 'سرفه و تب',
      rule: 'marker',
      evidence: [
        { segmentId: 's1', start: 15, end: 21, quote: 'سرفه و' },
        { segmentId: 's2', start: 0, end: 2, quote: 'تب' },
      ],
    });
    // Ten seconds apart they are two utterances: only the first complaint named is known.
    expect(extractChiefComplaint(segmentsOf(parts, 10_000))).toMatchObject({
      text: 'سرفه',
      rule: 'symptom',
    });
    // A complaint's name cut in two.
    expect(extractChiefComplaint(segmentsOf(['از دیروز گلو', 'درد دارم']))).toMatchObject({
      text: 'گلو درد',
      rule: 'symptom',
    });
  });

  it('invents nothing', () => {
    expect(extractChiefComplaint(segments('سلام', 'خوش آمدید، بفرمایید بنشینید'))).toBeNull();
    expect(extractChiefComplaint([])).toBeNull();
  });
});

describe('draftFromExtractors', () => {
  const visit = segments(
    'سلام، مشکلتون چیه؟',
    'از دیروز تب و گلودرد دارم',
    'فشار خون ۱۲۰ روی ۸۰، تب سی و هشت و نیم، نبض ۹۶',
    'گلو قرمزه. به نظرم فارنژیته',
    'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت به مدت ۱۰ روز',
    'و استامینوفن ۵۰۰ در صورت نیاز',
  );

  it('gives a useful report without a model: vitals in Objective, medications in Plan', () => {
    const content = draftFromExtractors(visit, { newId: sequentialIds('i') });
    expect(soapContentSchema.parse(content)).toEqual(content);
    expect(content.chiefComplaint).toBe('تب و گلودرد');
    expect(content.subjective).toBe('شکایت اصلی: تب و گلودرد');
    expect(content.objective).toBe(
      [
        'علائم حیاتی:',
        '- فشار خون: ۱۲۰/۸۰ میلی‌متر جیوه',
        '- دمای بدن: ۳۸٫۵ درجه سانتی‌گراد',
        '- ضربان قلب: ۹۶ در دقیقه',
      ].join('\n'),
    );
    expect(content.plan).toBe(
      [
        'داروها:',
        '- Amoxicillin 500 mg، هر ۸ ساعت، به مدت ۱۰ روز',
        '- Acetaminophen 500 mg، در صورت نیاز',
      ].join('\n'),
    );
    expect(content.vitals.map((v) => [v.id, v.kind, v.value, v.unit])).toEqual([
      ['i-1', 'blood_pressure', '120/80', 'mmHg'],
      ['i-2', 'temperature', '38.5', '°C'],
      ['i-3', 'heart_rate', '96', '/min'],
    ]);
    expect(content.medications.map((m) => [m.name, m.dose, m.frequency, m.duration])).toEqual([
      ['Amoxicillin', '500 mg', 'هر ۸ ساعت', '۱۰ روز'],
      ['Acetaminophen', '500 mg', 'در صورت نیاز', ''],
    ]);
  });

  it('invents no diagnosis, assessment, lab order or follow-up', () => {
    const content = draftFromExtractors(visit, { newId: sequentialIds('i') });
    expect(content.assessment).toBe('');
    expect(content.diagnoses).toEqual([]);
    expect(content.labOrders).toEqual([]);
    expect(content.followUp).toBeNull();
  });

  it('drafts the core test’s transcript, cut where the app’s chunks cut it', () => {
    const transcript: DraftingSegment[] = [
      { id: 'a', startMs: 0, endMs: 3900, text: 'سلام آقای دکتر از سه روز پیش گلودرد و تب دارم' },
      { id: 'b', startMs: 4000, endMs: 4860, text: 'فشار خون ۱۲۰' },
      { id: 'c', startMs: 5000, endMs: 5760, text: 'روی ۸۰ است' },
      { id: 'd', startMs: 6200, endMs: 8400, text: 'دمای بدن ۳۸٫۵ درجه است' },
      { id: 'e', startMs: 8600, endMs: 10_100, text: 'نبض ۹۲ در دقیقه' },
      { id: 'f', startMs: 10_300, endMs: 12_000, text: 'به دارویی حساسیت ندارم' },
      { id: 'g', startMs: 12_100, endMs: 13_860, text: 'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر هشت ساعت' },
      { id: 'h', startMs: 13_900, endMs: 15_000, text: 'به مدت هفت روز' },
      { id: 'i', startMs: 15_700, endMs: 17_460, text: 'استامینوفن ۵۰۰ میلی‌گرم هر شش ساعت' },
      { id: 'j', startMs: 17_500, endMs: 18_360, text: 'در صورت تب' },
    ];
    const content = draftFromExtractors(transcript, { newId: sequentialIds('i') });
    expect(Object.fromEntries(content.vitals.map((v) => [v.kind, v.value]))).toEqual({
      blood_pressure: '120/80',
      temperature: '38.5',
      heart_rate: '92',
    });
    expect(content.vitals[0]!.evidence.map((e) => [e.segmentId, e.quote])).toEqual([
      ['b', 'فشار خون ۱۲۰'],
      ['c', 'روی ۸۰'],
    ]);
    expect(content.objective).toContain('۱۲۰/۸۰');
    expect(content.medications.map((m) => [m.name, m.dose, m.frequency, m.duration])).toEqual([
      ['Amoxicillin', '500 mg', 'هر ۸ ساعت', '۷ روز'],
      ['Acetaminophen', '500 mg', 'هر ۶ ساعت', ''],
    ]);
    // Drafted from what was said: the evidence check has nothing to flag.
    expect(checkEvidence(content, transcript)).toEqual([]);
  });

  it('is empty for a transcript that says nothing clinical', () => {
    const content = draftFromExtractors(segments('سلام', 'خداحافظ'));
    expect(content).toMatchObject({ subjective: '', objective: '', plan: '', chiefComplaint: '' });
    expect(content.vitals).toEqual([]);
    expect(content.medications).toEqual([]);
  });
});
