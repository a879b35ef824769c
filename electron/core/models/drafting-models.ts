import {
  isLlmEntry,
  type DraftingModel,
  type DraftingModelBlocker,
  type DraftingModelsStatus,
  type LlmModelEntry,
  type LlmParameterClass,
  type ModelManifest,
  type ModelStatusEntry,
} from '../../shared/models';
import {
  draftingRuntimeFor,
  estimateDraftSeconds,
  fitsDraftingMemory,
  planDraftingHardware,
  RECOMMENDED_DRAFTING_MODELS,
  TYPICAL_VISIT,
  type DraftingRuntime,
} from './drafting-hardware';
import { isModelStoreError } from './errors';
import type { HardwareDescription } from './hardware';
import type { ModelOperationOptions, ModelStore } from './model-store';

/** The setting `drafting.model`: a manifest id, or `auto` for the best installed model. */
export const AUTO_DRAFTING_MODEL = 'auto';

/** The language model drafting uses, with how to run it, or why there is none. */
export type DraftingModelChoice =
  | {
      readonly ok: true;
      readonly id: string;
      /** Absolute path of an intact copy (its hash checked). */
      readonly path: string;
      readonly entry: LlmModelEntry;
      readonly runtime: DraftingRuntime;
    }
  | { readonly ok: false; readonly blocker: DraftingModelBlocker; readonly detail: string };

export interface DraftingModelsInput {
  readonly store: ModelStore;
  readonly manifest: ModelManifest;
  readonly hardware: HardwareDescription;
  /** The setting `drafting.model`. */
  readonly wanted: string;
}

const CLASS_ORDER: readonly LlmParameterClass[] = ['1B', '3B', '8B'];

function llmEntries(manifest: ModelManifest): LlmModelEntry[] {
  return manifest.models.filter(isLlmEntry);
}

/** A copy is there and not known to be damaged (an unverified one is hashed before use). */
function usable(status: ModelStatusEntry): boolean {
  return (
    status.status === 'installed' || status.status === 'unverified' || status.status === 'verifying'
  );
}

/**
 * The order in which `auto` tries the models that are there: the recommended model first, then
 * the rest of its class (its class's recommended model first, then manifest order), then smaller
 * classes from the largest down (faster, and they fit), then larger ones from the smallest up.
 * Models whose licence forbids a clinic's use are never picked by themselves; naming one in the
 * setting still uses it.
 */
