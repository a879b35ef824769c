import type {
  ChecklistEvaluation,
  ChecklistItem,
  ChecklistStatus,
  DraftingSegment,
  Evidence,
} from '../../shared/soap';
import { PhraseIndex } from '../drafting/extract/phrase-index';
import { anchorRange, passagesOf, type Passage } from '../drafting/extract/running-text';
import { isMarker, markerRanges, type ChecklistMarker, type LexemeRange } from './markers';
import { negatedWithin, sentencesOf, type Sentence } from './sentences';

/**
 * Evaluates a visit's transcript against checklist items (seed 003): each item is covered,
 * partial, missing or unclear, with a confidence, the transcript text behind it, anchors, and —
 * unless covered — the question to ask.
 *
 * The rule, per item:
 * - A mention is a place where one of the item's `any` keywords (or markers) is said.
 * - A mention in a statement is FIRM. A mention in a question is firm only through its answer:
 *   the next sentence (in the segment, else the next segment's first, however long the pause:
 *   an answer may take a while), if that is not itself a question. A question with no answer is
 *   WEAK ("question-only").
 * - A mention is also WEAK when its sentence (or the answer) is uncertain: "نمی‌دونم",
 *   "مطمئن نیستم", "یادم نیست", "شاید", "not sure", "I don't know".
 * - Negation depends on who acts. For history and plan items (subjective, general, plan) a
 *   negated mention answers the item — "حساسیت ندارم", "سیگار نمی‌کشم", "no allergies",
 *   "آزمایش لازم نیست" are pertinent negatives and need no further detail. For what the doctor
 *   must do or find (objective, assessment) it is WEAK: "معاینه نکردم", "فشار رو نگرفتیم",
 *   "تشخیص هنوز مشخص نیست" say it was not done.
 * - A firm mention is COMPLETE when the item has no `details`, when it is negated, or when one of
 *   the item's details is said in the mention's sentence, its answer, or the sentence after.
 * - The transcript is read as running text (running-text.ts): a keyword or a detail cut between
 *   segments said in one breath («سابقه» | «خانوادگی دیابت», «فشار خون» | «۱۲۰ روی ۸۰») is found
 *   once. A keyword cut between segments lies in two sentences (the segment ends one): both count
 *   as the mention's sentence, for the question, doubt, negation and detail tests, and both are
 *   anchored. A detail counts when it overlaps one of the sentences looked at.
 * Status: covered = a complete firm mention; partial = firm mentions, none complete; unclear =
 * only weak mentions; missing = no mention.
 * Confidence: covered 0.7 + 0.1 per further complete mention (max 0.95); partial 0.5 + 0.05 per
 * further firm mention (max 0.65); unclear 0.4; missing 0.5 with under 10 segments heard, 0.7
 * under 40, else 0.85 — a short transcript may simply not have got there yet.
 *
 * Speed: this runs on every new transcript chunk. Segment analysis is cached per segment text,
 * passages by their segments, sentences and markers per passage (only the passage still growing
 * is read again); the keywords of an item list are compiled once.
 */

interface CompiledItems {
  readonly any: PhraseIndex<number>;
  readonly details: PhraseIndex<number>;
  readonly anyMarkers: readonly (readonly ChecklistMarker[])[];
  readonly detailMarkers: readonly (readonly ChecklistMarker[])[];
}

const compiledCache = new Map<string, CompiledItems>();
const COMPILED_CACHE_LIMIT = 32;

function compile(items: readonly ChecklistItem[]): CompiledItems {
  const key = JSON.stringify(items.map((i) => [i.keywords.any, i.keywords.details]));
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const any = new PhraseIndex<number>();
  const details = new PhraseIndex<number>();
  const anyMarkers: ChecklistMarker[][] = [];
  const detailMarkers: ChecklistMarker[][] = [];
  items.forEach((item, n) => {
    anyMarkers.push([]);
    detailMarkers.push([]);
    for (const k of item.keywords.any) {
      if (isMarker(k)) anyMarkers[n]!.push(k.trim() as ChecklistMarker);
      else any.add(k, n);
    }
    for (const k of item.keywords.details) {
      if (isMarker(k)) detailMarkers[n]!.push(k.trim() as ChecklistMarker);
      else details.add(k, n);
    }
  });
  const compiled = { any, details, anyMarkers, detailMarkers };
  if (compiledCache.size >= COMPILED_CACHE_LIMIT) compiledCache.clear();
  compiledCache.set(key, compiled);
  return compiled;
}

interface Place {
  readonly passage: number;
  readonly sentence: number;
}

