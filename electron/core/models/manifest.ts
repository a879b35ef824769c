import fs from 'node:fs';
import { modelManifestSchema, type ModelEntry, type ModelManifest } from '../../shared/models';
import bundled from '../../../models/manifest.json';
import { ModelStoreError } from './errors';

/**
 * Parses a manifest. Every problem is named in `detail` (path and rule), because the reader is IT
 * editing a file by hand, not a form with fields to highlight.
 */
export function parseModelManifest(json: unknown): ModelManifest {
  const result = modelManifestSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ModelStoreError('manifest_invalid', { detail: problems });
}

/** Reads a manifest file, e.g. one IT keeps beside the provisioned models. */
export function loadModelManifest(file: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ModelStoreError('manifest_invalid', {
      detail: `${file}: ${(error as Error).message}`,
      cause: error,
    });
  }
  return parseModelManifest(json);
}

let bundledManifest: ModelManifest | undefined;

/**
 * `models/manifest.json` as shipped with this build. It is bundled into the code rather than read
 * at run time, so an installed app cannot lose it or pick up a stray copy.
 */
export function bundledModelManifest(): ModelManifest {
  bundledManifest ??= parseModelManifest(bundled);
  return bundledManifest;
}

export function findModel(manifest: ModelManifest, id: string): ModelEntry | undefined {
  return manifest.models.find((entry) => entry.id === id);
}
