// Shared by scripts/build-speech-engine.mjs (the addon) and scripts/build-whisper-cli.mjs (the
// benchmark's reference whisper-cli): where the pinned whisper.cpp source is, which version it is,
// and a few build helpers. Node built-ins only (runs right after `npm ci`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

export const WHISPER_VERSION = '1.9.1';
export const SOURCE_PACKAGE = 'nodejs-whisper';
export const SOURCE_PACKAGE_VERSION = '0.3.1';

/**
 * The whisper.cpp tree inside the exact-pinned nodejs-whisper package, with its version checked.
 * @param {string} root the repository root
 * @returns {{ ok: true, sourceDir: string } | { ok: false, reason: string }}
 */
export function locateWhisperSource(root) {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  let packageJson;
  try {
    packageJson = requireFromRoot.resolve(`${SOURCE_PACKAGE}/package.json`);
  } catch {
    return {
      ok: false,
      reason: `${SOURCE_PACKAGE}@${SOURCE_PACKAGE_VERSION} (the whisper.cpp source) is not in node_modules; run "npm ci"`,
    };
  }
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  if (version !== SOURCE_PACKAGE_VERSION) {
    return {
      ok: false,
      reason: `${SOURCE_PACKAGE} is ${version}, expected exactly ${SOURCE_PACKAGE_VERSION}`,
    };
  }
  const sourceDir = join(dirname(packageJson), 'cpp', 'whisper.cpp');
  const cmakeLists = join(sourceDir, 'CMakeLists.txt');
  if (!existsSync(cmakeLists) || !existsSync(join(sourceDir, 'include', 'whisper.h'))) {
    return { ok: false, reason: `no whisper.cpp source tree at ${sourceDir}` };
  }
  const match = /project\("whisper\.cpp" VERSION (\d+\.\d+\.\d+)\)/.exec(
    readFileSync(cmakeLists, 'utf8'),
  );
  if (match?.[1] !== WHISPER_VERSION) {
    return {
      ok: false,
      reason: `the whisper.cpp source in ${relative(root, sourceDir)} is version ${match?.[1] ?? 'unknown'}, expected ${WHISPER_VERSION}`,
    };
  }
  return { ok: true, sourceDir };
}

/**
 * The first line of a tool's answer, or undefined when it cannot run.
 * @param {string} command
 * @param {string[]} commandArgs
 */
export function probe(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0]?.trim() : undefined;
}

/** npm passes its config to scripts as npm_config_*; a nodedir/runtime there would mislead cmake-js. */
export function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url)$/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}
