// `npm run build:speech` (and `postinstall`): compile the speech-engine addon
// (electron/engine/addon, a Node-API module over whisper.cpp) with cmake-js into .native/speech/.
// Node built-ins only, so it runs right after `npm ci`.
//
// The whisper.cpp source is the copy that the exact-pinned devDependency nodejs-whisper carries in
// cpp/whisper.cpp/; it is a build-time input only (the compiled .node file is what ships). The
// build refuses any source that is not whisper.cpp 1.9.1.
//
// Output (gitignored):
//   .native/speech/speech_engine.node   the addon, built for this machine's CPU (GGML_NATIVE)
//   .native/speech/status.json          { ok, reason?, ... } read by electron/engine/speech
//   .native/speech/build/               cmake-js build tree (incremental rebuilds)
//
// Flags:
//   --optional  never fail: on any problem print a warning, record it in status.json, exit 0
//               (postinstall uses this so `npm ci` succeeds on a machine without a compiler)
//   --force     rebuild even when status.json says the current build is up to date
//   --release   release-style CPU dispatch instead of the host CPU: GGML_NATIVE=OFF,
//               GGML_BACKEND_DL=ON, GGML_CPU_ALL_VARIANTS=ON (ggml then builds one CPU backend per
//               instruction-set level as shared libraries beside the .node file; not used by CI yet)
// Environment: HELSSA_SKIP_SPEECH_BUILD=1 skips the build (recorded as unavailable).
//
// Exit codes (without --optional): 0 built or up to date, 1 cannot build (tool or source missing),
// 2 the build failed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import {
  SOURCE_PACKAGE,
  SOURCE_PACKAGE_VERSION,
  WHISPER_VERSION,
  buildEnv,
  locateWhisperSource,
  probe,
} from './whisper-source.mjs';

const BUILD_TIMEOUT_MS = 45 * 60_000;

const root = resolve(import.meta.dirname, '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const addonDir = join(root, 'electron', 'engine', 'addon');
const outDir = join(root, '.native', 'speech');
const buildDir = join(outDir, 'build');
const binding = join(outDir, 'speech_engine.node');
const statusFile = join(outDir, 'status.json');

const args = new Set(process.argv.slice(2));
const optional = args.has('--optional');
const force = args.has('--force');
const release = args.has('--release');

const EXIT_CANNOT_BUILD = 1;
const EXIT_BUILD_FAILED = 2;

/** @param {string} line */
function say(line) {
  console.log(`[speech] ${line}`);
}

/** @param {Record<string, unknown>} status */
function writeStatus(status) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(statusFile, `${JSON.stringify(status, null, 2)}\n`);
}

/**
 * Records why the addon is unavailable, warns, and exits (0 with --optional).
 * @param {number} code
 * @param {string} reason
 * @returns {never}
 */
function unavailable(code, reason) {
  // No stale addon beside a failed status: what is there is what the status says.
  rmSync(binding, { force: true });
  writeStatus({ ok: false, reason, at: new Date().toISOString() });
  const banner = optional ? 'WARNING' : 'ERROR';
  console.error(`\n[speech] ${banner}: the speech engine was not built: ${reason}`);
  console.error(
    '[speech] Transcription is unavailable until it is built (`npm run build:speech` needs cmake and a C++17 compiler).',
  );
  process.exit(optional ? 0 : code);
}

/** The whisper.cpp tree inside the pinned nodejs-whisper package, with its version checked. */
function whisperSource() {
  const located = locateWhisperSource(root);
  return located.ok ? located.sourceDir : unavailable(EXIT_CANNOT_BUILD, located.reason);
}

/** Hash of everything that decides the build's output. */
function buildKey(/** @type {Record<string, string>} */ defines) {
  const hash = createHash('sha256');
  for (const name of readdirSync(addonDir).sort()) {
    hash.update(name).update(readFileSync(join(addonDir, name)));
  }
  hash.update(JSON.stringify({ defines, node: process.versions.modules, arch: process.arch }));
  hash.update(WHISPER_VERSION);
  return hash.digest('hex');
}

