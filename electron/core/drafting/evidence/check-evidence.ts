import type {
  DraftingSegment,
  Evidence,
  EvidenceFlag,
  FlaggedItemKind,
  FlagReason,
  SoapContent,
  VitalKind,
} from '../../../shared/soap';
import {
  diagnosisNames,
  diagnosisSupport,
  doseSupport,
  followUpSupport,
  labSupport,
  medicationSupport,
  vitalSupport,
  type Support,
} from './support';
import { TranscriptFacts } from './transcript-facts';

/**
 * The evidence check: every medication (and its dose), diagnosis, vital, lab order and the
 * follow-up of a draft is matched against the transcript. No support → `no_evidence`; the item is
 * talked about but with another number → `value_mismatch` with what was heard. Flags have ids
 * derived from what they are about, so checking the same content again yields the same ids and a
 * doctor's resolution can be carried over; every new flag starts unresolved.
 */

const MAX_ID = 64;
const MAX_CLAIM = 500;

/** FNV-1a, 64-bit, as hex: short stable ids for long item ids. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** "dose:<itemId>"; hashed when the item id is too long to fit a flag id. */
export function evidenceFlagId(kind: FlaggedItemKind, itemId: string): string {
  const plain = `${kind}:${itemId}`;
  return plain.length <= MAX_ID ? plain : `${kind}:${fnv1a64(itemId)}`;
}

function flag(
  kind: FlaggedItemKind,
  itemId: string,
  claim: string,
  reason: FlagReason,
  heard: string | null,
): EvidenceFlag {
  return {
    id: evidenceFlagId(kind, itemId),
    kind,
    itemId,
    claim: claim.slice(0, MAX_CLAIM),
    reason,
    heard: heard === null ? null : heard.slice(0, MAX_CLAIM),
    resolution: null,
  };
}

function flagFor(
  kind: FlaggedItemKind,
  itemId: string,
  claim: string,
  support: Support,
): EvidenceFlag | null {
  switch (support.kind) {
    case 'supported':
      return null;
    case 'mismatch':
      return flag(kind, itemId, claim, 'value_mismatch', support.heard);
    case 'none':
      return flag(kind, itemId, claim, 'no_evidence', null);
  }
}

export const FOLLOW_UP_ITEM_ID = 'follow_up';

export function checkEvidence(
  content: SoapContent,
  segments: readonly DraftingSegment[],
): EvidenceFlag[] {
  const facts = new TranscriptFacts(segments);
  const flags: (EvidenceFlag | null)[] = [];

  for (const m of content.medications) {
    flags.push(flagFor('medication', m.id, m.name, medicationSupport(facts, m.name, m.evidence)));
    if (m.dose.trim() !== '') {
      const dose = doseSupport(facts, m.name, m.dose, m.evidence);
      if (dose) flags.push(flagFor('dose', m.id, m.dose, dose));
    }
  }

  // One pass over the transcript for all the diagnoses' names.
  const diagnosisHits = facts.phraseHits(
    new Map(content.diagnoses.map((d) => [d.id, diagnosisNames(d.icd10, d.title)])),
  );
  for (const d of content.diagnoses) {
    const claim = [d.icd10, d.title].filter((s) => s.trim() !== '').join(' ');
    const hits = diagnosisHits.get(d.id) ?? [];
    flags.push(
      flagFor(
        'diagnosis',
        d.id,
        claim,
        diagnosisSupport(facts, d.icd10, d.title, d.evidence, hits.length > 0 ? hits : undefined),
      ),
    );
  }

  for (const v of content.vitals) {
    flags.push(
      flagFor(
        'vital',
        v.id,
        `${v.value} ${v.unit}`.trim(),
        vitalSupport(facts, v.kind, v.value, v.evidence),
      ),
    );
  }

  for (const l of content.labOrders) {
    flags.push(flagFor('lab_order', l.id, l.name, labSupport(facts, l.name, l.evidence)));
  }

  if (content.followUp) {
    const f = content.followUp;
    flags.push(
      flagFor(
        'follow_up',
        FOLLOW_UP_ITEM_ID,
        f.interval,
        followUpSupport(facts, f.interval, f.evidence),
      ),
    );
  }
  return flags.filter((f): f is EvidenceFlag => f !== null);
}

/** An item a doctor wrote by hand, to be given evidence from the transcript. */
export type EvidenceTarget =
  | { readonly kind: 'medication'; readonly name: string; readonly dose?: string }
  | { readonly kind: 'diagnosis'; readonly icd10: string; readonly title: string }
  | { readonly kind: 'vital'; readonly vitalKind: VitalKind; readonly value: string }
  | { readonly kind: 'lab_order'; readonly name: string }
  | { readonly kind: 'follow_up'; readonly interval: string };

/**
 * The transcript anchors that support an item (up to 20), or [] when nothing does. For a
 * medication with a dose, the anchors where the dose was said with the drug come first.
 */
export function findEvidence(
  target: EvidenceTarget,
  segments: readonly DraftingSegment[],
): Evidence[] {
  const facts = new TranscriptFacts(segments);
  const of = (s: Support | null): readonly Evidence[] =>
    s && s.kind === 'supported' ? s.evidence : [];
  switch (target.kind) {
    case 'medication': {
      const name = of(medicationSupport(facts, target.name, []));
      const dose = target.dose ? of(doseSupport(facts, target.name, target.dose, [])) : [];
      return dedupe([...dose, ...name]);
    }
    case 'diagnosis':
      return dedupe(of(diagnosisSupport(facts, target.icd10, target.title, [])));
    case 'vital':
      return dedupe(of(vitalSupport(facts, target.vitalKind, target.value, [])));
    case 'lab_order':
      return dedupe(of(labSupport(facts, target.name, [])));
    case 'follow_up':
      return dedupe(of(followUpSupport(facts, target.interval, [])));
  }
}

function dedupe(list: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list
    .filter((e) => {
      const key = `${e.segmentId}\u0000${e.start}\u0000${e.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 20);
}
