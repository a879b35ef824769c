import { describe, expect, it } from 'vitest';
import {
  checklistEvaluationSchema,
  checklistItemSchema,
  soapSections,
  type ChecklistItem,
  type DraftingSegment,
} from '../../shared/soap';
import { segmentsOf } from '../drafting/extract/testing/cuts';
import {
  defaultChecklist,
  defaultChecklistItems,
  defaultSpecialtyTemplates,
  defaultTemplateItems,
} from './defaults';
import { evaluateChecklist } from './evaluate';
import { isMarker } from './markers';

const segments = (...texts: string[]): DraftingSegment[] =>
  texts.map((text, i) => ({ id: `s${i + 1}`, startMs: i * 4000, endMs: (i + 1) * 4000, text }));

const items = defaultChecklistItems();
function statusOf(transcript: readonly DraftingSegment[], ...codes: string[]) {
  const byCode = new Map(evaluateChecklist(items, transcript).map((e) => [e.code, e]));
  return codes.map((code) => [code, byCode.get(code)?.status]);
}

describe('evaluateChecklist: statuses on crafted transcripts', () => {
  it('covered: the keyword and a detail (or a pertinent negative)', () => {
    const t = segments(
      'به دارویی حساسیت دارید؟',
      'نه، هیچ حساسیتی ندارم.',
      'فشار خون ۱۲۰ روی ۸۰ و نبض ۸۸',
      'سیگار نمی‌کشم',
      'از دو روز پیش سردرد دارم',
      'یه آزمایش CBC بدید و دو هفته دیگه برگردید',
    );
    expect(
      statusOf(
        t,
        'allergy_history',
        'vital_signs',
        'smoking',
        'onset_duration',
        'lab_orders',
        'follow_up',
      ),
    ).toEqual([
      ['allergy_history', 'covered'],
      ['vital_signs', 'covered'],
      ['smoking', 'covered'],
      ['onset_duration', 'covered'],
      ['lab_orders', 'covered'],
      ['follow_up', 'covered'],
    ]);
  });

  it('partial: the subject comes up but without the detail the item asks for', () => {
    const t = segments(
      'فشار خونتون رو هم باید بگیریم',
      'سیگار می‌کشم',
      'یه آزمایش هم لازمه',
      'بعداً مراجعه کنید',
    );
    expect(statusOf(t, 'vital_signs', 'smoking', 'lab_orders', 'follow_up')).toEqual([
      ['vital_signs', 'partial'],
      ['smoking', 'partial'],
      ['lab_orders', 'partial'],
      ['follow_up', 'partial'],
    ]);
  });

  it('unclear: asked with no answer, or answered with doubt', () => {
    const t = segments(
      'سیگار می‌کشید؟',
      'چه داروهایی مصرف می‌کنید؟',
      'نمی‌دونم، یه قرص فشار می‌خورم',
      'حساسیت دارویی دارید؟',
    );
    expect(statusOf(t, 'smoking', 'current_medications', 'allergy_history')).toEqual([
      ['smoking', 'unclear'],
      ['current_medications', 'unclear'],
      ['allergy_history', 'unclear'],
    ]);
  });

  it('unclear: what the doctor must do or find, said not done', () => {
    const t = segments('امروز معاینه نکردم', 'فشار خون رو نگرفتیم', 'تشخیص هنوز مشخص نیست');
    expect(statusOf(t, 'physical_exam', 'vital_signs', 'diagnosis_stated')).toEqual([
      ['physical_exam', 'unclear'],
      ['vital_signs', 'unclear'],
      ['diagnosis_stated', 'unclear'],
    ]);
  });

  it('missing: never talked about', () => {
    const t = segments('سلام، بفرمایید', 'سه روزه گلو درد دارم');
    expect(statusOf(t, 'allergy_history', 'smoking', 'family_history', 'physical_exam')).toEqual([
      ['allergy_history', 'missing'],
      ['smoking', 'missing'],
      ['family_history', 'missing'],
      ['physical_exam', 'missing'],
    ]);
  });

  it('a firm answer later wins over an unanswered question earlier', () => {
    const t = segments('سیگار می‌کشید؟', 'ببخشید دکتر؟', 'گفتم سیگار می‌کشید؟', 'بله روزی ده نخ');
    expect(statusOf(t, 'smoking')).toEqual([['smoking', 'covered']]);
  });
});

