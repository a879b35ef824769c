import { vitalUnits, type Evidence, type VitalKind } from '../../../shared/soap';
import { toPersianDigits } from '../../../shared/text/normalize';
import { formatDose, parseDose, sameDose, type DoseAmount } from '../extract/doses';
import { resolveDrug } from '../extract/drug-lexicon';
import type { MedicationMention } from '../extract/medications';
import { icdByCode, icdByTitle, icdNames, labNames, labsNamedIn } from './terminology';
import { intervalDays } from '../extract/quantities';
import { parseInterval, type TranscriptFacts } from './transcript-facts';

/**
 * Whether the transcript supports one claim of a draft, and where. Each function answers
 * `supported` with the anchors that support it, `mismatch` with what was heard instead (a number
 * that differs: 250 mg said, 500 mg written), or `none`.
 *
 * Anchors first: the claim's own evidence anchors are preferred when they overlap what supports
 * it, and when a value differs the value heard at the claim's anchors is the one reported. Without
 * support at the anchors the whole transcript is searched, so an item a doctor added by hand (no
 * anchors) is checked the same way.
 */

export type Support =
  | { readonly kind: 'supported'; readonly evidence: readonly Evidence[] }
  | { readonly kind: 'mismatch'; readonly heard: string; readonly evidence: readonly Evidence[] }
  | { readonly kind: 'none' };

const NONE: Support = { kind: 'none' };

function supported(evidence: readonly Evidence[], anchors: readonly Evidence[]): Support {
  if (evidence.length === 0) return NONE;
  // Anchored support first, so the returned evidence leads with what the claim cited.
  const ordered = [...evidence].sort(
    (a, b) => Number(overlaps(b, anchors)) - Number(overlaps(a, anchors)),
  );
  return { kind: 'supported', evidence: ordered.slice(0, 20) };
}

export function overlaps(e: Evidence, anchors: readonly Evidence[]): boolean {
  return anchors.some((a) => a.segmentId === e.segmentId && a.start < e.end && e.start < a.end);
}

/** Mentions of the drug a written name refers to. Unknown names are searched as written. */
function drugMentions(
  facts: TranscriptFacts,
  name: string,
): { mentions: readonly MedicationMention[]; evidence: Evidence[] } {
  const entry = resolveDrug(name);
  if (entry) {
    const mentions = facts.medicationMentions().filter((m) => m.entry === entry);
    // The mention's anchor in the segment where the drug was named (with the details said there).
    return {
      mentions,
      evidence: mentions.flatMap((m) => m.evidence.filter((e) => overlaps(e, m.nameEvidence))),
    };
  }
  const hits = facts.phraseHits(new Map([[0, [name]]])).get(0) ?? [];
  return { mentions: [], evidence: hits };
}

export function medicationSupport(
  facts: TranscriptFacts,
  name: string,
  anchors: readonly Evidence[],
): Support {
  if (name.trim() === '') return NONE;
  return supported(drugMentions(facts, name).evidence, anchors);
}

/**
 * A written dose against the doses said with the drug (the mentions at the claim's anchors
 * first). When the drug was named with no dose, any matching dose said elsewhere supports it.
 */
export function doseSupport(
  facts: TranscriptFacts,
  name: string,
  doseText: string,
  anchors: readonly Evidence[],
): Support | null {
  const claim = parseDose(doseText);
  if (!claim) return null; // "یک قرص": nothing numeric to compare
  const { mentions } = drugMentions(facts, name);
  const withDose = mentions.filter(
    (m): m is MedicationMention & { dose: DoseAmount } => m.dose !== undefined,
  );
  const matching = withDose.filter((m) => sameDose(m.dose, claim));
  if (matching.length > 0) {
    // The name with its details: a dose said in the next segment is part of the evidence.
    return supported(
      matching.flatMap((m) => m.evidence),
      anchors,
    );
  }
  if (withDose.length > 0) {
    const anchored = withDose.find((m) => m.evidence.some((e) => overlaps(e, anchors)));
    const heard = anchored ?? withDose[withDose.length - 1]!;
    return { kind: 'mismatch', heard: formatDose(heard.dose), evidence: heard.evidence };
  }
  // The drug named without a dose (or not at all): the same dose said elsewhere supports it,
  // unless it was said with another drug ("آموکسی‌سیلین ۲۵۰" does not support "X 250 mg").
  const own = new Set(mentions);
  const others = facts.medicationMentions().filter((m) => !own.has(m) && m.dose !== undefined);
  const elsewhere = facts
    .doseExpressions()
    .filter((d) => sameDose(d.dose, claim))
    .filter((d) => !others.some((m) => d.evidence.some((e) => overlaps(e, m.evidence))));
  return supported(
    elsewhere.flatMap((d) => d.evidence),
    anchors,
  );
}

