import {
  ICD10_PATTERN,
  soapContentSchema,
  soapSections,
  vitalSchema,
  vitalUnits,
  type DraftingSegment,
  type Evidence,
  type SoapContent,
} from '../../../shared/soap';
import { normalizeText, toAsciiDigits } from '../../../shared/text/normalize';
import { foldWithOffsets, originalRange, type FoldedText } from '../extract/folded-text';
import { newItemId, type NewItemId } from '../extract/item-ids';
import type { DraftOutput, EvidenceOutput } from './output-schema';

/**
 * The model's output as a report's content: ids for the structured items, evidence anchored in the
 * segments' text, and whatever the report schema would refuse dropped or emptied rather than
 * trusted — evidence whose quote is not in the cited segment (the evidence check then flags the
 * item), an ICD code that is not one (''), a vital whose value is not a number.
 */

export interface ConversionNotes {
  /** Evidence entries whose quote was not found in the segment they cite. */
  readonly evidenceDropped: number;
  /** Vitals whose value did not read as a number, dropped. */
  readonly vitalsDropped: number;
  /** ICD codes that were not codes, emptied. */
  readonly codesEmptied: number;
}

const short = (text: string, max = 500) => normalizeText(text).slice(0, max);

/** "J029" → "J02.9", "j02.9" → "J02.9"; anything else that is not ICD-10 → ''. */
export function icd10Of(raw: string): string {
  let code = toAsciiDigits(normalizeText(raw)).toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z][0-9]{2}[0-9A-Z]{1,4}$/.test(code)) code = `${code.slice(0, 3)}.${code.slice(3)}`;
  return ICD10_PATTERN.test(code) ? code : '';
}

/** ASCII digits, "." for the Persian decimal separator, "/" between pressures; else null. */
export function vitalValueOf(raw: string): string | null {
  const value = toAsciiDigits(normalizeText(raw))
    .replace(/\u066B/g, '.')
    .replace(/\s*[\u2044\u2215/]\s*/g, '/')
    .replace(/\s+/g, '');
  return vitalSchema.shape.value.safeParse(value).success ? value : null;
}

/**
 * Anchors a quote in a segment's text: where its folded form occurs in the folded text; failing
 * that, the same ignoring spaces, because a model writes "میلی گرم" for "میلی‌گرم" (a ZWNJ folds
 * away, a space does not) as often as not.
 */
export function anchorQuote(folded: FoldedText, quote: string): [number, number] | null {
  const needle = foldWithOffsets(quote).folded;
  if (needle === '') return null;
  const at = folded.folded.indexOf(needle);
  if (at >= 0) return originalRange(folded, at, at + needle.length);
  const kept: number[] = [];
  let squeezed = '';
  for (let i = 0; i < folded.folded.length; i++) {
    if (folded.folded[i] === ' ') continue;
    kept.push(i);
    squeezed += folded.folded[i];
  }
  const tight = needle.replaceAll(' ', '');
  const loose = tight === '' ? -1 : squeezed.indexOf(tight);
  if (loose < 0) return null;
  return originalRange(folded, kept[loose]!, kept[loose + tight.length - 1]! + 1);
}

export function toSoapContent(
  output: DraftOutput,
  segments: readonly DraftingSegment[],
  options: { newId?: NewItemId } = {},
): { content: SoapContent; notes: ConversionNotes } {
  const newId = options.newId ?? newItemId;
  const folded = new Map<number, FoldedText>();
  const foldedSegment = (number: number) => {
    let text = folded.get(number);
    if (!text) {
      text = foldWithOffsets(segments[number - 1]?.text ?? '');
      folded.set(number, text);
    }
    return text;
  };
  let evidenceDropped = 0;
  let vitalsDropped = 0;
  let codesEmptied = 0;

  const evidence = (list: readonly EvidenceOutput[]): Evidence[] => {
    const out: Evidence[] = [];
    const seen = new Set<string>();
    for (const entry of list) {
      const segment = segments[entry.segment - 1];
      const range = segment ? anchorQuote(foldedSegment(entry.segment), entry.quote) : null;
      if (!segment || !range) {
        evidenceDropped++;
        continue;
      }
      const [start, end] = range;
      const key = `${segment.id}:${start}:${end}`;
      if (seen.has(key) || out.length >= 20) continue;
      seen.add(key);
      out.push({ segmentId: segment.id, start, end, quote: segment.text.slice(start, end) });
    }
    return out;
  };

  const sections = Object.fromEntries(
    soapSections.map((section) => [
      section,
      normalizeText(output[section], { keepLineBreaks: true }).slice(0, 20_000),
    ]),
  ) as Pick<SoapContent, (typeof soapSections)[number]>;

  const vitals: SoapContent['vitals'] = [];
  for (const vital of output.vitals) {
    const value = vitalValueOf(vital.value);
    if (value === null) {
      vitalsDropped++;
      continue;
    }
    vitals.push({
      id: newId(),
      kind: vital.kind,
      value,
      unit: vitalUnits[vital.kind],
      evidence: evidence(vital.evidence),
    });
  }

  const diagnoses: SoapContent['diagnoses'] = [];
  for (const diagnosis of output.diagnoses) {
    const icd10 = icd10Of(diagnosis.icd10);
    if (icd10 === '' && diagnosis.icd10.trim() !== '') codesEmptied++;
    const title = short(diagnosis.title);
    if (icd10 === '' && title === '') continue;
    diagnoses.push({ id: newId(), icd10, title, evidence: evidence(diagnosis.evidence) });
  }

  const medications: SoapContent['medications'] = output.medications
    .filter((medication) => short(medication.name) !== '')
    .map((medication) => ({
      id: newId(),
      name: short(medication.name),
      dose: short(medication.dose),
      route: short(medication.route),
      frequency: short(medication.frequency),
      duration: short(medication.duration),
      evidence: evidence(medication.evidence),
    }));

  const labOrders: SoapContent['labOrders'] = output.labOrders
    .filter((order) => short(order.name) !== '')
    .map((order) => ({
      id: newId(),
      name: short(order.name),
      reason: short(order.reason),
      evidence: evidence(order.evidence),
    }));

  const followUp =
    output.followUp &&
    (short(output.followUp.interval) !== '' || short(output.followUp.reason) !== '')
      ? {
          interval: short(output.followUp.interval),
          reason: short(output.followUp.reason),
          evidence: evidence(output.followUp.evidence),
        }
      : null;

  const content = soapContentSchema.parse({
    ...sections,
    chiefComplaint: short(output.chiefComplaint),
    vitals: vitals.slice(0, 50),
    diagnoses: diagnoses.slice(0, 50),
    medications: medications.slice(0, 50),
    labOrders: labOrders.slice(0, 50),
    followUp,
  });
  return { content, notes: { evidenceDropped, vitalsDropped, codesEmptied } };
}