describe('evaluateChecklist: what each evaluation carries', () => {
  const t = segments('به دارویی حساسیت دارید؟', 'بله، به پنی‌سیلین حساسیت دارم', 'سیگار می‌کشید؟');
  const evaluations = evaluateChecklist(items, t);
  const by = (code: string) => evaluations.find((e) => e.code === code)!;

  it('answers with one valid evaluation per active item', () => {
    expect(evaluations.map((e) => e.itemId)).toEqual(items.map((i) => i.id));
    for (const e of evaluations) expect(checklistEvaluationSchema.parse(e)).toEqual(e);
  });

  it('anchors the question and the answer, slicing the original text', () => {
    const allergy = by('allergy_history');
    // Two complete mentions: the answered question and the statement "… حساسیت دارم".
    expect(allergy).toMatchObject({
      status: 'covered',
      confidence: 0.8,
      generatedQuestion: '',
      evidenceText: 'به دارویی حساسیت دارید؟ … بله، به پنی‌سیلین حساسیت دارم',
    });
    expect(allergy.anchors.map((a) => [a.segmentId, a.quote])).toEqual([
      ['s1', 'به دارویی حساسیت دارید؟'],
      ['s2', 'بله، به پنی‌سیلین حساسیت دارم'],
    ]);
    for (const a of allergy.anchors) {
      const text = t.find((s) => s.id === a.segmentId)!.text;
      expect(text.slice(a.start, a.end)).toBe(a.quote);
    }
  });

  it('suggests the item’s question for missing, partial and unclear items', () => {
    expect(by('smoking')).toMatchObject({
      status: 'unclear',
      confidence: 0.4,
      generatedQuestion: 'سیگار، قلیان یا سایر دخانیات مصرف می‌کنید؟ روزانه چه مقدار؟',
    });
    expect(by('family_history')).toMatchObject({
      status: 'missing',
      anchors: [],
      evidenceText: '',
      generatedQuestion:
        'در خانواده (پدر، مادر، خواهر و برادر) بیماری خاصی مثل دیابت، بیماری قلبی یا سرطان وجود دارد؟',
    });
  });

  it('skips inactive items and works on admin-made items with plain keywords', () => {
    const custom: ChecklistItem = {
      id: 'c1',
      code: 'travel_history',
      title: 'سابقه سفر',
      titleEn: 'Travel history',
      description: '',
      category: 'subjective',
      priority: 'medium',
      keywords: { any: ['سفر', 'travel'], details: ['مشهد', 'abroad'] },
      questionTemplate: '',
      isActive: true,
    };
    const inactive = { ...custom, id: 'c2', code: 'inactive_one', isActive: false };
    const result = evaluateChecklist([custom, inactive], segments('هفته پیش سفر رفتم مشهد'));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ itemId: 'c1', status: 'covered' });
    const missing = evaluateChecklist([custom], segments('سلام'));
    expect(missing[0]!.generatedQuestion).toBe('درباره «سابقه سفر» پرسیده شود.');
  });
});

