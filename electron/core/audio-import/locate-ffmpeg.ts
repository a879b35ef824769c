import fs from 'node:fs';
import path from 'node:path';
import { AudioImportError } from './errors';
import { runTool } from './tools';

/** Where the ffmpeg in use was found. */
export type FfmpegSource = 'setting' | 'resources' | 'path';

export interface FfmpegTools {
  readonly ffmpeg: string;
  /** ffprobe beside that ffmpeg, when there is one; without it files are probed with `ffmpeg -i`. */
  readonly ffprobe: string | undefined;
  /** First line of `ffmpeg -version`, e.g. "ffmpeg version 5.1.6-0+deb12u1". */
  readonly version: string;
  readonly source: FfmpegSource;
  /** Whether this build has the SoX resampler (better anti-aliasing than the default). */
  readonly soxr: boolean;
  /** Candidates that were looked at and refused, with why; shown to IT when a setting is wrong. */
  readonly rejected: readonly RejectedCandidate[];
}

export interface RejectedCandidate {
  readonly path: string;
  readonly source: FfmpegSource;
  readonly reason: string;
}

export interface LocateFfmpegOptions {
  /** `audio.ffmpegPath`: the ffmpeg executable, or the folder holding it. */
  readonly setting?: string | undefined;
  /** The app's resources folder; a bundled build lives in `ffmpeg/<platform>-<arch>/` or `ffmpeg/<platform>/`. */
  readonly resourcesDir?: string | undefined;
  /** Environment whose PATH is searched last; defaults to this process's. */
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
}

/**
 * Finds a working ffmpeg: the setting first (IT's explicit choice), then the copy shipped with the
 * app, then PATH. A candidate counts only if `ffmpeg -version` runs and says it is ffmpeg, so a
 * stale setting or a broken binary falls through to the next place instead of failing later.
 */
export async function locateFfmpeg(options: LocateFfmpegOptions = {}): Promise<FfmpegTools> {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const env = options.env ?? process.env;
  const exe = (name: string) => (platform === 'win32' ? `${name}.exe` : name);

  const candidates: { path: string; source: FfmpegSource }[] = [];
  if (options.setting && options.setting.trim() !== '') {
    const setting = path.resolve(options.setting.trim());
    candidates.push({
      path: isDirectory(setting) ? path.join(setting, exe('ffmpeg')) : setting,
      source: 'setting',
    });
  }
  if (options.resourcesDir) {
    for (const folder of [`${platform}-${arch}`, platform]) {
      candidates.push({
        path: path.join(options.resourcesDir, 'ffmpeg', folder, exe('ffmpeg')),
        source: 'resources',
      });
    }
  }
  const pathVariable = platform === 'win32' ? (env['Path'] ?? env['PATH']) : env['PATH'];
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (dir.trim() === '' || !path.isAbsolute(dir)) continue; // a relative PATH entry is a trap
    candidates.push({ path: path.join(dir, exe('ffmpeg')), source: 'path' });
  }

  const rejected: RejectedCandidate[] = [];
  for (const candidate of candidates) {
    if (!isFile(candidate.path)) {
      // Missing files along PATH are normal; only report the places someone chose.
      if (candidate.source === 'setting') {
        rejected.push({ ...candidate, reason: 'no such file' });
      }
      continue;
    }
    const verified = await verify(candidate.path, 'ffmpeg');
    if (!verified.ok) {
      rejected.push({ ...candidate, reason: verified.reason });
      continue;
    }
    const probePath = path.join(path.dirname(candidate.path), exe('ffprobe'));
    const ffprobe =
      isFile(probePath) && (await verify(probePath, 'ffprobe')).ok ? probePath : undefined;
    return {
      ffmpeg: candidate.path,
      ffprobe,
      version: verified.firstLine,
      source: candidate.source,
      soxr: verified.output.includes('--enable-libsoxr'),
      rejected,
    };
  }

  const looked = candidates.length === 0 ? 'nowhere to look' : `${candidates.length} places`;
  const refused = rejected.map((r) => `${r.source} ${r.path}: ${r.reason}`).join('; ');
  throw new AudioImportError('ffmpeg_missing', {
    detail: `ffmpeg not found (looked in ${looked})${refused ? `; refused: ${refused}` : ''}`,
  });
}

async function verify(
  executable: string,
  name: 'ffmpeg' | 'ffprobe',
): Promise<{ ok: true; firstLine: string; output: string } | { ok: false; reason: string }> {
  const run = await runTool(executable, ['-hide_banner', '-version'], { timeoutMs: 10_000 });
  if (run.spawnError)
    return { ok: false, reason: `cannot run (${run.spawnError.code ?? 'error'})` };
  const firstLine = run.stdout.split('\n', 1)[0]?.trim() ?? '';
  if (run.code !== 0 || !firstLine.startsWith(`${name} version`)) {
    return { ok: false, reason: `not ${name} (exit ${run.code ?? 'killed'})` };
  }
  return { ok: true, firstLine, output: run.stdout };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
