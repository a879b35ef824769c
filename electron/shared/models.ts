import { z } from 'zod';
import { transcriptionBlockers } from './recording';

/**
 * Speech models as every layer sees them: the manifest of supported files (`models/manifest.json`),
 * the state of each model on this workstation, and what an import from a folder or USB stick did.
 * Pure data and schemas: the model store in the core fills them in, the contract carries them and
 * the settings screen shows them.
 */

export const modelKinds = ['whisper', 'vad'] as const;
export type ModelKind = (typeof modelKinds)[number];

/** How the weights are stored: whisper.cpp's f16 conversion or one of its quantised builds. */
export const modelQuantisations = ['f16', 'q5_0', 'q5_1', 'q8_0'] as const;
export type ModelQuantisation = (typeof modelQuantisations)[number];

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

/** A text in both languages the app speaks. */
const bilingual = z.strictObject({ fa: z.string().min(1), en: z.string().min(1) });

export const modelEntrySchema = z
  .strictObject({
    /** Stable name used by settings and the engine, e.g. `small-q5_1`, `silero-v6.2.0`. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    kind: z.enum(modelKinds),
    /** The file's exact name; a plain name, never a path (it is joined onto trusted folders). */
    fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.bin$/),
    sizeBytes: z.number().int().positive(),
    /** Lower-case hex. `null` only where no published sha256 was found; `sha1` is then required. */
    sha256: hex(64).nullable(),
    sha1: hex(40).optional(),
    licence: z.string().min(1),
    /** Where the file is published (a download URL; the app itself never downloads). */
    source: z.url(),
    /** Whisper: transcribes Persian (false for the English-only `.en` models). VAD: language-free. */
    multilingual: z.boolean(),
    quantisation: z.enum(modelQuantisations),
    /** Memory the model needs while transcribing, roughly: file plus whisper.cpp's buffers. */
    ramBytesApprox: z.number().int().positive(),
    recommendedFor: bilingual,
  })
  .refine((entry) => entry.sha256 !== null || entry.sha1 !== undefined, {
    message: 'a model needs a sha256 or, failing that, a sha1',
    path: ['sha256'],
  });
export type ModelEntry = z.output<typeof modelEntrySchema>;

export const modelManifestSourceSchema = z.strictObject({
  /** Which entries this source covers, in words. */
  covers: z.string().min(1),
  repository: z.url(),
  revision: z.string().min(1).optional(),
  note: z.string().min(1),
});

export const modelManifestSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    description: z.string().min(1),
    /** Where sizes and hashes were taken from, so anyone can check them again. */
    sources: z.array(modelManifestSourceSchema).min(1),
    models: z.array(modelEntrySchema).min(1),
  })
  .superRefine((manifest, context) => {
    // Ids and file names are lookup keys (settings, the import scan): a duplicate would make one
    // entry silently shadow another.
    for (const key of ['id', 'fileName'] as const) {
      const seen = new Set<string>();
      manifest.models.forEach((entry, index) => {
        const value = key === 'fileName' ? entry.fileName.toLowerCase() : entry.id;
        if (seen.has(value)) {
          context.addIssue({
            code: 'custom',
            message: `duplicate ${key} ${entry[key]}`,
            path: ['models', index, key],
          });
        }
        seen.add(value);
      });
    }
  });
export type ModelManifest = z.output<typeof modelManifestSchema>;

/**
 * - installed: the file is there, of the right size, and its hash was checked for this very file
 * - unverified: the right size, but the hash was never checked for this file (or it changed since)
 * - verifying: its hash is being computed now
 * - corrupt: wrong size, or the hash does not match
 * - missing: no file of that name in any of the folders looked in
 */
export const modelStatuses = [
  'installed',
  'unverified',
  'verifying',
  'corrupt',
  'missing',
] as const;
export type ModelStatus = (typeof modelStatuses)[number];

/** The app's own folder (`<data>/models`) or one that IT provisioned (setting, `HELSSA_MODELS_DIR`). */
export const modelLocations = ['data', 'provisioned'] as const;
export type ModelLocation = (typeof modelLocations)[number];

export const modelProblems = ['size_mismatch', 'hash_mismatch', 'unreadable'] as const;
export type ModelProblem = (typeof modelProblems)[number];

/** One file found under a model's name. */
export const modelCopySchema = z.strictObject({
  path: z.string(),
  location: z.enum(modelLocations),
  sizeBytes: z.number().int().nonnegative(),
  status: z.enum(['installed', 'unverified', 'verifying', 'corrupt']),
  problem: z.enum(modelProblems).nullable(),
  /** When its hash was last checked (ISO), if ever. */
  verifiedAt: z.string().nullable(),
});
export type ModelCopy = z.output<typeof modelCopySchema>;

