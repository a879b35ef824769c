import { describe, expect, it } from 'vitest';
import type { DraftingJob } from '../../../electron/shared/reports';
import { emptySoapContent, type EvidenceFlag } from '../../../electron/shared/soap';
import { createI18n } from '../../i18n/i18n';
import { phaseText } from './DraftingProgress';
import {
  anchorRange,
  durationText,
  elapsedSeconds,
  fingerprintText,
  flagsOfItem,
  orphanFlags,
  percentText,
  progressFraction,
  reportState,
  valueText,
} from './model';

const fa = createI18n('fa');
const en = createI18n('en');
/** Without the bidi isolates, to compare what is read. */
const bare = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

function job(overrides: Partial<DraftingJob> = {}): DraftingJob {
  return {
    id: 'job-1',
    kind: 'draft',
    section: null,
    method: 'llm',
    model: 'qwen2.5-3b-instruct-q4_k_m',
    status: 'running',
    phase: 'map',
    part: 1,
    parts: 1,
    tokensOut: 0,
    startedAt: '2026-12-19T05:00:00.000Z',
    finishedAt: null,
    expectedSeconds: 90,
    error: null,
    ...overrides,
  };
}

function flag(overrides: Partial<EvidenceFlag>): EvidenceFlag {
  return {
    id: 'f1',
    kind: 'medication',
    itemId: 'm1',
    claim: 'Amoxicillin',
    reason: 'no_evidence',
    heard: null,
    resolution: null,
    ...overrides,
  };
}

describe('expected and elapsed times as people say them', () => {
  it('says a minute and a half the way the drafting dialog promises it', () => {
    expect(durationText(fa, 90)).toBe('۱ دقیقه و ۳۰ ثانیه');
    expect(durationText(en, 90)).toBe('1 min 30 s');
  });

  it('rounds estimates: five seconds under a minute, ten under ten minutes, minutes beyond', () => {
    expect(durationText(fa, 0.4)).toBe('۱ ثانیه');
    expect(durationText(fa, 7)).toBe('۷ ثانیه');
    expect(durationText(fa, 34.6)).toBe('۳۵ ثانیه');
    expect(durationText(fa, 58)).toBe('۱ دقیقه');
    expect(durationText(fa, 124)).toBe('۲ دقیقه');
    expect(durationText(fa, 236)).toBe('۴ دقیقه');
    expect(durationText(fa, 247)).toBe('۴ دقیقه و ۱۰ ثانیه');
    expect(durationText(fa, 725)).toBe('۱۲ دقیقه');
    expect(durationText(fa, 3900)).toBe('۱ ساعت و ۵ دقیقه');
    expect(durationText(en, 7200)).toBe('2 h');
  });

  it('counts a running job to the core’s now, a finished one to its end', () => {
    const started = Date.parse('2026-12-19T05:00:00.000Z');
    // This computer's clock is 10 s ahead of the core's.
    expect(elapsedSeconds(job(), started + 40_000, 10_000)).toBe(30);
    expect(
      elapsedSeconds(job({ finishedAt: '2026-12-19T05:01:05.000Z' }), started + 999_000, 0),
    ).toBe(65);
    expect(elapsedSeconds(job(), started - 5_000, 0)).toBe(0);
  });

  it('never shows a running job as done, and has no bar without an estimate', () => {
    expect(progressFraction(job(), 45)).toBe(0.5);
    expect(progressFraction(job(), 400)).toBe(0.95);
    expect(progressFraction(job({ status: 'completed' }), 10)).toBe(1);
    expect(progressFraction(job({ method: 'extractors', expectedSeconds: null }), 1)).toBeNull();
  });
});

describe('what the drafting progress says', () => {
  it('names the part of a long transcript being written', () => {
    expect(phaseText(fa, job({ part: 2, parts: 5 }))).toBe('مدل در حال نوشتن است — بخش ۲ از ۵');
    expect(phaseText(en, job({ part: 2, parts: 5 }))).toBe('The model is writing — part 2 of 5');
    expect(phaseText(fa, job({ phase: 'reduce', parts: 5 }))).toBe('ادغام ۵ بخش در یک گزارش…');
  });

  it('names the section being rewritten', () => {
    expect(phaseText(fa, job({ kind: 'section', section: 'plan' }))).toBe(
      'مدل در حال نوشتن برنامهٔ درمان (P) است…',
    );
  });
});

