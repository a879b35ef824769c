import { z } from 'zod';
import { transcriptionBlockers } from './recording';

/**
 * Models as every layer sees them: the manifest of supported files (`models/manifest.json`), the
 * state of each model on this workstation, and what an import from a folder or USB stick did.
 * Speech models (whisper.cpp and its voice-activity model) transcribe; language models (GGUF)
 * draft the SOAP note. Pure data and schemas: the model store in the core fills them in, the
 * contract carries them and the settings screen shows them.
 */

export const speechModelKinds = ['whisper', 'vad'] as const;
export const modelKinds = [...speechModelKinds, 'llm'] as const;
export type ModelKind = (typeof modelKinds)[number];

/** How speech weights are stored: whisper.cpp's f16 conversion or one of its quantised builds. */
export const modelQuantisations = ['f16', 'q5_0', 'q5_1', 'q8_0'] as const;
export type ModelQuantisation = (typeof modelQuantisations)[number];

/** llama.cpp's GGUF quantisation types a drafting model may come in (lower-case). */
export const llmQuantisations = ['q4_0', 'q4_k_s', 'q4_k_m', 'q5_k_m', 'q6_k', 'q8_0'] as const;
export type LlmQuantisation = (typeof llmQuantisations)[number];

/**
 * Size classes of drafting models, by the speed and memory measured for each (SPEC §3): a class
 * stands for models of roughly that many parameters (Qwen2.5 1.5B is 1B-class, Gemma 3 4B is
 * 3B-class, Qwen2.5 7B is 8B-class).
 */
export const llmParameterClasses = ['1B', '3B', '8B'] as const;
export type LlmParameterClass = (typeof llmParameterClasses)[number];

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

/** A text in both languages the app speaks. */
const bilingual = z.strictObject({ fa: z.string().min(1), en: z.string().min(1) });

/** What every manifest entry has, whatever its kind. */
const entryBase = {
  /** Stable name used by settings and the engine, e.g. `small-q5_1`, `qwen2.5-1.5b-instruct-q4_k_m`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  sizeBytes: z.number().int().positive(),
  licence: z.string().min(1),
  /** Memory the model needs while it works, roughly: the file plus the engine's buffers. */
  ramBytesApprox: z.number().int().positive(),
  recommendedFor: bilingual,
};

export const speechModelEntrySchema = z
  .strictObject({
    ...entryBase,
    kind: z.enum(speechModelKinds),
    /** The file's exact name; a plain name, never a path (it is joined onto trusted folders). */
    fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.bin$/),
    /** Lower-case hex. `null` only where no published sha256 was found; `sha1` is then required. */
    sha256: hex(64).nullable(),
    sha1: hex(40).optional(),
    /** Where the file is published (a download URL; the app itself never downloads). */
    source: z.url(),
    /** Whisper: transcribes Persian (false for the English-only `.en` models). VAD: language-free. */
    multilingual: z.boolean(),
    quantisation: z.enum(modelQuantisations),
  })
  .refine((entry) => entry.sha256 !== null || entry.sha1 !== undefined, {
    message: 'a model needs a sha256 or, failing that, a sha1',
    path: ['sha256'],
  });
export type SpeechModelEntry = z.output<typeof speechModelEntrySchema>;

/** A Hugging Face download link pinned to one commit: `…/resolve/<40 hex>/<file>`. */
const PINNED_SOURCE =
  /^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/resolve\/([0-9a-f]{40})\/([^/]+)$/;

/**
 * A GGUF language model that drafts the SOAP note. Every one is pinned: the sha256 is required
 * (no sha1 fallback) and the source names the exact commit the size and hash belong to.
 */
export const llmModelEntrySchema = z
  .strictObject({
    ...entryBase,
    kind: z.literal('llm'),
    fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/),
    sha256: hex(64),
    /** The file at a pinned revision; `revision` repeats the commit so it can be checked. */
    source: z.url().regex(PINNED_SOURCE, 'a Hugging Face …/resolve/<commit>/<file> link'),
    revision: hex(40),
    /** Where the licence is published; clinics must accept it. */
    licenceUrl: z.url(),
    /**
     * Whether the licence lets a clinic use the model in its practice. False for research or
     * non-commercial licences: such a model is listed (IT may have it) but never recommended.
     */
    commercialUse: z.boolean(),
    quantisation: z.enum(llmQuantisations),
    parameterClass: z.enum(llmParameterClasses),
    /** The longest context the model was trained for, in tokens (its GGUF's default). */
    contextLength: z.number().int().min(2048),
  })
  .refine(
    (entry) => {
      const match = PINNED_SOURCE.exec(entry.source);
      return match !== null && match[1] === entry.revision && match[2] === entry.fileName;
    },
    { message: 'source must link to fileName at revision', path: ['source'] },
  );
