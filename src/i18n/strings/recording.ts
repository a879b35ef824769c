import type { UiString } from './types';

/** The consultation screen: consent, recording, live transcription and the transcript. */
export const recordingStrings = {
  'recording.open': { fa: 'ضبط و رونویسی', en: 'Record & transcribe' },
  'recording.openFor': {
    fa: 'ضبط و رونویسی ویزیت {name}',
    en: 'Record and transcribe {name}’s visit',
  },
  'recording.title': { fa: 'ضبط و رونویسی — {name}', en: 'Recording & transcript — {name}' },
  'recording.visitLine': { fa: '{day}، ساعت {time} — {doctor}', en: '{day}, {time} — {doctor}' },
  'recording.back': { fa: 'بازگشت به امروز', en: 'Back to today' },
  'recording.notAllowed': {
    fa: 'ضبط ویزیت فقط برای پزشک و مدیر است.',
    en: 'Only doctors and administrators record visits.',
  },

  'recording.consent.title': { fa: 'رضایت بیمار برای ضبط', en: 'Consent to recording' },
  'recording.consent.intro': {
    fa: 'پیش از ضبط، رضایت را ثبت کنید: چه کسی، کی و چگونه رضایت داد.',
    en: 'Before recording, record the consent: who agreed, when and how.',
  },
  'recording.consent.method': { fa: 'نحوهٔ رضایت', en: 'How it was given' },
  'recording.consent.method.verbal': { fa: 'شفاهی', en: 'Verbal' },
  'recording.consent.method.written': { fa: 'کتبی', en: 'Written' },
  'recording.consent.method.electronic': { fa: 'الکترونیکی', en: 'Electronic' },
  'recording.consent.givenBy': { fa: 'رضایت‌دهنده', en: 'Given by' },
  'recording.consent.givenBy.patient': { fa: 'خود بیمار', en: 'The patient' },
  'recording.consent.givenBy.guardian': { fa: 'ولی یا قیم', en: 'Parent or guardian' },
  'recording.consent.givenBy.representative': {
    fa: 'نمایندهٔ قانونی',
    en: 'Legal representative',
  },
  'recording.consent.time': { fa: 'ساعت رضایت', en: 'Time of consent' },
  'recording.consent.timeHelp': {
    fa: 'امروز؛ اگر زودتر (مثلاً در پذیرش) گرفته شده، ساعتش را بنویسید',
    en: 'Today; if it was given earlier (at reception, say), type that time',
  },
  'recording.consent.timeInvalid': {
    fa: 'ساعت را به شکل ۰۹:۳۰ بنویسید.',
    en: 'Type the time as 09:30.',
  },
  'recording.consent.note': { fa: 'یادداشت (اختیاری)', en: 'Note (optional)' },
  'recording.consent.submit': { fa: 'ثبت رضایت', en: 'Record consent' },
  'recording.consent.given': {
    fa: 'رضایت {method} از {givenBy}، {at}',
    en: '{method} consent from {givenBy}, {at}',
  },

  'recording.recorder.title': { fa: 'ضبط گفت‌وگو', en: 'Recording' },
  'recording.mic': { fa: 'میکروفون', en: 'Microphone' },
  'recording.mic.default': { fa: 'میکروفون پیش‌فرض سیستم', en: 'System default microphone' },
  'recording.mic.unnamed': { fa: 'میکروفون {n}', en: 'Microphone {n}' },
  'recording.mic.denied': {
    fa: 'اجازهٔ استفاده از میکروفون داده نشد. در تنظیمات سیستم به برنامه اجازهٔ میکروفون بدهید و دوباره امتحان کنید.',
    en: 'Access to the microphone was refused. Allow the app to use the microphone in the system settings and try again.',
  },
  'recording.mic.none': {
    fa: 'میکروفونی پیدا نشد. میکروفون را وصل کنید یا میکروفون دیگری انتخاب کنید.',
    en: 'No microphone found. Connect one or choose another.',
  },
  'recording.mic.busy': {
    fa: 'میکروفون در دسترس نیست؛ شاید برنامهٔ دیگری از آن استفاده می‌کند.',
    en: 'The microphone is not available; another program may be using it.',
  },
  'recording.mic.failed': {
    fa: 'میکروفون باز نشد. دوباره امتحان کنید.',
    en: 'The microphone could not be opened. Try again.',
  },
  'recording.mic.retry': { fa: 'تلاش دوباره', en: 'Try again' },
  'recording.level': { fa: 'سطح صدای میکروفون', en: 'Microphone level' },
  'recording.level.value': { fa: '{db} دسی‌بل', en: '{db} dB' },
  'recording.level.silent': { fa: 'بی‌صدا', en: 'silent' },
  'recording.elapsed': { fa: 'مدت ضبط', en: 'Recorded time' },
  'recording.state.idle': { fa: 'آمادهٔ ضبط', en: 'Ready to record' },
  'recording.state.recording': { fa: 'در حال ضبط', en: 'Recording' },
  'recording.state.paused': { fa: 'مکث', en: 'Paused' },
  'recording.state.stopped': { fa: 'ضبط تمام شد', en: 'Recording stopped' },
  'recording.state.elsewhere': {
    fa: 'این ویزیت در پنجرهٔ دیگری در حال ضبط است',
    en: 'This visit is being recorded in another window',
  },
  'recording.start': { fa: 'شروع ضبط', en: 'Start recording' },
  'recording.startAgain': { fa: 'ضبط تازه', en: 'Record again' },
  'recording.pause': { fa: 'مکث', en: 'Pause' },
  'recording.resume': { fa: 'ادامهٔ ضبط', en: 'Resume' },
  'recording.stop': { fa: 'پایان ضبط', en: 'Stop' },
  'recording.reconnect': { fa: 'اتصال دوباره به ضبط', en: 'Reconnect to the recording' },
  'recording.shortcut': {
    fa: 'کلید فاصله: مکث یا ادامه (وقتی در کادر متنی نیستید)',
    en: 'Space: pause or resume (when not typing in a field)',
  },
  'recording.saved': {
    fa: '{seconds} ثانیه روی دیسک ذخیره شده است',
    en: '{seconds} s saved to disk',
  },
  'recording.disk': { fa: 'فضای آزاد دیسک: {size}', en: 'Free disk space: {size}' },
  'recording.size.gb': { fa: '{n} گیگابایت', en: '{n} GB' },
  'recording.size.mb': { fa: '{n} مگابایت', en: '{n} MB' },
  'recording.warning.diskLow': {
    fa: 'فضای دیسک کم است ({size}). ضبط ادامه دارد، اما پیش از پر شدن دیسک فضا آزاد کنید.',
    en: 'Disk space is low ({size}). Recording goes on, but free some space before the disk fills.',
  },
  'recording.warning.diskLowIdle': {
    fa: 'فضای دیسک برای شروع ضبط کافی نیست ({size}). فضا آزاد کنید.',
    en: 'Not enough disk space to start recording ({size}). Free some space.',
  },
  'recording.warning.silence': {
    fa: 'چند ثانیه است صدایی از میکروفون نمی‌رسد. میکروفون را بررسی کنید (وصل است؟ بی‌صدا نشده؟).',
    en: 'No sound has reached the microphone for a while. Check it is connected and not muted.',
  },
  'recording.warning.disconnected': {
    fa: 'میکروفون قطع شد. آن را دوباره وصل کنید یا میکروفون دیگری انتخاب کنید؛ ضبط با آن ادامه می‌یابد.',
    en: 'The microphone was disconnected. Reconnect it or choose another; recording continues with it.',
  },
  'recording.warning.muted': {
    fa: 'سیستم میکروفون را بی‌صدا کرده است.',
    en: 'The system has muted the microphone.',
  },
  'recording.warning.fallback': {
    fa: 'میکروفون انتخاب‌شده وصل نیست؛ فعلاً میکروفون پیش‌فرض سیستم صدا را می‌گیرد. با وصل شدن آن، ضبط خودبه‌خود با آن ادامه می‌یابد.',
    en: 'The chosen microphone is not connected; the system default is used for now. Once it is plugged in, recording continues with it.',
  },
  'recording.warning.clipping': {
    fa: 'صدا بیش از حد بلند است و بریده می‌شود؛ میکروفون را کمی دورتر بگذارید.',
    en: 'The sound is too loud and distorts; move the microphone a little further away.',
  },
  'recording.warning.writeError': {
    fa: 'صدا روی دیسک نوشته نشد و ضبط متوقف شد: {detail}',
    en: 'Audio could not be written to disk; recording stopped: {detail}',
  },
  'recording.warning.streamClosed': {
    fa: 'ارسال صدا به برنامه قطع شد. «اتصال دوباره» را بزنید.',
    en: 'The audio stream to the app was cut. Press “Reconnect”.',
  },

  'recording.banner': { fa: 'در حال ضبط ویزیت {name}', en: 'Recording {name}’s visit' },
  'recording.banner.paused': {
    fa: 'ضبط ویزیت {name} در مکث است',
    en: 'Recording of {name}’s visit is paused',
  },
  'recording.banner.open': { fa: 'بازگشت به ضبط', en: 'Back to the recording' },
  'recording.busyElsewhere': {
    fa: 'ویزیت {name} در همین پنجره در حال ضبط است؛ پیش از ضبط این ویزیت، آن ضبط را تمام کنید.',
    en: '{name}’s visit is being recorded in this window; stop that recording before recording this visit.',
  },

  'recording.interrupted.title': { fa: 'ضبط نیمه‌تمام', en: 'Interrupted recording' },
  'recording.interrupted.intro': {
    fa: 'ضبط این ویزیت‌ها ناگهان قطع شد (مثلاً با بسته شدن برنامه یا قطع برق). صدای ضبط‌شده تا آن لحظه محفوظ است.',
    en: 'These recordings stopped unexpectedly (the app closed or the power went). The audio recorded until then is safe.',
  },
  'recording.interrupted.item': {
    fa: 'شروع ضبط: {started}؛ {duration} صدای ذخیره‌شده در {chunks} بخش',
    en: 'Started {started}; {duration} of audio saved in {chunks} chunks',
  },
  'recording.interrupted.resume': { fa: 'ادامهٔ ضبط', en: 'Resume recording' },
  'recording.interrupted.finish': { fa: 'پایان همین‌جا', en: 'Finish here' },
  'recording.interrupted.later': { fa: 'بعداً', en: 'Later' },
  'recording.interrupted.open': {
    fa: 'این ویزیت یک ضبط نیمه‌تمام دارد. ادامه دهید یا همین‌جا تمامش کنید.',
    en: 'This visit has an interrupted recording. Resume it or finish it here.',
  },

  'recording.transcription.title': { fa: 'رونویسی', en: 'Transcription' },
  'recording.transcription.summary': {
    fa: '{done} از {total} بخش رونویسی شد',
    en: '{done} of {total} chunks transcribed',
  },
  'recording.transcription.none': {
    fa: 'هنوز بخشی ضبط نشده است. هر بخش پس از بسته شدن، هم‌زمان با ادامهٔ ضبط رونویسی می‌شود.',
    en: 'No chunk recorded yet. Each chunk is transcribed as soon as it closes, while recording goes on.',
  },
  'recording.transcription.progress': { fa: 'پیشرفت رونویسی', en: 'Transcription progress' },
  'recording.transcription.current': {
    fa: 'در حال رونویسی بخش فعلی: {percent}٪',
    en: 'Transcribing the current chunk: {percent}%',
  },
  'recording.transcription.backlog': {
    fa: 'رونویسی {minutes} دقیقه از ضبط عقب است؛ این رایانه کندتر از سرعت گفت‌وگو رونویسی می‌کند. ضبط ادامه دارد و چیزی از دست نمی‌رود.',
    en: 'Transcription is {minutes} min behind the recording; this computer transcribes slower than people speak. Recording goes on and nothing is lost.',
  },
  'recording.transcription.waiting': {
    fa: '{seconds} ثانیه صدا در صف رونویسی است',
    en: '{seconds} s of audio waiting to be transcribed',
  },
  'recording.blocker.no_model': {
    fa: 'مدل گفتار نصب نشده است. ضبط کار می‌کند و صدا محفوظ است؛ رونویسی پس از نصب مدل (از تنظیمات › مدل‌ها، یا با کمک پشتیبانی فنی کلینیک) خودکار انجام می‌شود.',
    en: 'No speech model is installed. Recording works and the audio is kept; transcription runs by itself once a model is installed (Settings › Models, or ask the clinic’s IT support).',
  },
  'recording.blocker.model_corrupt': {
    fa: 'فایل مدل گفتار خراب یا ناقص است. پشتیبانی فنی باید مدل را دوباره نصب کند؛ تا آن زمان صدا محفوظ است و رونویسی منتظر می‌ماند.',
    en: 'The speech model file is damaged or incomplete. IT support must reinstall it; until then the audio is kept and transcription waits.',
  },
  'recording.blocker.engine_unavailable': {
    fa: 'موتور رونویسی روی این رایانه در دسترس نیست. ضبط کار می‌کند؛ رونویسی منتظر می‌ماند تا پشتیبانی فنی مشکل را رفع کند.',
    en: 'The speech engine is not available on this computer. Recording works; transcription waits until IT support fixes it.',
  },
  'recording.blocker.engine_failed': {
    fa: 'موتور رونویسی از کار افتاد و دوباره راه‌اندازی می‌شود. صدا محفوظ است.',
    en: 'The speech engine failed and is restarting. The audio is safe.',
  },
  'recording.blocker.engine_starting': {
    fa: 'موتور رونویسی در حال آماده شدن است…',
    en: 'The speech engine is starting…',
  },
  'recording.slowEngine': {
    fa: 'رونویسی با موتور جایگزینِ کند انجام می‌شود و ممکن است چند برابر مدت ضبط طول بکشد. برای سرعت بیشتر با پشتیبانی فنی تماس بگیرید.',
    en: 'Transcription runs on the slow fallback engine and may take several times the recording’s length. Ask IT support for the fast engine.',
  },
  'recording.chunks': { fa: 'بخش‌های ضبط', en: 'Recorded chunks' },
  'recording.chunk.label': { fa: 'بخش {n}', en: 'Chunk {n}' },
  'recording.chunk.range': { fa: '({from} تا {to})', en: '({from}–{to})' },
  'recording.chunk.recovered': { fa: 'بازیابی‌شده', en: 'recovered' },
  'recording.chunk.attempts': { fa: '{n} بار تلاش', en: '{n} attempts' },
  'recording.status.pending': { fa: 'در صف', en: 'Waiting' },
  'recording.status.processing': { fa: 'در حال رونویسی', en: 'Transcribing' },
  'recording.status.completed': { fa: 'رونویسی شد', en: 'Transcribed' },
  'recording.status.failed': { fa: 'ناموفق', en: 'Failed' },
  'recording.retry': { fa: 'تلاش دوباره برای بخش‌های ناموفق', en: 'Retry failed chunks' },
  'recording.cancel': { fa: 'توقف رونویسی', en: 'Cancel transcription' },
  'recording.cancelled': {
    fa: 'رونویسی متوقف شد؛ با «تلاش دوباره» ادامه می‌یابد.',
    en: 'Transcription cancelled; “Retry” takes it up again.',
  },
  'recording.recordings': { fa: 'ضبط‌های این ویزیت', en: 'This visit’s recordings' },
  'recording.recordingItem': {
    fa: 'ضبط {n}: شروع {started}، مدت {duration} در {chunks} بخش — {state}',
    en: 'Recording {n}: started {started}, {duration} in {chunks} chunks — {state}',
  },
  'recording.recordingState.recording': { fa: 'در حال ضبط', en: 'recording' },
  'recording.recordingState.paused': { fa: 'مکث', en: 'paused' },
  'recording.recordingState.stopped': { fa: 'پایان یافته', en: 'stopped' },
  'recording.recordingState.interrupted': { fa: 'نیمه‌تمام', en: 'interrupted' },
  'recording.recordingState.finished': { fa: 'پایان یافته', en: 'finished' },

  'recording.transcript.title': { fa: 'متن گفت‌وگو', en: 'Transcript' },
  'recording.transcript.empty': {
    fa: 'هنوز متنی رونویسی نشده است.',
    en: 'Nothing transcribed yet.',
  },
  'recording.segment.recording': { fa: 'ضبط {n}، {time}', en: 'Recording {n}, {time}' },
  'recording.segment.play': { fa: 'پخش صدای {time}', en: 'Play the audio at {time}' },
  'recording.segment.stopPlaying': { fa: 'توقف پخش', en: 'Stop playing' },
  'recording.segment.edit': { fa: 'اصلاح متن {time}', en: 'Correct the text at {time}' },
  'recording.segment.text': { fa: 'متن اصلاح‌شده', en: 'Corrected text' },
  'recording.segment.save': { fa: 'ذخیرهٔ اصلاح', en: 'Save correction' },
  'recording.segment.lowConfidence': { fa: 'نامطمئن', en: 'Unsure' },
  'recording.segment.lowConfidenceHelp': {
    fa: 'موتور رونویسی به این بخش مطمئن نیست ({percent}٪)؛ با پخش صدا بررسی کنید.',
    en: 'The engine is unsure of this segment ({percent}%); listen to check it.',
  },
  'recording.segment.corrected': {
    fa: 'اصلاح‌شده توسط {name}، {at}',
    en: 'Corrected by {name}, {at}',
  },
  'recording.segment.showOriginal': { fa: 'نمایش متن اصلی', en: 'Show the original' },
  'recording.segment.hideOriginal': { fa: 'پنهان کردن متن اصلی', en: 'Hide the original' },
  'recording.segment.original': { fa: 'متن اصلی موتور: {text}', en: 'Engine’s original: {text}' },
  'recording.segment.playFailed': {
    fa: 'پخش صدا ممکن نشد.',
    en: 'The audio could not be played.',
  },
  'recording.import.title': { fa: 'وارد کردن فایل صوتی', en: 'Import an audio file' },
  'recording.import.hint': {
    fa: 'گفتگویی که جای دیگری ضبط شده (wav، mp3، m4a، ogg، webm یا flac) را به این ویزیت اضافه کنید تا رونویسی شود.',
    en: 'Add a consultation recorded elsewhere (wav, mp3, m4a, ogg, webm or flac) to this visit to transcribe it.',
  },
  'recording.import.button': { fa: 'انتخاب فایل…', en: 'Choose a file…' },
  'recording.import.running': { fa: 'در حال خواندن فایل…', en: 'Reading the file…' },
  'recording.import.done': {
    fa: 'فایل وارد شد و در صف رونویسی است.',
    en: 'The file was imported and is queued for transcription.',
  },
} as const satisfies Record<string, UiString>;
