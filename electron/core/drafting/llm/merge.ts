import { soapSections } from '../../../shared/soap';
import { toAsciiDigits, toSearchKey } from '../../../shared/text/normalize';
import type { DraftOutput, EvidenceOutput } from './output-schema';

/**
 * Merging the drafts of a long visit's parts without the model (when their merge does not fit the
 * context), and giving back evidence the model dropped while merging. Parts are in visit order.
 */

function evidenceKey(evidence: EvidenceOutput): string {
  return `${evidence.segment}|${toSearchKey(evidence.quote)}`;
}

export function unionEvidence(...lists: (readonly EvidenceOutput[])[]): EvidenceOutput[] {
  const seen = new Set<string>();
  const out: EvidenceOutput[] = [];
  for (const list of lists) {
    for (const evidence of list) {
      const key = evidenceKey(evidence);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(evidence);
    }
  }
  return out;
}

/** What makes two items of a list the same thing, across parts ('' when nothing does). */
export const itemKeys = {
  vitals: (v: DraftOutput['vitals'][number]) => {
    const value = toAsciiDigits(v.value).trim();
    return value ? `${v.kind}|${value}` : '';
  },
  diagnoses: (d: DraftOutput['diagnoses'][number]) => {
    const code = d.icd10.trim().toUpperCase().replace('.', '');
    const title = toSearchKey(d.title);
    return code ? `icd:${code}` : title ? `title:${title}` : '';
  },
  medications: (m: DraftOutput['medications'][number]) => toSearchKey(m.name),
  labOrders: (l: DraftOutput['labOrders'][number]) => toSearchKey(l.name),
} as const;

type ListName = keyof typeof itemKeys;
type AnyItem = DraftOutput[ListName][number];
const LISTS = Object.keys(itemKeys) as ListName[];

/** Same key: one item, the first one's fields (empty ones filled from the later), evidence unioned. */
function mergeList<T extends { evidence: EvidenceOutput[] }>(
  items: readonly T[],
  key: (item: T) => string,
): T[] {
  const byKey = new Map<string, T>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    const existing = k === '' ? undefined : byKey.get(k);
    if (!existing) {
      const copy = { ...item, evidence: [...item.evidence] };
      if (k !== '') byKey.set(k, copy);
      out.push(copy);
      continue;
    }
    for (const [field, value] of Object.entries(item)) {
      const current = (existing as Record<string, unknown>)[field];
      if (typeof value === 'string' && typeof current === 'string' && current.trim() === '') {
        (existing as Record<string, unknown>)[field] = value;
      }
    }
    existing.evidence = unionEvidence(existing.evidence, item.evidence);
  }
  return out;
}

/** The parts' drafts as one: sections joined in order, lists de-duplicated, evidence unioned. */
export function mergeDrafts(drafts: readonly DraftOutput[]): DraftOutput {
  const joined = (pick: (draft: DraftOutput) => string) =>
    drafts
      .map(pick)
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .join('\n');
  const sections = Object.fromEntries(
    soapSections.map((section) => [section, joined((draft) => draft[section])]),
  ) as Pick<DraftOutput, (typeof soapSections)[number]>;
  const followUps = drafts.map((draft) => draft.followUp).filter((f) => f !== null);
  // The last follow-up said is the one that stands; the others' evidence stays with it.
  const last = followUps[followUps.length - 1];
  return {
    chiefComplaint: drafts.map((d) => d.chiefComplaint.trim()).find((c) => c !== '') ?? '',
    ...sections,
    vitals: mergeList(
      drafts.flatMap((d) => d.vitals),
      itemKeys.vitals,
    ),
    diagnoses: mergeList(
      drafts.flatMap((d) => d.diagnoses),
      itemKeys.diagnoses,
    ),
    medications: mergeList(
      drafts.flatMap((d) => d.medications),
      itemKeys.medications,
    ),
    labOrders: mergeList(
      drafts.flatMap((d) => d.labOrders),
      itemKeys.labOrders,
    ),
    followUp: last
      ? {
          ...last,
          evidence: unionEvidence(
            last.evidence,
            ...followUps
              .filter((f) => toSearchKey(f.interval) === toSearchKey(last.interval))
              .map((f) => f.evidence),
          ),
        }
      : null,
  };
}

/**
 * After the model merged part drafts: an item that names the same thing as an item of a part gets
 * that item's evidence too (models tend to drop evidence while merging).
 */
export function restoreEvidence(merged: DraftOutput, parts: readonly DraftOutput[]): DraftOutput {
  const out: DraftOutput = { ...merged };
  for (const list of LISTS) {
    const key = itemKeys[list] as (item: AnyItem) => string;
    const evidenceByKey = new Map<string, EvidenceOutput[]>();
    for (const part of parts) {
      for (const item of part[list]) {
        const k = key(item);
        if (k === '') continue;
        evidenceByKey.set(k, unionEvidence(evidenceByKey.get(k) ?? [], item.evidence));
      }
    }
    (out as Record<ListName, unknown>)[list] = merged[list].map((item) => ({
      ...item,
      evidence: unionEvidence(item.evidence, evidenceByKey.get(key(item)) ?? []),
    }));
  }
  if (merged.followUp) {
    const same = parts
      .map((p) => p.followUp)
      .filter(
        (f) => f !== null && toSearchKey(f.interval) === toSearchKey(merged.followUp!.interval),
      );
    out.followUp = {
      ...merged.followUp,
      evidence: unionEvidence(merged.followUp.evidence, ...same.map((f) => f!.evidence)),
    };
  }
  return out;
}