describe('numbers in the report', () => {
  it('writes measured values with Persian digits and decimal sign, kept left to right', () => {
    expect(valueText(fa, '38.5')).toBe('\u2066۳۸٫۵\u2069');
    expect(bare(valueText(fa, '120/80'))).toBe('۱۲۰/۸۰');
    expect(bare(valueText(en, '38.5'))).toBe('38.5');
  });

  it('writes confidences as whole percentages', () => {
    expect(percentText(fa, 0.856)).toBe('۸۶٪');
    expect(percentText(en, 1.2)).toBe('100%');
  });

  it('groups a key fingerprint in fours', () => {
    expect(bare(fingerprintText('ab12cd34ef56'))).toBe('ab12 cd34 ef56');
    expect(bare(fingerprintText('AB:12:CD:34'))).toBe('AB12 CD34');
  });
});

describe('evidence anchors on a transcript that may have been corrected since', () => {
  const text = 'از سه روز پیش تب دارم و آموکسی‌سیلین ۵۰۰ می‌خورم';
  const quote = 'آموکسی‌سیلین ۵۰۰';
  const start = text.indexOf(quote);

  it('marks the anchored characters when the text is unchanged', () => {
    expect(anchorRange(text, { start, end: start + quote.length, quote })).toEqual({
      start,
      end: start + quote.length,
    });
  });

  it('finds the quote again after a correction moved it', () => {
    const corrected = `بیمار: ${text}`;
    expect(anchorRange(corrected, { start, end: start + quote.length, quote })).toEqual({
      start: start + 'بیمار: '.length,
      end: start + 'بیمار: '.length + quote.length,
    });
  });

  it('marks nothing when the quoted words are gone', () => {
    expect(anchorRange('از سه روز پیش تب دارم', { start: 30, end: 40, quote })).toBeNull();
  });
});

describe('report state and flags', () => {
  it('tells an amendment from a first draft', () => {
    expect(reportState({ status: 'draft', amendmentReason: null })).toBe('draft');
    expect(reportState({ status: 'draft', amendmentReason: 'dose corrected' })).toBe('amending');
    expect(reportState({ status: 'approved', amendmentReason: null })).toBe('approved');
    expect(reportState({ status: 'none', amendmentReason: null })).toBe('none');
  });

  it('puts a dose flag on its medication’s row, and the follow-up’s on the follow-up', () => {
    const flags = [
      flag({ id: 'a', kind: 'dose', claim: '500 mg' }),
      flag({ id: 'b', kind: 'medication' }),
      flag({ id: 'c', kind: 'diagnosis', itemId: 'm1' }),
      flag({ id: 'd', kind: 'follow_up', itemId: 'follow_up' }),
    ];
    expect(flagsOfItem(flags, 'medications', 'm1').map((f) => f.id)).toEqual(['a', 'b']);
    expect(flagsOfItem(flags, 'diagnoses', 'm1').map((f) => f.id)).toEqual(['c']);
    expect(flagsOfItem(flags, 'followUp', 'follow_up').map((f) => f.id)).toEqual(['d']);
  });

  it('finds the flags whose item was deleted', () => {
    const content = {
      ...emptySoapContent(),
      medications: [
        {
          id: 'm1',
          name: 'Amoxicillin',
          dose: '500 mg',
          route: 'PO',
          frequency: 'q8h',
          duration: '7d',
          evidence: [],
        },
      ],
    };
    const flags = [
      flag({ id: 'kept' }),
      flag({ id: 'gone', itemId: 'm2' }),
      flag({ id: 'fu', kind: 'follow_up', itemId: 'follow_up' }),
    ];
    expect(orphanFlags(content, flags).map((f) => f.id)).toEqual(['gone', 'fu']);
  });
});
