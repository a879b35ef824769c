import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INITIAL_PROMPT } from '../../electron/shared/settings';
import { toPersianDigits } from '../../electron/shared/text/normalize';
import {
  launchChromium,
  requireChromium,
  screenshot,
  seriousAxeViolations,
  signIn,
  signOut,
  startPreview,
  type AxeViolation,
  type Preview,
} from './support';

/**
 * Settings › Transcription and Settings › Models in Debian's Chromium against `npm run preview`
 * on the demo clinic, as the administrator: the spoken language changed to English and back (kept
 * after a reload), a refused chunk length named beside its field, the medical vocabulary reset to
 * its default; with the bundled manifest and no model files every model shows missing with what to
 * do, a damaged copy says what is wrong, and an import from a folder refuses a wrong file and lists
 * the other files. With `--test-speech` (a generated weightless model and its own manifest) the
 * model shows installed and in use, is checked again, and comes back through an import. Every
 * screen is photographed (test-results/screenshots) and scanned with axe-core.
 */
const ADMIN = { username: 'admin', password: 'Demo-Admin-1405' };
const DOCTOR = { username: 'dr.karimi', password: 'Demo-Doctor-1405' };
const exact = { exact: true } as const;

requireChromium();

const accessibility: Record<string, AxeViolation[]> = {};
const pageErrors: string[] = [];

/** One preview and one signed-in administrator's page. */
function session(extraArgs: readonly string[] = []) {
  const state = {} as { preview: Preview; browser: Browser; page: Page };
  beforeAll(async () => {
    state.preview = await startPreview({ demo: true, extraArgs });
    state.browser = await launchChromium();
    state.page = await state.browser.newPage({
      viewport: { width: 1280, height: 860 },
      locale: 'fa-IR',
    });
    state.page.on('pageerror', (error) => pageErrors.push(error.message));
    await state.page.goto(state.preview.url);
    await state.page.getByRole('heading', { name: 'ورود' }).waitFor({ timeout: 120_000 });
    await signIn(state.page, ADMIN.username, ADMIN.password);
    await state.page.getByRole('heading', { name: /^امروز/, level: 1 }).waitFor();
    await state.page.getByRole('link', { name: 'تنظیمات', ...exact }).click();
  }, 240_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.preview?.stop();
  });
  return state;
}

async function look(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  accessibility[name] = await seriousAxeViolations(page);
}

