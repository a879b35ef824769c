// `npm start`: make sure Electron and an Electron build of better-sqlite3 are present, bundle the
// app with electron-vite, then launch it. Node built-ins only, so it runs before anything else works.
//
// node_modules/better-sqlite3 stays compiled for Node (tests and the CLI use it). The Electron
// build lives in a copy under .native/electron/better-sqlite3 (gitignored) and its path reaches the
// app through HELSSA_SQLITE_BINDING (read by electron/main/native-binding.ts).
//
// Exit codes: Electron's own code once it ran; otherwise
//   1  the Electron binary is missing and could not be downloaded
//   2  better-sqlite3 could not be built for Electron
//   3  electron-vite build failed
//   4  Electron could not be launched, or a package is missing from node_modules
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const EXIT_ELECTRON_MISSING = 1;
const EXIT_NATIVE_BUILD = 2;
const EXIT_BUNDLE = 3;
const EXIT_LAUNCH = 4;

const MINUTE = 60_000;
const ELECTRON_DOWNLOAD_TIMEOUT = 10 * MINUTE;
const PREBUILD_TIMEOUT = 5 * MINUTE;
const COMPILE_TIMEOUT = 20 * MINUTE;

const root = resolve(import.meta.dirname, '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const nativeRoot = join(root, '.native', 'electron');

/** @param {string} line */
function say(line) {
  console.log(`[start] ${line}`);
}

/**
 * Prints the reason in Persian and English and exits.
 * @param {number} code
 * @param {{ fa: string, en: string, hint?: string }} message
 * @returns {never}
 */
function fail(code, { fa, en, hint }) {
  console.error(`\n[start] خطا: ${fa}\n[start] Error: ${en}`);
  if (hint) console.error(`[start] ${hint}`);
  process.exit(code);
}

/**
 * Runs a command to completion with inherited output; returns a failure description or undefined.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeout?: number, env?: NodeJS.ProcessEnv }} options
 * @returns {string | undefined}
 */
function run(command, args, { cwd, timeout, env }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: 'inherit',
    timeout,
    killSignal: 'SIGKILL',
  });
  if (result.error) {
    const code = /** @type {NodeJS.ErrnoException} */ (result.error).code;
    return code === 'ETIMEDOUT' && timeout
      ? `timed out after ${Math.round(timeout / 1000)} s`
      : result.error.message;
  }
  if (result.signal) return `killed by ${result.signal}`;
  if (result.status !== 0) return `exit code ${result.status}`;
  return undefined;
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** @param {string} name a package in node_modules */
function packageDir(name) {
  try {
    return dirname(requireFromRoot.resolve(`${name}/package.json`));
  } catch {
    return fail(EXIT_LAUNCH, {
      fa: `بستهٔ ${name} در node_modules نیست.`,
      en: `The package ${name} is not in node_modules.`,
      hint: 'Run "npm install" first.',
    });
  }
}

/**
 * Environment for native builds: npm passes its config to scripts as npm_config_* variables, and a
 * global nodedir/target/runtime/arch would make node-gyp or prebuild-install build for the wrong
 * runtime. The values this script needs are passed as arguments instead.
 */
function nativeBuildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source)$/i.test(
        key,
      )
    ) {
      delete env[key];
    }
  }
  return env;
}

// --- (a) The Electron binary ----------------------------------------------------------------------

/** @returns {{ executable: string, version: string }} */
function ensureElectron() {
  const electronDir = packageDir('electron');
  const { version } = readJson(join(electronDir, 'package.json'));

  // Same checks as node_modules/electron/install.js: path.txt, the executable, dist/version.
  const installed = () => {
    const pathTxt = join(electronDir, 'path.txt');
    if (!existsSync(pathTxt)) return undefined;
    const executable = join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    const versionFile = join(electronDir, 'dist', 'version');
    if (!existsSync(executable) || !existsSync(versionFile)) return undefined;
    return readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') === version
      ? executable
      : undefined;
  };

  let executable = installed();
  if (!executable) {
    say(
      `Electron ${version} binary not found; downloading it (node_modules/electron/install.js)...`,
    );
    const failure = run(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      timeout: ELECTRON_DOWNLOAD_TIMEOUT,
    });
    executable = failure ? undefined : installed();
    if (!executable) {
      fail(EXIT_ELECTRON_MISSING, {
        fa: `فایل اجرایی Electron نسخهٔ ${version} دانلود نشد (${failure ?? 'پس از دانلود پیدا نشد'}). اتصال اینترنت را بررسی کنید.`,
        en: `The Electron ${version} binary could not be downloaded (${failure ?? 'not found after the download'}). Check the internet connection.`,
        hint:
          'Behind a filter, set ELECTRON_MIRROR to a reachable mirror; offline, put ' +
          `electron-v${version}-${process.platform}-${process.arch}.zip in the Electron cache ` +
          '(electron_config_cache); then run "npm start" again.',
      });
    }
  }
  return { executable, version };
}