export function autoDraftingOrder(
  manifest: ModelManifest,
  recommendedModelId: string,
): LlmModelEntry[] {
  const entries = llmEntries(manifest).filter((entry) => entry.commercialUse);
  const recommended = entries.find((entry) => entry.id === recommendedModelId);
  const home = CLASS_ORDER.indexOf(recommended?.parameterClass ?? '1B');
  const classRank = (cls: LlmParameterClass) => {
    const index = CLASS_ORDER.indexOf(cls);
    // Home class 0, then smaller classes 1, 2…, then larger ones after all of them.
    return index <= home ? home - index : CLASS_ORDER.length + index;
  };
  const rank = (entry: LlmModelEntry) =>
    entry.id === recommendedModelId
      ? -2
      : entry.id === RECOMMENDED_DRAFTING_MODELS[entry.parameterClass]
        ? classRank(entry.parameterClass) - 0.5
        : classRank(entry.parameterClass);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

/**
 * The models to try, in order, with the statuses the store reports now: the one the setting
 * names, or under `auto` every usable model in {@link autoDraftingOrder}.
 */
function candidates(
  input: Omit<DraftingModelsInput, 'store'>,
  statuses: readonly ModelStatusEntry[],
): { entries: LlmModelEntry[]; recommendedModelId: string } {
  const { recommendedModelId } = planDraftingHardware(input.hardware);
  const statusOf = (id: string) => statuses.find((status) => status.id === id);
  if (input.wanted !== AUTO_DRAFTING_MODEL) {
    const named = llmEntries(input.manifest).find((entry) => entry.id === input.wanted);
    return { entries: named ? [named] : [], recommendedModelId };
  }
  const entries = autoDraftingOrder(input.manifest, recommendedModelId).filter((entry) => {
    const status = statusOf(entry.id);
    return status !== undefined && usable(status);
  });
  return { entries, recommendedModelId };
}

/** Under `auto`: the models it would try that are there but damaged. */
function damagedAutoModels(
  input: Omit<DraftingModelsInput, 'store'>,
  recommendedModelId: string,
  statuses: readonly ModelStatusEntry[],
): ModelStatusEntry[] {
  if (input.wanted !== AUTO_DRAFTING_MODEL) return [];
  const ids = new Set(autoDraftingOrder(input.manifest, recommendedModelId).map((e) => e.id));
  return statuses.filter((status) => ids.has(status.id) && status.status === 'corrupt');
}

function describeDamage(statuses: readonly ModelStatusEntry[]): string {
  return statuses.map((status) => `${status.id}: ${status.problem ?? 'corrupt'}`).join('; ');
}

function noModel(input: Omit<DraftingModelsInput, 'store'>, recommended: string): string {
  return input.wanted === AUTO_DRAFTING_MODEL
    ? `no language model installed; recommended for this computer: ${recommended}`
    : `drafting.model names ${input.wanted}, which is not a language model of the manifest`;
}

/**
 * The language model drafting should use, its path (hashed first when never checked) and how to
 * run it. Under `auto` a damaged copy is passed over for the next model; a model the setting names
 * is used or reported, never replaced. With no model the drafting service still drafts with the
 * extractors alone, and the reason goes to the screen.
 */
export async function chooseDraftingModel(
  input: DraftingModelsInput,
  options: ModelOperationOptions = {},
): Promise<DraftingModelChoice> {
  const statuses = (await input.store.list()).models;
  const { entries, recommendedModelId } = candidates(input, statuses);
  const damaged: string[] = [];
  for (const entry of entries) {
    try {
      const path = await input.store.resolve(entry.id, options);
      return {
        ok: true,
        id: entry.id,
        path,
        entry,
        runtime: draftingRuntimeFor(entry, input.hardware),
      };
    } catch (error) {
      if (!isModelStoreError(error)) throw error;
      if (error.reason === 'cancelled') throw error;
      if (input.wanted !== AUTO_DRAFTING_MODEL) {
        return {
          ok: false,
          blocker: error.reason === 'model_corrupt' ? 'model_corrupt' : 'no_model',
          detail: error.detail ?? error.reason,
        };
      }
      if (error.reason === 'model_corrupt') damaged.push(`${entry.id}: ${error.detail ?? ''}`);
    }
  }
  const corrupt = damagedAutoModels(input, recommendedModelId, statuses);
  if (damaged.length > 0 || corrupt.length > 0) {
    return {
      ok: false,
      blocker: 'model_corrupt',
      detail: damaged.join('; ') || describeDamage(corrupt),
    };
  }
  return { ok: false, blocker: 'no_model', detail: noModel(input, recommendedModelId) };
}

/**
 * The drafting models as the settings screen shows them: this workstation's plan, the model
 * drafting would use (from file states alone: nothing is hashed here, an unverified file is
 * checked when drafting first needs it), and every language model of the manifest with its state,
 * licence, whether it fits in memory and how long the typical visit takes.
 */
export async function describeDraftingModels(
  input: DraftingModelsInput,
): Promise<DraftingModelsStatus> {
  const listing = await input.store.list();
  const plan = planDraftingHardware(input.hardware);
  const byId = new Map(listing.models.map((status) => [status.id, status]));
  const models: DraftingModel[] = [];
  for (const entry of llmEntries(input.manifest)) {
    const status = byId.get(entry.id);
    if (!status) continue;
    models.push({
      ...status,
      parameterClass: entry.parameterClass,
      quantisation: entry.quantisation,
      licence: entry.licence,
      licenceUrl: entry.licenceUrl,
      commercialUse: entry.commercialUse,
      contextLength: entry.contextLength,
      ramBytesApprox: entry.ramBytesApprox,
      recommendedFor: entry.recommendedFor,
      expectedSeconds: estimateDraftSeconds(
        entry,
        input.hardware,
        TYPICAL_VISIT.promptTokens,
        TYPICAL_VISIT.outputTokens,
      ),
      fitsMemory: fitsDraftingMemory(entry, input.hardware),
    });
  }
  return {
    plan,
    model: modelInUse(input, models),
    typicalVisit: { ...TYPICAL_VISIT },
    modelsDir: listing.modelsDir,
    provisionedDirs: listing.provisionedDirs,
    models,
  };
}

function modelInUse(
  input: Omit<DraftingModelsInput, 'store'>,
  models: readonly DraftingModel[],
): DraftingModelsStatus['model'] {
  const { entries, recommendedModelId } = candidates(input, models);
  const first = entries[0];
  const status = first ? models.find((model) => model.id === first.id) : undefined;
  if (status && usable(status)) return { id: status.id, blocker: null, detail: null };
  if (status?.status === 'corrupt') {
    return { id: null, blocker: 'model_corrupt', detail: describeDamage([status]) };
  }
  if (input.wanted !== AUTO_DRAFTING_MODEL && status?.status === 'missing') {
    return { id: null, blocker: 'no_model', detail: `${status.fileName} not found` };
  }
  const corrupt = damagedAutoModels(input, recommendedModelId, models);
  if (corrupt.length > 0) {
    return { id: null, blocker: 'model_corrupt', detail: describeDamage(corrupt) };
  }
  return { id: null, blocker: 'no_model', detail: noModel(input, recommendedModelId) };
}
