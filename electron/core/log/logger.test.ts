import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { FileLogger } from './logger';

describe('file logger', () => {
  let dir: string;
  afterEach(() => removeDir(dir));

  it('writes JSON lines, with errors as code and detail', () => {
    dir = makeTempDir('helssa-log');
    const logger = new FileLogger(dir);
    logger.info('app.start', { version: '0.1.0' });
    logger.error('db.failed', new AppError('io', 'error.io', { detail: 'disk full' }));
    const lines = fs
      .readFileSync(logger.path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 'info', event: 'app.start', version: '0.1.0' });
    expect(lines[1]).toMatchObject({
      level: 'error',
      event: 'db.failed',
      errorCode: 'io',
      messageKey: 'error.io',
      detail: 'disk full',
    });
  });

  it('rotates at 5 MiB and keeps five old files', () => {
    dir = makeTempDir('helssa-log');
    const logger = new FileLogger(dir);
    const filler = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 6 * 5 * 16 + 10; i += 1) logger.info('fill', { filler });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual([
      'helssa.log',
      'helssa.log.1',
      'helssa.log.2',
      'helssa.log.3',
      'helssa.log.4',
      'helssa.log.5',
    ]);
    for (const file of files)
      expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(5 * 1024 * 1024);
  });
});