export const modelStatusEntrySchema = z.strictObject({
  id: z.string(),
  kind: z.enum(modelKinds),
  fileName: z.string(),
  /** The size the manifest expects. */
  sizeBytes: z.number().int().positive(),
  status: z.enum(modelStatuses),
  /** The copy the engine would use (or the best one there is); null when missing. */
  path: z.string().nullable(),
  location: z.enum(modelLocations).nullable(),
  problem: z.enum(modelProblems).nullable(),
  verifiedAt: z.string().nullable(),
  /** Every copy found, in lookup order: the data folder first, then the provisioned folders. */
  copies: z.array(modelCopySchema),
});
export type ModelStatusEntry = z.output<typeof modelStatusEntrySchema>;

export const modelStoreListingSchema = z.strictObject({
  /** `<data>/models`: where imports go. */
  modelsDir: z.string(),
  provisionedDirs: z.array(z.string()),
  models: z.array(modelStatusEntrySchema),
});
export type ModelStoreListing = z.output<typeof modelStoreListingSchema>;

export const modelRejectReasons = [
  'size_mismatch',
  'hash_mismatch',
  'unreadable',
  'no_space',
  'write_failed',
] as const;
export type ModelRejectReason = (typeof modelRejectReasons)[number];

export const modelImportReportSchema = z.strictObject({
  /** The folder imported from. */
  source: z.string(),
  imported: z.array(
    z.strictObject({ id: z.string(), fileName: z.string(), sizeBytes: z.number().int() }),
  ),
  skipped: z.array(
    z.strictObject({
      id: z.string(),
      fileName: z.string(),
      reason: z.enum(['already_installed', 'same_file']),
    }),
  ),
  rejected: z.array(
    z.strictObject({
      id: z.string(),
      fileName: z.string(),
      reason: z.enum(modelRejectReasons),
      /** Technical detail for IT (never patient data: these are model files). */
      detail: z.string().optional(),
    }),
  ),
  /** Files that are not in the manifest, relative to the source folder; left alone. */
  unknown: z.array(z.string()),
  /** How many unknown files there were; `unknown` lists at most the first hundred. */
  unknownCount: z.number().int().nonnegative(),
});
export type ModelImportReport = z.output<typeof modelImportReportSchema>;

/** Progress of a verification or an import, in bytes of the file being read. */
export const modelProgressSchema = z.strictObject({
  phase: z.enum(['verifying', 'copying']),
  id: z.string(),
  fileName: z.string(),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
  /** 1-based position of this file among those the operation handles, and how many there are. */
  fileIndex: z.number().int().positive(),
  fileCount: z.number().int().positive(),
});
export type ModelProgress = z.output<typeof modelProgressSchema>;

export const speechHardwareRules = [
  'gpu',
  'low_memory',
  'few_cores',
  'dual_core',
  'many_cores',
] as const;

/** Threads and GPU for the speech engine, and which model suits this workstation. */
export const speechHardwarePlanSchema = z.strictObject({
  threads: z.number().int().positive(),
  useGpu: z.boolean(),
  /** The GPU backend whisper.cpp would use (`cuda`, `metal`, `vulkan`, …), if any. */
  gpuBackend: z.string().nullable(),
  recommendedModelId: z.string(),
  /** Which rule chose the model, for the UI to word; `reason` says the same for IT and logs. */
  rule: z.enum(speechHardwareRules),
  reason: z.string(),
});
export type SpeechHardwarePlan = z.output<typeof speechHardwarePlanSchema>;

/** The speech engine and models as the settings screen shows them. */
export const speechStatusSchema = z.strictObject({
  /** The engine process's own report, once it has started; null before (or with no engine). */
  engine: z
    .strictObject({
      available: z.boolean(),
      name: z.string(),
      /** The slow prebuilt fallback runs because the project's own engine could not be built. */
      fallback: z.boolean(),
      detail: z.string(),
    })
    .nullable(),
  /** The model transcription uses now, or why there is none. */
  model: z.strictObject({
    id: z.string().nullable(),
    blocker: z.enum(transcriptionBlockers).nullable(),
    detail: z.string().nullable(),
  }),
  plan: speechHardwarePlanSchema.nullable(),
  listing: modelStoreListingSchema.nullable(),
  /** An import or verification running now. */
  progress: modelProgressSchema.nullable(),
});
export type SpeechStatus = z.output<typeof speechStatusSchema>;
