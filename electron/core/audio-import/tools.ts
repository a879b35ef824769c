import { execFile } from 'node:child_process';
import path from 'node:path';

export interface ToolRun {
  /** Exit code, or null when the process was killed or could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the executable could not be started at all (ENOENT, EACCES, …). */
  readonly spawnError?: NodeJS.ErrnoException;
}

/**
 * Runs an ffmpeg tool directly (never through a shell, so no quoting and no injection) and
 * collects its output. Never rejects: the caller decides what an exit code means.
 */
export function runTool(
  executable: string,
  args: readonly string[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      executable,
      args,
      {
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const errno = error as NodeJS.ErrnoException & { code?: unknown };
        if (typeof errno.code === 'string' && errno.code !== 'ABORT_ERR') {
          resolve({ code: null, stdout, stderr, spawnError: errno });
          return;
        }
        resolve({ code: typeof errno.code === 'number' ? errno.code : null, stdout, stderr });
      },
    );
  });
}

/**
 * ffmpeg's messages name the input file; that name can identify a patient, so it is replaced
 * before the text becomes an error detail. Only the tail is kept: the cause is at the end.
 */
export function scrubToolOutput(text: string, file: string, maxChars = 2000): string {
  const names = [path.resolve(file), file, path.basename(file)].filter((name) => name.length > 0);
  let scrubbed = text;
  for (const name of names.sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(name).join('<input>');
  }
  scrubbed = scrubbed.replace(/ @ 0x[0-9a-f]+\]/g, ']').trim();
  return scrubbed.length > maxChars ? `…${scrubbed.slice(-maxChars)}` : scrubbed;
}

/** How ffmpeg is told to read exactly this file: never as a URL, an option or a device. */
export function inputUrl(file: string): string {
  return `file:${path.resolve(file)}`;
}