async function openSection(page: Page, tab: string, heading: string): Promise<void> {
  await page.getByRole('tab', { name: tab, ...exact }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
}

/** A model's row, found by its file name, whether its group is open or not. */
function modelRow(page: Page, fileName: string) {
  return page.locator('tbody tr').filter({ has: page.getByText(fileName, exact) });
}

describe('speech settings with the bundled manifest and no model files', () => {
  const s = session();
  const models = () => path.join(s.preview.dataDir, 'models');
  const spokenLanguage = () => s.page.getByRole('combobox', { name: 'زبان گفت‌وگو', ...exact });

  it('opens the transcription settings with Persian and the medical vocabulary', async () => {
    const { page } = s;
    await openSection(page, 'رونویسی', 'تنظیمات رونویسی');
    expect(new URL(page.url()).hash).toBe('#/settings/transcription');
    await expect(spokenLanguage().textContent()).resolves.toBe('فارسی');
    const prompt = page.getByRole('textbox', { name: 'واژه‌های پزشکی (متن راهنمای رونویسی)' });
    expect(await prompt.inputValue()).toBe(DEFAULT_INITIAL_PROMPT);
    await page
      .getByText(`${toPersianDigits(String(DEFAULT_INITIAL_PROMPT.length))} از ۱۰۰۰ نویسه`)
      .waitFor();
    expect(await page.getByRole('textbox', { name: 'طول هر بخش ضبط (ثانیه)' }).inputValue()).toBe(
      '۳۰',
    );
    await look(page, 'speech-transcription');
  });

  it('changes the spoken language to English and back, and keeps each choice', async () => {
    const { page } = s;
    const choose = async (language: string) => {
      await spokenLanguage().click();
      await page.getByRole('option', { name: language, ...exact }).click();
      await page.getByText('تغییرات هنوز ذخیره نشده است.').waitFor();
      await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
      await page.getByRole('status').getByText('تنظیمات رونویسی ذخیره شد.').waitFor();
    };
    await choose('انگلیسی');
    // A reload is a new connection and a new session: what shows now came from the database.
    await page.reload();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'تنظیمات رونویسی', level: 2 }).waitFor();
    await expect(spokenLanguage().textContent()).resolves.toBe('انگلیسی');
    await choose('فارسی');
    await page.reload();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'تنظیمات رونویسی', level: 2 }).waitFor();
    await expect(spokenLanguage().textContent()).resolves.toBe('فارسی');
  });

  it('names a refused chunk length beside its field, and resets the vocabulary', async () => {
    const { page } = s;
    const chunk = page.getByRole('textbox', { name: 'طول هر بخش ضبط (ثانیه)' });
    const prompt = page.getByRole('textbox', { name: 'واژه‌های پزشکی (متن راهنمای رونویسی)' });
    await chunk.fill('۳');
    await prompt.fill('فشار خون، متفورمین');
    await page.getByText('۱۸ از ۱۰۰۰ نویسه').waitFor();
    await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await page
      .getByRole('alert')
      .getByText('بعضی از تغییرات ذخیره نشد؛ مشکل هر کدام کنار همان خانه آمده است.')
      .waitFor();
    await expect(chunk.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText(/^مقدار واردشده معتبر نیست\. عددی از ۵ تا ۱۲۰/).waitFor();
    await look(page, 'speech-transcription-refused');

    // The vocabulary was saved; the default comes back with one press.
    await page.getByRole('button', { name: 'بازگرداندن متن پیش‌فرض', ...exact }).click();
    expect(await prompt.inputValue()).toBe(DEFAULT_INITIAL_PROMPT);
    await chunk.fill('۲۰');
    await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await page.getByRole('status').getByText('تنظیمات رونویسی ذخیره شد.').waitFor();
    await expect(chunk.getAttribute('aria-invalid')).resolves.toBe('false');
    expect(await chunk.inputValue()).toBe('۲۰');
  });

  it('shows every model missing, with the hardware plan and what to do', async () => {
    const { page } = s;
    await openSection(page, 'مدل‌ها', 'مدل‌های گفتار');
    expect(new URL(page.url()).hash).toBe('#/settings/models');
    const banner = page.getByRole('alert').filter({ hasText: 'مدل گفتار نصب نیست' });
    await banner.waitFor();
    await banner.getByText(models(), exact).waitFor();
    await expect(banner.textContent()).resolves.toMatch(/فایل ggml-[\w.-]+\.bin را در پوشهٔ/);
    await page
      .getByText(/^[۰-۹]+ رشته پردازشی، (بدون GPU|با GPU \(\w+\)) — مدل پیشنهادی: [\w.-]+$/)
      .waitFor();
    await page.getByText('موتور رونویسی با نخستین ضبط راه‌اندازی می‌شود.').waitFor();

    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(35);
    expect(await rows.filter({ hasText: 'نصب نیست' }).count()).toBe(35);
    // Sizes in Persian digits and the units people read, with the build beside the file name.
    const small = modelRow(page, 'ggml-small-q5_1.bin');
    await expect(small.textContent()).resolves.toContain('۱۸۱ مگابایت');
    await expect(small.textContent()).resolves.toContain('۵ بیتی (q5_1)');
    await expect(small.textContent()).resolves.toContain(
      'فایل را در پوشهٔ برنامه بگذارید یا از یک پوشه وارد کنید.',
    );
    await expect(modelRow(page, 'ggml-large-v3-turbo.bin').textContent()).resolves.toContain(
      '۱٫۵ گیگابایت',
    );
    await expect(modelRow(page, 'ggml-silero-v6.2.0.bin').textContent()).resolves.toContain(
      '۸۶۴ کیلوبایت',
    );
    // The recommended model's group is open first; English-only models are folded away.
    const recommendedGroup = page.getByRole('button', { expanded: true }).filter({
      hasText: 'پیشنهادی',
    });
    await recommendedGroup.first().waitFor();
    const english = page.getByRole('button', { name: /^small\.en/ });
    await expect(english.getAttribute('aria-expanded')).resolves.toBe('false');
    await english.click();
    await page.getByRole('table', { name: 'نسخه‌های small.en', ...exact }).waitFor();
    await look(page, 'speech-models-missing');
  });

  it('says what is wrong with a damaged copy', async () => {
    const { page } = s;
    fs.mkdirSync(models(), { recursive: true });
    fs.writeFileSync(path.join(models(), 'ggml-base-q5_1.bin'), Buffer.alloc(2048, 1));
    await page.getByRole('button', { name: 'نگاه دوباره به پوشه‌ها', ...exact }).click();
    const row = modelRow(page, 'ggml-base-q5_1.bin');
    await row.getByText('آسیب‌دیده', exact).waitFor();
    await row.getByText('حجم فایل ۲ کیلوبایت است، نه ۵۷ مگابایت', { exact: false }).waitFor();
    await row.getByText(path.join(models(), 'ggml-base-q5_1.bin'), exact).waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'فایل مدل گفتار آسیب دیده است' });
    await banner.getByText('ggml-base-q5_1.bin', exact).waitFor();
    await look(page, 'speech-models-damaged');
  });

  it('imports from a folder: refuses a wrong file and leaves other files alone', async () => {
    const { page } = s;
    const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-usb-'));
    try {
      fs.mkdirSync(path.join(stick, 'whisper'));
      fs.writeFileSync(path.join(stick, 'whisper', 'ggml-tiny.bin'), Buffer.alloc(4096, 7));
      fs.writeFileSync(path.join(stick, 'readme.txt'), 'models for the clinic\n');
      const folder = page.getByRole('textbox', { name: 'پوشه', ...exact });

      await folder.fill(path.join(stick, 'not-there'));
      await page.getByRole('button', { name: 'وارد کردن', ...exact }).click();
      await page.getByText(`پوشه «${path.join(stick, 'not-there')}» خوانده نشد.`).waitFor();
      await expect(folder.getAttribute('aria-invalid')).resolves.toBe('true');

      await folder.fill(stick);
      await page.getByRole('button', { name: 'وارد کردن', ...exact }).click();
      const report = page.getByRole('status').filter({ hasText: 'نتیجهٔ وارد کردن از' });
      await report.getByText('پذیرفته نشد (۱)', exact).waitFor();
      await report.getByText('حجم فایل درست نیست', { exact: false }).waitFor();
      await report.getByText('فایل‌های دیگر، دست‌نخورده (۱)', exact).waitFor();
      await report.getByText('readme.txt', exact).waitFor();
      await report.getByText(stick, exact).waitFor();
      await look(page, 'speech-models-import-refused');
    } finally {
      fs.rmSync(stick, { recursive: true, force: true });
    }
  });

  it('reads left to right in English', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^حساب کاربری/ }).click();
    await page.getByRole('menuitem', { name: /^زبان/ }).click();
    await page.getByRole('heading', { name: 'Speech models', level: 2 }).waitFor();
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(['en', 'ltr']);
    await page
      .getByText(/^\d+ processing threads?, (no GPU|GPU \(\w+\)) — recommended model:/)
      .waitFor();
    await expect(modelRow(page, 'ggml-small-q5_1.bin').textContent()).resolves.toContain('181 MB');
    await look(page, 'speech-models-en');
    await openSection(page, 'Transcription', 'Transcription settings');
    await look(page, 'speech-transcription-en');
  });
});

