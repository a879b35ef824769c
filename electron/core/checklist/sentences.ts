import type { Lexeme } from '../drafting/extract/lexemes';
import { PhraseIndex } from '../drafting/extract/phrase-index';
import type { Passage } from '../drafting/extract/running-text';
import { foldWords, wordAt } from '../drafting/extract/transcript';

/**
 * A passage cut into sentences, each marked as a question, uncertain ("نمی‌دونم", "not sure",
 * "شاید") or negated ("ندارم", "no", "never") — what the checklist needs to tell an answered
 * item from a question nobody answered.
 *
 * A sentence ends at "." or "?" and at the end of a segment: Whisper's segments mostly follow
 * turns and pauses, and a doctor's question and the patient's answer must not become one
 * sentence. (A keyword cut between segments is still found; evaluate.ts reads it over both.)
 */
export interface Sentence {
  readonly from: number;
  readonly to: number;
  readonly question: boolean;
  readonly uncertain: boolean;
}

const QUESTION_STARTS = new Set(
  foldWords([
    'آیا',
    'do',
    'does',
    'did',
    'have',
    'has',
    'are',
    'is',
    'any',
    'what',
    'when',
    'how',
    'where',
    'who',
    'which',
    'can',
    'could',
  ]),
);
/** Persian question words that make a sentence a question wherever they stand. */
const PERSIAN_QUESTION_WORDS = new Set(
  foldWords([
    'آیا',
    'چی',
    'چیه',
    'چه',
    'چند',
    'کی',
    'کجا',
    'کجاست',
    'چطور',
    'چطوره',
    'چرا',
    'چقدر',
    'چندتا',
  ]),
);

const UNCERTAINTY = new PhraseIndex<true>();
for (const phrase of [
  'نمی‌دونم',
  'نمی‌دانم',
  'نمیدونم',
  'مطمئن نیستم',
  'یادم نیست',
  'یادم نمیاد',
  'شاید',
  'فکر کنم',
  'فکر می‌کنم',
  'معلوم نیست',
  'نمی‌دونیم',
  'not sure',
  'unsure',
  'don t know',
  'dont know',
  'do not know',
  'i don t remember',
  'can t remember',
  'maybe',
  'perhaps',
  'i think',
]) {
  UNCERTAINTY.add(phrase, true);
}

const NEGATION_WORDS = new Set(
  foldWords([
    'نه',
    'خیر',
    'نخیر',
    'هیچ',
    'هیچی',
    'نیست',
    'نیستم',
    'نیستن',
    'بدون',
    'no',
    'not',
    'never',
    'none',
    'nil',
    'denies',
    'denied',
    'negative',
    'nkda',
    'nkfa',
    'without',
    'dont',
    'doesn',
    'didn',
    'don',
    'isn',
    'haven',
    'hasn',
    'wasn',
  ]),
);
// Persian verbs negate with a prefix: ندارم, نمی‌کشم (folded نمیکشم), نکشیدم, نخوردم, …
const NEGATED_VERB =
  /^(نمی|ندار|نداشت|نیست|نکرد|نکش|نخورد|نخور|نشد|نزد|نرفت|نبود|نکن|نیومد|نیامد|نگرفت|ندید|نپرسید|نگفت)/;

export function isNegationWord(word: string): boolean {
  return NEGATION_WORDS.has(word) || NEGATED_VERB.test(word);
}

/** A negation within [from, to) of the lexemes. */
export function negatedWithin(lexemes: readonly Lexeme[], from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(lexemes.length, to); i++) {
    const w = wordAt(lexemes, i);
    if (w !== undefined && isNegationWord(w)) return true;
  }
  return false;
}

function classify(
  lexemes: readonly Lexeme[],
  from: number,
  to: number,
  endsWithQuestionMark: boolean,
): Sentence {
  const first = wordAt(lexemes, from);
  let question = endsWithQuestionMark || (first !== undefined && QUESTION_STARTS.has(first));
  let uncertain = false;
  for (let i = from; i < to; i++) {
    const w = wordAt(lexemes, i);
    if (!question && w !== undefined && PERSIAN_QUESTION_WORDS.has(w)) question = true;
    if (!uncertain && UNCERTAINTY.matchesAt(lexemes, i).some((m) => m.to <= to)) uncertain = true;
  }
  return { from, to, question, uncertain };
}

const cache = new WeakMap<Passage, readonly Sentence[]>();

/** The sentences of a passage, as lexeme ranges of it (computed once per passage). */
export function sentencesOf(passage: Passage): readonly Sentence[] {
  const hit = cache.get(passage);
  if (hit) return hit;
  const { lexemes, segmentStarts } = passage;
  const out: Sentence[] = [];
  let from = 0;
  let nextSegment = 1;
  lexemes.forEach((l, i) => {
    // A new segment starts at i: what is open ends before it.
    while (nextSegment < segmentStarts.length - 1 && segmentStarts[nextSegment]! <= i) {
      if (segmentStarts[nextSegment] === i && i > from) {
        out.push(classify(lexemes, from, i, false));
        from = i;
      }
      nextSegment++;
    }
    if (l.kind === 'mark' && (l.mark === '.' || l.mark === '?')) {
      if (i > from) out.push(classify(lexemes, from, i + 1, l.mark === '?'));
      from = i + 1;
    }
  });
  if (from < lexemes.length) out.push(classify(lexemes, from, lexemes.length, false));
  cache.set(passage, out);
  return out;
}