describe('default catalog and templates', () => {
  it('has ~25+ valid items with Persian and English titles, keywords and questions', () => {
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const item of items) {
      expect(checklistItemSchema.parse(item)).toEqual(item);
      expect(item.title).toMatch(/[\u0600-\u06FF]/);
      expect(item.titleEn).toMatch(/[A-Za-z]/);
      expect(item.keywords.any.length).toBeGreaterThan(0);
      expect(item.questionTemplate).toMatch(/[\u0600-\u06FF]/);
    }
    expect(items.find((i) => i.code === 'allergy_history')?.priority).toBe('critical');
    for (const c of ['subjective', 'objective', 'assessment', 'plan', 'general'] as const) {
      expect(items.some((i) => i.category === c)).toBe(true);
    }
  });

  it('uses only known markers', () => {
    for (const item of items) {
      for (const k of [...item.keywords.any, ...item.keywords.details]) {
        if (k.startsWith('#')) expect(isMarker(k)).toBe(true);
      }
    }
  });

  it('ships general practice (default), internal medicine and pediatrics over known items', () => {
    expect(defaultSpecialtyTemplates.map((t) => [t.code, t.isDefault])).toEqual([
      ['general_practice', true],
      ['internal_medicine', false],
      ['pediatrics', false],
    ]);
    const codes = new Set(items.map((i) => i.code));
    for (const t of defaultSpecialtyTemplates) {
      expect(t.itemCodes.every((c) => codes.has(c))).toBe(true);
      expect(t.prompt).toMatch(/SOAP/);
      expect(t.sections).toEqual(soapSections);
      expect(defaultTemplateItems(t.code).map((i) => i.code)).toEqual(t.itemCodes);
    }
    expect(defaultChecklist.items).toHaveLength(items.length);
  });
});

describe('evaluateChecklist: a keyword and its detail cut between segments', () => {
  const familyHistory: ChecklistItem = {
    id: 'fh',
    code: 'family_history_custom',
    title: 'سابقه خانوادگی',
    titleEn: 'Family history',
    description: '',
    category: 'subjective',
    priority: 'high',
    keywords: { any: ['سابقه خانوادگی', 'family history'], details: ['دیابت', 'diabetes'] },
    questionTemplate: '',
    isActive: true,
  };
  const evaluate = (parts: readonly string[], gapMs = 0) =>
    evaluateChecklist([...items, familyHistory], segmentsOf(parts, gapMs));
  const byCode = (parts: readonly string[], code: string, gapMs = 0) =>
    evaluate(parts, gapMs).find((e) => e.code === code)!;

  it('covers an item whose keyword is cut between segments, anchoring both', () => {
    const parts = ['در خانواده سابقه', 'خانوادگی دیابت داریم'];
    const e = byCode(parts, 'family_history_custom');
    expect(e.status).toBe('covered');
    expect(e.anchors.map((a) => [a.segmentId, a.quote])).toEqual([
      ['s1', 'در خانواده سابقه'],
      ['s2', 'خانوادگی دیابت داریم'],
    ]);
    for (const a of e.anchors) {
      expect(parts[Number(a.segmentId.slice(1)) - 1]!.slice(a.start, a.end)).toBe(a.quote);
    }
    // Ten seconds apart, neither half is the keyword.
    expect(byCode(parts, 'family_history_custom', 10_000).status).toBe('missing');
  });

  it('covers an item whose detail is cut between segments', () => {
    // The keyword «فشار خون» in one segment, the reading it needs cut over the next.
    const bp = ['فشار خون', '۱۲۰ روی ۸۰ است'];
    expect(byCode(bp, 'vital_signs').status).toBe('covered');
    expect(byCode(bp, 'vital_signs', 10_000).status).toBe('partial');
    // "next week", the detail of a follow-up, cut after "next".
    const back = ['please come back next', 'week for a check'];
    expect(byCode(back, 'follow_up').status).toBe('covered');
    expect(byCode(back, 'follow_up', 10_000).status).toBe('partial');
  });

  it('covers an item whose keyword ends a segment and whose detail opens the next', () => {
    const e = byCode(['سیگار هم می‌کشم', 'روزی ده نخ'], 'smoking');
    expect(e.status).toBe('covered');
    expect(e.anchors.map((a) => a.segmentId)).toEqual(['s1']);
  });

  it('reads a keyword cut over a question as a question waiting for its answer', () => {
    // «family» | «history?»: the question is answered by the next turn.
    const asked = ['any family', 'history of diabetes?'];
    expect(byCode(asked, 'family_history_custom').status).toBe('unclear');
    const answered = [...asked, 'yes, my father has diabetes'];
    expect(byCode(answered, 'family_history_custom')).toMatchObject({ status: 'covered' });
  });
});
