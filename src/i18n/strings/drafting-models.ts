import type { UiString } from './types';

/**
 * Settings › Models, second part: the language models that draft the SOAP note, this computer's
 * plan for them and the time a typical visit takes. Statuses, sizes, folders and what to do about
 * a file reuse the speech models' words (`speech.status.*`, `speech.size.*`, `speech.todo.*`).
 */
export const draftingModelsStrings = {
  'draftingModels.title': { fa: 'مدل‌های پیش‌نویس', en: 'Drafting models' },
  'draftingModels.intro': {
    fa: 'مدل زبانی از رونویسی ویزیت پیش‌نویس یادداشت SOAP را می‌نویسد. این مدل‌ها هم مثل مدل‌های گفتار در پوشهٔ مدل‌ها گذاشته یا از همان بخش «وارد کردن از پوشه یا حافظهٔ USB» وارد می‌شوند و پیش از استفاده با چکیدهٔ sha256 بررسی می‌شوند.',
    en: 'A language model writes the draft SOAP note from the visit’s transcript. Like the speech models, these are put in the models folder or imported with “Import from a folder or USB stick”, and checked against their sha256 checksum before use.',
  },
  'draftingModels.unavailable': {
    fa: 'وضعیت مدل‌های پیش‌نویس روی این رایانه در دسترس نیست.',
    en: 'The state of the drafting models is not available on this computer.',
  },

  'draftingModels.inUse': {
    fa: 'پیش‌نویس با مدل {model} نوشته می‌شود.',
    en: 'Drafts are written with {model}.',
  },
  'draftingModels.inUseTime': {
    fa: 'پیش‌نویس یک ویزیت معمولی روی این رایانه {time} طول می‌کشد.',
    en: 'A typical visit takes {time} to draft on this computer.',
  },
  'draftingModels.noneTitle': {
    fa: 'هیچ مدل زبانی برای پیش‌نویس نصب نیست',
    en: 'No language model is installed for drafting',
  },
  'draftingModels.none': {
    fa: 'تا نصب یک مدل زبانی، پیش‌نویس فقط با استخراج خودکار ساخته می‌شود: علائم حیاتی، فهرست داروها و شکایت اصلی از رونویسی. با مدل زبانی هر چهار بخش SOAP نوشته می‌شود.',
    en: 'Until a language model is installed, drafts are built by the extractors alone: vital signs, the medication list and the chief complaint from the transcript. With a language model all four SOAP sections are written.',
  },
  'draftingModels.putFile': {
    fa: 'فایل {file} را در پوشهٔ {dir} بگذارید، یا آن را از یک پوشه یا حافظهٔ USB (بالای همین صفحه) وارد کنید.',
    en: 'Put {file} in {dir}, or import it from a folder or USB stick (further up this page).',
  },
  'draftingModels.corruptTitle': {
    fa: 'فایل مدل زبانی آسیب دیده است',
    en: 'The language model file is damaged',
  },
  'draftingModels.corrupt': {
    fa: 'تا جایگزینی فایل، پیش‌نویس فقط با استخراج خودکار ساخته می‌شود. یک نسخهٔ سالم را از یک پوشه یا حافظهٔ USB وارد کنید.',
    en: 'Until the file is replaced, drafts are built by the extractors alone. Import a good copy from a folder or USB stick.',
  },

  'draftingModels.plan.title': { fa: 'پیش‌نویس روی این رایانه', en: 'Drafting on this computer' },
  'draftingModels.plan.summary': {
    fa: '{threads} رشته، زمینهٔ {context} توکنی، {gpu} — مدل پیشنهادی: {model}',
    en: '{threads} {threadWord}, {context}-token context, {gpu} — recommended model: {model}',
  },
  'draftingModels.plan.thread': { fa: 'رشته', en: 'thread' },
  'draftingModels.plan.threads': { fa: 'رشته', en: 'threads' },
  'draftingModels.plan.noGpu': { fa: 'بدون GPU', en: 'no GPU' },
  'draftingModels.plan.gpuAll': {
    fa: 'همهٔ لایه‌ها روی GPU ({backend})',
    en: 'all layers on the GPU ({backend})',
  },
  'draftingModels.plan.gpuAuto': {
    fa: 'لایه‌ها تا جایی که جا شوند روی GPU ({backend})',
    en: 'as many layers as fit on the GPU ({backend})',
  },
  'draftingModels.plan.rule.gpu': {
    fa: 'کارت گرافیک بزرگ‌ترین مدلی را که در حافظه جا می‌شود به‌سرعت اجرا می‌کند.',
    en: 'The GPU runs the largest model that fits in memory quickly.',
  },
  'draftingModels.plan.rule.many_cores': {
    fa: 'هسته و حافظهٔ کافی برای بزرگ‌ترین مدل، با پیش‌نویسی در کمتر از دو دقیقه.',
    en: 'Enough cores and memory for the largest model, drafting in under two minutes.',
  },
  'draftingModels.plan.rule.limited_memory': {
    fa: 'مدل بزرگ‌تر در حافظهٔ این رایانه کنار برنامه و مدل گفتار جا نمی‌شود.',
    en: 'A larger model would not fit in this computer’s memory beside the app and the speech model.',
  },
  'draftingModels.plan.rule.limited_cores': {
    fa: 'مدل بزرگ‌تر روی این تعداد هسته برای هر ویزیت بیش از دو دقیقه طول می‌کشد.',
    en: 'A larger model would take more than two minutes a visit on these cores.',
  },
  'draftingModels.plan.rule.low_memory': {
    fa: 'حافظهٔ این رایانه حتی برای کوچک‌ترین مدل کم است و پیش‌نویس کند خواهد بود؛ افزودن حافظه پیشنهاد می‌شود.',
    en: 'This computer has too little memory even for the smallest model, so drafting will be slow; more memory is recommended.',
  },
  'draftingModels.plan.typical': {
    fa: 'پیش‌نویس یک ویزیت معمولی (حدود {promptTokens} توکن رونویسی و {outputTokens} توکن پیش‌نویس) با مدل پیشنهادی: {time}',
    en: 'Drafting a typical visit (about {promptTokens} tokens of transcript and {outputTokens} of draft) with the recommended model: {time}',
  },
  'draftingModels.plan.gpuFaster': {
    fa: 'این زمان برای پردازنده است؛ با GPU کوتاه‌تر می‌شود.',
    en: 'This is the time on the processor; the GPU makes it shorter.',
  },
  'draftingModels.plan.unknown': {
    fa: 'مشخصات این رایانه برای پیش‌نویس هنوز خوانده نشده است.',
    en: 'This computer’s hardware has not been read for drafting yet.',
  },
  'draftingModels.recommended': {
    fa: 'مدل پیشنهادی برای پیش‌نویس',
    en: 'Recommended for drafting',
  },
  'draftingModels.recommendedNotListed': {
    fa: 'مدل پیشنهادی ({model}) در فهرست مدل‌های این نصب نیست.',
    en: 'The recommended model ({model}) is not in this installation’s list of models.',
  },

  'draftingModels.list.title': { fa: 'مدل‌های زبانی (GGUF)', en: 'Language models (GGUF)' },
  'draftingModels.list.intro': {
    fa: 'یک مدل کافی است. مدل‌های بزرگ‌تر پیش‌نویس بهتری می‌نویسند ولی کندترند و حافظهٔ بیشتری می‌خواهند. زمان‌ها برای همین رایانه پیش‌بینی شده‌اند.',
    en: 'One model is enough. Larger models write better drafts but are slower and need more memory. The times are predicted for this computer.',
  },
  'draftingModels.list.empty': {
    fa: 'فهرست مدل‌های این نصب هیچ مدل زبانی ندارد.',
    en: 'This installation’s list of models has no language model.',
  },
  'draftingModels.class.1B': {
    fa: 'ردهٔ 1B: سریع، برای رایانه‌های ضعیف یا کم‌حافظه',
    en: '1B-class: fast, for weak or low-memory PCs',
  },
  'draftingModels.class.3B': {
    fa: 'ردهٔ 3B: تعادل دقت و سرعت، برای رایانه‌های ۸ گیگابایتی',
    en: '3B-class: accuracy and speed balanced, for 8 GB PCs',
  },
  'draftingModels.class.8B': {
    fa: 'ردهٔ 8B: بهترین پیش‌نویس، برای رایانه‌های قوی یا دارای GPU',
    en: '8B-class: the best drafts, for strong PCs or a GPU',
  },
  'draftingModels.card.facts': {
    fa: '{quant} · {size} · حافظه حدود {ram} · ویزیت معمولی {time}',
    en: '{quant} · {size} · about {ram} of memory · typical visit {time}',
  },
  'draftingModels.card.licence': { fa: 'مجوز: {licence}', en: 'Licence: {licence}' },
  'draftingModels.card.nonCommercial': { fa: 'مجوز غیرتجاری', en: 'Non-commercial licence' },
  'draftingModels.card.nonCommercialHint': {
    fa: 'این مجوز استفاده در کار کلینیک را اجازه نمی‌دهد؛ انتخاب خودکار هرگز آن را برنمی‌گزیند.',
    en: 'This licence does not allow use in a clinic’s work; the automatic choice never picks it.',
  },
  'draftingModels.card.tooBig': {
    fa: 'برای حافظهٔ این رایانه بزرگ است',
    en: 'Too large for this computer’s memory',
  },

  'draftingModels.time.seconds': { fa: 'حدود {n} ثانیه', en: 'about {n} s' },
  'draftingModels.time.minutes': { fa: 'حدود {n} دقیقه', en: 'about {n} min' },
} as const satisfies Record<string, UiString>;
