import type { DraftingSegment, Evidence, Medication } from '../../../shared/soap';
import { findDrugMentions, type DrugEntry, type DrugMention } from './drug-lexicon';
import { formatDose, type DoseAmount } from './doses';
import { newItemId, type ExtractOptions } from './item-ids';
import type { Lexeme } from './lexemes';
import { formAt, readDetails, type MedicationDetails } from './medication-details';
import { anchorRange, anchorRanges, passagesOf, segmentsSpan, type Passage } from './running-text';
import { foldWords, mergeEvidence, wordIs } from './transcript';

/**
 * Medications named in the visit, against the shipped drug lexicon, with the details said around
 * each name.
 *
 * Decisions:
 * - The transcript is read as running text (running-text.ts): a name, dose, frequency and
 *   duration cut over two or three segments said in one breath are one prescription, with one
 *   anchor per segment.
 * - A drug named next to "حساسیت"/"آلرژی"/"allergic" is an allergy, not a prescription: skipped;
 *   so is a name used for a test ("آزمایش ویتامین دی", "B12 level"). These cues are looked for
 *   in the name's own segment only: the segment before is often another turn («به دارویی
 *   حساسیت ندارم» | «آموکسی‌سیلین ۵۰۰ …»).
 * - The details of a mention are read from the name up to the next drug name (at most 25
 *   lexemes), plus up to 4 lexemes before it for a form or dose («قرص ۵۰۰ متفورمین»), but not
 *   from what the drug named before took as its own details («استامینوفن ۵۰۰ میلی‌گرم
 *   متفورمین ۱۰۰۰ میلی‌گرم»: 1000 mg is metformin's). The details are read on into the following
 *   segments only when dose, frequency or duration is still missing at the end of the name's
 *   segment, so a complete prescription does not pick up a form or route said after it.
 * - A route is filled only when said, or implied by the spoken form ("شربت" → خوراکی); the
 *   lexicon's usual route is not assumed.
 * - Mentions of one drug are merged into one medication: each detail is taken from the latest
 *   mention that has it (the plan is usually said last), and every mention is evidence.
 */

const DETAILS_WINDOW = 25;
const BEFORE_WINDOW = 4;
const ALLERGY_WINDOW = 4;
const ALLERGY_WORDS = foldWords(['حساسیت', 'آلرژی', 'حساس', 'allergy', 'allergic', 'allergies']);
/** "آزمایش ویتامین دی", "B12 level": a drug's name used for a test of its level. */
const LAB_WORDS_BEFORE = foldWords(['آزمایش', 'سطح', 'تست', 'test', 'level', 'serum']);
const LAB_WORDS_AFTER = foldWords(['level', 'levels']);

export interface MedicationMention {
  readonly entry: DrugEntry;
  readonly dose?: DoseAmount;
  readonly route?: string;
  readonly frequency?: string;
  readonly duration?: string;
  /** Where the drug was named (one anchor per segment the name was said over). */
  readonly nameEvidence: readonly Evidence[];
  /** The name with its details, one anchor per segment. */
  readonly evidence: readonly Evidence[];
}

/** Lexemes [from, to) of the segments the name was said in: where context cues count. */
type Bounds = { readonly from: number; readonly to: number };

function isLabContext(lexemes: readonly Lexeme[], mention: DrugMention, own: Bounds): boolean {
  const at = (j: number, words: readonly string[]) =>
    j >= own.from && j < own.to && wordIs(lexemes, j, words);
  return (
    at(mention.from - 1, LAB_WORDS_BEFORE) ||
    at(mention.from - 2, LAB_WORDS_BEFORE) ||
    at(mention.to, LAB_WORDS_AFTER)
  );
}

function isAllergyContext(lexemes: readonly Lexeme[], mention: DrugMention, own: Bounds): boolean {
  for (
    let j = Math.max(own.from, mention.from - ALLERGY_WINDOW);
    j < Math.min(own.to, mention.to + ALLERGY_WINDOW);
    j++
  ) {
    if (j >= mention.from && j < mention.to) continue;
    if (wordIs(lexemes, j, ALLERGY_WORDS)) return true;
  }
  return false;
}

/** A form word right before the next drug's name belongs to that drug ("…، قرص استامینوفن"). */
function trimTrailingForm(lexemes: readonly Lexeme[], from: number, to: number): number {
  for (let j = Math.max(from, to - 2); j < to; j++) {
    const f = formAt(lexemes, j);
    if (f && f.to === to) return j;
  }
  return to;
}