interface Mention {
  readonly firm: boolean;
  readonly complete: boolean;
  /** Sentences that show it: the mention's, and the answer's when it was a question. */
  readonly shown: readonly Place[];
}

const NEGATION_BEFORE = 3;
const NEGATION_AFTER = 4;

/** Any range overlapping [from, to); `ranges` sorted by `from`. */
function anyOverlaps(ranges: readonly LexemeRange[], from: number, to: number): boolean {
  // Phrases and markers are a few lexemes long; ranges starting more than that before `from`
  // cannot reach it, so the scan back from the first range at or after `to` stops early.
  const maxLength = longest(ranges);
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.from < to) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0; k--) {
    const r = ranges[k]!;
    if (r.to > from) return true;
    if (r.from < from - maxLength) break;
  }
  return false;
}

const lengths = new WeakMap<readonly LexemeRange[], number>();

function longest(ranges: readonly LexemeRange[]): number {
  let max = lengths.get(ranges);
  if (max === undefined) {
    max = 0;
    for (const r of ranges) max = Math.max(max, r.to - r.from);
    lengths.set(ranges, max);
  }
  return max;
}

class TranscriptView {
  readonly passages: readonly Passage[];
  readonly sentences: readonly (readonly Sentence[])[];
  /** Per passage, per item: where the item's detail phrases are said. */
  private readonly detailHits = new Map<number, Map<number, LexemeRange[]>>();

  constructor(
    segments: readonly DraftingSegment[],
    private readonly compiled: CompiledItems,
  ) {
    this.passages = passagesOf(segments);
    this.sentences = this.passages.map((p) => sentencesOf(p));
  }

  sentenceIndexAt(passage: number, lexeme: number): number {
    const list = this.sentences[passage]!;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.from <= lexeme) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  sentence(place: Place): Sentence {
    return this.sentences[place.passage]![place.sentence]!;
  }

  /** The sentence after a place: the next in its passage, else the first of the next passage. */
  next(place: Place): Place | undefined {
    if (place.sentence + 1 < this.sentences[place.passage]!.length) {
      return { passage: place.passage, sentence: place.sentence + 1 };
    }
    for (let p = place.passage + 1; p < this.sentences.length; p++) {
      if (this.sentences[p]!.length > 0) return { passage: p, sentence: 0 };
    }
    return undefined;
  }

  private detailsIn(passage: number): Map<number, LexemeRange[]> {
    let byItem = this.detailHits.get(passage);
    if (!byItem) {
      byItem = new Map();
      for (const h of this.compiled.details.findAll(this.passages[passage]!.lexemes, {
        longestOnly: false,
      })) {
        const list = byItem.get(h.value);
        if (list) list.push(h);
        else byItem.set(h.value, [h]);
      }
      this.detailHits.set(passage, byItem);
    }
    return byItem;
  }

  hasDetail(item: number, places: readonly Place[]): boolean {
    for (const place of places) {
      const { from, to } = this.sentence(place);
      const hits = this.detailsIn(place.passage).get(item);
      if (hits && anyOverlaps(hits, from, to)) return true;
      for (const marker of this.compiled.detailMarkers[item]!) {
        if (anyOverlaps(markerRanges(this.passages[place.passage]!, marker), from, to)) return true;
      }
    }
    return false;
  }

  anchorsOf(place: Place): Evidence[] {
    const p = this.passages[place.passage]!;
    const s = this.sentence(place);
    let from = s.from;
    // The anchor covers the sentence's words; a trailing "." or "؟" belongs to it too.
    while (from < s.to && p.lexemes[from]!.kind === 'mark') from++;
    return anchorRange(p, from, s.to);
  }
}

