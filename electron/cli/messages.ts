import { translate, type Language, type Message, type MessageKey } from '../shared/messages';

/**
 * Messages only the command-line tool shows, in the app catalogue's shape ({fa, en}, `{name}`
 * placeholders). Everything a core service can say comes from the app catalogue
 * (electron/shared/messages); these keys all start with `cli.` so the two never collide.
 */
export const cliMessages = {
  // --- Help ------------------------------------------------------------------------------------
  'cli.help.title': {
    fa: 'هلسا کلینیک — ابزار خط فرمان',
    en: 'HELSSA Clinic — command-line tool',
  },
  'cli.help.usage': { fa: 'کاربرد: {usage}', en: 'Usage: {usage}' },
  'cli.help.commands': { fa: 'دستورها:', en: 'Commands:' },
  'cli.help.options': { fa: 'گزینه‌ها:', en: 'Options:' },
  'cli.help.commonOptions': { fa: 'گزینه‌های مشترک:', en: 'Common options:' },
  'cli.help.environment': { fa: 'متغیرهای محیطی:', en: 'Environment variables:' },
  'cli.help.exitCodes': { fa: 'کدهای خروج:', en: 'Exit codes:' },
  'cli.help.more': { fa: 'راهنمای هر دستور: {command}', en: 'Help on one command: {command}' },
  'cli.help.secrets': {
    fa: 'گذرواژه‌ها و عبارت‌های عبور هرگز به شکل گزینهٔ خط فرمان پذیرفته نمی‌شوند: از متغیر محیطی خوانده می‌شوند یا در پایانه بدون نمایش پرسیده می‌شوند.',
    en: 'Passwords and passphrases are never taken as command-line options: they come from an environment variable or are asked for, without echo, on a terminal.',
  },

  // --- Exit codes (help) -----------------------------------------------------------------------
  'cli.exit.ok': { fa: 'انجام شد.', en: 'Done.' },
  'cli.exit.unexpected': {
    fa: 'خطای پیش‌بینی‌نشده؛ جزئیات در logs/cli.log در پوشهٔ داده.',
    en: 'Unexpected error; the details are in logs/cli.log in the data folder.',
  },
  'cli.exit.usage': {
    fa: 'کاربرد نادرست: دستور یا گزینهٔ ناشناخته، گزینه یا آرگومان جاافتاده، یا رمزی که نه در متغیر محیطی‌اش هست و نه پایانه‌ای برای پرسیدنش.',
    en: 'Usage error: unknown command or option, missing option or argument, or a secret that is neither in its environment variable nor askable on a terminal.',
  },
  'cli.exit.input': {
    fa: 'ورودی نامعتبر یا تعارض، مثلاً کد ملی نادرست یا تکراری.',
    en: 'Invalid input or a conflict, for example a wrong or duplicate national ID.',
  },
  'cli.exit.auth': {
    fa: 'ورود یا کلیدها: گذرواژه یا عبارت عبور نادرست، حساب قفل‌شده، نداشتن اجازه، کلینیکی که راه‌اندازی نشده یا از پیش راه‌اندازی شده است.',
    en: 'Sign-in or keys: wrong password or passphrase, locked account, not permitted, clinic not set up or already set up.',
  },
  'cli.exit.integrity': {
    fa: 'دست‌کاری: زنجیرهٔ گزارش دسترسی شکسته است، داده دست‌کاری شده است یا فایل پشتیبان معتبر نیست.',
    en: 'Integrity: the access-log chain is broken, data was tampered with, or the backup file is not valid.',
  },
  'cli.exit.interrupted': {
    fa: 'هنگام پرسش رمز با Ctrl+C لغو شد.',
    en: 'Cancelled with Ctrl+C at a prompt.',
  },

  // --- Environment variables (help) ------------------------------------------------------------
  'cli.env.dataDir': {
    fa: 'پوشهٔ داده، وقتی --data-dir داده نشده باشد.',
    en: 'The data folder when --data-dir is not given.',
  },
  'cli.env.passphrase': {
    fa: 'عبارت عبور کلیدهای کلینیک؛ در init و در بازیابی به پوشهٔ خالی، عبارت تازه.',
    en: "The clinic's key passphrase; a new one for init and for a restore into an empty folder.",
  },
  'cli.env.password': {
    fa: 'گذرواژهٔ کاربری که با --user وارد می‌شود.',
    en: 'The password of the user given with --user.',
  },
  'cli.env.newPassword': {
    fa: 'گذرواژهٔ کاربر تازه: مدیر در init و کاربر در users add.',
    en: "The new user's password: the administrator's for init, the user's for users add.",
  },
  'cli.env.backupPassphrase': {
    fa: 'عبارت عبور فایل پشتیبان.',
    en: "The backup file's passphrase.",
  },

  // --- Usage errors ----------------------------------------------------------------------------
  'cli.usage.noCommand': { fa: 'دستوری داده نشد.', en: 'No command was given.' },
  'cli.usage.unknownCommand': { fa: 'دستور ناشناخته: {command}', en: 'Unknown command: {command}' },
  'cli.usage.missingSubcommand': {
    fa: 'دستور {group} یکی از این زیردستورها را می‌خواهد: {choices}',
    en: '{group} needs one of: {choices}',
  },
  'cli.usage.unknownOption': { fa: 'گزینهٔ ناشناخته: {option}', en: 'Unknown option: {option}' },
  'cli.usage.optionNotForCommand': {
    fa: 'گزینهٔ {option} برای دستور {command} نیست.',
    en: '{option} is not an option of {command}.',
  },
  'cli.usage.missingValue': {
    fa: 'گزینهٔ {option} مقدار می‌خواهد.',
    en: '{option} needs a value.',
  },
  'cli.usage.unexpectedValue': {
    fa: 'گزینهٔ {option} مقدار نمی‌گیرد.',
    en: '{option} takes no value.',
  },
  'cli.usage.missingOption': {
    fa: 'گزینهٔ {option} الزامی است.',
    en: '{option} is required.',
  },
  'cli.usage.missingArgument': {
    fa: 'آرگومان {name} جا افتاده است.',
    en: 'The {name} argument is missing.',
  },
  'cli.usage.unexpectedArgument': {
    fa: 'این دستور آرگومان دیگری نمی‌گیرد.',
    en: 'This command takes no further arguments.',
  },
  'cli.usage.badInteger': {
    fa: 'مقدار {option} باید عددی صحیح و مثبت باشد.',
    en: '{option} must be a positive whole number.',
  },
  'cli.usage.badLanguage': {
    fa: 'مقدار --lang باید fa یا en باشد.',
    en: '--lang must be fa or en.',
  },
  'cli.usage.secretOption': {
    fa: 'رمزها هرگز از خط فرمان پذیرفته نمی‌شوند، چون در تاریخچهٔ پوسته و فهرست فرایندها دیده می‌شوند. متغیر {variable} را تنظیم کنید یا دستور را در پایانه اجرا کنید تا پرسیده شود.',
    en: 'Secrets are never taken on the command line: they would show in shell history and the process list. Set {variable}, or run the command in a terminal to be asked.',
  },
  'cli.usage.userRequired': {
    fa: 'این دستور به نام یک کاربر انجام می‌شود: --user <نام کاربری> را بدهید.',
    en: 'This command acts as a signed-in user: give --user <username>.',
  },
  'cli.usage.seeHelp': { fa: 'راهنما: {command}', en: 'Help: {command}' },
  'cli.usage.onePatient': {
    fa: 'بیمار را با یکی و فقط یکی از --mrn، --national-id یا --patient مشخص کنید.',
    en: 'Name the patient with exactly one of --mrn, --national-id or --patient.',
  },
  'cli.usage.badOverride': {
    fa: 'مقدار --override باید یکی از این دلیل‌ها باشد: {reasons}',
    en: '--override must be one of these reasons: {reasons}',
  },
  'cli.usage.overrideNoteAlone': {
    fa: '--override-note فقط همراه --override و دلیل آن پذیرفته می‌شود.',
    en: '--override-note only goes with --override and its reason.',
  },

  // --- Secrets ---------------------------------------------------------------------------------
  'cli.secret.missing': {
    fa: 'متغیر محیطی {variable} تنظیم نشده است و پایانه‌ای (TTY) برای پرسیدن آن در کار نیست.',
    en: '{variable} is not set, and there is no terminal (TTY) to ask for it on.',
  },
  'cli.secret.mismatch': {
    fa: 'دو بار واردشده یکسان نیستند.',
    en: 'The two entries do not match.',
  },
  'cli.secret.cancelled': { fa: 'لغو شد.', en: 'Cancelled.' },
  'cli.prompt.passphrase': { fa: 'عبارت عبور کلیدهای کلینیک', en: 'Clinic key passphrase' },
  'cli.prompt.newPassphrase': {
    fa: 'عبارت عبور تازه برای کلیدهای کلینیک (دست‌کم ۱۲ نویسه)',
    en: 'New clinic key passphrase (at least 12 characters)',
  },
  'cli.prompt.password': { fa: 'گذرواژهٔ {username}', en: 'Password for {username}' },
  'cli.prompt.newPassword': {
    fa: 'گذرواژهٔ کاربر تازه {username}',
    en: 'Password for the new user {username}',
  },
  'cli.prompt.backupPassphrase': { fa: 'عبارت عبور فایل پشتیبان', en: 'Backup passphrase' },
  'cli.prompt.newBackupPassphrase': {
    fa: 'عبارت عبور تازه برای فایل پشتیبان (دست‌کم ۱۲ نویسه)',
    en: 'New backup passphrase (at least 12 characters)',
  },
  'cli.prompt.again': { fa: 'دوباره وارد کنید', en: 'Enter it again' },

  // --- Errors ----------------------------------------------------------------------------------
  'cli.error.detail': { fa: 'جزئیات: {detail}', en: 'Detail: {detail}' },
  'cli.error.crash': {
    fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد و ابزار متوقف شد.',
    en: 'An unexpected error occurred and the tool stopped.',
  },
  'cli.error.logFile': { fa: 'فایل گزارش: {file}', en: 'Log file: {file}' },

  // --- Results ---------------------------------------------------------------------------------
  'cli.common.dataDir': { fa: 'پوشهٔ داده: {dir}', en: 'Data folder: {dir}' },
  'cli.init.done': {
    fa: 'کلینیک «{clinic}» راه‌اندازی شد.',
    en: 'The clinic “{clinic}” has been set up.',
  },
  'cli.init.admin': { fa: 'مدیر: {username}', en: 'Administrator: {username}' },
  'cli.init.keepPassphrase': {
    fa: 'عبارت عبور کلیدها را در جای امنی نگه دارید: بدون آن یا یک نسخهٔ پشتیبان، داده‌ها بازگرداندنی نیستند.',
    en: 'Keep the key passphrase somewhere safe: without it, or a backup, the data cannot be recovered.',
  },
  'cli.users.added': {
    fa: 'کاربر {username} با نقش {role} ساخته شد.',
    en: 'User {username} was created with the role {role}.',
  },
  'cli.users.none': { fa: 'کاربری نیست.', en: 'There are no users.' },
  'cli.patients.added': {
    fa: 'بیمار ثبت شد: شمارهٔ پرونده {mrn}، شناسه {id}',
    en: 'Patient registered: record number {mrn}, id {id}',
  },
  'cli.patients.none': { fa: 'بیماری پیدا نشد.', en: 'No patient matched.' },
  'cli.patients.count': { fa: '{count} بیمار پیدا شد.', en: '{count} patient(s) found.' },
  'cli.patients.truncated': {
    fa: 'بیماران بیشتری با این جست‌وجو جورند؛ جست‌وجو را دقیق‌تر کنید یا --limit را بیشتر کنید.',
    en: 'More patients match; narrow the search or raise --limit.',
  },
  'cli.visits.patientNotFound': {
    fa: 'بیماری با {option} داده‌شده پیدا نشد.',
    en: 'No patient was found with the given {option}.',
  },
  'cli.visits.patientAmbiguous': {
    fa: 'بیش از یک بیمار با {option} داده‌شده جور است؛ بیمار را با --patient و شناسه‌اش مشخص کنید.',
    en: 'More than one patient matches the given {option}; name the patient by id with --patient.',
  },
  'cli.visits.doctorNotFound': {
    fa: 'پزشک فعالی با نام کاربری داده‌شده در --doctor نیست. پزشکان فعال: {doctors}',
    en: 'No active doctor has the user name given with --doctor. Active doctors: {doctors}',
  },
  'cli.visits.booked': { fa: '{count} نوبت رزرو شد.', en: '{count} visit(s) booked.' },
  'cli.visits.day.title': {
    fa: 'ویزیت‌های روز {date}: {count} ویزیت',
    en: 'Visits on {date}: {count}',
  },
  'cli.visits.day.noDoctors': {
    fa: 'هیچ پزشکی در این روز کار نمی‌کند یا ویزیتی ندارد.',
    en: 'No doctor works or has visits on this day.',
  },
  'cli.visits.day.doctor': {
    fa: '{doctor}: {count} ویزیت؛ ساعات کاری {hours}',
    en: '{doctor}: {count} visit(s); working hours {hours}',
  },
  'cli.visits.day.doctorOff': {
    fa: '{doctor}: {count} ویزیت؛ در این روز کار نمی‌کند',
    en: '{doctor}: {count} visit(s); does not work on this day',
  },
  'cli.visits.day.none': { fa: 'ویزیتی نیست.', en: 'No visits.' },
  'cli.reports.verified': {
    fa: 'امضای همهٔ {versions} نسخهٔ گزارش معتبر است و زنجیرهٔ اصلاحیه‌ها سالم است.',
    en: 'All {versions} version(s) of the report carry a valid signature and the amendment chain is intact.',
  },
  'cli.reports.broken': {
    fa: 'امضا یا زنجیرهٔ گزارش معتبر نیست ({versions} نسخه بررسی شد).',
    en: 'The report’s signatures or chain do not hold ({versions} version(s) checked).',
  },
  'cli.reports.versionOk': {
    fa: 'نسخهٔ {version}: امضا معتبر (اثر انگشت کلید {fingerprint})',
    en: 'version {version}: signature valid (key fingerprint {fingerprint})',
  },
  'cli.reports.versionBroken': {
    fa: 'نسخهٔ {version}: نامعتبر (اثر انگشت کلید {fingerprint})',
    en: 'version {version}: NOT valid (key fingerprint {fingerprint})',
  },
  'cli.audit.ok': {
    fa: 'زنجیرهٔ گزارش دسترسی سالم است: {entries} رویداد بررسی شد (آخرین رویداد #{lastSeq}).',
    en: 'The access-log chain is intact: {entries} entries checked (the last is #{lastSeq}).',
  },
  'cli.audit.broken': {
    fa: 'زنجیرهٔ گزارش دسترسی شکسته است: {count} مشکل در {entries} رویداد.',
    en: 'The access-log chain is broken: {count} problem(s) in {entries} entries.',
  },
  'cli.audit.problem.edited': {
    fa: 'رویداد #{seq}: محتوای آن پس از ثبت تغییر کرده است.',
    en: 'Entry #{seq}: its content was changed after it was written.',
  },
  'cli.audit.problem.deleted': {
    fa: 'رویداد #{seq}: رویداد یا رویدادهای پیش از آن حذف شده‌اند.',
    en: 'Entry #{seq}: the entry or entries before it were deleted.',
  },
  'cli.audit.problem.reordered': {
    fa: 'رویداد #{seq}: جای آن در زنجیره عوض شده است.',
    en: 'Entry #{seq}: it was moved within the chain.',
  },
  'cli.audit.report.title': {
    fa: 'گزارش دسترسی به پروندهٔ بیمار {patientId}',
    en: 'Access report for patient {patientId}',
  },
  'cli.audit.period': { fa: 'بازه: {from} تا {to}', en: 'Period: {from} to {to}' },
  'cli.audit.report.summary': {
    fa: 'روی هم {total} رویداد از {users} کاربر؛ {granted} مجاز و {denied} ردشده.',
    en: 'In all {total} entries by {users} user(s); {granted} granted, {denied} denied.',
  },
  'cli.audit.report.byUser': { fa: 'بر پایهٔ کاربر:', en: 'By user:' },
  'cli.audit.report.byAction': { fa: 'بر پایهٔ کار:', en: 'By action:' },
  'cli.audit.report.byResource': { fa: 'بر پایهٔ بخش:', en: 'By resource:' },
  'cli.audit.report.recent': { fa: 'رویدادهای اخیر:', en: 'Recent entries:' },
  'cli.audit.flags': { fa: 'فعالیت‌های مشکوک:', en: 'Suspicious activity:' },
  'cli.audit.noFlags': {
    fa: 'فعالیت مشکوکی پیدا نشد.',
    en: 'No suspicious activity was found.',
  },
  'cli.keys.resuming': {
    fa: 'چرخش کلیدی که نیمه‌کاره مانده بود از سر گرفته می‌شود (از کلید {from} به کلید {to}؛ {done} از {total} مقدار پیش‌تر انجام شده بود).',
    en: 'Resuming an interrupted key rotation (key {from} → {to}; {done} of {total} values were already done).',
  },
  'cli.keys.starting': {
    fa: 'چرخش کلید داده آغاز شد: مقدارهای رمزشده دسته‌دسته با کلید تازه رمز می‌شوند. اگر کار نیمه‌کاره بماند، دستور را دوباره اجرا کنید تا از همان‌جا ادامه یابد.',
    en: 'Rotating the data key: encrypted values are re-encrypted with a new key in batches. If this is interrupted, run the command again and it resumes where it stopped.',
  },
  'cli.keys.progress': {
    fa: 'چرخش کلید: {done} از {total} ({table})',
    en: 'Key rotation: {done} of {total} ({table})',
  },
  'cli.keys.done': {
    fa: 'چرخش کلید انجام شد: از کلید {from} به کلید {to}؛ {count} مقدار دوباره رمز شد.',
    en: 'Key rotation finished: key {from} → {to}; {count} values re-encrypted.',
  },
  'cli.keys.retired': { fa: 'کلید قدیمی پاک شد.', en: 'The old key was deleted.' },
  'cli.keys.incomplete': {
    fa: 'هنوز مقدارهایی با کلید قدیمی مانده است؛ دستور را دوباره اجرا کنید.',
    en: 'Some values still use the old key; run the command again.',
  },
  'cli.backup.done': {
    fa: 'نسخهٔ پشتیبان نوشته شد: {file} ({bytes} بایت)',
    en: 'Backup written: {file} ({bytes} bytes)',
  },
  'cli.backup.keepPassphrase': {
    fa: 'عبارت عبور پشتیبان را جدا از فایل نگه دارید؛ فایل بدون آن باز نمی‌شود.',
    en: 'Keep the backup passphrase apart from the file; the file cannot be opened without it.',
  },
  'cli.backup.progress': { fa: 'پیشرفت: {percent} درصد', en: 'Progress: {percent}%' },
  'cli.restore.fileMissing': {
    fa: 'فایل پشتیبان پیدا نشد: {file}',
    en: 'The backup file was not found: {file}',
  },
  'cli.restore.authorized': {
    fa: 'بازیابی به نام {username} مجاز و ثبت شد؛ پایگاه دادهٔ کنونی بسته شد.',
    en: 'The restore was authorised for {username} and recorded; the current database is closed.',
  },
  'cli.restore.done': { fa: 'بازیابی انجام شد. بررسی‌ها:', en: 'Restore complete. Checked:' },
  'cli.restore.check.chunks': {
    fa: 'همهٔ بخش‌های فایل پشتیبان با عبارت عبور آن اصالت‌سنجی شدند.',
    en: 'Every part of the backup file authenticated with its passphrase.',
  },
  'cli.restore.check.integrity': {
    fa: 'بررسی یکپارچگی SQLite بی‌اشکال بود.',
    en: "SQLite's integrity check passed.",
  },
  'cli.restore.check.schema': {
    fa: 'نسخهٔ ساختار پایگاه داده ({version}) برای این برنامه شناخته است.',
    en: 'The database schema version ({version}) is known to this app.',
  },
  'cli.restore.check.values': {
    fa: '{count} مقدار رمزشده با کلیدهای پشتیبان باز شد.',
    en: '{count} encrypted values open with the backup’s keys.',
  },
  'cli.restore.check.chain': {
    fa: 'زنجیرهٔ گزارش دسترسی ({entries} رویداد) سالم است.',
    en: 'The access-log chain ({entries} entries) is intact.',
  },
  'cli.restore.check.vault': {
    fa: 'کلیدها اکنون با عبارت عبور کلیدها محافظت می‌شوند و پایگاه دادهٔ بازیابی‌شده با آن باز شد.',
    en: 'The keys are now protected by the key passphrase, and the restored database opened with it.',
  },
  'cli.restore.createdAt': { fa: 'زمان تهیهٔ پشتیبان: {at}', en: 'Backup taken at: {at}' },
  'cli.restore.previous': {
    fa: 'پایگاه دادهٔ پیشین در این مسیر نگه داشته شد: {file}',
    en: 'The previous database was kept at: {file}',
  },

  // --- Table columns ---------------------------------------------------------------------------
  'cli.col.username': { fa: 'نام کاربری', en: 'Username' },
  'cli.col.displayName': { fa: 'نام', en: 'Name' },
  'cli.col.role': { fa: 'نقش', en: 'Role' },
  'cli.col.specialty': { fa: 'تخصص', en: 'Specialty' },
  'cli.col.councilNo': { fa: 'نظام پزشکی', en: 'Council no.' },
  'cli.col.status': { fa: 'وضعیت', en: 'Status' },
  'cli.col.mrn': { fa: 'پرونده', en: 'MRN' },
  'cli.col.name': { fa: 'نام و نام خانوادگی', en: 'Name' },
  'cli.col.latinName': { fa: 'نام لاتین', en: 'Latin name' },
  'cli.col.nationalId': { fa: 'کد ملی', en: 'National ID' },
  'cli.col.phone': { fa: 'تلفن', en: 'Phone' },
  'cli.col.birthDate': { fa: 'تاریخ تولد', en: 'Birth date' },
  'cli.col.sex': { fa: 'جنس', en: 'Sex' },
  'cli.col.id': { fa: 'شناسه', en: 'ID' },
  'cli.col.seq': { fa: 'ردیف', en: 'Seq' },
  'cli.col.at': { fa: 'زمان', en: 'Time' },
  'cli.col.user': { fa: 'کاربر', en: 'User' },
  'cli.col.action': { fa: 'کار', en: 'Action' },
  'cli.col.resource': { fa: 'بخش', en: 'Resource' },
  'cli.col.result': { fa: 'نتیجه', en: 'Result' },
  'cli.col.count': { fa: 'تعداد', en: 'Count' },
  'cli.col.granted': { fa: 'مجاز', en: 'Granted' },
  'cli.col.kind': { fa: 'نوع', en: 'Kind' },
  'cli.col.first': { fa: 'نخستین', en: 'First' },
  'cli.col.last': { fa: 'آخرین', en: 'Last' },
  'cli.col.entries': { fa: 'رویدادها', en: 'Entries' },
  'cli.col.date': { fa: 'تاریخ', en: 'Date' },
  'cli.col.time': { fa: 'ساعت', en: 'Time' },
  'cli.col.patient': { fa: 'بیمار', en: 'Patient' },
  'cli.col.doctor': { fa: 'پزشک', en: 'Doctor' },
  'cli.col.type': { fa: 'نوع ویزیت', en: 'Type' },
  'cli.col.fee': { fa: 'هزینه (ریال)', en: 'Fee (rials)' },
  'cli.col.paid': { fa: 'پرداخت', en: 'Paid' },
} as const satisfies Record<`cli.${string}`, Message>;

export type CliMessageKey = keyof typeof cliMessages;
/** Any key the tool can print: the app catalogue's or its own. */
export type AnyMessageKey = MessageKey | CliMessageKey;
export type MessageParams = Readonly<Record<string, string | number>>;

export function isCliMessageKey(key: string): key is CliMessageKey {
  return Object.hasOwn(cliMessages, key);
}

/** One message in one language, `{param}` placeholders filled. */
export function render(key: AnyMessageKey, language: Language, params?: MessageParams): string {
  if (!isCliMessageKey(key)) return translate(key, language, params);
  return fill(cliMessages[key][language], params);
}

/** A {fa, en} text that is not in a catalogue (help descriptions kept beside their command). */
export function renderText(text: Message, language: Language, params?: MessageParams): string {
  return fill(text[language], params);
}

function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
