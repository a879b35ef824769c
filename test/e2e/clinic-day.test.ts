import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * A first day at a clinic, in Debian's Chromium against `npm run preview` (the real core and
 * contract handlers behind the WebSocket bridge) on a fresh data folder: first-run setup,
 * sign-in, registering a patient with a Persian name, finding them, a wrong national ID, a user
 * locked out after five wrong passwords, the auto-lock, and the access log that recorded it all.
 * Every screen is photographed (test-results/screenshots) and scanned with axe-core.
 */
const ADMIN = { username: 'admin', password: 'Modir-e Azmayesh 1405', name: 'دکتر سارا مدیری' };
const STAFF = { username: 'monshi', password: 'Monshi-e Klinik 1405', name: 'زهرا پذیرشی' };
const PATIENT = {
  firstName: 'شهرزاد',
  lastName: 'پرنیان‌مهر',
  nationalId: '0499370899',
  phone: '09121234567',
};
const CHECKSUM_ERROR = 'این کد ملی معتبر نیست (رقم کنترل آن درست نیست). لطفاً دوباره بررسی کنید.';

const exact = { exact: true } as const;

requireChromium();

describe('a clinic day in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  const accessibility: Record<string, AxeViolation[]> = {};
  const pageErrors: string[] = [];

  const look = async (name: string) => {
    await screenshot(page, name);
    accessibility[name] = await seriousAxeViolations(page);
  };

  beforeAll(async () => {
    preview = await startPreview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'fa-IR' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(preview.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('sets up the clinic on first run, in Persian, right to left', async () => {
    await page.getByRole('heading', { name: 'راه‌اندازی کلینیک' }).waitFor();
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(['fa', 'rtl']);
    await look('setup');
    await page.getByRole('textbox', { name: 'نام کلینیک', ...exact }).fill('کلینیک آزمایشی شفا');
    await page.getByRole('textbox', { name: 'نام و نام خانوادگی', ...exact }).fill(ADMIN.name);
    await page
      .getByRole('textbox', { name: 'نام کاربری (حروف لاتین)', ...exact })
      .fill(ADMIN.username);
    await page.getByLabel(/^گذرواژه/).fill(ADMIN.password);
    await page.getByLabel(/^تکرار گذرواژه/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'راه‌اندازی', ...exact }).click();
    await page.getByText('کلینیک راه‌اندازی شد. اکنون با حساب مدیر وارد شوید.').waitFor();
  });

  it('signs the administrator in', async () => {
    await look('login');
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'امروز', level: 1 }).waitFor();
    await page.getByText('کلینیک آزمایشی شفا').first().waitFor();
    await look('today');
  });

  it('registers a patient with a Persian name and a Jalali birth date', async () => {
    await page.getByRole('link', { name: 'بیماران', ...exact }).click();
    await page.getByRole('searchbox', { name: 'جست‌وجوی بیمار' }).waitFor();
    await look('patients-empty-search');
    await page.getByRole('link', { name: 'بیمار جدید' }).click();
    await page.getByRole('textbox', { name: 'نام', ...exact }).fill(PATIENT.firstName);
    await page.getByRole('textbox', { name: 'نام خانوادگی', ...exact }).fill(PATIENT.lastName);
    await page.getByRole('textbox', { name: 'کد ملی', ...exact }).fill(PATIENT.nationalId);
    await page.getByRole('textbox', { name: 'شمارهٔ تلفن', ...exact }).fill(PATIENT.phone);
    await page.getByRole('spinbutton', { name: 'سال' }).click();
    await page.keyboard.type('13700512');
    await look('patient-form');
    await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await page.getByText('پروندهٔ بیمار ثبت شد.').waitFor();
    await page
      .getByRole('heading', { name: new RegExp(PATIENT.firstName) })
      .first()
      .waitFor();
    // The Jalali birth date reads back in Persian digits.
    await page.getByText('۱۳۷۰/۰۵/۱۲').first().waitFor();
    await look('patient-page');
  });

  it('finds the patient by a name prefix and by national ID', async () => {
    await page.getByRole('link', { name: 'بیماران', ...exact }).click();
    const search = page.getByRole('searchbox', { name: 'جست‌وجوی بیمار' });
    const results = page.getByRole('table', { name: 'نتایج جست‌وجوی بیمار' });
    await search.fill('شهرز');
    await results.getByText(PATIENT.firstName, { exact: false }).first().waitFor();
    await look('search-by-prefix');
    // Clear first, so the result below can only come from the national-ID search.
    await search.fill('');
    await results.waitFor({ state: 'hidden' });
    await search.fill('۰۴۹۹۳۷۰۸۹۹');
    await results.getByText(PATIENT.lastName, { exact: false }).first().waitFor();
    await look('search-by-national-id');
  });

  it('shows the Persian message for a wrong national ID, under the field', async () => {
    await page.getByRole('link', { name: 'بیمار جدید' }).click();
    await page.getByRole('textbox', { name: 'نام', ...exact }).fill('رضا');
    await page.getByRole('textbox', { name: 'نام خانوادگی', ...exact }).fill('پاکزاد');
    await page.getByRole('textbox', { name: 'کد ملی', ...exact }).fill('0499370898');
    await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await page.getByText(CHECKSUM_ERROR).waitFor();
    await look('wrong-national-id');
    await page.getByRole('link', { name: 'انصراف' }).click();
  });

  it('adds a receptionist account', async () => {
    await page.getByRole('link', { name: 'تنظیمات', ...exact }).click();
    await page.getByRole('tab', { name: 'کاربران' }).click();
    await page.getByRole('button', { name: 'افزودن کاربر' }).click();
    const dialog = page.getByRole('dialog', { name: 'افزودن کاربر' });
    await dialog
      .getByRole('textbox', { name: 'نام کاربری (حروف لاتین)', ...exact })
      .fill(STAFF.username);
    await dialog.getByRole('textbox', { name: 'نام و نام خانوادگی', ...exact }).fill(STAFF.name);
    await dialog.getByRole('combobox', { name: 'نقش' }).click();
    await page.getByRole('option', { name: 'کارمند پذیرش' }).click();
    await dialog.getByLabel(/^گذرواژه/).fill(STAFF.password);
    await dialog.getByLabel(/^تکرار گذرواژه/).fill(STAFF.password);
    await dialog.getByRole('button', { name: 'افزودن', ...exact }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'فهرست کاربران' }).getByText(STAFF.name).waitFor();
    await look('users');
  });

  it('locks an account after five wrong passwords', async () => {
    await signOut(page);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, STAFF.username, `wrong password ${attempt}`);
      const expected = attempt < 5 ? 'نام کاربری یا گذرواژه نادرست است.' : /قفل شده است/;
      await page.getByRole('alert').getByText(expected).waitFor();
    }
    // Even the right password is refused while the account is locked.
    await signIn(page, STAFF.username, STAFF.password);
    await page
      .getByRole('alert')
      .getByText(/قفل شده است/)
      .waitFor();
    await look('account-locked');
  });

  it('locks an idle session and reopens it with the same password', async () => {
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'امروز', ...exact }).click();
    await page.getByRole('heading', { name: 'امروز', level: 1 }).waitFor();
    // Eleven minutes pass on the core's clock (the default auto-lock is ten).
    await preview.advanceClock(11 * 60_000);
    await page.getByRole('heading', { name: 'صفحه قفل است' }).waitFor({ timeout: 20_000 });
    await look('auto-locked');
    await page.getByLabel(/^گذرواژه/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'باز کردن', ...exact }).click();
    await page.getByRole('heading', { name: 'امروز', level: 1 }).waitFor();
  });

  it('shows every step in the access log', async () => {
    await page.getByRole('link', { name: 'گزارش دسترسی', ...exact }).click();
    const log = page.getByRole('table', { name: 'رویدادهای گزارش دسترسی' });
    await log.waitFor();
    for (const action of ['ورود ناموفق', 'ورود', 'ایجاد', 'جست‌وجو']) {
      await log.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
    // Both searches (name prefix and national ID) are on record, without their queries.
    expect(
      await log.getByRole('cell', { name: 'جست‌وجو', exact: true }).count(),
    ).toBeGreaterThanOrEqual(2);
    expect(await log.textContent()).not.toContain('شهرز');
    await log
      .getByText(/حساب قفل شد|قفل/)
      .first()
      .waitFor();
    await look('access-log');
    await page.getByRole('tab', { name: 'درستی زنجیره' }).click();
    await page.getByRole('button', { name: 'بررسی زنجیره' }).click();
    await page.getByText('زنجیرهٔ گزارش دسترسی سالم است.').waitFor();
    await look('access-log-verified');
  });

  it('shows the patient’s own access report', async () => {
    await page.getByRole('tab', { name: 'رویدادها' }).click();
    await page
      .getByRole('link', { name: / — گزارش دسترسی بیمار$/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^گزارش بیمار/ }).waitFor();
    await page
      .getByRole('table', { name: 'بر اساس کاربر' })
      .getByText(ADMIN.username)
      .first()
      .waitFor();
    await page.getByRole('table', { name: 'رویدادهای اخیر' }).waitFor();
    await look('patient-access-report');
  });

  it('switches to English, left to right', async () => {
    await page.getByRole('button', { name: /^حساب کاربری/ }).click();
    await page.getByRole('menuitem', { name: /^زبان/ }).click();
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(['en', 'ltr']);
    const search = page.getByRole('searchbox');
    await search.fill('parn');
    await search.fill('شهرز');
    await page.getByRole('table').getByText(PATIENT.firstName, { exact: false }).first().waitFor();
    await look('english-search');
  });

  it('has no serious or critical accessibility violations on any screen', () => {
    const problems = Object.entries(accessibility).flatMap(([screen, violations]) =>
      violations.map(
        (violation) =>
          `${screen}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.slice(0, 3).join(', ')}`,
      ),
    );
    expect(Object.keys(accessibility).length).toBeGreaterThanOrEqual(12);
    expect(problems).toEqual([]);
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
