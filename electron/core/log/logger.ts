import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../errors';

/**
 * Structured application log. Fields are ids, codes, counts and durations; the type admits no
 * objects, and callers never pass names, phone numbers or any other patient data.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, error: unknown, fields?: LogFields): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const KEEP_FILES = 5;

/** JSON lines in `<dir>/helssa.log`, rotated at 5 MiB, five old files kept. */
export class FileLogger implements Logger {
  private readonly file: string;
  private readonly dir: string;
  private dirReady = false;

  /** Creates nothing until the first line is written. */
  constructor(dir: string, name = 'helssa.log') {
    this.dir = dir;
    this.file = path.join(dir, name);
  }

  get path(): string {
    return this.file;
  }

  info(event: string, fields?: LogFields): void {
    this.write('info', event, fields);
  }

  warn(event: string, fields?: LogFields): void {
    this.write('warn', event, fields);
  }

  error(event: string, error: unknown, fields?: LogFields): void {
    this.write('error', event, { ...fields, ...describeError(error) });
  }

  private write(level: string, event: string, fields?: LogFields): void {
    const line = `${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`;
    try {
      if (!this.dirReady) {
        fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.dirReady = true;
      }
      this.rotateIfFull(Buffer.byteLength(line));
      // Synchronous append: the line is on disk before a crash that follows it.
      fs.appendFileSync(this.file, line, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not take the app down with it; there is nowhere to report.
    }
  }

  private rotateIfFull(incoming: number): void {
    let size: number;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return;
    }
    if (size + incoming <= MAX_FILE_BYTES) return;
    for (let index = KEEP_FILES - 1; index >= 1; index -= 1) {
      const from = `${this.file}.${index}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${this.file}.${index + 1}`);
    }
    fs.renameSync(this.file, `${this.file}.1`);
    fs.rmSync(`${this.file}.${KEEP_FILES + 1}`, { force: true });
  }
}

/** What an error says about itself, for the log: code and detail for ours, name and stack otherwise. */
export function describeError(error: unknown): Record<string, string | undefined> {
  if (isAppError(error)) {
    return {
      errorCode: error.code,
      messageKey: error.messageKey,
      detail: error.detail,
      stack: error.stack,
    };
  }
  if (error instanceof Error)
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorMessage: String(error) };
}
