// `node scripts/build-whisper-cli.mjs`: builds whisper.cpp's own `whisper-cli` from the same
// pinned source as the speech-engine addon (nodejs-whisper@0.3.1's cpp/whisper.cpp, 1.9.1) with the
// same ggml and build options, into .native/whisper-cli/. It is the reference the speech benchmark
// (`npm run bench -- --only speech`) compares the addon against; it is not part of the app and is not
// built on install. The speech benchmark runs this script itself (a no-op while up to date).
//
// "The same options" is read, not restated: every `set(GGML_*|WHISPER_* ... CACHE BOOL "" FORCE)` and
// CMAKE_POSITION_INDEPENDENT_CODE in electron/engine/addon/CMakeLists.txt, plus the addon build
// script's development defines (GGML_NATIVE=ON), Release, static libraries and the same CMake
// generator. Only WHISPER_BUILD_EXAMPLES differs (ON: whisper-cli is an example). The stock source is
// built: the addon's abort patch is the addon's own cost, which the comparison is meant to show.
// After the build the GGML_* entries of both CMake caches are compared and any difference is
// recorded in status.json (`ggmlCacheDiff`), so an unfair comparison shows.
//
// Output (gitignored):
//   .native/whisper-cli/whisper-cli     the binary
//   .native/whisper-cli/status.json     { ok, defines, buildSeconds, ggmlCacheDiff, ... }
//   .native/whisper-cli/build/          the CMake build tree
//
// Flags: --force rebuilds even when up to date.
// Exit codes: 0 built or up to date, 1 cannot build (tool or source missing), 2 the build failed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { WHISPER_VERSION, buildEnv, locateWhisperSource, probe } from './whisper-source.mjs';

const root = resolve(import.meta.dirname, '..');
const addonCmakeLists = join(root, 'electron', 'engine', 'addon', 'CMakeLists.txt');
const addonCache = join(root, '.native', 'speech', 'build', 'CMakeCache.txt');
const outDir = join(root, '.native', 'whisper-cli');
const buildDir = join(outDir, 'build');
const binary = join(outDir, process.platform === 'win32' ? 'whisper-cli.exe' : 'whisper-cli');
const statusFile = join(outDir, 'status.json');
const force = process.argv.includes('--force');
const BUILD_TIMEOUT_MS = 45 * 60_000;

/** @param {string} line */
function say(line) {
  console.error(`[whisper-cli] ${line}`);
}

/**
 * @param {number} code
 * @param {string} reason
 * @returns {never}
 */
