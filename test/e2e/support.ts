import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * End-to-end support: the real `npm run preview` (the core and the contract handlers behind the
 * WebSocket bridge) on a fresh temporary data folder, driven in Debian's Chromium.
 */
export const root = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env['HELSSA_CHROMIUM'] ?? '/usr/bin/chromium';
export const screenshotDir = path.join(root, 'test-results', 'screenshots');

export interface Preview {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Moves the core's clock forward (the preview's --test-clock). */
  advanceClock(milliseconds: number): Promise<void>;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  /** Seed the demo clinic (users, patients, hours, a week of visits) instead of first-run setup. */
  readonly demo?: boolean;
  /** The ISO instant the core's clock starts from. */
  readonly clockStart?: string;
  /** More preview options (e.g. `--chunk-seconds 3`, `--test-speech`). */
  readonly extraArgs?: readonly string[];
  /** Reopen this data folder (one a stopped or killed preview left) instead of a new one. */
  readonly dataDir?: string;
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-e2e-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/preview/server.ts',
      ...(options.demo ? [] : ['--fresh']),
      ...(options.clockStart ? ['--clock-start', options.clockStart] : []),
      ...(options.extraArgs ?? []),
      '--test-clock',
      '--data-dir',
      dataDir,
      // Each run builds its own renderer: test files run side by side.
      '--renderer-dir',
      `${dataDir}-renderer`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = await new Promise<{ url: string; origin: string; token: string }>(
    (resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((l) => l.startsWith('HELSSA_PREVIEW '));
        if (line) resolve(JSON.parse(line.slice('HELSSA_PREVIEW '.length)) as never);
      });
      child.on('exit', (code) => reject(new Error(`preview exited (${code}):\n${stderr}`)));
    },
  );
  return {
    ...started,
    dataDir,
    process: child,
    async advanceClock(milliseconds) {
      const response = await fetch(`${started.origin}/__preview/clock`, {
        method: 'POST',
        headers: { 'x-preview-token': started.token, 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: milliseconds }),
      });
      if (!response.ok) throw new Error(`clock: ${response.status}`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-renderer`, { recursive: true, force: true });
    },
  };
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** `extraArgs`: more Chromium switches (e.g. a fake microphone playing a file). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  // Flags as on this machine's closed network: no background connections, a fresh profile.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** The e2e files refuse to run (rather than skip) without Chromium. */
export function requireChromium(): void {
  if (!chromiumAvailable()) {
    throw new Error(
      'Chromium is missing (/usr/bin/chromium); .ci/run installs the chromium package.',
    );
  }
}

/** Fills in and sends the Persian sign-in form. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'نام کاربری', exact: true }).fill(username);
  await page.getByLabel(/^گذرواژه/).fill(password);
  await page.getByRole('button', { name: 'ورود', exact: true }).click();
}

/**
 * From Today: a walk-in patient registered in place and queued for `doctorName`, the visit
 * started, and its consultation screen opened.
 */
export async function walkInToConsultation(
  page: Page,
  patient: { readonly first: string; readonly last: string; readonly phone: string },
  doctorName: string,
): Promise<void> {
  const exact = { exact: true } as const;
  const dialog = page.getByRole('dialog');
  const name = `${patient.first} ${patient.last}`;
  await page.getByRole('button', { name: 'بیمار بدون نوبت' }).click();
  await dialog.getByRole('button', { name: 'بیمار جدید' }).click();
  await dialog.getByRole('textbox', { name: 'نام', ...exact }).fill(patient.first);
  await dialog.getByRole('textbox', { name: 'نام خانوادگی', ...exact }).fill(patient.last);
  await dialog.getByRole('textbox', { name: 'شمارهٔ تلفن', ...exact }).fill(patient.phone);
  await dialog.getByRole('button', { name: 'ثبت و انتخاب' }).click();
  await expect.poll(() => dialog.getByRole('combobox', { name: 'بیمار' }).inputValue()).toBe(name);
  await dialog.getByRole('combobox', { name: 'پزشک' }).click();
  await page.getByRole('option', { name: doctorName }).click();
  await dialog.getByRole('button', { name: 'افزودن به صف' }).click();
  const queue = page.getByRole('region', { name: doctorName });
  await queue.getByRole('button', { name: `شروع ویزیت ${name}` }).click();
  await queue
    .getByRole('region', { name: 'نزد پزشک' })
    .getByRole('link', { name: `ضبط و رونویسی ویزیت ${name}` })
    .click();
  await page.getByRole('heading', { name: `ضبط و رونویسی — ${name}`, level: 1 }).waitFor();
}

/** Signs out from the account menu and waits for the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^حساب کاربری/ }).click();
  await page.getByRole('menuitem', { name: 'خروج' }).click();
  await page.getByRole('heading', { name: 'ورود' }).waitFor();
}

/**
 * Lets transitions end (a tab indicator sliding, a label floating up) before a picture; a
 * spinner's endless animation is not waited for, nor anything past two seconds.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
}

let shotNumber = 0;
/**
 * Saves a full-page screenshot as test-results/screenshots/NN-name.png, once transitions have
 * ended, and returns its path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settleAnimations(page);
  fs.mkdirSync(screenshotDir, { recursive: true });
  shotNumber += 1;
  const file = path.join(screenshotDir, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  // A full-page capture of a scrolled page draws the fixed top bar where the viewport was.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy (rightly) refuses an
  // injected <script>, and the test must not loosen it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}
