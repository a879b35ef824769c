import type { DraftingSegment, Evidence } from '../../../shared/soap';
import { doseUnitAt, type DoseAmount } from '../extract/doses';
import { analyzeText } from '../extract/lexemes';
import { intervalAt, intervalDays, type IntervalUnit } from '../extract/quantities';
import { readMedicationMentions, type MedicationMention } from '../extract/medications';
import { PhraseIndex, wordMatches } from '../extract/phrase-index';
import { anchorRange, passagesOf, type Passage } from '../extract/running-text';
import { foldWords, wordAt, wordIs } from '../extract/transcript';
import { readVitals, type VitalReading } from '../extract/vitals';

/**
 * What the transcript says, read once per check: drug mentions with their doses, vital readings,
 * every dose expression, follow-up intervals, and a phrase search over all segments. Each fact
 * keeps its evidence: one anchor per segment it was said over, since the transcript is read as
 * running text (running-text.ts) and a dose or a name cut between two segments still counts.
 */

export interface DoseExpression {
  readonly dose: DoseAmount;
  readonly evidence: readonly Evidence[];
}

/** A span of time in days ("۲ هفته" = 14), with its anchors. */
export interface HeardInterval {
  readonly days: number;
  readonly value: number;
  readonly unit: IntervalUnit;
  readonly evidence: readonly Evidence[];
}

/** The first interval in free text ("۲ هفته", "in 1 week"), if any. */
export function parseInterval(text: string): { value: number; unit: IntervalUnit } | undefined {
  const lexemes = analyzeText(text).lexemes;
  for (let i = 0; i < lexemes.length; i++) {
    const found = intervalAt(lexemes, i);
    if (found) return { value: found.value, unit: found.unit };
  }
  return undefined;
}

const FOLLOW_UP_CUES = foldWords([
  'مراجعه',
  'برگرد',
  'برگردید',
  'برگردین',
  'برگردی',
  'بیا',
  'بیاید',
  'بیاین',
  'بیایید',
  'ببینمت',
  'ببینمتون',
  'ویزیت',
  'پیگیری',
  'کنترل',
  'follow',
  'followup',
  'come',
  'return',
  'see',
  'recheck',
  'revisit',
  'review',
]);
const FOLLOW_UP_CUE_INDEX = new PhraseIndex<true>();
for (const cue of FOLLOW_UP_CUES) FOLLOW_UP_CUE_INDEX.add(cue, true);
const LATER_WORDS = foldWords(['دیگه', 'دیگر', 'بعد', 'later']);
const HISTORY_WORDS = foldWords(['پیش', 'قبل', 'ago']);

/** Lexemes a follow-up word may stand from an interval it belongs to, across a cut. */
const CUE_DISTANCE = 6;

/** A cue position in [from, to); `cues` sorted. */
function cueWithin(cues: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < cues.length && cues[lo]! < to;
}

export class TranscriptFacts {
  readonly passages: readonly Passage[];
  private mentions: MedicationMention[] | undefined;
  private vitals: VitalReading[] | undefined;
  private doses: DoseExpression[] | undefined;
  private intervals: HeardInterval[] | undefined;

  constructor(segments: readonly DraftingSegment[]) {
    this.passages = passagesOf(segments);
  }

  medicationMentions(): readonly MedicationMention[] {
    this.mentions ??= readMedicationMentions(this.passages);
    return this.mentions;
  }

  vitalReadings(): readonly VitalReading[] {
    this.vitals ??= this.passages.flatMap((p) => readVitals(p));
    return this.vitals;
  }

  /** Every "<number> <dose unit>" said, whatever drug it belongs to. */
  doseExpressions(): readonly DoseExpression[] {
    if (!this.doses) {
      const out: DoseExpression[] = [];
      for (const p of this.passages) {
        p.lexemes.forEach((l, i) => {
          if (l.kind !== 'number') return;
          const unit = doseUnitAt(p.lexemes, i + 1);
          if (!unit) return;
          out.push({
            dose: { amount: l.value, unit: unit.unit },
            evidence: anchorRange(p, i, unit.to),
          });
        });
      }
      this.doses = out;
    }
    return this.doses;
  }

