import type { Message } from './index';

/** What the doctor or clinic IT is told when importing an existing audio file fails. */
export const audioImportMessages = {
  'audioImport.ffmpegMissing': {
    fa: 'برنامه ffmpeg که برای خواندن فایل‌های صوتی لازم است پیدا نشد. مسیر آن را در تنظیمات (audio.ffmpegPath) وارد کنید یا آن را نصب کنید.',
    en: 'ffmpeg, which is needed to read audio files, was not found. Set its path in the settings (audio.ffmpegPath) or install it.',
  },
  'audioImport.fileUnreadable': {
    fa: 'فایل انتخاب‌شده خوانده نشد؛ شاید جابه‌جا یا حذف شده است یا اجازه خواندن آن نیست.',
    en: 'The chosen file could not be read; it may have been moved or deleted, or it cannot be opened.',
  },
  'audioImport.notAudio': {
    fa: 'این فایل یک فایل صوتی نیست.',
    en: 'This file is not an audio file.',
  },
  'audioImport.noAudioTrack': {
    fa: 'این فایل هیچ صدایی ندارد.',
    en: 'This file has no audio track.',
  },
  'audioImport.unsupported': {
    fa: 'این نوع فایل صوتی پشتیبانی نمی‌شود. فایل‌های wav، mp3، m4a، ogg، opus، webm و flac پذیرفته می‌شوند.',
    en: 'This kind of audio file is not supported. wav, mp3, m4a, ogg, opus, webm and flac files are accepted.',
  },
  'audioImport.corrupt': {
    fa: 'فایل صوتی آسیب دیده است و خوانده نشد؛ چیزی از آن ذخیره نشد.',
    en: 'The audio file is damaged and could not be read; nothing from it was kept.',
  },
  'audioImport.truncated': {
    fa: 'فایل صوتی ناقص است (انتهای آن بریده شده است)؛ چیزی از آن ذخیره نشد.',
    en: 'The audio file is incomplete (its end is cut off); nothing from it was kept.',
  },
  'audioImport.cancelled': {
    fa: 'خواندن فایل صوتی لغو شد.',
    en: 'Reading the audio file was cancelled.',
  },
  'audioImport.empty': {
    fa: 'فایل صوتی هیچ صدایی در خود ندارد؛ چیزی از آن ذخیره نشد.',
    en: 'The audio file holds no sound; nothing from it was kept.',
  },
  'audioImport.noFilePicker': {
    fa: 'انتخاب فایل در این محیط ممکن نیست.',
    en: 'Choosing a file is not available here.',
  },
  'audioImport.imported': {
    fa: 'فایل صوتی به ضبط {id} افزوده شد: {seconds} ثانیه در {chunks} بخش. رونویسی آن در صف است.',
    en: 'The audio file was imported as recording {id}: {seconds} s in {chunks} part(s). Its transcription is queued.',
  },
} as const satisfies Record<string, Message>;
