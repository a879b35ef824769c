import type { DraftingSegment, Evidence } from '../../../shared/soap';
import { symptomPhrases } from './data/symptoms';
import type { Lexeme } from './lexemes';
import { PhraseIndex } from './phrase-index';
import { followedByTime } from './quantities';
import { anchorRange, passagesOf, quotedText, type Passage } from './running-text';
import { foldWords, isSentenceEnd, wordAt, wordIs } from './transcript';

/**
 * The chief complaint: a short phrase for why the patient came, quoted from the transcript.
 *
 * Heuristic, first hit wins, looking only at the opening of the visit (the first third of the
 * segments, at least 15 and at most 60) because the complaint is stated first:
 * 1. "marker": an explicit statement, scanned segment by segment —
 *    "از X شکایت دارد", "با (شکایت) X مراجعه کرده / اومده", "برای / به خاطر X اومدم",
 *    "شکایت اصلی: X", "complains of X", "presenting with X", "came in with X",
 *    "chief complaint is X", "I have had / I've been having X for …". X is at most 8 words and
 *    ends at the sentence, or at "for"/"since"/"از".
 * 2. "answer": the doctor's opening question ("مشکلتون چیه", "چی شده", "چه کمکی از من
 *    برمیاد", "what brings you in", "how can I help") and the patient's answer in the next
 *    segment: the known complaints named in it (up to three, joined by «و»), or else its first
 *    clause (at most 10 words).
 * 3. "symptom": the first known complaint (data/symptoms.ts) said in the opening.
 * Nothing is invented: with none of these the complaint is empty.
 *
 * Rules 1 and 3 read the opening as running text (running-text.ts), so a statement or a
 * complaint cut between segments («با سرفه و» | «تب مراجعه کرده») is found, its evidence one
 * anchor per segment. Rule 2 pairs a question with the next segment, the patient's turn.
 */

export interface ChiefComplaint {
  readonly text: string;
  readonly evidence: readonly Evidence[];
  readonly rule: 'marker' | 'answer' | 'symptom';
}

const MAX_PHRASE_WORDS = 8;
const MAX_ANSWER_WORDS = 10;

const SYMPTOMS = new PhraseIndex<number>();
symptomPhrases.forEach((names, n) => {
  for (const name of names) SYMPTOMS.add(name, n);
});

const OPENING_QUESTIONS = new PhraseIndex<true>();
for (const q of [
  'مشکلتون چیه',
  'مشکلت چیه',
  'مشکل چیه',
  'مشکلتون چی هست',
  'چه مشکلی دارید',
  'چه مشکلی دارین',
  'چه مشکلی داری',
  'چی شده',
  'چه شده',
  'چه کمکی',
  'ناراحتیتون چیه',
  'چه ناراحتی دارید',
  'برای چی اومدید',
  'برای چی اومدین',
  'برای چه مراجعه کردید',
  'what brings you',
  'how can i help',
  'what can i do for you',
  'what seems to be the problem',
  'what is the problem',
  'what s the problem',
  'what is wrong',
  'what s wrong',
]) {
  OPENING_QUESTIONS.add(q, true);
}

const STATEMENT_OPENERS = new PhraseIndex<true>();
for (const o of [
  'complains of',
  'complaining of',
  'complaint of',
  'complaints of',
  'presenting with',
  'presents with',
  'presented with',
  'came in with',
  'comes in with',
  'chief complaint is',
  'chief complaint',
  'i have had',
  'i ve had',
  'ive had',
  'i have been having',
  'i ve been having',
  'شکایت اصلی',
  'مشکل اصلی',
]) {
  STATEMENT_OPENERS.add(o, true);
}
const PHRASE_STOPS = [
  'for',
  'since',
  'x',
  'over',
  'that',
  'which',
  'از',
  'که',
  'و',
  'بود',
  'هست',
  'است',
  'دارد',
  'دارم',
  'داره',
];
const ARRIVAL_VERBS = foldWords([
  'مراجعه',
  'اومده',
  'آمده',
  'اومدم',
  'آمدم',
  'اومدن',
  'آمدند',
  'اومدیم',
  'آمدیم',
  'اومدند',
  'اومده‌اند',
]);
const ARRIVAL_OPENERS = ['با', 'برای', 'بخاطر'];
const FILLERS = foldWords([
  'سلام',
  'خب',
  'خوب',
  'راستش',
  'والا',
  'والله',
  'آقای',
  'خانم',
  'دکتر',
  'هیچی',
  'فقط',
  'ببینید',
  'بله',
  'well',
  'so',
  'doctor',
  'hi',
  'hello',
  'um',
  'uh',
]);

interface Quoted {
  readonly text: string;
  readonly evidence: readonly Evidence[];
}

function quote(p: Passage, from: number, to: number): Quoted | undefined {
  while (from < to && p.lexemes[from]!.kind === 'mark') from++;
  while (to > from && p.lexemes[to - 1]!.kind === 'mark') to--;
  if (to <= from) return undefined;
  if (!p.lexemes.slice(from, to).some((l) => l.kind === 'word')) return undefined;
  const evidence = anchorRange(p, from, to);
  return { text: quotedText(evidence), evidence };
}

/** A complaint found by rule 1, and the segment (of its passage) its statement is in. */
interface Found {
  readonly complaint: ChiefComplaint;
  readonly segment: number;
}