// --- (b) better-sqlite3 for Electron's ABI --------------------------------------------------------

/**
 * @param {string} electronVersion
 * @returns {string} absolute path of the Electron build of better_sqlite3.node
 */
function ensureElectronSqlite(electronVersion) {
  const sourceDir = packageDir('better-sqlite3');
  const { version: sqliteVersion } = readJson(join(sourceDir, 'package.json'));
  const targetDir = join(nativeRoot, 'better-sqlite3');
  const binding = join(targetDir, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = join(targetDir, '.helssa-electron-build.json');
  const stamp = {
    electron: electronVersion,
    betterSqlite3: sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  };

  if (existsSync(binding) && existsSync(stampFile)) {
    const recorded = readJson(stampFile);
    if (Object.entries(stamp).every(([key, value]) => recorded[key] === value)) return binding;
  }

  say(
    `Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.arch}) in ${relative(root, targetDir)}...`,
  );
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(targetDir, { recursive: true });
  // Sources only: the Node build in build/ stays where it is.
  const skip = join(sourceDir, 'build');
  cpSync(sourceDir, targetDir, {
    recursive: true,
    filter: (path) => path !== skip && !path.startsWith(skip + sep),
  });

  const env = nativeBuildEnv();
  const arch = process.arch;

  // Prebuilt binary first (the same download better-sqlite3's own install does, for Electron).
  const prebuildInstall = createRequire(join(sourceDir, 'package.json')).resolve(
    'prebuild-install/bin.js',
  );
  let failure = run(
    process.execPath,
    [
      prebuildInstall,
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      arch,
      '--verbose',
    ],
    { cwd: targetDir, timeout: PREBUILD_TIMEOUT, env },
  );

  if (failure || !existsSync(binding)) {
    say(
      `No prebuilt binary (${failure ?? 'nothing installed'}); compiling with node-gyp against Electron's headers...`,
    );
    const nodeGyp = nodeGypScript();
    failure = nodeGyp
      ? run(
          process.execPath,
          [
            nodeGyp,
            'rebuild',
            '--release',
            '--runtime=electron',
            `--target=${electronVersion}`,
            `--arch=${arch}`,
            '--dist-url=https://electronjs.org/headers',
          ],
          { cwd: targetDir, timeout: COMPILE_TIMEOUT, env },
        )
      : 'node-gyp is not installed';
  }

  if (failure || !existsSync(binding)) {
    fail(EXIT_NATIVE_BUILD, {
      fa: `better-sqlite3 برای Electron ساخته نشد (${failure ?? 'فایل خروجی پیدا نشد'}).`,
      en: `better-sqlite3 could not be built for Electron (${failure ?? 'no output file'}).`,
      hint:
        'The prebuilt binary comes from GitHub; compiling needs internet for the Electron headers, ' +
        'Python and a C++ toolchain (see node-gyp). node_modules was not changed.',
    });
  }
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  return binding;
}

/** node-gyp from node_modules, else the copy npm bundles (npm tells scripts where it is). */
function nodeGypScript() {
  try {
    return requireFromRoot.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const fromNpm = process.env['npm_config_node_gyp'];
    return fromNpm && existsSync(fromNpm) ? fromNpm : undefined;
  }
}

// --- (c) Bundle and launch ------------------------------------------------------------------------

function bundle() {
  const electronVite = join(packageDir('electron-vite'), 'bin', 'electron-vite.js');
  say('Bundling with electron-vite...');
  const failure = run(process.execPath, [electronVite, 'build'], { cwd: root });
  if (failure) {
    fail(EXIT_BUNDLE, {
      fa: `ساخت برنامه با electron-vite ناموفق بود (${failure}).`,
      en: `electron-vite build failed (${failure}).`,
    });
  }
}

/**
 * @param {string} executable
 * @param {string} sqliteBinding
 */
function launch(executable, sqliteBinding) {
  const env = { ...process.env, HELSSA_SQLITE_BINDING: sqliteBinding };
  // Set by some editors' terminals; it would make Electron run as plain Node.
  delete env['ELECTRON_RUN_AS_NODE'];
  say('Starting Electron...');
  const result = spawnSync(executable, ['.'], { cwd: root, env, stdio: 'inherit' });
  if (result.error) {
    fail(EXIT_LAUNCH, {
      fa: `Electron اجرا نشد (${result.error.message}).`,
      en: `Electron could not be started (${result.error.message}).`,
    });
  }
  if (result.signal) {
    console.error(`[start] Electron exited on signal ${result.signal}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

const electron = ensureElectron();
const sqliteBinding = ensureElectronSqlite(electron.version);
bundle();
launch(electron.executable, sqliteBinding);