function mentionsOf(
  view: TranscriptView,
  compiled: CompiledItems,
  items: readonly ChecklistItem[],
): Mention[][] {
  const out: Mention[][] = items.map(() => []);
  view.passages.forEach((p, passage) => {
    const hits: { item: number; from: number; to: number }[] = compiled.any
      .findAll(p.lexemes, { longestOnly: false })
      .map((m) => ({ item: m.value, from: m.from, to: m.to }));
    compiled.anyMarkers.forEach((markers, item) => {
      for (const marker of markers) {
        for (const r of markerRanges(p, marker)) hits.push({ item, from: r.from, to: r.to });
      }
    });
    // One mention per item and sentence is enough: the first keyword found there decides.
    const seen = new Set<string>();
    for (const hit of hits) {
      const first = view.sentenceIndexAt(passage, hit.from);
      const key = `${hit.item}:${first}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const last = view.sentenceIndexAt(passage, hit.to - 1);
      const at: Place[] = [];
      for (let sentence = first; sentence <= last; sentence++) at.push({ passage, sentence });
      out[hit.item]!.push(classify(view, hit, at, items[hit.item]!));
    }
  });
  return out;
}

/**
 * One mention. `at` are the sentences the keyword lies in: one, or those of the segments it
 * was cut between, read together.
 */
function classify(
  view: TranscriptView,
  hit: { item: number; from: number; to: number },
  at: readonly Place[],
  item: ChecklistItem,
): Mention {
  const sentences = at.map((place) => view.sentence(place));
  const first = sentences[0]!;
  const last = at[at.length - 1]!;
  const lexemes = view.passages[last.passage]!.lexemes;
  const noDetails = item.keywords.details.length === 0;
  const negationIsWeak = item.category === 'objective' || item.category === 'assessment';
  if (sentences.some((s) => s.question)) {
    const answerAt = view.next(last);
    const answer = answerAt ? view.sentence(answerAt) : undefined;
    if (!answerAt || !answer || answer.question) return { firm: false, complete: false, shown: at };
    const shown = [...at, answerAt];
    if (answer.uncertain) return { firm: false, complete: false, shown };
    const answerLexemes = view.passages[answerAt.passage]!.lexemes;
    const negative = negatedWithin(answerLexemes, answer.from, answer.to);
    if (negative && negationIsWeak) return { firm: false, complete: false, shown };
    const complete = noDetails || negative || view.hasDetail(hit.item, [...at, answerAt]);
    return { firm: true, complete, shown };
  }
  if (sentences.some((s) => s.uncertain)) return { firm: false, complete: false, shown: at };
  const negative = negatedWithin(
    lexemes,
    Math.max(first.from, hit.from - NEGATION_BEFORE),
    Math.min(sentences[sentences.length - 1]!.to, hit.to + NEGATION_AFTER),
  );
  if (negative && negationIsWeak) return { firm: false, complete: false, shown: at };
  const after = view.next(last);
  const complete = noDetails || negative || view.hasDetail(hit.item, after ? [...at, after] : at);
  return { firm: true, complete, shown: at };
}

const MAX_ANCHORS = 20;
const MAX_EVIDENCE_TEXT = 2000;
const EVIDENCE_QUOTES = 3;

function missingConfidence(segments: number): number {
  if (segments < 10) return 0.5;
  if (segments < 40) return 0.7;
  return 0.85;
}

function questionFor(item: ChecklistItem): string {
  const template = item.questionTemplate.trim();
  return (template !== '' ? template : `درباره «${item.title}» پرسیده شود.`).slice(0, 1000);
}

export function evaluateChecklist(
  items: readonly ChecklistItem[],
  segments: readonly DraftingSegment[],
): ChecklistEvaluation[] {
  const active = items.filter((i) => i.isActive);
  const compiled = compile(active);
  const view = new TranscriptView(segments, compiled);
  const mentions = mentionsOf(view, compiled, active);

  return active.map((item, n) => {
    const list = mentions[n]!;
    const complete = list.filter((m) => m.firm && m.complete);
    const firm = list.filter((m) => m.firm);
    let status: ChecklistStatus;
    let confidence: number;
    let shownBy: Mention[];
    if (complete.length > 0) {
      status = 'covered';
      confidence = Math.min(0.95, 0.7 + 0.1 * (complete.length - 1));
      shownBy = complete;
    } else if (firm.length > 0) {
      status = 'partial';
      confidence = Math.min(0.65, 0.5 + 0.05 * (firm.length - 1));
      shownBy = firm;
    } else if (list.length > 0) {
      status = 'unclear';
      confidence = 0.4;
      shownBy = list;
    } else {
      status = 'missing';
      confidence = missingConfidence(segments.length);
      shownBy = [];
    }
    const anchors: Evidence[] = [];
    const seen = new Set<string>();
    for (const m of shownBy) {
      for (const place of m.shown) {
        const key = `${place.passage}:${place.sentence}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const a of view.anchorsOf(place)) if (anchors.length < MAX_ANCHORS) anchors.push(a);
      }
    }
    return {
      itemId: item.id,
      code: item.code,
      status,
      confidence: Math.round(confidence * 100) / 100,
      evidenceText: anchors
        .slice(0, EVIDENCE_QUOTES)
        .map((a) => a.quote)
        .join(' … ')
        .slice(0, MAX_EVIDENCE_TEXT),
      anchors,
      generatedQuestion: status === 'covered' ? '' : questionFor(item),
    };
  });
}
