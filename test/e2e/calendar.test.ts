import type { Browser, Page } from 'playwright-core';
import { toAsciiDigits } from '../../electron/shared/text/normalize';
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
 * Reception's scheduling day in Chromium against the demo clinic (real core behind the bridge),
 * its clock pinned to Saturday 28 Azar 1405, 08:30 Tehran: the day and week views, booking with
 * a patient registered in place, a doctor conflict refused by name, moving a visit with the
 * keyboard (and into a conflict), a walk-in joining the queue, the doctor starting the visit from
 * the queue, and the printable day list. Every view is photographed and scanned with axe-core.
 */
const STAFF = { username: 'monshi', password: 'Demo-Staff-1405' };
const DOCTOR = { username: 'dr.karimi', password: 'Demo-Doctor-1405', name: 'دکتر مریم کریمی' };
/** Saturday 1405/09/28, 08:30 in Tehran (UTC+03:30). */
const CLOCK_START = '2026-12-19T05:00:00.000Z';
const exact = { exact: true } as const;

requireChromium();

describe('scheduling in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  const accessibility: Record<string, AxeViolation[]> = {};
  const pageErrors: string[] = [];

  const look = async (name: string) => {
    await screenshot(page, name);
    accessibility[name] = await seriousAxeViolations(page);
  };
  const signInAs = async (username: string, password: string) => {
    await signIn(page, username, password);
    await page.getByRole('heading', { name: /^امروز/, level: 1 }).waitFor();
  };
  const dialog = () => page.getByRole('dialog');
  const status = () => page.getByRole('status');
  const card = (name: string) => page.locator('[data-visit]').filter({ hasText: name });
  const registerInPlace = async (firstName: string, lastName: string, phone: string) => {
    await dialog().getByRole('button', { name: 'بیمار جدید' }).click();
    await dialog()
      .getByRole('textbox', { name: 'نام', ...exact })
      .fill(firstName);
    await dialog()
      .getByRole('textbox', { name: 'نام خانوادگی', ...exact })
      .fill(lastName);
    await dialog()
      .getByRole('textbox', { name: 'شمارهٔ تلفن', ...exact })
      .fill(phone);
    await dialog().getByRole('button', { name: 'ثبت و انتخاب' }).click();
    await expect
      .poll(() => dialog().getByRole('combobox', { name: 'بیمار' }).inputValue())
      .toBe(`${firstName} ${lastName}`);
  };
  const chooseDoctor = async (name: string) => {
    await dialog().getByRole('combobox', { name: 'پزشک' }).click();
    await page.getByRole('option', { name }).click();
  };

  beforeAll(async () => {
    preview = await startPreview({ demo: true, clockStart: CLOCK_START });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fa-IR' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'ورود' }).waitFor({ timeout: 120_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('shows the day with one column per doctor, in Jalali dates and Persian digits', async () => {
    await signInAs(STAFF.username, STAFF.password);
    await page.getByRole('heading', { name: 'امروز — شنبه ۱۴۰۵/۰۹/۲۸', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'تقویم', ...exact }).click();
    const grid = page.getByRole('group', { name: 'نوبت‌های شنبه ۱۴۰۵/۰۹/۲۸' });
    await grid.waitFor();
    await grid.getByRole('heading', { name: 'دکتر مریم کریمی' }).waitFor();
    await grid.getByRole('heading', { name: 'دکتر علی احمدی' }).waitFor();
    // The demo booked this morning; every visit reads its time in Persian digits.
    const labels = await page.locator('[data-visit]').allTextContents();
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^\u2066[۰-۹]{2}:[۰-۹]{2}\u2069–/);
    await look('calendar-day');
  });

  it('books a patient registered in place, at a time typed in Persian digits', async () => {
    // A Saturday a week ahead: the demo has booked nothing there yet. Seven clicks faster than
    // the screen redraws (all in one task) are still seven days.
    await page.getByRole('button', { name: 'روز بعد' }).evaluate((button: HTMLElement) => {
      for (let day = 0; day < 7; day += 1) button.click();
    });
    await page.getByRole('group', { name: 'نوبت‌های شنبه ۱۴۰۵/۱۰/۰۵' }).waitFor();
    await page.getByRole('button', { name: 'نوبت جدید' }).click();
    await dialog().getByRole('heading', { name: 'نوبت جدید' }).waitFor();
    await registerInPlace('کیان', 'سپهری', '09121110001');
    await chooseDoctor(DOCTOR.name);
    // The free times of the day are offered; the first is the start of the doctor's hours.
    await dialog().getByRole('button', { name: '\u2066۰۸:۰۰\u2069' }).waitFor();
    await dialog().getByRole('textbox', { name: 'ساعت' }).fill('۰۹:۰۰');
    await look('calendar-booking');
    await dialog().getByRole('button', { name: 'ثبت نوبت' }).click();
    await status().getByText('نوبت کیان سپهری برای شنبه ۱۴۰۵/۱۰/۰۵ ساعت ۰۹:۰۰ ثبت شد').waitFor();
    await card('کیان سپهری').waitFor();
    expect(await card('کیان سپهری').textContent()).toContain('\u2066۰۹:۰۰\u2069');
  });

  it('refuses a second visit at the doctor’s busy time and names the conflict', async () => {
    await page.getByRole('button', { name: 'نوبت جدید' }).click();
    await registerInPlace('نگار', 'افشار', '09121110002');
    await chooseDoctor(DOCTOR.name);
    await dialog().getByRole('textbox', { name: 'ساعت' }).fill('09:10');
    await dialog().getByRole('button', { name: 'ثبت نوبت' }).click();
    const alert = dialog().getByRole('alert');
    await alert.getByText('این نوبت با برنامه تداخل دارد.').waitFor();
    await alert
      .getByText('دکتر مریم کریمی در این زمان ویزیت دیگری دارد (۰۹:۰۰ تا ۰۹:۲۰).')
      .waitFor();
    // Reception may not book over a conflict: no override is offered.
    expect(await dialog().getByRole('combobox', { name: 'دلیل ثبت با وجود تداخل' }).count()).toBe(
      0,
    );
    await look('calendar-conflict');
    // The free time right after the first visit books.
    await dialog().getByRole('button', { name: '\u2066۰۹:۲۰\u2069' }).click();
    await dialog().getByRole('button', { name: 'ثبت نوبت' }).click();
    await status().getByText('نوبت نگار افشار برای شنبه ۱۴۰۵/۱۰/۰۵ ساعت ۰۹:۲۰ ثبت شد').waitFor();
  });

  it('moves a visit with the keyboard and by dragging, and refuses a move into a conflict', async () => {
    const kian = card('کیان سپهری');
    await kian.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await status()
      .getByText('نوبت کیان سپهری به شنبه ۱۴۰۵/۱۰/۰۵ ساعت ۰۸:۵۵ نزد دکتر مریم کریمی منتقل شد')
      .waitFor();
    expect(await card('کیان سپهری').textContent()).toContain('\u2066۰۸:۵۵\u2069');
    // The moved visit keeps the focus, so the arrows go on working.
    expect(await card('کیان سپهری').evaluate((node) => node === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+ArrowDown');
    await status()
      .getByText('نوبت کیان سپهری به شنبه ۱۴۰۵/۱۰/۰۵ ساعت ۰۹:۰۰ نزد دکتر مریم کریمی منتقل شد')
      .waitFor();
    // 09:05–09:25 would overlap نگار افشار at 09:20.
    await page.keyboard.press('Alt+ArrowDown');
    await page
      .getByRole('alert')
      .getByText(/دکتر مریم کریمی در این زمان ویزیت دیگری دارد/)
      .waitFor();
    // Or drag it: grabbed 6 px below its top, dropped 6 px below the 11:00 line (08:00 + 3 h).
    const kianCard = card('کیان سپهری');
    await kianCard.dragTo(kianCard.locator('xpath=..'), {
      sourcePosition: { x: 12, y: 6 },
      targetPosition: { x: 40, y: 3 * 60 * 2 + 6 },
    });
    await status()
      .getByText('نوبت کیان سپهری به شنبه ۱۴۰۵/۱۰/۰۵ ساعت ۱۱:۰۰ نزد دکتر مریم کریمی منتقل شد')
      .waitFor();
    // Alt+→ in a right-to-left calendar: the column to the right, the other doctor.
    await card('نگار افشار').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await status()
      .getByText(/نوبت نگار افشار به .* نزد دکتر علی احمدی منتقل شد/)
      .waitFor();
    await look('calendar-moved');
  });

  it('shows a doctor’s week', async () => {
    await page.getByRole('tab', { name: 'هفتهٔ پزشک' }).click();
    await page.getByRole('combobox', { name: 'پزشک' }).click();
    await page.getByRole('option', { name: DOCTOR.name }).click();
    const week = page.getByRole('group', { name: `هفتهٔ ${DOCTOR.name}` });
    await week.waitFor();
    for (const day of ['شنبه ۱۴۰۵/۱۰/۰۵', 'پنجشنبه ۱۴۰۵/۱۰/۱۰', 'جمعه ۱۴۰۵/۱۰/۱۱']) {
      await week.getByRole('heading', { name: day }).waitFor();
    }
    await week.getByText('تعطیل').first().waitFor();
    await card('کیان سپهری').waitFor();
    await look('calendar-week');
  });

  it('offers a cancelled visit’s time to the waitlist, and books the offer', async () => {
    await page.getByRole('tab', { name: 'فهرست انتظار' }).click();
    await page.getByText('کسی در فهرست انتظار نیست.').waitFor();
    await page.getByRole('button', { name: 'افزودن به فهرست انتظار' }).click();
    await dialog().getByRole('combobox', { name: 'بیمار' }).fill('افشار');
    await page.getByRole('option', { name: /نگار افشار/ }).click();
    await dialog()
      .getByRole('button', { name: 'افزودن', ...exact })
      .click();
    const waitlist = page.getByRole('table', { name: 'فهرست انتظار' });
    await waitlist.getByRole('cell', { name: 'نگار افشار' }).waitFor();

    await page.getByRole('tab', { name: 'روز', ...exact }).click();
    await card('کیان سپهری').click();
    await dialog().getByRole('button', { name: 'لغو به درخواست بیمار' }).click();
    await dialog().getByText('زمان آزاد شده به نگار افشار از فهرست انتظار پیشنهاد شد.').waitFor();
    await dialog().getByRole('button', { name: 'بستن' }).click();

    await page.getByRole('tab', { name: 'فهرست انتظار' }).click();
    await waitlist.getByText('شنبه ۱۴۰۵/۱۰/۰۵ \u2066۱۱:۰۰\u2069').waitFor();
    await look('calendar-waitlist');
    await waitlist.getByRole('button', { name: 'نوبت بده' }).click();
    await expect
      .poll(() => dialog().getByRole('textbox', { name: 'ساعت' }).inputValue())
      .toBe('11:00');
    await dialog().getByRole('button', { name: 'ثبت نوبت' }).click();
    await status().getByText('نوبت نگار افشار برای شنبه ۱۴۰۵/۱۰/۰۵ ساعت ۱۱:۰۰ ثبت شد').waitFor();
    await page.getByText('کسی در فهرست انتظار نیست.').waitFor();
  });

  it('adds a walk-in to today’s queue', async () => {
    await page.getByRole('link', { name: 'امروز', ...exact }).click();
    await page.getByRole('button', { name: 'بیمار بدون نوبت' }).click();
    await dialog().getByRole('combobox', { name: 'بیمار' }).fill('سپهری');
    await page.getByRole('option', { name: /کیان سپهری/ }).click();
    await chooseDoctor(DOCTOR.name);
    await dialog().getByRole('button', { name: 'افزودن به صف' }).click();
    const queue = page.getByRole('region', { name: DOCTOR.name });
    const waiting = queue.getByRole('region', { name: 'در صف انتظار' });
    await waiting.getByText('۱. کیان سپهری — حضوری (بدون نوبت)').waitFor();
    await waiting.getByText('۰ دقیقه انتظار').waitFor();
    await look('today-queue');
  });

  it('lets the doctor start the visit from the queue', async () => {
    await preview.advanceClock(12 * 60_000);
    await signOut(page);
    await signInAs(DOCTOR.username, DOCTOR.password);
    const queue = page.getByRole('region', { name: DOCTOR.name });
    const waiting = queue.getByRole('region', { name: 'در صف انتظار' });
    // The clock went on 12 minutes (and runs on in real time).
    const waited = await waiting.getByText(/دقیقه انتظار$/).textContent();
    expect(Number(toAsciiDigits(waited!.split(' ')[0]!))).toBeGreaterThanOrEqual(12);
    await waiting.getByRole('button', { name: 'شروع ویزیت کیان سپهری' }).click();
    await queue
      .getByRole('region', { name: 'نزد پزشک' })
      .getByText('کیان سپهری — حضوری (بدون نوبت)')
      .waitFor();
    await look('today-in-progress');
  });

  it('prints the day list', async () => {
    await page.getByRole('link', { name: 'تقویم', ...exact }).click();
    await page.getByRole('group', { name: 'نوبت‌های شنبه ۱۴۰۵/۰۹/۲۸' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.getByText('فهرست نوبت‌های شنبه ۱۴۰۵/۰۹/۲۸').waitFor();
    await screenshot(page, 'calendar-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('has no serious accessibility violations and no page errors', () => {
    expect(accessibility).toEqual(
      Object.fromEntries(Object.keys(accessibility).map((name) => [name, []])),
    );
    expect(pageErrors).toEqual([]);
  });
});