/** "از X شکایت", "با X مراجعه/اومده", "برای X اومدم". */
function persianMarker(p: Passage): Found | undefined {
  const lx = p.lexemes;
  for (let k = 1; k < lx.length; k++) {
    const complaint = wordIs(lx, k, ['شکایت']);
    const arrival = wordIs(lx, k, ARRIVAL_VERBS);
    if (!complaint && !arrival) continue;
    const openers = complaint ? ['از'] : ARRIVAL_OPENERS;
    // "از گلودرد از سه روز پیش شکایت دارد": an "از" opening a span of time is not the opener;
    // the complaint ends where that span starts.
    let end = k;
    for (let at = k - 1; at >= Math.max(0, k - 1 - MAX_PHRASE_WORDS); at--) {
      if (isSentenceEnd(lx[at])) break;
      const w = wordAt(lx, at);
      const twoWordOpener = w === 'خاطر' && wordAt(lx, at - 1) === 'به';
      if (w === undefined || (!openers.includes(w) && !(arrival && twoWordOpener))) continue;
      if (lx[at + 1]?.kind === 'number' && followedByTime(lx, at + 1)) {
        end = at;
        continue;
      }
      let from = at + 1;
      if (!complaint && wordIs(lx, from, ['شکایت'])) from++;
      const found = quote(p, from, end);
      if (found) {
        return {
          complaint: { ...found, rule: 'marker' },
          segment: p.startSegment[k]!,
        };
      }
      break;
    }
  }
  return undefined;
}

function phraseAfter(p: Passage, from: number, maxWords: number, stops: readonly string[]) {
  const lx = p.lexemes;
  let to = from;
  while (to < lx.length && to - from < maxWords) {
    const l = lx[to]!;
    if (isSentenceEnd(l) || (l.kind === 'mark' && l.mark === ',')) break;
    if (to > from && l.kind === 'word' && stops.includes(l.text)) break;
    to++;
  }
  return quote(p, from, to);
}

function openerMarker(p: Passage): Found | undefined {
  const matches = STATEMENT_OPENERS.findAll(p.lexemes, { longestOnly: true });
  for (const m of matches) {
    let from = m.to;
    // "Chief complaint: …", "chief complaint is …"
    while (p.lexemes[from]?.kind === 'mark' || wordIs(p.lexemes, from, ['is', 'was', 'are']))
      from++;
    const found = phraseAfter(p, from, MAX_PHRASE_WORDS, PHRASE_STOPS);
    if (found) return { complaint: { ...found, rule: 'marker' }, segment: p.startSegment[m.from]! };
  }
  return undefined;
}

/** The earlier statement of the two rules; in one segment, the Persian one first. */
function statementIn(p: Passage): ChiefComplaint | undefined {
  const persian = persianMarker(p);
  const opener = openerMarker(p);
  if (persian && opener) {
    return (opener.segment < persian.segment ? opener : persian).complaint;
  }
  return (persian ?? opener)?.complaint;
}

function symptomsIn(p: Passage): Quoted[] {
  const seen = new Set<number>();
  const out: Quoted[] = [];
  for (const m of SYMPTOMS.findAll(p.lexemes, { longestOnly: true })) {
    if (seen.has(m.value) || isNegated(p.lexemes, m.to)) continue;
    seen.add(m.value);
    const found = quote(p, m.from, m.to);
    if (found) out.push(found);
  }
  return out;
}

/** "تب ندارم", "no fever": a complaint denied is not the complaint. */
function isNegated(lexemes: readonly Lexeme[], after: number): boolean {
  const w = wordAt(lexemes, after);
  const before = wordAt(lexemes, after - 2);
  return (
    (w !== undefined && /^(ندار|نیست|نداشت|نمی)/.test(w)) ||
    before === 'no' ||
    before === 'denies' ||
    before === 'بدون'
  );
}

function answerTo(question: Passage, answer: Passage): ChiefComplaint | undefined {
  if (!OPENING_QUESTIONS.findAll(question.lexemes, { longestOnly: true }).length) return undefined;
  const named = symptomsIn(answer).slice(0, 3);
  if (named.length > 0) {
    return {
      text: named.map((s) => s.text).join(' و '),
      evidence: named.flatMap((s) => s.evidence),
      rule: 'answer',
    };
  }
  let from = 0;
  while (
    from < answer.lexemes.length &&
    (answer.lexemes[from]!.kind === 'mark' || wordIs(answer.lexemes, from, FILLERS))
  )
    from++;
  const found = phraseAfter(answer, from, MAX_ANSWER_WORDS, []);
  return found ? { ...found, rule: 'answer' } : undefined;
}

export function extractChiefComplaint(segments: readonly DraftingSegment[]): ChiefComplaint | null {
  const opening = segments.slice(
    0,
    Math.min(segments.length, Math.max(15, Math.min(60, Math.ceil(segments.length / 3)))),
  );
  const passages = passagesOf(opening);
  for (const p of passages) {
    const found = statementIn(p);
    if (found) return found;
  }
  // Turns: each segment alone (a one-segment passage), the question and the reply after it.
  const turns = opening.map((segment) => passagesOf([segment])[0]!);
  for (let s = 0; s + 1 < turns.length; s++) {
    const found = answerTo(turns[s]!, turns[s + 1]!);
    if (found) return found;
  }
  for (const p of passages) {
    const first = symptomsIn(p)[0];
    if (first) return { ...first, rule: 'symptom' };
  }
  return null;
}