export type LlmModelEntry = z.output<typeof llmModelEntrySchema>;

export const modelEntrySchema = z.discriminatedUnion('kind', [
  speechModelEntrySchema,
  llmModelEntrySchema,
]);
export type ModelEntry = z.output<typeof modelEntrySchema>;

export function isLlmEntry(entry: ModelEntry): entry is LlmModelEntry {
  return entry.kind === 'llm';
}

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

// --- drafting: language models ---------------------------------------------------------------

/** What decided the recommended drafting model, for the UI to word; `reason` says it for IT. */
export const draftingHardwareRules = [
  /** The GPU holds the largest class that fits in memory. */
  'gpu',
  /** Enough cores and memory for the largest class within the time a doctor waits. */
  'many_cores',
  /** Memory allows no larger class (cores would). */
  'limited_memory',
  /** A larger class would fit in memory but take too long on these cores. */
  'limited_cores',
  /** Less memory than even the smallest class needs: it runs, slowly. */
  'low_memory',
] as const;
export type DraftingHardwareRule = (typeof draftingHardwareRules)[number];

/** node-llama-cpp's `gpuLayers`: 0 on the CPU, `max` when the GPU holds it all, `auto` to fit. */
export const gpuLayersSchema = z.union([
  z.literal('auto'),
  z.literal('max'),
  z.number().int().nonnegative(),
]);
export type GpuLayers = z.output<typeof gpuLayersSchema>;

/** Threads, context and GPU for the drafting engine, and which model suits this workstation. */
export const draftingHardwarePlanSchema = z.strictObject({
  threads: z.number().int().positive(),
  /** Tokens one drafting context holds: instructions, a part of the transcript and the draft. */
  contextSize: z.number().int().positive(),
  useGpu: z.boolean(),
  gpuBackend: z.string().nullable(),
  gpuLayers: gpuLayersSchema,
  recommendedModelId: z.string(),
  parameterClass: z.enum(llmParameterClasses),
  rule: z.enum(draftingHardwareRules),
  reason: z.string(),
});
export type DraftingHardwarePlan = z.output<typeof draftingHardwarePlanSchema>;

/** Why drafting has no language model; it then drafts with the extractors alone. */
export const draftingModelBlockers = ['no_model', 'model_corrupt'] as const;
export type DraftingModelBlocker = (typeof draftingModelBlockers)[number];

/** A drafting model as the settings screen lists it: its file's state and what it is. */
export const draftingModelSchema = modelStatusEntrySchema.extend({
  parameterClass: z.enum(llmParameterClasses),
  quantisation: z.enum(llmQuantisations),
  licence: z.string(),
  licenceUrl: z.string(),
  commercialUse: z.boolean(),
  contextLength: z.number().int().positive(),
  ramBytesApprox: z.number().int().positive(),
  recommendedFor: bilingual,
  /** Expected time to draft the typical visit on this workstation, on the CPU (see plan.useGpu). */
  expectedSeconds: z.number().nonnegative(),
  /** Whether it fits in this workstation's memory beside the app and the speech model. */
  fitsMemory: z.boolean(),
});
export type DraftingModel = z.output<typeof draftingModelSchema>;

export const draftingModelsStatusSchema = z.strictObject({
  /** Null on a host that drafts with no language model (the command-line tool). */
  plan: draftingHardwarePlanSchema.nullable(),
  /** The model drafting uses now (setting `drafting.model` or the recommendation), or why none. */
  model: z.strictObject({
    id: z.string().nullable(),
    blocker: z.enum(draftingModelBlockers).nullable(),
    detail: z.string().nullable(),
  }),
  /** The visit the expected times are for (about 2,000 tokens of transcript in, 400 out). */
  typicalVisit: z.strictObject({
    promptTokens: z.number().int().positive(),
    outputTokens: z.number().int().positive(),
  }),
  modelsDir: z.string(),
  provisionedDirs: z.array(z.string()),
  /** The manifest's language models, in manifest order. */
  models: z.array(draftingModelSchema),
});
export type DraftingModelsStatus = z.output<typeof draftingModelsStatusSchema>;
