import type { EvidenceFlag, SoapContent } from '../../shared/soap';

/** Who made a change, for the resolution it records. */
export interface Editor {
  readonly by: string;
  readonly at: string;
}

/** Whether the structured item a flag is about is still in the content. */
export function flaggedItemExists(content: SoapContent, flag: EvidenceFlag): boolean {
  switch (flag.kind) {
    case 'medication':
      return content.medications.some((item) => item.id === flag.itemId);
    case 'dose':
      return content.medications.some((item) => item.id === flag.itemId && item.dose !== '');
    case 'diagnosis':
      return content.diagnoses.some((item) => item.id === flag.itemId);
    case 'vital':
      return content.vitals.some((item) => item.id === flag.itemId);
    case 'lab_order':
      return content.labOrders.some((item) => item.id === flag.itemId);
    case 'follow_up':
      return content.followUp !== null;
  }
}

/**
 * The flags of content the doctor has just changed: a fresh evidence check (`fresh`) merged with
 * what the doctor already decided (`previous`).
 * - A flag that is the same as before (same item, claim and reason) keeps its resolution.
 * - A flagged item the doctor changed and that is still unsupported counts as resolved by
 *   editing: the doctor looked at it and wrote what they meant.
 * - A flagged item the doctor removed stays in the list, resolved as deleted, so the version
 *   records what was taken out and by whom.
 * - A flag whose item is now supported simply goes.
 */
export function reconcileFlags(
  previous: readonly EvidenceFlag[],
  fresh: readonly EvidenceFlag[],
  content: SoapContent,
  editor: Editor,
): EvidenceFlag[] {
  const before = new Map(previous.map((flag) => [flag.id, flag]));
  const result: EvidenceFlag[] = fresh.map((flag) => {
    const old = before.get(flag.id);
    if (!old) return flag;
    if (old.claim === flag.claim && old.reason === flag.reason) {
      return { ...flag, resolution: old.resolution };
    }
    return { ...flag, resolution: { action: 'edit', by: editor.by, at: editor.at } };
  });
  const freshIds = new Set(fresh.map((flag) => flag.id));
  for (const old of previous) {
    if (freshIds.has(old.id) || flaggedItemExists(content, old)) continue;
    result.push(
      old.resolution?.action === 'delete'
        ? old
        : { ...old, resolution: { action: 'delete', by: editor.by, at: editor.at } },
    );
  }
  return result;
}

/** The content without the flagged claim: the item, or only the dose of a medication. */
export function withoutFlaggedClaim(content: SoapContent, flag: EvidenceFlag): SoapContent {
  switch (flag.kind) {
    case 'medication':
      return {
        ...content,
        medications: content.medications.filter((item) => item.id !== flag.itemId),
      };
    case 'dose':
      return {
        ...content,
        medications: content.medications.map((item) =>
          item.id === flag.itemId ? { ...item, dose: '' } : item,
        ),
      };
    case 'diagnosis':
      return { ...content, diagnoses: content.diagnoses.filter((item) => item.id !== flag.itemId) };
    case 'vital':
      return { ...content, vitals: content.vitals.filter((item) => item.id !== flag.itemId) };
    case 'lab_order':
      return { ...content, labOrders: content.labOrders.filter((item) => item.id !== flag.itemId) };
    case 'follow_up':
      return { ...content, followUp: null };
  }
}

export function unresolvedCount(flags: readonly EvidenceFlag[]): number {
  return flags.filter((flag) => flag.resolution === null).length;
}
