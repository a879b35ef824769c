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
  gpuBackendsFromSystemInfo,
  physicalCoresFromCpuinfo,
  planSpeechHardware,
  readHardware,
  type HardwareDescription,
  type HardwareSources,
} from './hardware';
export { expectedDigest, type HashAlgorithm } from './hashing';