describe('speech settings with the test model installed (--test-speech)', () => {
  const s = session(['--test-speech']);
  const file = 'ggml-test-tiny.bin';

  it('shows the test model installed and in use', async () => {
    const { page } = s;
    await openSection(page, 'مدل‌ها', 'مدل‌های گفتار');
    await page.getByText('رونویسی با مدل test-tiny انجام می‌شود.').waitFor();
    const row = modelRow(page, file);
    await row.getByText('نصب و سالم', exact).waitFor();
    await row.getByText('در حال استفاده', exact).waitFor();
    await row.getByText(path.join(s.preview.dataDir, 'models', file), exact).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await look(page, 'speech-models-test-installed');
  });

  it('checks the model again', async () => {
    const { page } = s;
    await page.getByRole('button', { name: `بررسی سلامت ${file}`, ...exact }).click();
    await page.getByRole('status').getByText(`${file} بررسی شد و سالم است.`).waitFor();
    await modelRow(page, file)
      .getByText(/^بررسی‌شده در /)
      .waitFor();
  });

  it('shows it missing once it is gone, and installs it again from a folder', async () => {
    const { page } = s;
    const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-usb-'));
    try {
      fs.renameSync(path.join(s.preview.dataDir, 'models', file), path.join(stick, file));
      await page.getByRole('button', { name: 'نگاه دوباره به پوشه‌ها', ...exact }).click();
      await modelRow(page, file).getByText('نصب نیست', exact).waitFor();
      await page.getByRole('alert').filter({ hasText: 'مدل گفتار نصب نیست' }).waitFor();

      await page.getByRole('textbox', { name: 'پوشه', ...exact }).fill(stick);
      await page.getByRole('button', { name: 'وارد کردن', ...exact }).click();
      const report = page.getByRole('status').filter({ hasText: 'نتیجهٔ وارد کردن از' });
      await report.getByText('وارد شد (۱)', exact).waitFor();
      await modelRow(page, file).getByText('نصب و سالم', exact).waitFor();
      await page.getByText('رونویسی با مدل test-tiny انجام می‌شود.').waitFor();
      await look(page, 'speech-models-test-imported');
    } finally {
      fs.rmSync(stick, { recursive: true, force: true });
    }
  });

  it('offers the installed model in the transcription settings', async () => {
    const { page } = s;
    await openSection(page, 'رونویسی', 'تنظیمات رونویسی');
    await page.getByRole('combobox', { name: 'مدل گفتار', ...exact }).click();
    await page.getByRole('option', { name: 'test-tiny', ...exact }).waitFor();
    await look(page, 'speech-transcription-model-menu');
    await page.keyboard.press('Escape');
  });

  it('lets a doctor see the models but change nothing', async () => {
    const { page } = s;
    await signOut(page);
    await signIn(page, DOCTOR.username, DOCTOR.password);
    await page.getByRole('button', { name: /^حساب کاربری/ }).waitFor();
    await page.getByRole('link', { name: 'تنظیمات', ...exact }).click();
    await openSection(page, 'مدل‌ها', 'مدل‌های گفتار');
    await page.getByText('فقط مدیر کلینیک می‌تواند مدل وارد یا بررسی کند.').waitFor();
    await modelRow(page, file).getByText('نصب و سالم', exact).waitFor();
    expect(await page.getByRole('button', { name: 'وارد کردن', ...exact }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `بررسی سلامت ${file}` }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'رونویسی', ...exact }).count()).toBe(0);
    await look(page, 'speech-models-doctor');
    // Typed into the address: the section is refused, not just left out of the tabs.
    await page.evaluate(() => (window.location.hash = '#/settings/transcription'));
    await page.getByText('اجازهٔ دیدن این بخش را ندارید').waitFor();
  });
});

describe('both previews', () => {
  it('had no serious or critical accessibility violations', () => {
    const problems = Object.entries(accessibility).flatMap(([screen, violations]) =>
      violations.map(
        (violation) =>
          `${screen}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.slice(0, 3).join(', ')}`,
      ),
    );
    expect(Object.keys(accessibility).length).toBeGreaterThanOrEqual(10);
    expect(problems).toEqual([]);
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
