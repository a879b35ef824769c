import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  requireChromium,
  screenshot,
  seriousAxeViolations,
  signIn,
  startPreview,
  type AxeViolation,
  type Preview,
} from './support';

/**
 * The administrator looks after the visit checklist and the specialty templates in Settings, in
 * Debian's Chromium against the demo clinic: the default catalog and templates are listed, an item
 * missing its title and with a bad code is refused in place, a new item with Persian and English
 * keywords is saved and listed, and it can be switched off. Each view is photographed and scanned
 * with axe-core.
 */
const ADMIN = { username: 'admin', password: 'Demo-Admin-1405' };
const exact = { exact: true } as const;

requireChromium();

describe('checklist and templates settings in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  const accessibility: Record<string, AxeViolation[]> = {};
  const pageErrors: string[] = [];

  const look = async (name: string) => {
    await screenshot(page, name);
    accessibility[name] = await seriousAxeViolations(page);
  };
  const dialog = () => page.getByRole('dialog');
  const openSection = async (tab: string, heading: string) => {
    await page.getByRole('tab', { name: tab, ...exact }).click();
    await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
  };
  const itemRow = (title: string) =>
    page
      .getByRole('table', { name: 'موارد چک‌لیست' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader').filter({ hasText: title }) });

  beforeAll(async () => {
    preview = await startPreview({ demo: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fa-IR' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'ورود' }).waitFor({ timeout: 120_000 });
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'تنظیمات', ...exact }).click();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('lists the default checklist with sections, priorities and keywords', async () => {
    await openSection('چک‌لیست', 'چک‌لیست ویزیت');
    const table = page.getByRole('table', { name: 'موارد چک‌لیست' });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['عنوان', 'بخش', 'اولویت', 'کلیدواژه‌ها', 'وضعیت', 'کارها']);
    // One header row and a row per default item, each with its edit button named for it.
    const rows = await table.getByRole('row').count();
    expect(rows).toBeGreaterThan(10);
    expect(await table.getByRole('button', { name: /^ویرایش مورد / }).count()).toBe(rows - 1);
    expect(await table.getByText('فعال', exact).count()).toBe(rows - 1);
    await look('settings-checklist');
  });

  it('refuses an item without a title or with a bad code, under the fields', async () => {
    await page.getByRole('button', { name: 'افزودن مورد' }).click();
    await dialog().getByRole('heading', { name: 'افزودن مورد چک‌لیست' }).waitFor();
    await dialog()
      .getByRole('textbox', { name: 'کد', ...exact })
      .fill('Travel History!');
    await dialog().getByRole('button', { name: 'ذخیره' }).click();
    await dialog().getByText('این قسمت لازم است.').waitFor();
    const code = dialog().getByRole('textbox', { name: 'کد', ...exact });
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await look('settings-checklist-refused');
  });

  it('saves a new item with Persian and English keywords and lists it', async () => {
    await dialog()
      .getByRole('textbox', { name: 'عنوان (فارسی)', ...exact })
      .fill('سابقهٔ سفر اخیر');
    await dialog()
      .getByRole('textbox', { name: 'عنوان (انگلیسی)', ...exact })
      .fill('Recent travel');
    await dialog()
      .getByRole('textbox', { name: 'کد', ...exact })
      .fill('recent_travel');
    const keywords = dialog().getByRole('combobox', { name: 'کلیدواژه‌ها', ...exact });
    // A Persian comma ends a word, as Enter does.
    await keywords.fill('سفر،');
    await keywords.fill('travel');
    await keywords.press('Enter');
    await dialog()
      .getByRole('textbox', { name: 'پرسش پیشنهادی', ...exact })
      .fill('آیا در دو هفتهٔ اخیر سفر کرده‌اید؟');
    await look('settings-checklist-item');
    await dialog().getByRole('button', { name: 'ذخیره' }).click();
    await page.getByRole('status').getByText('«سابقهٔ سفر اخیر» ذخیره شد.').waitFor();
    expect(await dialog().count()).toBe(0);
    const row = itemRow('سابقهٔ سفر اخیر');
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toContain('recent_travel');
    expect(await row.textContent()).toContain('سفر');
    expect(await row.textContent()).toContain('travel');
    expect(await row.textContent()).toContain('فعال');
  });

  it('switches the item off and says so in the list', async () => {
    await itemRow('سابقهٔ سفر اخیر')
      .getByRole('button', { name: 'ویرایش مورد سابقهٔ سفر اخیر' })
      .click();
    await dialog().getByRole('switch', { name: 'فعال است' }).uncheck();
    await dialog().getByRole('button', { name: 'ذخیره' }).click();
    await page.getByRole('status').getByText('«سابقهٔ سفر اخیر» ذخیره شد.').waitFor();
    await expect.poll(() => itemRow('سابقهٔ سفر اخیر').getByText('غیرفعال', exact).count()).toBe(1);
    await look('settings-checklist-saved');
  });

  it('lists the specialty templates, the default one marked', async () => {
    await openSection('الگوهای تخصصی', 'الگوهای تخصصی');
    const table = page.getByRole('table', { name: 'الگوهای تخصصی' });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['نام', 'تخصص', 'بخش‌ها', 'موارد چک‌لیست', 'وضعیت', 'کارها']);
    expect(await table.getByText('پیش‌فرض', exact).count()).toBe(1);
    // Item counts read in Persian digits.
    const counts = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) expect(count).toMatch(/^[۰-۹]+$/);
    await look('settings-templates');
  });

  it('has no page errors and no serious accessibility violations', () => {
    expect(pageErrors).toEqual([]);
    for (const [view, violations] of Object.entries(accessibility)) {
      expect({ view, violations }).toEqual({ view, violations: [] });
    }
  });
});
