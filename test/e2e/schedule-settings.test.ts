import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday } from '../../electron/shared/dates/clinic-time';
import { formatJalaliDate } from '../../electron/shared/dates/jalali';
import { toPersianDigits } from '../../electron/shared/text/normalize';
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
 * The administrator sets up scheduling in Settings, in Debian's Chromium against `npm run
 * preview` on a fresh data folder: a doctor account, the doctor's Saturday hours with a break
 * (kept after a reload), the core's Persian message for a period that ends before it starts, a
 * clinic-wide holiday, and a visit type's default duration and fee. Every section is
 * photographed (test-results/screenshots) and scanned with axe-core.
 */
const ADMIN = { username: 'admin', password: 'Modir-e Azmayesh 1405', name: 'دکتر سارا مدیری' };
const DOCTOR = {
  username: 'dr.karimi',
  password: 'Pezeshk-e Klinik 1405',
  name: 'دکتر نادر کریمی',
  specialty: 'داخلی',
};
const ORDER_ERROR = 'پایان بازه باید بعد از آغاز آن باشد.';

const exact = { exact: true } as const;

requireChromium();

describe('scheduling settings in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  const accessibility: Record<string, AxeViolation[]> = {};
  const pageErrors: string[] = [];
  // Ten days from the clinic's today, typed into the date picker as the year/month/day digits.
  const holiday = addDays(localToday(new Date(), 'Asia/Tehran'), 10);
  const holidayJalali = formatJalaliDate(holiday, 'latin');

  const look = async (name: string) => {
    await screenshot(page, name);
    accessibility[name] = await seriousAxeViolations(page);
  };
  /**
   * The week editor is taller than the window and its save bar sticks to the window's bottom;
   * a full-page picture would draw the bar over the middle of the week, so the window is made
   * as tall as the page for the picture.
   */
  const lookWhole = async (name: string) => {
    const viewport = page.viewportSize()!;
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height });
    await look(name);
    await page.setViewportSize(viewport);
  };
  const openSection = async (name: string) => {
    await page.getByRole('tab', { name, ...exact }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
  };
  /** A reload opens a new connection to the preview, which is a new session: sign in again. */
  const reloadAndSignIn = async (section: string) => {
    await page.reload();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: section, level: 2 }).waitFor();
  };
  const day = (name: string) => page.getByRole('group', { name, ...exact });
  const period = (name: string) => page.getByRole('group', { name, ...exact });
  const times = (group: Locator) => ({
    start: group.getByRole('textbox', { name: 'از ساعت', ...exact }),
    end: group.getByRole('textbox', { name: 'تا ساعت', ...exact }),
  });

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

  it('sets up the clinic and signs the administrator in', async () => {
    await page.getByRole('heading', { name: 'راه‌اندازی کلینیک' }).waitFor();
    await page.getByRole('textbox', { name: 'نام کلینیک', ...exact }).fill('کلینیک آزمایشی شفا');
    await page.getByRole('textbox', { name: 'نام و نام خانوادگی', ...exact }).fill(ADMIN.name);
    await page
      .getByRole('textbox', { name: 'نام کاربری (حروف لاتین)', ...exact })
      .fill(ADMIN.username);
    await page.getByLabel(/^گذرواژه/).fill(ADMIN.password);
    await page.getByLabel(/^تکرار گذرواژه/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'راه‌اندازی', ...exact }).click();
    await page.getByText('کلینیک راه‌اندازی شد. اکنون با حساب مدیر وارد شوید.').waitFor();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'امروز', level: 1 }).waitFor();
  });

  it('asks for a doctor account before hours can be set', async () => {
    await page.getByRole('link', { name: 'تنظیمات', ...exact }).click();
    await openSection('ساعات کاری پزشکان');
    expect(new URL(page.url()).hash).toBe('#/settings/hours');
    await page.getByText('هنوز پزشک فعالی ثبت نشده است').waitFor();
    await look('settings-hours-no-doctor');
  });

  it('adds a doctor account in Users', async () => {
    await page.getByRole('link', { name: 'رفتن به کاربران' }).click();
    await page.getByRole('heading', { name: 'کاربران', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'افزودن کاربر' }).click();
    const dialog = page.getByRole('dialog', { name: 'افزودن کاربر' });
    await dialog
      .getByRole('textbox', { name: 'نام کاربری (حروف لاتین)', ...exact })
      .fill(DOCTOR.username);
    await dialog.getByRole('textbox', { name: 'نام و نام خانوادگی', ...exact }).fill(DOCTOR.name);
    await dialog.getByRole('combobox', { name: 'نقش' }).click();
    await page.getByRole('option', { name: 'پزشک', ...exact }).click();
    await dialog.getByRole('textbox', { name: 'تخصص (اختیاری)' }).fill(DOCTOR.specialty);
    await dialog.getByLabel(/^گذرواژه/).fill(DOCTOR.password);
    await dialog.getByLabel(/^تکرار گذرواژه/).fill(DOCTOR.password);
    await dialog.getByRole('button', { name: 'افزودن', ...exact }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'فهرست کاربران' }).getByText(DOCTOR.name).waitFor();
  });

  it('sets the doctor’s Saturday hours with a break, and keeps them after a reload', async () => {
    await openSection('ساعات کاری پزشکان');
    await page.getByRole('combobox', { name: 'پزشک' }).getByText(DOCTOR.name).waitFor();
    // The week starts on Saturday, and every day starts as a day off.
    const headings = await page.getByRole('heading', { level: 4 }).allTextContents();
    expect(headings).toEqual([
      'شنبه',
      'یکشنبه',
      'دوشنبه',
      'سه‌شنبه',
      'چهارشنبه',
      'پنجشنبه',
      'جمعه',
    ]);
    expect(await page.getByRole('switch', { name: /تعطیل است$/, checked: true }).count()).toBe(7);

    const saturday = day('شنبه');
    await saturday.getByRole('button', { name: 'افزودن ساعت کاری به شنبه' }).click();
    const work = times(period('ساعت کاری ۱، شنبه'));
    // The new period's first field has the focus; Latin digits in one, Persian in the other.
    await expect.poll(() => work.start.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('08:00');
    await work.end.fill('۱۲:۰۰');
    await saturday.getByRole('button', { name: 'افزودن استراحت به شنبه' }).click();
    const pause = times(period('استراحت ۱، شنبه'));
    await pause.start.fill('10');
    await pause.end.fill('10:15');
    await pause.end.blur();
    // A time the field understands is rewritten as it is read: '10' → '۱۰:۰۰'.
    expect(await pause.start.inputValue()).toBe('۱۰:۰۰');
    await page.getByText('تغییرات هنوز ذخیره نشده است.').waitFor();
    await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await page.getByRole('status').getByText(`ساعات کاری ${DOCTOR.name} ذخیره شد.`).waitFor();
    expect(await page.getByRole('switch', { name: 'شنبه تعطیل است', ...exact }).isChecked()).toBe(
      false,
    );
    await lookWhole('settings-hours');

    await reloadAndSignIn('ساعات کاری پزشکان');
    const kept = times(period('ساعت کاری ۱، شنبه'));
    await kept.start.waitFor();
    expect(await kept.start.inputValue()).toBe('۰۸:۰۰');
    expect(await kept.end.inputValue()).toBe('۱۲:۰۰');
    const keptBreak = times(period('استراحت ۱، شنبه'));
    expect(await keptBreak.start.inputValue()).toBe('۱۰:۰۰');
    expect(await keptBreak.end.inputValue()).toBe('۱۰:۱۵');
    expect(await day('یکشنبه').getByRole('textbox').count()).toBe(0);
  });

  it('shows the core’s Persian message for a period that ends before it starts', async () => {
    await day('یکشنبه').getByRole('button', { name: 'افزودن ساعت کاری به یکشنبه' }).click();
    const wrong = times(period('ساعت کاری ۱، یکشنبه'));
    await wrong.start.fill('۱۴:۰۰');
    await wrong.end.fill('13:00');
    await page.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await period('ساعت کاری ۱، یکشنبه').getByText(ORDER_ERROR).waitFor();
    expect(await wrong.end.getAttribute('aria-invalid')).toBe('true');
    // The field in error gets the focus, and its message is its description.
    await expect.poll(() => wrong.end.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = await wrong.end.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(ORDER_ERROR);
    await lookWhole('settings-hours-error');

    await page.getByRole('button', { name: 'بازگرداندن تغییرات' }).click();
    expect(await day('یکشنبه').getByRole('textbox').count()).toBe(0);
    await page.getByText(ORDER_ERROR).waitFor({ state: 'hidden' });
  });

  it('adds a clinic-wide holiday and lists it', async () => {
    await openSection('روزهای استثنا');
    expect(new URL(page.url()).hash).toBe('#/settings/exceptions');
    await page.getByText('در این بازه روز استثنایی ثبت نشده است').waitFor();
    await page.getByRole('button', { name: 'افزودن روز استثنا' }).click();
    const dialog = page.getByRole('dialog', { name: 'افزودن روز استثنا' });
    await dialog.getByRole('combobox', { name: 'برای' }).getByText('کل کلینیک').waitFor();
    await dialog.getByRole('spinbutton', { name: 'سال' }).click();
    await page.keyboard.type(holidayJalali.replaceAll('/', ''));
    await dialog.getByRole('radio', { name: /^تعطیل/ }).check();
    await dialog.getByRole('textbox', { name: 'توضیح' }).fill('تعطیل رسمی');
    await look('settings-exceptions-add');
    await dialog.getByRole('button', { name: 'ثبت', ...exact }).click();
    await dialog.waitFor({ state: 'hidden' });
    const shownDate = toPersianDigits(holidayJalali);
    await page.getByRole('status').getByText(`روز استثنای ${shownDate} ثبت شد.`).waitFor();
    const row = page
      .getByRole('table', { name: 'فهرست روزهای استثنا' })
      .getByRole('row')
      .filter({ hasText: shownDate });
    await row.getByRole('cell', { name: 'کل کلینیک', ...exact }).waitFor();
    await row.getByText('تعطیل رسمی').waitFor();
    await row.getByText('تعطیل', exact).waitFor();
    await look('settings-exceptions');
  });

  it('adds a doctor’s changed hours, with the core’s message on a wrong period, and removes it', async () => {
    const day = addDays(localToday(new Date(), 'Asia/Tehran'), 3);
    const jalali = formatJalaliDate(day, 'latin');
    const shownDate = toPersianDigits(jalali);
    await page.getByRole('button', { name: 'افزودن روز استثنا' }).click();
    const dialog = page.getByRole('dialog', { name: 'افزودن روز استثنا' });
    await dialog.getByRole('combobox', { name: 'برای' }).click();
    await page.getByRole('option', { name: new RegExp(`^${DOCTOR.name}`) }).click();
    await dialog.getByRole('spinbutton', { name: 'سال' }).click();
    await page.keyboard.type(jalali.replaceAll('/', ''));
    await dialog.getByRole('radio', { name: /^ساعات متفاوت/ }).check();
    const changed = times(dialog.getByRole('group', { name: 'بازهٔ ۱', ...exact }));
    await changed.start.fill('۱۱:۰۰');
    await changed.end.fill('09:00');
    await dialog.getByRole('button', { name: 'ثبت', ...exact }).click();
    await dialog.getByText(ORDER_ERROR).waitFor();
    expect(await changed.end.getAttribute('aria-invalid')).toBe('true');
    await look('settings-exceptions-changed-error');
    await changed.start.fill('09:00');
    await changed.end.fill('11:00');
    await dialog.getByRole('button', { name: 'ثبت', ...exact }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByRole('table', { name: 'فهرست روزهای استثنا' });
    const row = table.getByRole('row').filter({ hasText: shownDate });
    await row.getByRole('cell', { name: DOCTOR.name, ...exact }).waitFor();
    await row.getByText('ساعات متفاوت').waitFor();
    await row.getByText('۰۹:۰۰ تا ۱۱:۰۰').waitFor();
    await look('settings-exceptions-two');

    await row.getByRole('button', { name: `حذف روز استثنای ${shownDate}، ${DOCTOR.name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'حذف روز استثنا' });
    await confirm.getByText(new RegExp(`روز استثنای ${shownDate}`)).waitFor();
    await confirm.getByRole('button', { name: 'حذف', ...exact }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText(`روز استثنای ${shownDate} حذف شد.`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await table.getByRole('row').count()).toBe(2);
  });

  it('changes a visit type’s duration and fee, and keeps them', async () => {
    await openSection('انواع ویزیت');
    expect(new URL(page.url()).hash).toBe('#/settings/visit-types');
    const table = page.getByRole('table', { name: 'فهرست انواع ویزیت' });
    await table.getByRole('row', { name: /حضوری/ }).waitFor();
    await page.getByRole('button', { name: 'ویرایش حضوری', ...exact }).click();
    const dialog = page.getByRole('dialog', { name: 'ویرایش نوع ویزیت «حضوری»' });
    await dialog.getByRole('textbox', { name: 'مدت پیش‌فرض (دقیقه)' }).fill('۳۰');
    await dialog.getByRole('textbox', { name: 'هزینهٔ پیش‌فرض (ریال)' }).fill('1500000');
    await dialog.getByText('۱٬۵۰۰٬۰۰۰ ریال').waitFor();
    await look('settings-visit-type-edit');
    await dialog.getByRole('button', { name: 'ذخیره', ...exact }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('نوع ویزیت «حضوری» ذخیره شد.').waitFor();
    const row = table.getByRole('row', { name: /حضوری/ });
    await row.getByText('۳۰ دقیقه').waitFor();
    await row.getByText('۱٬۵۰۰٬۰۰۰ ریال').waitFor();
    await look('settings-visit-types');

    await reloadAndSignIn('انواع ویزیت');
    const keptRow = page.getByRole('table', { name: 'فهرست انواع ویزیت' }).getByRole('row', {
      name: /حضوری/,
    });
    await keptRow.getByText('۳۰ دقیقه').waitFor();
    await keptRow.getByText('۱٬۵۰۰٬۰۰۰ ریال').waitFor();
  });

  it('reads left to right in English', async () => {
    await page.getByRole('button', { name: /^حساب کاربری/ }).click();
    await page.getByRole('menuitem', { name: /^زبان/ }).click();
    await page.getByRole('tab', { name: 'Doctors’ hours', exact: true }).click();
    await page.getByRole('heading', { name: 'Doctors’ working hours', level: 2 }).waitFor();
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(['en', 'ltr']);
    const headings = await page.getByRole('heading', { level: 4 }).allTextContents();
    expect(headings[0]).toBe('Saturday');
    const from = period('Working hours 1, Saturday').getByRole('textbox', {
      name: 'From',
      ...exact,
    });
    expect(await from.inputValue()).toBe('08:00');
    await lookWhole('settings-hours-en');
  });

  it('has no serious or critical accessibility violations in any section', () => {
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
