import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translate } from '../../shared/messages';
import { decodeToPcm } from './decode';
import { AudioImportError } from './errors';
import { locateFfmpeg, type FfmpegTools } from './locate-ffmpeg';

/** The real ffmpeg from PATH; .ci/run installs Debian's `ffmpeg` package. */
const systemFfmpeg = (process.env['PATH'] ?? '')
  .split(path.delimiter)
  .map((dir) => path.join(dir, 'ffmpeg'))
  .find((file) => fs.existsSync(file));
if (!systemFfmpeg) {
  throw new Error('ffmpeg is missing from PATH; .ci/run installs the ffmpeg package.');
}
const ffmpegDir = path.dirname(systemFfmpeg);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-locate-ffmpeg-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<AudioImportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AudioImportError);
  return error as AudioImportError;
}

describe('locateFfmpeg', () => {
  it('finds ffmpeg and ffprobe on PATH and checks that they run', async () => {
    const tools = await locateFfmpeg({ env: { PATH: ffmpegDir } });
    expect(tools.source).toBe('path');
    expect(tools.ffmpeg).toBe(path.join(ffmpegDir, 'ffmpeg'));
    expect(tools.ffprobe).toBe(path.join(ffmpegDir, 'ffprobe'));
    expect(tools.version).toMatch(/^ffmpeg version /);
    // Debian's build has the SoX resampler the decoder asks for.
    expect(tools.soxr).toBe(true);
  });

  it('prefers the setting, given as the executable or as its folder', async () => {
    const empty = { PATH: '' };
    const byFile = await locateFfmpeg({ setting: systemFfmpeg, env: empty });
    expect(byFile.source).toBe('setting');
    expect(byFile.ffmpeg).toBe(systemFfmpeg);
    const byFolder = await locateFfmpeg({ setting: ffmpegDir, env: empty });
    expect(byFolder.source).toBe('setting');
    expect(byFolder.ffmpeg).toBe(systemFfmpeg);
  });

  it("uses the copy in the app's resources folder before PATH", async () => {
    const resources = path.join(scratch, 'resources');
    const folder = path.join(resources, 'ffmpeg', `${process.platform}-${process.arch}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.symlinkSync(systemFfmpeg, path.join(folder, 'ffmpeg'));
    const tools = await locateFfmpeg({ resourcesDir: resources, env: { PATH: ffmpegDir } });
    expect(tools.source).toBe('resources');
    expect(tools.ffmpeg).toBe(path.join(folder, 'ffmpeg'));
    // No ffprobe shipped beside it: probing falls back to `ffmpeg -i`.
    expect(tools.ffprobe).toBeUndefined();
  });

  it('refuses a setting that is not ffmpeg and says why, then falls back to PATH', async () => {
    const impostor = path.join(scratch, 'not-ffmpeg');
    fs.writeFileSync(impostor, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    const tools = await locateFfmpeg({ setting: impostor, env: { PATH: ffmpegDir } });
    expect(tools.source).toBe('path');
    expect(tools.rejected).toEqual([
      { path: impostor, source: 'setting', reason: expect.stringMatching(/^not ffmpeg/) as string },
    ]);
  });

  it('gives the clear "ffmpeg missing" error when nothing is found', async () => {
    const missing = path.join(scratch, 'nowhere', 'ffmpeg');
    const error = await failure(
      locateFfmpeg({ setting: missing, resourcesDir: scratch, env: { PATH: '' } }),
    );
    expect(error.reason).toBe('ffmpeg_missing');
    expect(error.code).toBe('not_found');
    expect(error.messageKey).toBe('audioImport.ffmpegMissing');
    expect(error.detail).toContain(`setting ${missing}: no such file`);
    expect(translate(error.messageKey, 'fa')).toContain('ffmpeg');
    expect(translate(error.messageKey, 'en')).toContain('audio.ffmpegPath');
  });

  it('reports a vanished ffmpeg as missing when decoding, not as a bad file', async () => {
    const gone: FfmpegTools = {
      ffmpeg: path.join(scratch, 'gone', 'ffmpeg'),
      ffprobe: path.join(scratch, 'gone', 'ffprobe'),
      version: 'ffmpeg version gone',
      source: 'setting',
      soxr: false,
      rejected: [],
    };
    const file = path.join(scratch, 'some.wav');
    fs.writeFileSync(file, 'RIFF');
    const error = await failure(
      (async () => {
        for await (const frame of decodeToPcm(file, { tools: gone })) void frame;
      })(),
    );
    expect(error.reason).toBe('ffmpeg_missing');
  });
});
