import { draftingModelsStrings } from './drafting-models';
import type { UiString } from './types';

/**
 * Settings › Transcription and Settings › Models: how speech is transcribed, and the speech models
 * on this workstation (status, checking, importing from a folder or USB stick). The drafting
 * models of the same screen come with them.
 */
export const speechStrings = {
  ...draftingModelsStrings,
  'speech.section.transcription': { fa: 'رونویسی', en: 'Transcription' },
  'speech.section.models': { fa: 'مدل‌ها', en: 'Models' },

  // --- Settings › Transcription ---------------------------------------------------------------
  'speech.transcription.title': { fa: 'تنظیمات رونویسی', en: 'Transcription settings' },
  'speech.transcription.intro': {
    fa: 'این تنظیمات برای همهٔ رایانه‌های کلینیک یکسان است. زبان، واژه‌ها، مدل و کنار گذاشتن سکوت از بخش بعدی که رونویسی شود به کار می‌روند؛ طول بخش از ضبط بعدی.',
    en: 'These settings are the same on every computer of the clinic. Language, vocabulary, model and silence skipping apply from the next chunk transcribed; the chunk length from the next recording.',
  },
  'speech.transcription.group.speech': { fa: 'زبان و واژه‌ها', en: 'Language and vocabulary' },
  'speech.transcription.group.model': { fa: 'مدل و سکوت', en: 'Model and silence' },
  'speech.transcription.group.files': { fa: 'ضبط و فایل‌ها', en: 'Recording and files' },
  'speech.transcription.language': { fa: 'زبان گفت‌وگو', en: 'Spoken language' },
  'speech.transcription.language.fa': { fa: 'فارسی', en: 'Persian' },
  'speech.transcription.language.en': { fa: 'انگلیسی', en: 'English' },
  'speech.transcription.language.auto': { fa: 'تشخیص خودکار', en: 'Detect automatically' },
  'speech.transcription.languageHint': {
    fa: 'زبانی که پزشک و بیمار با آن صحبت می‌کنند. «تشخیص خودکار» زبان هر بخش را جداگانه حدس می‌زند و گاهی اشتباه می‌کند.',
    en: 'The language doctor and patient speak. “Detect automatically” guesses the language of each chunk and sometimes gets it wrong.',
  },
  'speech.transcription.prompt': {
    fa: 'واژه‌های پزشکی (متن راهنمای رونویسی)',
    en: 'Medical vocabulary (initial prompt)',
  },
  'speech.transcription.promptHint': {
    fa: 'نام داروها و اصطلاحاتی که در مطب زیاد گفته می‌شود؛ املای آن‌ها را در رونویسی بهتر می‌کند. کوتاه بنویسید: از متن بلند فقط بخش پایانی خوانده می‌شود.',
    en: 'Drug names and terms often said in the clinic; it improves how they are spelled. Keep it short: of a long text only the end is read.',
  },
  'speech.transcription.promptCount': {
    fa: '{count} از {max} نویسه',
    en: '{count} of {max} characters',
  },
  'speech.transcription.promptReset': {
    fa: 'بازگرداندن متن پیش‌فرض',
    en: 'Restore the default text',
  },
  'speech.transcription.vad': { fa: 'کنار گذاشتن سکوت (VAD)', en: 'Skipping silence (VAD)' },
  'speech.transcription.vad.auto': { fa: 'خودکار', en: 'Automatic' },
  'speech.transcription.vad.energy': {
    fa: 'تشخیص ساده بر پایهٔ بلندی صدا',
    en: 'Simple loudness detector',
  },
  'speech.transcription.vad.off': {
    fa: 'خاموش: همهٔ صدا رونویسی شود',
    en: 'Off: transcribe all of the audio',
  },
  'speech.transcription.vadHint.autoSilero': {
    fa: 'مدل Silero VAD نصب است و سکوت‌ها با آن کنار گذاشته می‌شوند.',
    en: 'The Silero VAD model is installed and skips silence.',
  },
  'speech.transcription.vadHint.autoEnergy': {
    fa: 'مدل Silero VAD نصب نیست؛ تا نصب آن، تشخیص ساده بر پایهٔ بلندی صدا به کار می‌رود.',
    en: 'The Silero VAD model is not installed; until it is, the simple loudness detector is used.',
  },
  'speech.transcription.vadHint.energy': {
    fa: 'بخش‌های بی‌صدا با سنجش بلندی صدا کنار گذاشته می‌شوند.',
    en: 'Quiet stretches are skipped by measuring loudness.',
  },
  'speech.transcription.vadHint.off': {
    fa: 'هر ثانیهٔ ضبط رونویسی می‌شود؛ کندتر است و در سکوت‌ها ممکن است متن بی‌معنی بسازد.',
    en: 'Every second is transcribed; this is slower, and silence can produce made-up text.',
  },
  'speech.transcription.model': { fa: 'مدل گفتار', en: 'Speech model' },
  'speech.transcription.model.auto': {
    fa: 'خودکار (پیشنهادی برای این رایانه)',
    en: 'Automatic (recommended for this computer)',
  },
  'speech.transcription.model.notInstalled': {
    fa: '{model} (نصب نیست)',
    en: '{model} (not installed)',
  },
  'speech.transcription.modelHint.auto': {
    fa: 'مدل پیشنهادی این رایانه ({model}) اگر نصب باشد، وگرنه یکی از مدل‌های نصب‌شده.',
    en: 'The model recommended for this computer ({model}) when it is installed, otherwise one of the installed models.',
  },
  'speech.transcription.modelHint.chosen': {
    fa: 'فقط همین مدل به کار می‌رود؛ اگر نصب نباشد رونویسی منتظر می‌ماند.',
    en: 'Only this model is used; if it is not installed, transcription waits.',
  },
  'speech.transcription.modelHint.noneInstalled': {
    fa: 'هنوز هیچ مدل گفتاری نصب نیست؛ در بخش «مدل‌ها» یکی را وارد کنید.',
    en: 'No speech model is installed yet; import one in the Models section.',
  },
  'speech.transcription.modelHint.englishOnly': {
    fa: 'این مدل فقط انگلیسی می‌فهمد و گفت‌وگوی فارسی را رونویسی نمی‌کند.',
    en: 'This model understands English only and does not transcribe Persian.',
  },
  'speech.transcription.chunk': {
    fa: 'طول هر بخش ضبط (ثانیه)',
    en: 'Length of each recording chunk (seconds)',
  },
  'speech.transcription.chunkHint': {
    fa: 'عددی از {min} تا {max}. هر بخش به‌محض بسته شدن رونویسی می‌شود؛ بخش کوتاه‌تر متن را زودتر نشان می‌دهد.',
    en: 'A number from {min} to {max}. Each chunk is transcribed as soon as it closes; shorter chunks show text sooner.',
  },
  'speech.transcription.ffmpeg': {
    fa: 'مسیر ffmpeg (برای وارد کردن فایل صوتی)',
    en: 'ffmpeg path (for importing audio files)',
  },
  'speech.transcription.ffmpegHint': {
    fa: 'خود برنامه یا پوشهٔ آن. اگر خالی بماند، در پوشهٔ برنامه و مسیرهای سیستم (PATH) جست‌وجو می‌شود.',
    en: 'The program or its folder. Left empty, the app looks in its own folder and on the system PATH.',
  },
  'speech.transcription.provisioned': {
    fa: 'پوشهٔ مدل‌های پشتیبانی فنی',
    en: 'IT support’s models folder',
  },
  'speech.transcription.provisionedHint': {
    fa: 'پوشه‌ای (روی همین رایانه یا در شبکه) که پشتیبانی فنی مدل‌ها را برای همهٔ رایانه‌ها در آن می‌گذارد؛ مدل‌ها بی‌آنکه کپی شوند از همان‌جا خوانده می‌شوند. خالی یعنی ندارد.',
    en: 'A folder (on this computer or on the network) where IT support keeps models for every computer; models are read from it without copying. Empty means none.',
  },
  'speech.transcription.saved': {
    fa: 'تنظیمات رونویسی ذخیره شد.',
    en: 'The transcription settings were saved.',
  },
  'speech.transcription.partlySaved': {
    fa: 'بعضی از تغییرات ذخیره نشد؛ مشکل هر کدام کنار همان خانه آمده است.',
    en: 'Some changes were not saved; each problem is shown by its field.',
  },
  'speech.transcription.unsaved': {
    fa: 'تغییرات هنوز ذخیره نشده است.',
    en: 'The changes are not saved yet.',
  },
  'speech.transcription.undo': { fa: 'رها کردن تغییرات', en: 'Discard changes' },

  // --- Settings › Models: engine, model in use, this computer ---------------------------------
  'speech.models.title': { fa: 'مدل‌های گفتار', en: 'Speech models' },
  'speech.models.intro': {
    fa: 'مدل‌هایی که رونویسی با آن‌ها انجام می‌شود. برنامه چیزی از اینترنت دریافت نمی‌کند: پشتیبانی فنی فایل مدل را در پوشهٔ مدل‌ها می‌گذارد یا از یک پوشه یا حافظهٔ USB وارد می‌کند، و برنامه پیش از استفاده سلامت آن را با چکیدهٔ sha256 بررسی می‌کند.',
    en: 'The models transcription runs on. The app downloads nothing: IT support puts a model file in the models folder or imports it from a folder or USB stick, and the app checks it against its sha256 checksum before use.',
  },
  'speech.models.refresh': { fa: 'نگاه دوباره به پوشه‌ها', en: 'Look again' },
  'speech.models.readOnly': {
    fa: 'فقط مدیر کلینیک می‌تواند مدل وارد یا بررسی کند.',
    en: 'Only the clinic administrator can import or check models.',
  },
  'speech.models.noListing': {
    fa: 'فهرست مدل‌ها روی این رایانه در دسترس نیست.',
    en: 'The list of models is not available on this computer.',
  },
  'speech.details': { fa: 'جزئیات برای پشتیبانی فنی', en: 'Details for IT support' },

  'speech.engine.ready': {
    fa: 'موتور رونویسی آماده است ({name}).',
    en: 'The speech engine is ready ({name}).',
  },
  'speech.engine.notStarted': {
    fa: 'موتور رونویسی با نخستین ضبط راه‌اندازی می‌شود.',
    en: 'The speech engine starts with the first recording.',
  },
  'speech.engine.unavailableTitle': {
    fa: 'موتور رونویسی در دسترس نیست',
    en: 'The speech engine is not available',
  },
  'speech.engine.unavailable': {
    fa: 'ضبط کار می‌کند و صدا نگه داشته می‌شود، اما رونویسی تا رفع مشکل منتظر می‌ماند. پشتیبانی فنی جزئیات را زیر همین پیام می‌بیند.',
    en: 'Recording works and the audio is kept, but transcription waits until this is fixed. IT support finds the details below this message.',
  },
  'speech.engine.slowTitle': {
    fa: 'موتور رونویسی کند است',
    en: 'The speech engine is slow',
  },
  'speech.engine.slow': {
    fa: 'موتور اصلی روی این رایانه ساخته نشد و موتور جایگزینِ آماده به کار می‌رود که چند برابر کندتر است: رونویسی ممکن است چند برابر مدت ضبط طول بکشد. برای نصب موتور اصلی با پشتیبانی فنی تماس بگیرید.',
    en: 'The app’s own engine could not be built on this computer, so the prebuilt fallback runs, which is several times slower: transcription may take several times the recording’s length. Ask IT support to install the app’s own engine.',
  },
  'speech.engine.failedTitle': {
    fa: 'موتور رونویسی از کار افتاد',
    en: 'The speech engine failed',
  },
  'speech.engine.failed': {
    fa: 'موتور دوباره راه‌اندازی می‌شود؛ صدا محفوظ است و رونویسی پس از آن ادامه می‌یابد.',
    en: 'It is being restarted; the audio is safe and transcription continues afterwards.',
  },
  'speech.engine.starting': {
    fa: 'موتور رونویسی در حال آماده شدن است…',
    en: 'The speech engine is starting…',
  },

  'speech.model.inUse': {
    fa: 'رونویسی با مدل {model} انجام می‌شود.',
    en: 'Transcription uses the model {model}.',
  },
  'speech.model.noneTitle': { fa: 'مدل گفتار نصب نیست', en: 'No speech model is installed' },
  'speech.model.none': {
    fa: 'ضبط کار می‌کند و صدا نگه داشته می‌شود؛ رونویسی منتظر می‌ماند و پس از نصب مدل خودبه‌خود انجام می‌شود.',
    en: 'Recording works and the audio is kept; transcription waits and runs by itself once a model is installed.',
  },
  'speech.model.putFile': {
    fa: 'فایل {file} را در پوشهٔ {dir} بگذارید، یا آن را از یک پوشه یا حافظهٔ USB (پایین همین صفحه) وارد کنید.',
    en: 'Put {file} in {dir}, or import it from a folder or USB stick (further down this page).',
  },
  'speech.model.corruptTitle': {
    fa: 'فایل مدل گفتار آسیب دیده است',
    en: 'The speech model file is damaged',
  },
  'speech.model.corrupt': {
    fa: 'رونویسی تا جایگزینی فایل منتظر می‌ماند و صدا نگه داشته می‌شود. یک نسخهٔ سالم را از یک پوشه یا حافظهٔ USB وارد کنید.',
    en: 'Transcription waits until the file is replaced, and the audio is kept. Import a good copy from a folder or USB stick.',
  },

  'speech.plan.title': { fa: 'این رایانه', en: 'This computer' },
  'speech.plan.summary': {
    fa: '{threads} رشته پردازشی، {gpu} — مدل پیشنهادی: {model}',
    en: '{threads} processing {threadWord}, {gpu} — recommended model: {model}',
  },
  'speech.plan.thread': { fa: 'رشته', en: 'thread' },
  'speech.plan.threads': { fa: 'رشته', en: 'threads' },
  'speech.plan.noGpu': { fa: 'بدون GPU', en: 'no GPU' },
  'speech.plan.gpu': { fa: 'با GPU ({backend})', en: 'GPU ({backend})' },
  'speech.plan.rule.gpu': {
    fa: 'کارت گرافیک مدل large-v3-turbo را سریع‌تر از گفت‌وگو رونویسی می‌کند.',
    en: 'The GPU runs large-v3-turbo faster than people speak.',
  },
  'speech.plan.rule.low_memory': {
    fa: 'حافظهٔ این رایانه کم است؛ مدل کوچک‌تر جا را برای بقیهٔ برنامه باز می‌گذارد.',
    en: 'This computer has little memory; a smaller model leaves room for the rest of the app.',
  },
  'speech.plan.rule.few_cores': {
    fa: 'با یک رشتهٔ پردازشی فقط مدل base به پای ضبط زنده می‌رسد.',
    en: 'With one processing thread only base keeps up with a live recording.',
  },
  'speech.plan.rule.dual_core': {
    fa: 'با دو یا سه رشته، small بخش‌های ۳۰ ثانیه‌ای را هم‌زمان با ضبط رونویسی می‌کند؛ medium و large از ضبط عقب می‌مانند.',
    en: 'On two or three threads, small transcribes 30-second chunks as fast as they are recorded; medium and large would fall behind.',
  },
  'speech.plan.rule.many_cores': {
    fa: 'هستهٔ پردازشی کافی برای اجرای large-v3-turbo سریع‌تر از گفت‌وگو.',
    en: 'Enough cores to run large-v3-turbo faster than people speak.',
  },
  'speech.plan.unknown': {
    fa: 'مشخصات این رایانه هنوز خوانده نشده است.',
    en: 'This computer’s hardware has not been read yet.',
  },

  'speech.folders.title': { fa: 'پوشه‌های مدل', en: 'Model folders' },
  'speech.folders.data': {
    fa: 'پوشهٔ برنامه (مدل‌های واردشده در آن کپی می‌شوند)',
    en: 'The app’s folder (imported models are copied here)',
  },
  'speech.folders.provisioned': { fa: 'پوشهٔ پشتیبانی فنی', en: 'IT support’s folder' },
  'speech.folders.noProvisioned': {
    fa: 'پوشهٔ پشتیبانی فنی تعیین نشده است (تنظیمات › رونویسی).',
    en: 'No IT support folder is set (Settings › Transcription).',
  },

  // --- the list of models ---------------------------------------------------------------------
  'speech.recommended.title': {
    fa: 'مدل پیشنهادی برای این رایانه',
    en: 'Recommended for this computer',
  },
  'speech.recommended.notListed': {
    fa: 'مدل پیشنهادی ({model}) در فهرست مدل‌های این نصب نیست.',
    en: 'The recommended model ({model}) is not in this installation’s list of models.',
  },
  'speech.list.whisperTitle': {
    fa: 'مدل‌های رونویسی (whisper)',
    en: 'Transcription models (whisper)',
  },
  'speech.list.whisperIntro': {
    fa: 'هر مدل چند نسخه دارد: نسخهٔ کامل و نسخه‌های کوانتیزه (۵ و ۸ بیتی) که کوچک‌تر و سبک‌ترند و دقتی نزدیک به نسخهٔ کامل دارند. یک نسخه از هر مدل کافی است.',
    en: 'Each model comes in several builds: the full one and quantised ones (5- and 8-bit), smaller and lighter with accuracy close to the full model. One build of a model is enough.',
  },
  'speech.list.englishTitle': { fa: 'مدل‌های فقط انگلیسی', en: 'English-only models' },
  'speech.list.englishIntro': {
    fa: 'برای کلینیک‌هایی که فقط انگلیسی صحبت می‌کنند؛ گفت‌وگوی فارسی را رونویسی نمی‌کنند.',
    en: 'For clinics where only English is spoken; they do not transcribe Persian.',
  },
  'speech.list.vadTitle': { fa: 'تشخیص گفتار (VAD)', en: 'Voice-activity detection (VAD)' },
  'speech.list.vadIntro': {
    fa: 'مدل بسیار کوچک Silero سکوت‌ها را پیش از رونویسی کنار می‌گذارد. اختیاری است ولی پیشنهاد می‌شود؛ نسخهٔ v6.2.0 کافی است.',
    en: 'The tiny Silero model skips silence before transcription. It is optional but recommended; v6.2.0 is enough.',
  },
  'speech.list.table': { fa: 'نسخه‌های {family}', en: 'Builds of {family}' },
  'speech.list.col.build': { fa: 'نسخه', en: 'Build' },
  'speech.list.col.size': { fa: 'حجم', en: 'Size' },
  'speech.list.col.status': { fa: 'وضعیت', en: 'Status' },
  'speech.list.col.where': { fa: 'محل فایل یا کار لازم', en: 'Where it is, or what to do' },
  'speech.list.col.actions': { fa: 'کارها', en: 'Actions' },
  'speech.list.summary': {
    fa: '{count} نسخه، {installed} نصب‌شده',
    en: '{count} builds, {installed} installed',
  },
  'speech.list.summaryNone': {
    fa: '{count} نسخه، هیچ‌کدام نصب نیست',
    en: '{count} builds, none installed',
  },
  'speech.list.recommended': { fa: 'پیشنهادی', en: 'Recommended' },
  'speech.list.inUse': { fa: 'در حال استفاده', en: 'In use' },
  'speech.quant.f16': { fa: 'کامل ({code})', en: 'Full ({code})' },
  'speech.quant.q5': { fa: '۵ بیتی ({code})', en: '5-bit ({code})' },
  'speech.quant.q8': { fa: '۸ بیتی ({code})', en: '8-bit ({code})' },
  'speech.size.kb': { fa: '{n} کیلوبایت', en: '{n} KB' },
  'speech.size.mb': { fa: '{n} مگابایت', en: '{n} MB' },
  'speech.size.gb': { fa: '{n} گیگابایت', en: '{n} GB' },

  'speech.family.tiny': {
    fa: 'کوچک‌ترین مدل؛ برای امتحان برنامه یا رایانه‌های بسیار قدیمی. برای یادداشت بالینی فارسی دقت کافی ندارد.',
    en: 'The smallest model; for trying the app out or very old PCs. Not accurate enough for Persian clinical notes.',
  },
  'speech.family.base': {
    fa: 'برای رایانه‌های قدیمی یا تک‌هسته‌ای که small برایشان کند است؛ دقت فارسی محدود است.',
    en: 'For old or single-core PCs where small is too slow; limited Persian accuracy.',
  },
  'speech.family.small': {
    fa: 'رایانه‌های دو و چهارهسته‌ای: فارسی قابل‌قبول و به‌اندازهٔ کافی سریع برای رونویسی هم‌زمان با ضبط.',
    en: 'Dual- and quad-core PCs: usable Persian, and fast enough to transcribe while recording.',
  },
  'speech.family.medium': {
    fa: 'رایانه‌های چهارهسته‌ای یا قوی‌تر، وقتی دقت از سرعت مهم‌تر است؛ روی دو هسته بسیار کند است.',
    en: 'Quad-core or faster PCs when accuracy matters more than speed; far too slow on two cores.',
  },
  'speech.family.large-v1': {
    fa: 'جای خود را به large-v3 داده است؛ فقط برای نصب‌هایی که از قبل آن را دارند.',
    en: 'Superseded by large-v3; only for setups that already use it.',
  },
  'speech.family.large-v2': {
    fa: 'جای خود را به large-v3 داده است؛ فقط برای نصب‌هایی که از قبل آن را دارند.',
    en: 'Superseded by large-v3; only for setups that already use it.',
  },
  'speech.family.large-v3': {
    fa: 'بیشترین دقت؛ به کارت گرافیک یا رایانهٔ هشت‌هسته‌ای سریع نیاز دارد.',
    en: 'The highest accuracy; needs a GPU or a fast 8-core PC.',
  },
  'speech.family.large-v3-turbo': {
    fa: 'دقتی نزدیک به large-v3 و بسیار سریع‌تر؛ برای رایانه‌های دارای کارت گرافیک یا شش هسته و بیشتر.',
    en: 'Close to large-v3 in accuracy and much faster; for PCs with a GPU or six or more cores.',
  },

  'speech.status.installed': { fa: 'نصب و سالم', en: 'Installed' },
  'speech.status.unverified': { fa: 'نصب، بررسی‌نشده', en: 'Not checked yet' },
  'speech.status.verifying': { fa: 'در حال بررسی', en: 'Checking' },
  'speech.status.corrupt': { fa: 'آسیب‌دیده', en: 'Damaged' },
  'speech.status.missing': { fa: 'نصب نیست', en: 'Missing' },
  'speech.where.data': { fa: 'پوشهٔ برنامه', en: 'The app’s folder' },
  'speech.where.provisioned': { fa: 'پوشهٔ پشتیبانی فنی', en: 'IT support’s folder' },
  'speech.where.checked': { fa: 'بررسی‌شده در {when}', en: 'Checked {when}' },
  'speech.todo.missing': {
    fa: 'فایل را در پوشهٔ برنامه بگذارید یا از یک پوشه وارد کنید.',
    en: 'Put the file in the app’s folder, or import it from a folder.',
  },
  'speech.todo.size_mismatch': {
    fa: 'حجم فایل {actual} است، نه {expected}: ناقص یا فایل دیگری است. یک نسخهٔ سالم وارد کنید.',
    en: 'The file is {actual}, not {expected}: it is incomplete or another file. Import a good copy.',
  },
  'speech.todo.hash_mismatch': {
    fa: 'محتوای فایل با چکیدهٔ منتشرشده یکی نیست. یک نسخهٔ سالم وارد کنید.',
    en: 'Its contents do not match the published checksum. Import a good copy.',
  },
  'speech.todo.unreadable': {
    fa: 'فایل خوانده نشد؛ دسترسی پوشه را بررسی کنید.',
    en: 'The file could not be read; check the folder’s permissions.',
  },
  'speech.todo.unverified': {
    fa: 'پیش از نخستین استفاده بررسی می‌شود.',
    en: 'It is checked before its first use.',
  },
  'speech.verify': { fa: 'بررسی', en: 'Check' },
  'speech.verifyLabel': { fa: 'بررسی سلامت {file}', en: 'Check {file}' },
  'speech.verified.ok': {
    fa: '{file} بررسی شد و سالم است.',
    en: '{file} was checked and is intact.',
  },
  'speech.verified.bad': {
    fa: '{file} بررسی شد و آسیب دیده است.',
    en: '{file} was checked and is damaged.',
  },

  // --- import ---------------------------------------------------------------------------------
  'speech.import.title': {
    fa: 'وارد کردن از پوشه یا حافظهٔ USB',
    en: 'Import from a folder or USB stick',
  },
  'speech.import.intro': {
    fa: 'فایل‌های مدلِ این فهرست که در پوشه یا دو لایه زیرپوشهٔ آن پیدا شوند بررسی و در پوشهٔ برنامه کپی می‌شوند. فایل‌های دیگر دست نمی‌خورند.',
    en: 'The model files of this list found in the folder, or up to two levels of subfolders, are checked and copied into the app’s folder. Other files are left alone.',
  },
  'speech.import.folder': { fa: 'پوشه', en: 'Folder' },
  'speech.import.folderHint': {
    fa: 'مسیر کامل پوشه، مثلاً {windows} یا {linux}',
    en: 'The folder’s full path, e.g. {windows} or {linux}',
  },
  'speech.import.start': { fa: 'وارد کردن', en: 'Import' },
  'speech.import.running': { fa: 'در حال وارد کردن…', en: 'Importing…' },
  'speech.progress.copying': {
    fa: 'کپی و بررسی {file} (فایل {index} از {count})',
    en: 'Copying and checking {file} (file {index} of {count})',
  },
  'speech.progress.verifying': {
    fa: 'بررسی {file} (فایل {index} از {count})',
    en: 'Checking {file} (file {index} of {count})',
  },
  'speech.progress.bytes': { fa: '{done} از {total}', en: '{done} of {total}' },
  'speech.report.title': { fa: 'نتیجهٔ وارد کردن از {folder}', en: 'Import from {folder}' },
  'speech.report.imported': { fa: 'وارد شد ({count})', en: 'Imported ({count})' },
  'speech.report.skipped': { fa: 'لازم نبود ({count})', en: 'Not needed ({count})' },
  'speech.report.rejected': { fa: 'پذیرفته نشد ({count})', en: 'Refused ({count})' },
  'speech.report.unknown': {
    fa: 'فایل‌های دیگر، دست‌نخورده ({count})',
    en: 'Other files, left alone ({count})',
  },
  'speech.report.nothing': {
    fa: 'هیچ فایل مدلی از این فهرست در این پوشه پیدا نشد.',
    en: 'No model file of this list was found in this folder.',
  },
  'speech.report.andMore': { fa: '… و {count} فایل دیگر', en: '… and {count} more' },
  'speech.skip.already_installed': {
    fa: 'از قبل نصب و سالم است',
    en: 'already installed and intact',
  },
  'speech.skip.same_file': {
    fa: 'همان فایلی است که برنامه از آن می‌خواند',
    en: 'it is the very file the app reads',
  },
  'speech.reject.size_mismatch': {
    fa: 'حجم فایل درست نیست (ناقص یا فایل دیگری است)',
    en: 'wrong size (incomplete, or another file)',
  },
  'speech.reject.hash_mismatch': {
    fa: 'محتوا با چکیدهٔ منتشرشده یکی نیست',
    en: 'contents do not match the published checksum',
  },
  'speech.reject.unreadable': { fa: 'خوانده نشد', en: 'could not be read' },
  'speech.reject.no_space': { fa: 'فضای دیسک کافی نیست', en: 'not enough disk space' },
  'speech.reject.write_failed': {
    fa: 'نوشتن در پوشهٔ برنامه ممکن نشد',
    en: 'could not be written to the app’s folder',
  },
} as const satisfies Record<string, UiString>;
