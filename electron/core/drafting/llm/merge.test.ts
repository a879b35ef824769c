import { describe, expect, it } from 'vitest';
import { mergeDrafts, restoreEvidence } from './merge';
import type { DraftOutput } from './output-schema';

function draft(overrides: Partial<DraftOutput>): DraftOutput {
  return {
    chiefComplaint: '',
    subjective: '',
    objective: '',
    assessment: '',
    plan: '',
    vitals: [],
    diagnoses: [],
    medications: [],
    labOrders: [],
    followUp: null,
    ...overrides,
  };
}

const medication = (name: string, segment: number, dose = '') => ({
  name,
  dose,
  route: '',
  frequency: '',
  duration: '',
  evidence: [{ segment, quote: name }],
});

describe('merging part drafts without the model', () => {
  const first = draft({
    chiefComplaint: 'سرفه',
    subjective: 'سرفه از یک هفته پیش.',
    vitals: [{ kind: 'temperature', value: '38.5', evidence: [{ segment: 2, quote: '۳۸٫۵' }] }],
    diagnoses: [{ icd10: 'J20.9', title: 'برونشیت', evidence: [{ segment: 3, quote: 'برونشیت' }] }],
    medications: [medication('Amoxicillin', 4)],
    followUp: {
      interval: '۱ هفته',
      reason: 'کنترل',
      evidence: [{ segment: 5, quote: 'هفته بعد' }],
    },
  });
  const second = draft({
    chiefComplaint: 'تنگی نفس',
    subjective: '  ',
    objective: 'ریه‌ها خس‌خس دارند.',
    vitals: [
      { kind: 'temperature', value: '۳۸.۵', evidence: [{ segment: 12, quote: '۳۸ و نیم' }] },
    ],
    diagnoses: [
      {
        icd10: 'j209',
        title: 'Acute bronchitis',
        evidence: [{ segment: 13, quote: 'برونشیت حاد' }],
      },
      { icd10: '', title: '', evidence: [] },
      { icd10: '', title: '', evidence: [] },
    ],
    medications: [medication('amoxicillin', 14, '500 mg'), medication('Salbutamol', 15)],
    followUp: {
      interval: '۱ هفته',
      reason: '',
      evidence: [{ segment: 16, quote: 'یک هفته دیگر' }],
    },
  });

  it('joins sections in order and de-duplicates lists, keeping every piece of evidence', () => {
    const merged = mergeDrafts([first, second]);
    expect(merged.chiefComplaint).toBe('سرفه');
    expect(merged.subjective).toBe('سرفه از یک هفته پیش.');
    expect(merged.objective).toBe('ریه‌ها خس‌خس دارند.');
    expect(merged.vitals).toHaveLength(1);
    expect(merged.vitals[0]!.evidence.map((e) => e.segment)).toEqual([2, 12]);
    // Same code written two ways: one diagnosis; items that name nothing stay apart.
    expect(merged.diagnoses).toHaveLength(3);
    expect(merged.diagnoses[0]).toMatchObject({ icd10: 'J20.9', title: 'برونشیت' });
    expect(merged.diagnoses[0]!.evidence.map((e) => e.segment)).toEqual([3, 13]);
    expect(merged.medications.map((m) => [m.name, m.dose])).toEqual([
      ['Amoxicillin', '500 mg'],
      ['Salbutamol', ''],
    ]);
    expect(merged.medications[0]!.evidence.map((e) => e.segment)).toEqual([4, 14]);
    expect(merged.followUp!.evidence.map((e) => e.segment)).toEqual([16, 5]);
    // The inputs are left alone.
    expect(first.medications[0]!.evidence).toHaveLength(1);
  });

  it('gives back evidence a model merge dropped', () => {
    const modelMerge = draft({
      medications: [{ ...medication('AMOXICILLIN', 4), evidence: [] }],
      diagnoses: [{ icd10: 'J20.9', title: 'برونشیت', evidence: [] }],
      followUp: { interval: '۱ هفته', reason: '', evidence: [] },
    });
    const restored = restoreEvidence(modelMerge, [first, second]);
    expect(restored.medications[0]!.evidence.map((e) => e.segment)).toEqual([4, 14]);
    expect(restored.diagnoses[0]!.evidence.map((e) => e.segment)).toEqual([3, 13]);
    expect(restored.followUp!.evidence.map((e) => e.segment)).toEqual([5, 16]);
  });
});
