import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/** Below this much free space a recording does not start (default of `minFreeBytes`). */
export const DEFAULT_MIN_FREE_BYTES = 512 * 1024 * 1024;

const MB = 1024 * 1024;

/** Bytes available to this user on the disk holding `dir` (or its nearest existing parent). */
export function freeBytes(dir: string): number {
  let probe = dir;
  while (!fs.existsSync(probe)) {
    const parent = path.dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  const stats = fs.statfsSync(probe);
  return Number(stats.bavail) * Number(stats.bsize);
}

export interface DiskStatus {
  readonly freeBytes: number;
  readonly minFreeBytes: number;
  readonly low: boolean;
}

export function diskStatus(dir: string, minFreeBytes: number): DiskStatus {
  const free = freeBytes(dir);
  return { freeBytes: free, minFreeBytes, low: free < minFreeBytes };
}

/** Refuses to start a recording on a nearly full disk (about an hour of audio is ~115 MB). */
export function requireFreeSpace(dir: string, minFreeBytes: number): DiskStatus {
  const status = diskStatus(dir, minFreeBytes);
  if (status.low) {
    throw new AppError('io', 'recording.diskLow', {
      params: {
        free: Math.floor(status.freeBytes / MB),
        needed: Math.ceil(minFreeBytes / MB),
      },
      detail: `${status.freeBytes} bytes free, ${minFreeBytes} required`,
    });
  }
  return status;
}