  /**
   * Intervals said as a follow-up: in a segment with a follow-up word ("برگردید", "come back",
   * "کنترل") or with one a few words away across a cut, or followed by "دیگه"/"بعد"/"later"
   * ("دو هفته دیگه"), or after "in" ("in 2 weeks").
   */
  followUpIntervals(): readonly HeardInterval[] {
    if (!this.intervals) {
      const out: HeardInterval[] = [];
      for (const p of this.passages) {
        const lx = p.lexemes;
        const cues = FOLLOW_UP_CUE_INDEX.findAll(lx, { longestOnly: true }).map((m) => m.from);
        const cueInSegment = new Set(cues.map((c) => p.startSegment[c]!));
        for (let i = 0; i < lx.length; i++) {
          const found = intervalAt(lx, i);
          if (!found) continue;
          const cue =
            cueInSegment.has(p.startSegment[i]!) ||
            cueInSegment.has(p.endSegment[found.to - 1]!) ||
            cueWithin(cues, i - CUE_DISTANCE, found.to + CUE_DISTANCE);
          const later = wordIs(lx, found.to, LATER_WORDS) || wordAt(lx, i - 1) === 'in';
          const history = wordIs(lx, found.to, HISTORY_WORDS) || wordAt(lx, i - 1) === 'از';
          if ((!cue && !later) || history) continue;
          out.push({
            days: intervalDays(found.value, found.unit),
            value: found.value,
            unit: found.unit,
            evidence: anchorRange(p, i, found.to),
          });
        }
      }
      this.intervals = out;
    }
    return this.intervals;
  }

  /**
   * Where each group's phrases occur, in one pass over the transcript; a phrase cut between
   * segments gives one anchor per segment.
   */
  phraseHits<K>(groups: ReadonlyMap<K, readonly string[]>): Map<K, Evidence[]> {
    const index = new PhraseIndex<K>();
    for (const [key, phrases] of groups) for (const p of phrases) index.add(p, key);
    const hits = new Map<K, Evidence[]>();
    if (index.size === 0) return hits;
    for (const p of this.passages) {
      for (const m of index.findAll(p.lexemes, { longestOnly: false })) {
        const evidence = anchorRange(p, m.from, m.to);
        const list = hits.get(m.value);
        if (list) list.push(...evidence);
        else hits.set(m.value, evidence);
      }
    }
    return hits;
  }

  /**
   * Segments that contain every content word (and number) of a free-text name, in any order:
   * "عفونت ادراری" is supported by "ادرارش عفونت کرده". Needs at least two content words, so a
   * single common word never counts.
   */
  allWordsInOneSegment(text: string): Evidence[] {
    const wanted = analyzeText(text).lexemes.filter(
      (l) =>
        (l.kind === 'word' && l.text.length >= 3 && !STOP_WORDS.has(l.text)) || l.kind === 'number',
    );
    if (wanted.length < 2) return [];
    const out: Evidence[] = [];
    for (const p of this.passages) {
      for (let s = 0; s < p.segments.length; s++) {
        const from = p.segmentStarts[s]!;
        const to = p.segmentStarts[s + 1]!;
        let first = Infinity;
        let last = -1;
        const all = wanted.every((w) => {
          for (let i = from; i < to; i++) {
            const l = p.lexemes[i]!;
            const same =
              w.kind === 'word'
                ? l.kind === 'word' && wordMatches(l.text, w.text)
                : l.kind === 'number' && w.kind === 'number' && l.value === w.value;
            if (!same) continue;
            first = Math.min(first, i);
            last = Math.max(last, i);
            return true;
          }
          return false;
        });
        if (all) out.push(...anchorRange(p, first, last + 1));
      }
    }
    return out;
  }
}

const STOP_WORDS: ReadonlySet<string> = new Set(
  foldWords([
    'acute',
    'chronic',
    'unspecified',
    'other',
    'and',
    'with',
    'without',
    'the',
    'due',
    'disease',
    'disorder',
    'حاد',
    'مزمن',
    'بیماری',
    'اختلال',
    'بدون',
    'همراه',
    'نوع',
  ]),
);
