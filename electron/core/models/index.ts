export { ModelStoreError, isModelStoreError, type ModelFailure } from './errors';
export { bundledModelManifest, findModel, loadModelManifest, parseModelManifest } from './manifest';
export {
  ModelStore,
  VERIFIED_CACHE_FILE,
  type ModelOperationOptions,
  type ModelStoreOptions,
  type VerifyOptions,
} from './model-store';
export {
  describeMachine,
  engineThreads,
  gpuBackendOf,
  gpuBackendsFromSystemInfo,
  physicalCoresFromCpuinfo,
  physicalCoresOf,
  planSpeechHardware,
  readHardware,
  type HardwareDescription,
  type HardwareSources,
} from './hardware';
export {
  DRAFT_TIME_BUDGET_SECONDS,
  MEASURED_DRAFTING,
  RECOMMENDED_DRAFTING_MODELS,
  RESERVED_MEMORY_BYTES,
  TYPICAL_VISIT,
  draftingMemoryBytes,
  draftingRates,
  draftingRuntimeFor,
  estimateDraftSeconds,
  fitsDraftingMemory,
  planDraftingHardware,
  type DraftingRates,
  type DraftingRuntime,
  type ModelSizing,
} from './drafting-hardware';
export {
  AUTO_DRAFTING_MODEL,
  autoDraftingOrder,
  chooseDraftingModel,
  describeDraftingModels,
  type DraftingModelChoice,
  type DraftingModelsInput,
} from './drafting-models';
export { expectedDigest, type HashAlgorithm } from './hashing';
