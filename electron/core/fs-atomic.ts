import fs from 'node:fs';
import path from 'node:path';

/** Makes a directory entry (a new or renamed file) survive a power cut. */
export function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals its metadata itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a file so a crash or power cut leaves either the old or the new content, never half of
 * one: a temporary name in the same folder (`.name.pid.tmp`), fsync, rename, fsync of the folder.
 */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  fsyncDir(dir);
}
