import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { ClinicDatabase } from '../electron/core/db/database';

export interface Metadata {
  readonly date: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemoryGiB: number;
  readonly gitCommit: string | null;
  readonly gitDirty: boolean | null;
  readonly sqliteVersion: string;
  readonly betterSqlite3Version: string | null;
  readonly tmpdir: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

export function metadata(scratchFile: string): Metadata {
  const cpus = os.cpus();
  const db = ClinicDatabase.open({ file: scratchFile });
  const sqliteVersion = (db.raw.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  fs.rmSync(scratchFile, { force: true });
  const betterSqlite3Version = packageVersion('better-sqlite3');
  const status = git(['status', '--porcelain']);
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    gitCommit: git(['rev-parse', '--short', 'HEAD']),
    gitDirty: status === null ? null : status !== '',
    sqliteVersion,
    betterSqlite3Version,
    tmpdir: os.tmpdir(),
  };
}
