import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scriptFromLines,
  writeBlockWav,
} from '../../electron/core/transcription/testing/scripted-weights';
import { CONSULTATION } from '../../electron/core/review/test-support';
import {
  root,
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
 * From a transcribed visit to a signed PDF, in Chromium against the demo clinic. The consultation
 * is imported as an audio file and transcribed by the preview's `--scripted-speech` ears (the one
 * stand-in: model weights cannot run here; the import, chunk store, queue and storage are real).
 * No language model is installed, so the extractors draft; the doctor changes a dose to one the
 * transcript does not support, sees the flag, keeps it, approves with the password, and the
 * signed report comes back as a PDF whose text pdftotext reads.
 */
const DOCTOR = { username: 'dr.karimi', password: 'Demo-Doctor-1405', name: 'دکتر مریم کریمی' };
/** Saturday 1405/09/28, 08:30 in Tehran. */
const CLOCK_START = '2026-12-19T05:00:00.000Z';
const PATIENT = { first: 'سارا', last: 'نیک‌نام', phone: '09121110077' };
const NAME = `${PATIENT.first} ${PATIENT.last}`;
const exact = { exact: true } as const;

requireChromium();

describe('SOAP report in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const accessibility: Record<string, AxeViolation[]> = {};
  const pageErrors: string[] = [];

  const look = async (name: string) => {
    await screenshot(page, name);
    accessibility[name] = await seriousAxeViolations(page);
  };
  const dialog = () => page.getByRole('dialog');

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-e2e-report-'));
    const script = scriptFromLines(CONSULTATION);
    const lines = path.join(workDir, 'consultation.json');
    fs.writeFileSync(lines, JSON.stringify(CONSULTATION));
    const audio = path.join(workDir, 'consultation.wav');
    writeBlockWav(audio, script.durationMs);
    // The preview answers the import's file dialog from this variable (read at each call).
    process.env['HELSSA_PREVIEW_PICK_AUDIO'] = audio;
    preview = await startPreview({
      demo: true,
      clockStart: CLOCK_START,
      extraArgs: ['--scripted-speech', lines, '--chunk-seconds', '5'],
    });
    delete process.env['HELSSA_PREVIEW_PICK_AUDIO'];
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fa-IR' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'ورود' }).waitFor({ timeout: 120_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('records consent and imports the consultation; the transcript appears', async () => {
    await signIn(page, DOCTOR.username, DOCTOR.password);
    await page.getByRole('heading', { name: /^امروز/, level: 1 }).waitFor();
    await walkInToConsultation(page, PATIENT, DOCTOR.name);
    const consent = page.getByRole('region', { name: 'رضایت بیمار برای ضبط' });
    await consent.getByRole('radio', { name: 'شفاهی' }).check();
    await consent.getByRole('button', { name: 'ثبت رضایت' }).click();
    await page.getByRole('button', { name: 'انتخاب فایل…' }).click();
    // Transcribed chunk by chunk; the last line is heard last.
    await page.getByText('در صورت تب').first().waitFor({ timeout: 90_000 });
    await page
      .getByText(/فشار خون ۱۲۰/)
      .first()
      .waitFor();
    await look('report-consultation-transcribed');
  }, 180_000);

  it('drafts the report from the transcript with the extractors, each item with its evidence', async () => {
    await page.getByRole('link', { name: `گزارش SOAP ویزیت ${NAME}` }).click();
    await page.getByRole('heading', { name: `گزارش SOAP — ${NAME}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'تهیهٔ پیش‌نویس', ...exact }).click();
    // No language model here: the dialog says the extractors will write it.
    await dialog().getByRole('button', { name: 'شروع تهیهٔ پیش‌نویس' }).click();
    const medications = page.getByRole('table', { name: 'داروها' });
    await medications.getByRole('cell', { name: 'Amoxicillin', ...exact }).waitFor({
      timeout: 60_000,
    });
    await medications.getByRole('cell', { name: 'Acetaminophen', ...exact }).waitFor();
    expect(await medications.getByRole('cell', { name: '500 mg', ...exact }).count()).toBe(2);
    const vitals = page.getByRole('table', { name: 'علائم حیاتی' });
    await vitals.getByText('فشار خون', exact).waitFor();
    // Evidence: the blood pressure's words in the transcript, one button per segment part.
    await page
      .getByRole('button', { name: /^نمایش در رونوشت: فشار خون ۱۲۰/ })
      .first()
      .click();
    await look('report-draft-extractors');
  }, 120_000);

  it('flags a dose the transcript does not support; approval waits until it is resolved', async () => {
    await page.getByRole('button', { name: 'ویرایش Amoxicillin' }).click();
    await dialog().getByRole('textbox', { name: 'مقدار مصرف (مثلاً 500 mg)' }).fill('250 mg');
    await dialog()
      .getByRole('button', { name: 'ذخیره', ...exact })
      .click();
    const flags = page.getByRole('region', { name: 'هشدارهای شواهد' });
    await flags.getByText('۱ مورد بدون پشتوانه در رونوشت').waitFor({ timeout: 20_000 });
    // Values are shown in bidi isolates (U+2068 … U+2069) inside the Persian sentence.
    await page
      .getByText(/«\u2068?250 mg\u2069?»: با رونوشت نمی‌خواند: شنیده‌شده «\u2068?500 mg\u2069?»/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'تأیید و امضا', ...exact }).isDisabled()).toBe(
      true,
    );
    await look('report-flagged');
    await page.getByRole('button', { name: 'نگه داشتن 250 mg همان‌طور که نوشته شده' }).click();
    await page.getByText('همهٔ هشدارهای شواهد بررسی شده است').waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'تأیید و امضا', ...exact }).isDisabled())
      .toBe(false);
  }, 60_000);

  it('approves with the password: a wrong one is refused, the right one signs and locks', async () => {
    await page.getByRole('button', { name: 'تأیید و امضا', ...exact }).click();
    await dialog()
      .getByLabel(/^گذرواژهٔ شما/)
      .fill('not-the-password');
    await dialog()
      .getByRole('button', { name: 'تأیید و امضا', ...exact })
      .click();
    await dialog().getByText('گذرواژه درست نیست؛ گزارش تأیید نشد.').waitFor();
    await look('report-approve-wrong-password');
    await dialog()
      .getByLabel(/^گذرواژهٔ شما/)
      .fill(DOCTOR.password);
    await dialog()
      .getByRole('button', { name: 'تأیید و امضا', ...exact })
      .click();
    await page.getByText('تأییدشده نسخهٔ ۱').first().waitFor({ timeout: 30_000 });
    // The fingerprint: 8 groups of 4 hex digits.
    await page
      .getByText(/([0-9A-F]{4} ){7}[0-9A-F]{4}/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'بررسی امضاها' }).click();
    await page.getByText(/همهٔ امضاها معتبرند/).waitFor();
    // Locked: no more drafting or editing.
    expect(await page.getByRole('button', { name: 'ویرایش Amoxicillin' }).count()).toBe(0);
    await look('report-approved');
  }, 60_000);

  it('gives the signed report as a PDF that opens, with every dose and number intact', async () => {
    await page
      .getByRole('group', { name: 'کارهای گزارش' })
      .getByRole('button', { name: 'PDF', ...exact })
      .click();
    const link = dialog().getByRole('link', { name: /^دانلود PDF \(report-.+\.pdf\)$/ });
    await link.waitFor({ timeout: 30_000 });
    // The viewer shows it in the dialog (Chromium's PDF viewer in an iframe on a blob: URL).
    await dialog().locator('iframe').waitFor();
    await look('report-pdf-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      '250 mg',
      '500 mg',
      'Amoxicillin',
      'Acetaminophen',
      '120/80',
      'Ed25519',
    ]) {
      expect(text).toContain(expected);
    }
    // Page 1 as a picture beside the screenshots, to look at.
    const pagePrefix = path.join(path.dirname(file), 'page');
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', file, pagePrefix]);
    const rendered = fs.readdirSync(workDir).find((name) => /^page-0*1\.png$/.test(name))!;
    fs.copyFileSync(
      path.join(workDir, rendered),
      path.join(root, 'test-results', 'screenshots', 'report-pdf-page-1.png'),
    );
  }, 60_000);

  it('had no page errors and no serious accessibility violations', () => {
    expect(pageErrors).toEqual([]);
    expect(Object.entries(accessibility).filter(([, violations]) => violations.length > 0)).toEqual(
      [],
    );
  });
});
