import fs from 'node:fs';
import type { ClinicDatabase } from '../electron/core/db/database';
import { round } from './stats';

const started = performance.now();

/** Progress goes to stderr; stdout carries only the result document. */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** Runs `fn` and returns its result with the elapsed wall time in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

export function fileBytes(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export interface DatabaseSize {
  /** Main file after folding the WAL back in (wal_checkpoint(TRUNCATE)). */
  readonly fileBytes: number;
  readonly fileMiB: number;
  /** Bytes per table and index (SQLite dbstat), when the build has it. */
  readonly objects?: Record<string, number>;
}

/** Checkpoints the WAL into the main file, then measures the file and its largest objects. */
export function databaseSize(db: ClinicDatabase): DatabaseSize {
  db.raw.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fileBytes(db.file);
  let objects: Record<string, number> | undefined;
  try {
    const rows = db.raw
      .prepare(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name HAVING bytes > 65536 ORDER BY bytes DESC',
      )
      .all() as { name: string; bytes: number }[];
    objects = Object.fromEntries(rows.map((row) => [row.name, row.bytes]));
  } catch {
    objects = undefined;
  }
  return {
    fileBytes: bytes,
    fileMiB: round(bytes / 1024 / 1024, 2),
    ...(objects ? { objects } : {}),
  };
}

export function rowsPerSecond(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows / ms) * 1000) : 0;
}

/**
 * JSON with two-space indentation, except that an object or array holding only primitives is
 * written on one line when that line stays short (latency summaries, per-run figures).
 */
export function formatJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries: [string | null, unknown][] = Array.isArray(value)
    ? value.map((item) => [null, item])
    : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const key = (k: string | null) => (k === null ? '' : `${JSON.stringify(k)}: `);
  const flat = entries.every(([, v]) => v === null || typeof v !== 'object');
  if (flat) {
    const line = `${open}${entries.map(([k, v]) => `${key(k)}${JSON.stringify(v)}`).join(', ')}${close}`;
    if (line.length + indent.length <= 130) return line;
  }
  const inner = `${indent}  `;
  const body = entries.map(([k, v]) => `${inner}${key(k)}${formatJson(v, inner)}`).join(',\n');
  return `${open}\n${body}\n${indent}${close}`;
}