function sameVitalValue(claim: readonly number[], heard: readonly number[]): boolean {
  return claim.length === heard.length && claim.every((v, i) => Math.abs(v - heard[i]!) < 0.05);
}

export function vitalSupport(
  facts: TranscriptFacts,
  kind: VitalKind,
  value: string,
  anchors: readonly Evidence[],
): Support {
  const claim = value.split('/').map(Number);
  const readings = facts.vitalReadings().filter((r) => r.kind === kind);
  const equal = readings.filter((r) => sameVitalValue(claim, r.numbers));
  if (equal.length > 0)
    return supported(
      equal.flatMap((r) => r.evidence),
      anchors,
    );
  if (readings.length === 0) return NONE;
  const heard =
    readings.find((r) => r.evidence.some((e) => overlaps(e, anchors))) ??
    readings[readings.length - 1]!;
  return {
    kind: 'mismatch',
    heard: `${heard.value} ${vitalUnits[kind]}`,
    evidence: heard.evidence,
  };
}

/** The names a diagnosis may be said by: its title, and every name of its code's and title's entries. */
export function diagnosisNames(icd10: string, title: string): string[] {
  const names = new Set<string>();
  if (title.trim() !== '') names.add(title);
  const entries = [
    ...(icd10 ? icdByCode(icd10) : []),
    ...[icdByTitle(title)].filter((e) => e !== undefined),
  ];
  for (const entry of entries) for (const name of icdNames(entry)) names.add(name);
  return [...names];
}

export function diagnosisSupport(
  facts: TranscriptFacts,
  icd10: string,
  title: string,
  anchors: readonly Evidence[],
  hits?: readonly Evidence[],
): Support {
  const found = hits ?? facts.phraseHits(new Map([[0, diagnosisNames(icd10, title)]])).get(0) ?? [];
  if (found.length > 0) return supported(found, anchors);
  return supported(title.trim() ? facts.allWordsInOneSegment(title) : [], anchors);
}

/** The names a lab order may be said by: each named test's names, else the order as written. */
export function labNameGroups(name: string): string[][] {
  const entries = labsNamedIn(name);
  return entries.length > 0 ? entries.map(labNames) : [[name]];
}

export function labSupport(
  facts: TranscriptFacts,
  name: string,
  anchors: readonly Evidence[],
): Support {
  if (name.trim() === '') return NONE;
  const groups = labNameGroups(name);
  const hits = facts.phraseHits(new Map(groups.map((g, i) => [i, g])));
  // Every test of the order must have been said: "CBC و TSH" with only CBC said is unsupported.
  if (groups.every((_, i) => (hits.get(i)?.length ?? 0) > 0)) {
    return supported([...hits.values()].flat(), anchors);
  }
  return supported(
    groups.length === 1 && groups[0]![0] === name ? facts.allWordsInOneSegment(name) : [],
    anchors,
  );
}

export function followUpSupport(
  facts: TranscriptFacts,
  interval: string,
  anchors: readonly Evidence[],
): Support {
  if (interval.trim() === '') return NONE;
  const claim = parseInterval(interval);
  if (!claim) {
    const hits = facts.phraseHits(new Map([[0, [interval]]])).get(0) ?? [];
    return supported(hits, anchors);
  }
  const days = intervalDays(claim.value, claim.unit);
  const heard = facts.followUpIntervals();
  const equal = heard.filter((h) => h.days === days);
  if (equal.length > 0)
    return supported(
      equal.flatMap((h) => h.evidence),
      anchors,
    );
  if (heard.length === 0) return NONE;
  const best =
    heard.find((h) => h.evidence.some((e) => overlaps(e, anchors))) ?? heard[heard.length - 1]!;
  return {
    kind: 'mismatch',
    heard: `${toPersianDigits(String(best.value))} ${best.unit}`,
    evidence: best.evidence,
  };
}