/**
 * `own`: the lexemes of the segments the name was said in; `taken`: the first lexeme after the
 * previous drug's name and details.
 */
function detailsOf(
  passage: Passage,
  mentions: readonly DrugMention[],
  m: number,
  own: Bounds,
  taken: number,
): MedicationDetails {
  const { lexemes } = passage;
  const mention = mentions[m]!;
  const next = mentions[m + 1];
  const limit = Math.min(next?.from ?? lexemes.length, mention.to + DETAILS_WINDOW);
  const to = next ? trimTrailingForm(lexemes, mention.to, limit) : limit;
  return readDetails(lexemes, mention.entry, {
    before: Math.max(taken, mention.from - BEFORE_WINDOW),
    nameFrom: mention.from,
    from: mention.to,
    to,
    settled: own.to,
  });
}

/**
 * Per segment, the name and the details said there, from the first to the last of them: within
 * the name's segment as one phrase («قرص آموکسی‌سیلین ۵۰۰ هر ۸ ساعت»), and in a following segment
 * just the details said there, not the words in between.
 */
function evidenceOf(
  passage: Passage,
  mention: DrugMention,
  details: MedicationDetails,
): Evidence[] {
  return anchorRanges(passage, [[mention.from, mention.to], ...details.used]);
}

// The draft, the evidence check and the checklist's "#drug" all read the same passages.
const namesCache = new WeakMap<Passage, readonly DrugMention[]>();
const mentionsCache = new WeakMap<Passage, readonly MedicationMention[]>();

/** Where drugs are named in a passage (found once per passage). */
export function drugNamesIn(passage: Passage): readonly DrugMention[] {
  let names = namesCache.get(passage);
  if (!names) {
    names = findDrugMentions(passage.lexemes);
    namesCache.set(passage, names);
  }
  return names;
}

/** Every medication mention in the transcript, in order. */
export function readMedicationMentions(passages: readonly Passage[]): MedicationMention[] {
  const out: MedicationMention[] = [];
  for (const passage of passages) {
    let found = mentionsCache.get(passage);
    if (!found) {
      found = mentionsIn(passage);
      mentionsCache.set(passage, found);
    }
    out.push(...found);
  }
  return out;
}

function mentionsIn(passage: Passage): MedicationMention[] {
  const out: MedicationMention[] = [];
  const { lexemes } = passage;
  const mentions = drugNamesIn(passage);
  let taken = 0;
  mentions.forEach((mention, m) => {
    const own = segmentsSpan(
      passage,
      passage.startSegment[mention.from]!,
      passage.endSegment[mention.to - 1]!,
    );
    const skipped = isAllergyContext(lexemes, mention, own) || isLabContext(lexemes, mention, own);
    if (skipped) {
      taken = Math.max(taken, mention.to);
      return;
    }
    const details = detailsOf(passage, mentions, m, own, taken);
    taken = Math.max(taken, mention.to, ...details.used.map(([, to]) => to));
    out.push({
      entry: mention.entry,
      ...(details.dose ? { dose: details.dose } : {}),
      ...(details.route ? { route: details.route } : {}),
      ...(details.frequency ? { frequency: details.frequency } : {}),
      ...(details.duration ? { duration: details.duration } : {}),
      nameEvidence: anchorRange(passage, mention.from, mention.to),
      evidence: evidenceOf(passage, mention, details),
    });
  });
  return out;
}

export function extractMedications(
  segments: readonly DraftingSegment[],
  options: ExtractOptions = {},
): Medication[] {
  const newId = options.newId ?? newItemId;
  const byDrug = new Map<DrugEntry, MedicationMention[]>();
  for (const mention of readMedicationMentions(passagesOf(segments))) {
    const list = byDrug.get(mention.entry);
    if (list) list.push(mention);
    else byDrug.set(mention.entry, [mention]);
  }
  return [...byDrug.entries()].map(([entry, mentions]) => {
    const latest = <K extends 'dose' | 'route' | 'frequency' | 'duration'>(key: K) =>
      [...mentions].reverse().find((m) => m[key] !== undefined)?.[key];
    const dose = latest('dose');
    return {
      id: newId(),
      name: entry.generic,
      dose: dose ? formatDose(dose) : '',
      route: latest('route') ?? '',
      frequency: latest('frequency') ?? '',
      duration: latest('duration') ?? '',
      evidence: mergeEvidence(mentions.map((m) => m.evidence)),
    };
  });
}
