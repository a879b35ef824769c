import type { UiString } from './types';

export const auditStrings = {
  'audit.title': { fa: 'گزارش دسترسی', en: 'Access log' },
  'audit.sections': { fa: 'بخش‌های گزارش دسترسی', en: 'Access log sections' },
  'audit.tab.log': { fa: 'رویدادها', en: 'Entries' },
  'audit.tab.patient': { fa: 'گزارش بیمار', en: 'Patient report' },
  'audit.tab.suspicious': { fa: 'فعالیت مشکوک', en: 'Suspicious activity' },
  'audit.tab.verify': { fa: 'درستی زنجیره', en: 'Chain integrity' },
  'audit.notAllowed.title': {
    fa: 'اجازهٔ دیدن گزارش دسترسی را ندارید',
    en: 'You are not allowed to see the access log',
  },
  'audit.notAllowed.body': {
    fa: 'گزارش دسترسی فقط برای مدیر کلینیک در دسترس است.',
    en: 'Only the clinic administrator can see the access log.',
  },

  // The log and its filters
  'audit.log.title': { fa: 'رویدادهای ثبت‌شده', en: 'Recorded entries' },
  'audit.filters': { fa: 'فیلترهای گزارش', en: 'Log filters' },
  'audit.filter.user': { fa: 'کاربر', en: 'User' },
  'audit.filter.allUsers': { fa: 'همهٔ کاربران', en: 'All users' },
  'audit.filter.action': { fa: 'نوع کار', en: 'Action' },
  'audit.filter.allActions': { fa: 'همهٔ کارها', en: 'All actions' },
  'audit.filter.result': { fa: 'نتیجه', en: 'Result' },
  'audit.filter.all': { fa: 'همه', en: 'All' },
  'audit.filter.granted': { fa: 'فقط مجاز', en: 'Allowed only' },
  'audit.filter.denied': { fa: 'فقط ردشده', en: 'Refused only' },
  'audit.filter.patient': { fa: 'شناسهٔ بیمار', en: 'Patient ID' },
  'audit.filter.from': { fa: 'از تاریخ', en: 'From date' },
  'audit.filter.to': { fa: 'تا تاریخ', en: 'To date' },
  'audit.filter.apply': { fa: 'اعمال فیلترها', en: 'Apply filters' },
  'audit.filter.clear': { fa: 'پاک کردن فیلترها', en: 'Clear filters' },
  'audit.filter.invalidDate': {
    fa: 'تاریخ کامل یا معتبر نیست.',
    en: 'The date is incomplete or not valid.',
  },
  'audit.filter.badRange': {
    fa: '«از تاریخ» نباید بعد از «تا تاریخ» باشد.',
    en: '“From date” must not be after “To date”.',
  },
  'audit.table': { fa: 'رویدادهای گزارش دسترسی', en: 'Access log entries' },
  'audit.col.time': { fa: 'زمان', en: 'Time' },
  'audit.col.user': { fa: 'کاربر', en: 'User' },
  'audit.col.role': { fa: 'نقش', en: 'Role' },
  'audit.col.action': { fa: 'کار', en: 'Action' },
  'audit.col.resource': { fa: 'نوع مورد', en: 'Resource' },
  'audit.col.resourceId': { fa: 'شناسهٔ مورد', en: 'Resource ID' },
  'audit.col.patient': { fa: 'بیمار', en: 'Patient' },
  'audit.col.result': { fa: 'نتیجه', en: 'Result' },
  'audit.col.workstation': { fa: 'رایانه', en: 'Workstation' },
  'audit.granted': { fa: 'مجاز', en: 'Allowed' },
  'audit.denied': { fa: 'ردشده', en: 'Refused' },
  'audit.noUser': { fa: 'بدون کاربر', en: 'No user' },
  'audit.openPatientReport': { fa: 'گزارش دسترسی بیمار', en: 'Access report of patient' },
  'audit.loadOlder': { fa: 'نمایش رویدادهای قدیمی‌تر', en: 'Load older entries' },
  'audit.noOlder': { fa: 'رویداد قدیمی‌تری نیست.', en: 'There are no older entries.' },
  'audit.shown': { fa: '{count} رویداد نمایش داده شده است.', en: 'Entries shown: {count}.' },
  'audit.empty': {
    fa: 'رویدادی با این فیلترها پیدا نشد.',
    en: 'No entries match these filters.',
  },
  'audit.refresh': { fa: 'بازخوانی', en: 'Refresh' },

  // Action codes
  'audit.action.view': { fa: 'مشاهده', en: 'View' },
  'audit.action.search': { fa: 'جست‌وجو', en: 'Search' },
  'audit.action.create': { fa: 'ایجاد', en: 'Create' },
  'audit.action.update': { fa: 'ویرایش', en: 'Update' },
  'audit.action.delete': { fa: 'حذف', en: 'Delete' },
  'audit.action.export': { fa: 'خروجی گرفتن', en: 'Export' },
  'audit.action.print': { fa: 'چاپ', en: 'Print' },
  'audit.action.login': { fa: 'ورود', en: 'Sign-in' },
  'audit.action.login_failed': { fa: 'ورود ناموفق', en: 'Failed sign-in' },
  'audit.action.logout': { fa: 'خروج', en: 'Sign-out' },
  'audit.action.lock': { fa: 'قفل صفحه', en: 'Screen lock' },
  'audit.action.unlock': { fa: 'باز کردن قفل', en: 'Unlock' },
  'audit.action.unlock_failed': { fa: 'باز کردن ناموفق قفل', en: 'Failed unlock' },
  'audit.action.password_change': { fa: 'تغییر گذرواژه', en: 'Password change' },
  'audit.action.setup': { fa: 'راه‌اندازی', en: 'Setup' },
  'audit.action.key_rotate': { fa: 'چرخش کلید', en: 'Key rotation' },
  'audit.action.backup': { fa: 'پشتیبان‌گیری', en: 'Backup' },
  'audit.action.restore': { fa: 'بازیابی', en: 'Restore' },
  'audit.action.verify': { fa: 'بررسی زنجیره', en: 'Chain check' },

  // Resource types
  'audit.resource.patient': { fa: 'بیمار', en: 'Patient' },
  'audit.resource.encounter': { fa: 'ویزیت', en: 'Visit' },
  'audit.resource.user': { fa: 'کاربر', en: 'User' },
  'audit.resource.session': { fa: 'جلسهٔ کاری', en: 'Session' },
  'audit.resource.clinic': { fa: 'کلینیک', en: 'Clinic' },
  'audit.resource.settings': { fa: 'تنظیمات', en: 'Settings' },
  'audit.resource.key_ring': { fa: 'دسته‌کلید', en: 'Key ring' },
  'audit.resource.backup': { fa: 'نسخهٔ پشتیبان', en: 'Backup' },
  'audit.resource.access_log': { fa: 'گزارش دسترسی', en: 'Access log' },

  // Reasons the core records (in English) and how people read them
  'audit.reason.idle': { fa: 'بی‌کاری', en: 'idle' },
  'audit.reason.byUser': { fa: 'به دست کاربر', en: 'by the user' },
  'audit.reason.accountLocked': { fa: 'حساب قفل است', en: 'account locked' },
  'audit.reason.accountDisabled': { fa: 'حساب غیرفعال است', en: 'account disabled' },
  'audit.reason.wrongPassword': { fa: 'گذرواژهٔ نادرست', en: 'wrong password' },
  'audit.reason.wrongPasswordLocked': {
    fa: 'گذرواژهٔ نادرست؛ حساب قفل شد',
    en: 'wrong password; account locked',
  },
  'audit.reason.unknownUser': { fa: 'نام کاربری ناشناخته', en: 'unknown user name' },
  'audit.reason.lockoutLifted': { fa: 'قفل حساب برداشته شد', en: 'lockout lifted' },
  'audit.reason.chainIntact': { fa: 'زنجیره سالم بود', en: 'chain intact' },
  'audit.reason.chainBroken': { fa: 'زنجیره آسیب دیده بود', en: 'chain broken' },
  'audit.reason.restoreRequested': { fa: 'درخواست بازیابی', en: 'restore requested' },
  'audit.reason.restored': {
    fa: 'بازیابی از نسخهٔ پشتیبان',
    en: 'restored from a backup',
  },
  'audit.reason.completed': { fa: 'انجام شد', en: 'completed' },
  'audit.reason.started': { fa: 'آغاز شد', en: 'started' },
  'audit.reason.oldKeyRemains': {
    fa: 'بخشی از داده‌ها هنوز با کلید قبلی است',
    en: 'some values remain under the old key',
  },
  'audit.reason.lacks': {
    fa: 'نقش «{role}» مجوز {permission} را ندارد',
    en: 'the {role} role lacks {permission}',
  },

  // Per-patient report
  'audit.report.title': { fa: 'گزارش دسترسی یک بیمار', en: 'Access report of one patient' },
  'audit.report.intro': {
    fa: 'شناسهٔ بیمار را وارد کنید، یا در فهرست رویدادها روی شناسهٔ بیمار بزنید.',
    en: 'Enter a patient ID, or choose a patient ID in the list of entries.',
  },
  'audit.report.form': { fa: 'انتخاب بیمار', en: 'Choose a patient' },
  'audit.report.patientId': { fa: 'شناسهٔ بیمار', en: 'Patient ID' },
  'audit.report.show': { fa: 'نمایش گزارش', en: 'Show the report' },
  'audit.report.required': { fa: 'شناسهٔ بیمار را وارد کنید.', en: 'Enter a patient ID.' },
  'audit.report.heading': { fa: 'گزارش بیمار', en: 'Report of patient' },
  'audit.report.summary': { fa: 'خلاصه', en: 'Summary' },
  'audit.report.total': { fa: 'همهٔ رویدادها', en: 'All entries' },
  'audit.report.users': { fa: 'کاربران مختلف', en: 'Different users' },
  'audit.report.granted': { fa: 'مجاز', en: 'Allowed' },
  'audit.report.denied': { fa: 'ردشده', en: 'Refused' },
  'audit.report.byUser': { fa: 'بر اساس کاربر', en: 'By user' },
  'audit.report.byAction': { fa: 'بر اساس نوع کار', en: 'By action' },
  'audit.report.byResource': { fa: 'بر اساس نوع مورد', en: 'By resource' },
  'audit.report.count': { fa: 'تعداد', en: 'Count' },
  'audit.report.lastAt': { fa: 'آخرین دسترسی', en: 'Last access' },
  'audit.report.grantedCount': { fa: 'مجاز', en: 'Allowed' },
  'audit.report.recent': { fa: 'رویدادهای اخیر', en: 'Recent entries' },
  'audit.report.flags': { fa: 'الگوهای مشکوک', en: 'Suspicious patterns' },
  'audit.report.noFlags': {
    fa: 'برای این بیمار الگوی مشکوکی دیده نشد.',
    en: 'No suspicious pattern was found for this patient.',
  },
  'audit.report.empty': {
    fa: 'برای این شناسه هیچ رویدادی ثبت نشده است.',
    en: 'No entries are recorded for this ID.',
  },
  'audit.report.emptyHint': {
    fa: 'شناسه را دوباره بررسی کنید؛ شناسهٔ بیمار را می‌توانید از فهرست رویدادها بردارید.',
    en: 'Check the ID; you can take a patient ID from the list of entries.',
  },

  // Suspicious patterns
  'audit.flag.after_hours_access': { fa: 'دسترسی در ساعات غیرکاری', en: 'After-hours access' },
  'audit.flag.rapid_access': {
    fa: 'دسترسی سریع به بیماران متعدد',
    en: 'Rapid access to many patients',
  },
  'audit.flag.bulk_export': { fa: 'خروجی انبوه', en: 'Bulk export' },
  'audit.flagExplain.after_hours_access': {
    fa: '{count} دسترسی بیرون از ساعات کاری کلینیک (از ساعت {start} تا {end}). دسترسی شبانه ممکن است بجا باشد، اما دلیلش باید روشن باشد.',
    en: 'Accesses outside the clinic’s working hours (from {start}:00 to {end}:00): {count}. Night-time access can be legitimate, but its reason should be clear.',
  },
  'audit.flagExplain.rapid_access': {
    fa: 'در زمانی کوتاه به پروندهٔ {count} بیمار مختلف دسترسی شده است (آستانه: {patients} بیمار در {window} دقیقه). ممکن است نشانهٔ سرک کشیدن در پرونده‌ها یا جمع‌آوری اطلاعات بیماران باشد.',
    en: 'Different patients accessed in a short time: {count} (threshold: {patients} patients within {window} minutes). It may be a sign of browsing records without need, or of collecting patient data.',
  },
  'audit.flagExplain.bulk_export': {
    fa: '{count} بار چاپ، خروجی یا پشتیبان‌گیری در زمانی کوتاه (آستانه: {actions} بار در {window} دقیقه). ممکن است نشانهٔ بیرون بردن اطلاعات بیماران باشد.',
    en: 'Prints, exports or backups in a short time: {count} (threshold: {actions} within {window} minutes). It may be a sign of patient data being taken out.',
  },
  'audit.flag.user': { fa: 'کاربر', en: 'User' },
  'audit.flag.period': { fa: 'بازه', en: 'Period' },
  'audit.flag.range': { fa: 'از {from} تا {to}', en: 'from {from} to {to}' },
  'audit.flag.entries': { fa: 'شمار رویدادها', en: 'Entries' },

  // Suspicious activity overview
  'audit.suspicious.title': {
    fa: 'فعالیت‌های مشکوک در یک بازهٔ زمانی',
    en: 'Suspicious activity in a period',
  },
  'audit.suspicious.intro': {
    fa: 'الگوهای نگران‌کننده در همهٔ کاربران و بیماران: دسترسی در ساعات غیرکاری، دسترسی سریع به بیماران متعدد و خروجی انبوه. آستانه‌ها را در تنظیمات امنیت تعیین کنید.',
    en: 'Worrying patterns across all users and patients: after-hours access, rapid access to many patients and bulk export. Set the thresholds in the security settings.',
  },
  'audit.suspicious.period': { fa: 'بازهٔ زمانی', en: 'Period' },
  'audit.suspicious.show': { fa: 'نمایش', en: 'Show' },
  'audit.suspicious.none': {
    fa: 'در این بازه الگوی مشکوکی پیدا نشد.',
    en: 'No suspicious pattern was found in this period.',
  },
  'audit.suspicious.found': {
    fa: '{count} الگوی مشکوک پیدا شد.',
    en: 'Suspicious patterns found: {count}.',
  },

  // Chain verification
  'audit.verify.title': {
    fa: 'بررسی درستی زنجیرهٔ گزارش',
    en: 'Check the integrity of the log chain',
  },
  'audit.verify.intro': {
    fa: 'هر رویداد گزارش دسترسی با امضایی به رویداد پیش از خود زنجیر شده است. این بررسی نشان می‌دهد آیا رویدادی ویرایش، حذف یا جابه‌جا شده است. خودِ بررسی هم در گزارش ثبت می‌شود.',
    en: 'Every access-log entry is chained to the one before it by a signature. This check shows whether any entry was edited, deleted or moved. The check itself is recorded in the log.',
  },
  'audit.verify.run': { fa: 'بررسی زنجیره', en: 'Verify the chain' },
  'audit.verify.running': { fa: 'در حال بررسی زنجیره…', en: 'Checking the chain…' },
  'audit.verify.ok': {
    fa: 'زنجیرهٔ گزارش دسترسی سالم است.',
    en: 'The access-log chain is intact.',
  },
  'audit.verify.okDetail': {
    fa: '{entries} رویداد بررسی شد؛ شمارهٔ آخرین رویداد {lastSeq} است. بررسی در {at}.',
    en: 'Entries checked: {entries}; the last entry is number {lastSeq}. Checked at {at}.',
  },
  'audit.verify.broken': {
    fa: 'زنجیرهٔ گزارش دسترسی آسیب دیده است.',
    en: 'The access-log chain is broken.',
  },
  'audit.verify.brokenDetail': {
    fa: '{problems} مشکل در {entries} رویداد پیدا شد. بررسی در {at}. نسخه‌های پشتیبان را نگه دارید و موضوع را پیگیری کنید.',
    en: 'Problems found: {problems}, among {entries} entries. Checked at {at}. Keep the backups and look into it.',
  },
  'audit.verify.problems': { fa: 'مشکلات پیداشده', en: 'Problems found' },
  'audit.verify.col.seq': { fa: 'شمارهٔ رویداد', en: 'Entry number' },
  'audit.verify.col.kind': { fa: 'نوع مشکل', en: 'Problem' },
  'audit.verify.col.note': { fa: 'توضیح فنی', en: 'Technical note' },
  'audit.problem.edited': {
    fa: 'ویرایش شده (محتوا با امضا نمی‌خواند)',
    en: 'Edited (the content does not match its signature)',
  },
  'audit.problem.deleted': {
    fa: 'حذف شده (رویدادهایی از زنجیره کم است)',
    en: 'Deleted (entries are missing from the chain)',
  },
  'audit.problem.reordered': {
    fa: 'جابه‌جا شده (ترتیب رویدادها به هم خورده است)',
    en: 'Reordered (the entries are out of order)',
  },
} as const satisfies Record<string, UiString>;