function fail(code, reason) {
  rmSync(binary, { force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(statusFile, `${JSON.stringify({ ok: false, reason }, null, 2)}\n`);
  say(`ERROR: ${reason}`);
  process.exit(code);
}

/**
 * The addon's build options, read from its CMakeLists.txt (forced cache options and PIC) and from
 * the addon build script's development mode (GGML_NATIVE=ON).
 * @returns {Record<string, string>}
 */
function addonDefines() {
  const text = readFileSync(addonCmakeLists, 'utf8');
  /** @type {Record<string, string>} */
  const defines = { CMAKE_BUILD_TYPE: 'Release', BUILD_SHARED_LIBS: 'OFF', GGML_NATIVE: 'ON' };
  for (const match of text.matchAll(
    /^\s*set\(((?:GGML|WHISPER)_[A-Z0-9_]+) (ON|OFF) CACHE BOOL "" FORCE\)/gm,
  )) {
    defines[match[1]] = match[2];
  }
  if (/^\s*set\(CMAKE_POSITION_INDEPENDENT_CODE ON\)/m.test(text)) {
    defines['CMAKE_POSITION_INDEPENDENT_CODE'] = 'ON';
  }
  if (defines['GGML_OPENMP'] === undefined) {
    fail(1, `could not read the addon's ggml options from ${relative(root, addonCmakeLists)}`);
  }
  // whisper-cli is one of whisper.cpp's examples.
  defines['WHISPER_BUILD_EXAMPLES'] = 'ON';
  return defines;
}

/**
 * GGML_* entries of a CMakeCache.txt.
 * @param {string} file
 * @returns {Record<string, string> | undefined}
 */
function ggmlCache(file) {
  if (!existsSync(file)) return undefined;
  /** @type {Record<string, string>} */
  const out = {};
  for (const match of readFileSync(file, 'utf8').matchAll(/^(GGML_[A-Z0-9_]+):[A-Z]+=(.*)$/gm)) {
    out[match[1]] = match[2];
  }
  for (const match of readFileSync(file, 'utf8').matchAll(
    /^(CMAKE_BUILD_TYPE|CMAKE_GENERATOR|CMAKE_C_COMPILER|CMAKE_CXX_COMPILER|BUILD_SHARED_LIBS):[A-Z]+=(.*)$/gm,
  )) {
    out[match[1]] = match[2];
  }
  return out;
}

function main() {
  const located = locateWhisperSource(root);
  if (!located.ok) fail(1, located.reason);
  const { sourceDir } = located;
  const cmake = probe('cmake', ['--version']);
  if (!cmake) fail(1, 'cmake is not installed (or not on PATH)');
  const compiler = process.env['CXX'] ?? (process.platform === 'win32' ? 'cl' : 'c++');
  const compilerVersion = process.platform === 'win32' ? 'msvc' : probe(compiler, ['--version']);
  if (!compilerVersion) fail(1, `no C++ compiler (${compiler}) found`);
  // cmake-js (the addon's build) uses Ninja when it is installed; so does this build.
  const ninja = probe('ninja', ['--version']);
  const generator = ninja ? 'Ninja' : undefined;

  const defines = addonDefines();
  const key = createHash('sha256')
    .update(JSON.stringify({ defines, generator, version: WHISPER_VERSION, sourceDir }))
    .digest('hex');
  if (!force && existsSync(binary) && existsSync(statusFile)) {
    try {
      const previous = JSON.parse(readFileSync(statusFile, 'utf8'));
      if (previous.ok && previous.key === key) {
        say(`up to date: ${relative(root, binary)}`);
        return;
      }
    } catch {
      // rebuild
    }
  }

  const jobs = Math.max(1, availableParallelism());
  const flags = Object.entries(defines).map(([name, value]) => `-D${name}=${value}`);
  say(
    `building whisper-cli (whisper.cpp ${WHISPER_VERSION}) with ${cmake}, ${compilerVersion}, ` +
      `${generator ?? 'default generator'}, ${jobs} jobs: ${flags.join(' ')}`,
  );
  const started = Date.now();
  const run = (/** @type {string[]} */ args) =>
    spawnSync('cmake', args, {
      cwd: root,
      env: buildEnv(),
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: BUILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
  const configure = run([
    '-S',
    sourceDir,
    '-B',
    buildDir,
    ...(generator ? ['-G', generator] : []),
    ...flags,
  ]);
  if (configure.status !== 0) fail(2, `cmake configure failed (${configure.status})`);
  const build = run([
    '--build',
    buildDir,
    '--config',
    'Release',
    '--target',
    'whisper-cli',
    '--parallel',
    String(jobs),
  ]);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const built = [
    join(buildDir, 'bin', 'whisper-cli'),
    join(buildDir, 'bin', 'Release', 'whisper-cli.exe'),
    join(buildDir, 'bin', 'whisper-cli.exe'),
  ].find((file) => existsSync(file));
  if (build.status !== 0 || !built) fail(2, `the build failed (${build.status ?? build.signal})`);
  copyFileSync(built, binary);

  // Fairness check: the ggml options both builds ended up with.
  const cli = ggmlCache(join(buildDir, 'CMakeCache.txt')) ?? {};
  const addon = ggmlCache(addonCache);
  /** @type {Record<string, { addon: string | undefined, cli: string | undefined }>} */
  const ggmlCacheDiff = {};
  if (addon) {
    for (const name of new Set([...Object.keys(addon), ...Object.keys(cli)])) {
      if (name === 'GGML_BUILD_EXAMPLES') continue;
      if (addon[name] !== cli[name]) ggmlCacheDiff[name] = { addon: addon[name], cli: cli[name] };
    }
  }
  writeFileSync(
    statusFile,
    `${JSON.stringify(
      {
        ok: true,
        binary: relative(outDir, binary),
        whisperVersion: WHISPER_VERSION,
        source: relative(root, sourceDir),
        defines,
        generator: generator ?? null,
        compiler: compilerVersion,
        jobs,
        buildSeconds: seconds,
        addonCacheCompared: Boolean(addon),
        ggmlCacheDiff,
        key,
        at: new Date().toISOString(),
      },
      null,
      2,
    )}\n`,
  );
  const differences = Object.keys(ggmlCacheDiff);
  say(
    `built ${relative(root, binary)} in ${seconds} s; ` +
      (addon
        ? differences.length
          ? `WARNING: ggml options differ from the addon's: ${differences.join(', ')}`
          : "ggml options identical to the addon's build"
        : 'the addon has not been built (no CMake cache to compare)'),
  );
}

main();
