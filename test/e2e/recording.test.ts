import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAsciiDigits } from '../../electron/shared/text/normalize';
import {
  launchChromium,
  requireChromium,
  screenshot,
  seriousAxeViolations,
  signIn,
  startPreview,
  walkInToConsultation,
  type AxeViolation,
  type Preview,
} from './support';

/**
 * The doctor's recording in Chromium against the demo clinic: Chromium's fake microphone plays
 * espeak-ng speech (generated here with ffmpeg), the real capture path runs (getUserMedia →
 * AudioWorklet → 16 kHz frames → the preview's audio socket → the core's encrypted chunks), and
 * the preview's test speech engine (a generated weightless whisper model: real work, empty text)
 * transcribes every 3-second chunk. Consent, the level meter, pause / resume / stop, the chunks and
 * their transcription are checked through the UI; every state is photographed and scanned with
 * axe-core. Then the preview is killed mid-recording and restarted on the same data: the doctor is
 * offered the interrupted recording after signing in, and resumes it — on a preview with no speech
 * model this time, where recording works all the same and transcription waits, saying why.
 */
const DOCTOR = { username: 'dr.karimi', password: 'Demo-Doctor-1405', name: 'دکتر مریم کریمی' };
/** Saturday 1405/09/28, 08:30 in Tehran. */
const CLOCK_START = '2026-12-19T05:00:00.000Z';
const CHUNK_SECONDS = 3;
const PREVIEW_ARGS = ['--chunk-seconds', String(CHUNK_SECONDS), '--test-speech'];
const SPEECH =
  'سلام خانم دکتر. از سه روز پیش سردرد دارم و دیشب تب داشتم. قرص استامینوفن خوردم ولی بهتر نشدم.';
const PATIENT = { first: 'رویا', last: 'کاظمی', phone: '09121110042' };
const run = promisify(execFile);

requireChromium();
for (const tool of ['ffmpeg', 'espeak-ng']) {
  const found = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .some((dir) => fs.existsSync(path.join(dir, tool)));
  if (!found) throw new Error(`${tool} is missing from PATH; .ci/run installs it.`);
}

