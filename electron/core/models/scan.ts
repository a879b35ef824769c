import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelEntry, ModelManifest } from '../../shared/models';

export interface FoundModel {
  readonly entry: ModelEntry;
  /** Absolute path of the file found. */
  readonly file: string;
  readonly sizeBytes: number;
}

export interface ModelScan {
  readonly matches: FoundModel[];
  /** Other files, relative to the folder scanned; the first {@link MAX_UNKNOWN_LISTED}. */
  readonly unknown: string[];
  readonly unknownCount: number;
}

/** A USB stick is often `models/` or `whisper/ggml/` deep; deeper than that is not a model kit. */
const MAX_DEPTH = 2;
/** Bounds the walk over a whole backup drive plugged in by mistake. */
const MAX_FOLDERS = 500;
export const MAX_UNKNOWN_LISTED = 100;

/**
 * Finds manifest models in a folder and up to two levels of subfolders, by file name (ignoring
 * case, as FAT-formatted sticks and Windows do). Hidden and system folders are skipped. Folders
 * are walked breadth first and names sorted, so the top-level copy of a model comes first.
 */
export async function scanForModels(folder: string, manifest: ModelManifest): Promise<ModelScan> {
  const stat = await fs.stat(folder);
  if (!stat.isDirectory()) throw new Error('not a folder');
  const byName = new Map(manifest.models.map((entry) => [entry.fileName.toLowerCase(), entry]));

  const matches: FoundModel[] = [];
  const unknown: string[] = [];
  let unknownCount = 0;
  let queue: string[] = [folder];
  let visited = 0;
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++visited > MAX_FOLDERS) break;
      let names: string[];
      try {
        // The top folder must be readable (the caller reports it); a locked subfolder is skipped.
        names = (await fs.readdir(dir)).sort();
      } catch (error) {
        if (dir === folder) throw error;
        continue;
      }
      for (const name of names) {
        if (skipped(name)) continue;
        const file = path.join(dir, name);
        let info;
        try {
          info = await fs.stat(file); // follows links: a linked model file counts
        } catch {
          continue;
        }
        if (info.isDirectory()) {
          next.push(file);
          continue;
        }
        if (!info.isFile()) continue;
        const entry = byName.get(name.toLowerCase());
        if (entry) {
          matches.push({ entry, file, sizeBytes: info.size });
        } else {
          unknownCount++;
          if (unknown.length < MAX_UNKNOWN_LISTED) unknown.push(path.relative(folder, file));
        }
      }
    }
    queue = next;
  }
  return { matches, unknown, unknownCount };
}

function skipped(name: string): boolean {
  return name.startsWith('.') || name.startsWith('$') || name === 'System Volume Information';
}
