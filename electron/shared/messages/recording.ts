import type { Message } from './index';

export const recordingMessages = {
  'recording.consentRequired': {
    fa: 'پیش از ضبط، رضایت بیمار برای ضبط این ویزیت را ثبت کنید.',
    en: 'Record the patient’s consent for this visit before recording.',
  },
  'recording.notFound': {
    fa: 'این ضبط پیدا نشد.',
    en: 'This recording was not found.',
  },
  'recording.chunkNotFound': {
    fa: 'این بخش از صدای ضبط‌شده پیدا نشد.',
    en: 'This part of the recording was not found.',
  },
  'recording.notYours': {
    fa: 'فقط پزشک همین ویزیت می‌تواند آن را ضبط کند.',
    en: 'Only the doctor of this visit can record it.',
  },
  'recording.visitClosed': {
    fa: 'ویزیت لغوشده یا غایب را نمی‌توان ضبط کرد.',
    en: 'A cancelled or missed visit cannot be recorded.',
  },
  'recording.alreadyOpen': {
    fa: 'این ویزیت یک ضبط ناتمام دارد؛ آن را ادامه دهید یا پایان دهید.',
    en: 'This visit has an unfinished recording; resume or finish it first.',
  },
  'recording.state': {
    fa: 'این کار در وضعیت فعلی ضبط ({state}) ممکن نیست.',
    en: 'This is not possible while the recording is {state}.',
  },
  'recording.diskLow': {
    fa: 'فضای خالی دیسک کم است ({free} مگابایت)؛ برای ضبط دست‌کم {needed} مگابایت لازم است.',
    en: 'Free disk space is low ({free} MB); recording needs at least {needed} MB.',
  },
  'recording.audioUnreadable': {
    fa: 'فایل صدای ضبط‌شده آسیب دیده یا دست‌کاری شده است.',
    en: 'The recorded audio file is damaged or has been altered.',
  },
  'recording.shredded': {
    fa: 'صدای این ضبط برای همیشه پاک شده است.',
    en: 'The audio of this recording has been permanently erased.',
  },
  'recording.writeFailed': {
    fa: 'نوشتن صدای ضبط‌شده روی دیسک ممکن نشد.',
    en: 'The recorded audio could not be written to disk.',
  },
  'recording.frameInvalid': {
    fa: 'داده صوتی دریافتی معتبر نیست.',
    en: 'The audio data received is not valid.',
  },
  'recording.streamTicket': {
    fa: 'اتصال صدای این ضبط معتبر نیست یا پیش‌تر استفاده شده است؛ ضبط را از نو باز کنید.',
    en: 'The audio link of this recording is not valid or was already used; open the recording again.',
  },
  'recording.notLive': {
    fa: 'این ضبط در این برنامه در حال اجرا نیست.',
    en: 'This recording is not running in this app.',
  },
  'transcript.segmentNotFound': {
    fa: 'این بخش از رونوشت پیدا نشد.',
    en: 'This part of the transcript was not found.',
  },
} as const satisfies Record<string, Message>;