function main() {
  if (process.env['HELSSA_SKIP_SPEECH_BUILD']) {
    unavailable(EXIT_CANNOT_BUILD, 'skipped (HELSSA_SKIP_SPEECH_BUILD is set)');
  }
  const sourceDir = whisperSource();

  const cmake = probe('cmake', ['--version']);
  if (!cmake) unavailable(EXIT_CANNOT_BUILD, 'cmake is not installed (or not on PATH)');
  const compiler = process.env['CXX'] ?? (process.platform === 'win32' ? 'cl' : 'c++');
  const compilerVersion = process.platform === 'win32' ? 'msvc' : probe(compiler, ['--version']);
  if (!compilerVersion) unavailable(EXIT_CANNOT_BUILD, `no C++ compiler (${compiler}) found`);

  /** @type {Record<string, string>} */
  const defines = release
    ? { GGML_NATIVE: 'OFF', GGML_BACKEND_DL: 'ON', GGML_CPU_ALL_VARIANTS: 'ON' }
    : { GGML_NATIVE: 'ON' };
  const key = buildKey(defines);

  if (!force && existsSync(binding) && existsSync(statusFile)) {
    try {
      const previous = JSON.parse(readFileSync(statusFile, 'utf8'));
      if (previous.ok && previous.key === key) {
        say(`up to date: ${relative(root, binding)} (whisper.cpp ${WHISPER_VERSION})`);
        return;
      }
    } catch {
      // rebuild
    }
  }

  let cmakeJs;
  try {
    cmakeJs = join(dirname(requireFromRoot.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
  } catch {
    unavailable(EXIT_CANNOT_BUILD, 'cmake-js is not in node_modules; run "npm ci"');
  }

  const jobs = Math.max(1, availableParallelism());
  say(
    `building whisper.cpp ${WHISPER_VERSION} + addon with ${cmake} and ${compilerVersion} ` +
      `(${Object.entries(defines)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ')}, ${jobs} jobs); this takes a few minutes...`,
  );
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      cmakeJs,
      'build',
      '--directory',
      addonDir,
      '--out',
      buildDir,
      '--config',
      'Release',
      '--parallel',
      String(jobs),
      `--CDWHISPER_SOURCE_DIR=${sourceDir}`,
      ...Object.entries(defines).map(([name, value]) => `--CD${name}=${value}`),
    ],
    {
      cwd: root,
      env: buildEnv(),
      stdio: 'inherit',
      timeout: BUILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    },
  );
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const failure = result.error
    ? result.error.message
    : result.signal
      ? `killed by ${result.signal}`
      : result.status !== 0
        ? `cmake-js exited with ${result.status}`
        : undefined;
  const built = join(buildDir, 'Release', 'speech_engine.node');
  if (failure || !existsSync(built)) {
    unavailable(
      EXIT_BUILD_FAILED,
      `the build failed (${failure ?? 'no speech_engine.node produced'})`,
    );
  }
  copyFileSync(built, binding);
  // With GGML_BACKEND_DL the CPU variants are shared libraries that must sit beside the addon.
  if (release) {
    const libDir = join(buildDir, 'bin');
    if (existsSync(libDir)) {
      for (const name of readdirSync(libDir)) {
        if (/\.(so|dylib|dll)$/.test(name)) copyFileSync(join(libDir, name), join(outDir, name));
      }
    }
  }
  writeStatus({
    ok: true,
    binding: relative(outDir, binding),
    whisperVersion: WHISPER_VERSION,
    source: `${SOURCE_PACKAGE}@${SOURCE_PACKAGE_VERSION}/cpp/whisper.cpp`,
    defines,
    buildSeconds: seconds,
    key,
    at: new Date().toISOString(),
  });
  say(`built ${relative(root, binding)} in ${seconds} s`);
}

main();