/** Seconds shown by the recorder's timer (m:ss or h:mm:ss in Persian digits). */
function timerSeconds(text: string): number {
  const parts = toAsciiDigits(text.replace(/[\u2066-\u2069]/g, ''))
    .trim()
    .split(':')
    .map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

describe('recording a consultation in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let audioDir: string;
  let startedAt = 0;
  const accessibility: Record<string, AxeViolation[]> = {};
  const pageErrors: string[] = [];

  const look = async (name: string) => {
    await screenshot(page, name);
    accessibility[name] = await seriousAxeViolations(page);
  };
  const recorder = () => page.getByRole('region', { name: 'ضبط گفت‌وگو' });
  const timer = () => recorder().getByRole('timer');
  const meter = () => recorder().getByRole('meter', { name: 'سطح صدای میکروفون' });
  const meterValue = async () => Number(await meter().getAttribute('aria-valuenow'));
  const elapsed = async () => timerSeconds((await timer().textContent()) ?? '');
  const signInAsDoctor = async () => {
    await signIn(page, DOCTOR.username, DOCTOR.password);
    await page.getByRole('heading', { name: /^امروز/, level: 1 }).waitFor();
  };

  beforeAll(async () => {
    audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-e2e-mic-'));
    const speech = path.join(audioDir, 'speech.wav');
    const microphone = path.join(audioDir, 'microphone.wav');
    const { stdout: voices } = await run('espeak-ng', ['--voices=fa']);
    await run('espeak-ng', ['-v', /\sfa\s/.test(voices) ? 'fa' : 'en', '-w', speech, SPEECH]);
    // What the fake microphone plays, in a loop: the speech at 48 kHz, 16-bit mono, as a room
    // microphone would deliver it (the capture path resamples it to 16 kHz).
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      speech,
      '-ar',
      '48000',
      '-ac',
      '1',
      '-c:a',
      'pcm_s16le',
      microphone,
    ]);
    startedAt = Date.now();
    preview = await startPreview({ demo: true, clockStart: CLOCK_START, extraArgs: PREVIEW_ARGS });
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphone}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fa-IR' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'ورود' }).waitFor({ timeout: 120_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    if (audioDir) fs.rmSync(audioDir, { recursive: true, force: true });
  });

  it('takes the doctor from today’s queue to the visit’s consultation screen', async () => {
    await signInAsDoctor();
    await walkInToConsultation(page, PATIENT, DOCTOR.name);
  });

  it('asks for consent first: who, when and how', async () => {
    const consent = page.getByRole('region', { name: 'رضایت بیمار برای ضبط' });
    await consent.getByRole('radio', { name: 'شفاهی' }).waitFor();
    // No recorder before consent.
    expect(await recorder().count()).toBe(0);
    // The time defaults to now, in Persian digits.
    await expect
      .poll(() => consent.getByRole('textbox', { name: 'ساعت رضایت' }).inputValue())
      .toMatch(/^[۰-۹]{2}:[۰-۹]{2}$/);
    await consent.getByRole('radio', { name: 'کتبی' }).check();
    await consent.getByRole('radio', { name: 'ولی یا قیم' }).check();
    await consent
      .getByRole('textbox', { name: 'یادداشت (اختیاری)' })
      .fill('فرم رضایت را مادر بیمار امضا کرد.');
    await look('recording-consent');
    await consent.getByRole('button', { name: 'ثبت رضایت' }).click();
    await page.getByText(/^رضایت کتبی از ولی یا قیم، /).waitFor();
  });

  it('shows the microphone’s live level before recording', async () => {
    await recorder().waitFor();
    await recorder().getByRole('status').getByText('آمادهٔ ضبط').waitFor();
    // The fake microphone plays speech: the meter moves.
    await expect.poll(meterValue, { timeout: 15_000 }).toBeGreaterThan(-50);
    expect(await recorder().getByRole('combobox', { name: 'میکروفون' }).textContent()).toBeTruthy();
    await recorder()
      .getByText(/^فضای آزاد دیسک: [۰-۹٫,]+ (گیگابایت|مگابایت)$/)
      .waitFor();
  });

  it('remembers the microphone chosen on this workstation', async () => {
    const select = recorder().getByRole('combobox', { name: 'میکروفون' });
    expect(await select.textContent()).toBe('میکروفون پیش‌فرض سیستم');
    await select.click();
    const options = page.getByRole('listbox', { name: 'میکروفون' }).getByRole('option');
    const names = await options.allTextContents();
    expect(names[0]).toBe('میکروفون پیش‌فرض سیستم');
    expect(names.length).toBeGreaterThan(1);
    const chosen = names[1]!;
    await options.nth(1).click();
    await expect.poll(() => select.textContent()).toBe(chosen);
    await expect.poll(meterValue, { timeout: 15_000 }).toBeGreaterThan(-50);
    // A new page (and a new sign-in): the same microphone, and it works.
    const url = page.url();
    await page.reload();
    await signIn(page, DOCTOR.username, DOCTOR.password);
    expect(page.url()).toBe(url);
    await recorder().waitFor();
    await expect.poll(() => select.textContent()).toBe(chosen);
    await expect.poll(meterValue, { timeout: 15_000 }).toBeGreaterThan(-50);
  });

  it('records, pauses, resumes and stops; nothing is counted while paused', async () => {
    await recorder().getByRole('button', { name: 'شروع ضبط' }).click();
    await recorder().getByRole('status').getByText('در حال ضبط').waitFor();
    await expect.poll(elapsed, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await look('recording-live');

    await recorder().getByRole('button', { name: 'مکث' }).click();
    await recorder().getByRole('status').getByText('مکث').waitFor();
    const atPause = await elapsed();
    await page.waitForTimeout(2_000);
    expect(await elapsed()).toBe(atPause);
    // The meter still shows the microphone is alive while paused.
    await expect.poll(meterValue, { timeout: 10_000 }).toBeGreaterThan(-50);
    await look('recording-paused');

    await recorder().getByRole('button', { name: 'ادامهٔ ضبط' }).click();
    await recorder().getByRole('status').getByText('در حال ضبط').waitFor();
    await expect.poll(elapsed, { timeout: 15_000 }).toBeGreaterThanOrEqual(atPause + 5);
    await recorder().getByRole('button', { name: 'پایان ضبط' }).click();
    await recorder().getByRole('status').getByText('ضبط تمام شد').waitFor();
    const total = await elapsed();
    expect(total).toBeGreaterThanOrEqual(10);
    expect(total).toBeLessThanOrEqual(14);
  });

  it('stores the audio in chunks and transcribes every one of them', async () => {
    const panel = page.getByRole('region', { name: 'رونویسی' });
    const chunks = panel.locator('[data-chunk]');
    // 10–14 s in 3-second chunks.
    await expect.poll(() => chunks.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    const count = await chunks.count();
    const first = await chunks.first().textContent();
    expect(first).toContain('بخش ۱');
    expect(first).toContain('\u2066۰۰:۰۰\u2069 تا \u2066۰۰:۰۳\u2069');
    // The test engine transcribes each chunk (it hears nothing, so the text stays empty).
    await expect
      .poll(() => panel.locator('[data-status="completed"]').count(), { timeout: 120_000 })
      .toBe(count);
    await panel
      .getByText(new RegExp(`^${toPersian(count)} از ${toPersian(count)} بخش رونویسی شد`))
      .waitFor();
    await page.getByRole('region', { name: 'متن گفت‌وگو' }).waitFor();
    await look('recording-stopped');
    // On disk: one encrypted file per chunk. Speech PCM compresses well; ciphertext does not.
    const audioRoot = path.join(preview.dataDir, 'audio');
    const files = fs.readdirSync(audioRoot).flatMap((dir) =>
      fs
        .readdirSync(path.join(audioRoot, dir))
        .filter((name) => /^chunk-\d{6}\.bin$/.test(name))
        .map((name) => path.join(audioRoot, dir, name)),
    );
    expect(files).toHaveLength(count);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      expect(zlib.deflateRawSync(bytes).length / bytes.length).toBeGreaterThan(0.99);
    }
  });

  it('finds the recording a crash interrupted, resumes it, and records without a model', async () => {
    await recorder().getByRole('button', { name: 'ضبط تازه' }).click();
    await recorder().getByRole('status').getByText('در حال ضبط').waitFor();
    // Wait until some of it is on disk for sure (journaled and fsynced), then pull the plug.
    await recorder()
      .getByText(/^[۳-۹] ثانیه روی دیسک ذخیره شده است$/)
      .waitFor({ timeout: 20_000 });
    const saved = await elapsed();
    const dataDir = preview.dataDir;
    const killed = new Promise((resolve) => preview.process.once('exit', resolve));
    preview.process.kill('SIGKILL');
    await killed;
    // The same clinic, its clock a little after the crash — and this time without a speech
    // model: recording must work all the same, transcription waits and says why.
    preview = await startPreview({
      demo: true,
      dataDir,
      clockStart: new Date(
        Date.parse(CLOCK_START) + (Date.now() - startedAt) + 60_000,
      ).toISOString(),
      extraArgs: ['--chunk-seconds', String(CHUNK_SECONDS)],
    });
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'ورود' }).waitFor({ timeout: 120_000 });
    await signIn(page, DOCTOR.username, DOCTOR.password);
    const prompt = page.getByRole('dialog', { name: 'ضبط نیمه‌تمام' });
    const name = `${PATIENT.first} ${PATIENT.last}`;
    await prompt.getByText(name).waitFor();
    await prompt.getByText(/در [۰-۹]+ بخش$/).waitFor();
    await look('recording-interrupted');
    await prompt.getByRole('button', { name: `ادامهٔ ضبط — ${name}` }).click();
    await page.getByRole('heading', { name: `ضبط و رونویسی — ${name}`, level: 1 }).waitFor();
    // The restarted preview is a new origin, so the browser's id of the chosen microphone
    // changed: the system default takes over, and the doctor is told.
    await recorder()
      .getByText(/^میکروفون انتخاب‌شده وصل نیست/)
      .waitFor();
    // It carries on by itself: the time goes on from what was saved.
    await recorder().getByRole('status').getByText('در حال ضبط').waitFor({ timeout: 20_000 });
    const resumedAt = await elapsed();
    expect(resumedAt).toBeGreaterThanOrEqual(2);
    // The time shown before the kill lags the audio captured by up to one status poll (1 s) and
    // rounds down; the core's crash test measures the loss exactly (at most 2 s).
    expect(resumedAt).toBeLessThanOrEqual(saved + 2);
    await expect.poll(elapsed, { timeout: 15_000 }).toBeGreaterThanOrEqual(resumedAt + 4);
    await recorder().getByRole('button', { name: 'پایان ضبط' }).click();
    await recorder().getByRole('status').getByText('ضبط تمام شد').waitFor();
    const panel = page.getByRole('region', { name: 'رونویسی' });
    const chunks = panel.locator('[data-chunk]');
    await expect.poll(() => chunks.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // The chunks recorded since the restart wait for a model, and the doctor is told what to do.
    await panel.getByText(/^مدل گفتار نصب نشده است\. ضبط کار می‌کند و صدا محفوظ است/).waitFor();
    await expect
      .poll(() => panel.locator('[data-status="pending"]').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    await page.getByRole('region', { name: 'ضبط‌های این ویزیت' }).waitFor();
    await look('recording-resumed');
  });

  it('has no serious accessibility violations and no page errors', () => {
    expect(accessibility).toEqual(
      Object.fromEntries(Object.keys(accessibility).map((name) => [name, []])),
    );
    expect(pageErrors).toEqual([]);
  });
});

function toPersian(value: number): string {
  return String(value).replace(/\d/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!);
}
