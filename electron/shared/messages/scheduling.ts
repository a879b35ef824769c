import type { Message } from './index';

export const schedulingMessages = {
  'scheduling.date.invalid': {
    fa: 'تاریخ معتبر نیست؛ به شکل ۱۴۰۵/۰۹/۰۱ وارد کنید.',
    en: 'The date is not valid; enter it as 1405/09/01.',
  },
  'scheduling.time.invalid': {
    fa: 'ساعت معتبر نیست؛ به شکل ۱۰:۳۰ وارد کنید.',
    en: 'The time is not valid; enter it as 10:30.',
  },
  'scheduling.period.order': {
    fa: 'پایان بازه باید بعد از آغاز آن باشد.',
    en: 'A period must end after it starts.',
  },
  'scheduling.exception.periodsRequired': {
    fa: 'برای روزی که ساعاتش تغییر کرده، ساعات کاری جدید را وارد کنید.',
    en: 'Give the new working hours for a day whose hours changed.',
  },
  'scheduling.visitType.color': {
    fa: 'رنگ باید به شکل ‎#0b6e69‎ باشد.',
    en: 'The colour must look like #0b6e69.',
  },
  'scheduling.visitType.unknown': {
    fa: 'این نوع ویزیت وجود ندارد یا غیرفعال است.',
    en: 'This visit type does not exist or is not active.',
  },
  'scheduling.doctor.unknown': {
    fa: 'پزشک انتخاب‌شده پیدا نشد یا فعال نیست.',
    en: 'The chosen doctor was not found or is not active.',
  },
  'scheduling.conflict': {
    fa: 'این نوبت با برنامه تداخل دارد.',
    en: 'This booking conflicts with the schedule.',
  },
  'scheduling.conflict.doctor': {
    fa: '{doctor} در این زمان ویزیت دیگری دارد ({from} تا {to}).',
    en: '{doctor} already has a visit at this time ({from}–{to}).',
  },
  'scheduling.conflict.patient': {
    fa: 'این بیمار در این زمان نزد {doctor} نوبت دارد ({from} تا {to}).',
    en: 'This patient already has a visit with {doctor} at this time ({from}–{to}).',
  },
  'scheduling.conflict.outsideHours': {
    fa: 'این زمان خارج از ساعات کاری {doctor} در این روز است.',
    en: 'This time is outside {doctor}’s working hours on this day.',
  },
  'scheduling.conflict.closed': {
    fa: '{doctor} در این روز کار نمی‌کند.',
    en: '{doctor} does not work on this day.',
  },
  'scheduling.conflict.closedBecause': {
    fa: '{doctor} در این روز کار نمی‌کند: {note}.',
    en: '{doctor} does not work on this day: {note}.',
  },
  'scheduling.conflict.series': {
    fa: 'نوبت {index} این مجموعه ({date}) تداخل دارد.',
    en: 'Visit {index} of the series ({date}) conflicts.',
  },
  'scheduling.override.notAllowed': {
    fa: 'شما اجازه ثبت نوبت با وجود تداخل را ندارید.',
    en: 'You may not book over a conflict.',
  },
  'scheduling.past': {
    fa: 'این زمان گذشته است؛ زمانی در آینده انتخاب کنید.',
    en: 'This time has passed; choose a time in the future.',
  },
  'scheduling.acrossMidnight': {
    fa: 'ویزیت باید پیش از پایان همان روز تمام شود.',
    en: 'A visit must end on the day it starts.',
  },
  'visit.notFound': { fa: 'ویزیت پیدا نشد.', en: 'Visit not found.' },
  'visit.transition': {
    fa: 'ویزیتی را که «{statusFa}» است نمی‌توان {actionFa}.',
    en: 'A visit that is “{statusEn}” cannot be {actionEn}.',
  },
  'visit.notToday': {
    fa: 'فقط ویزیت‌های امروز را می‌توان پذیرش کرد.',
    en: 'Only today’s visits can be checked in.',
  },
  'visit.notYours': {
    fa: 'این ویزیت برای پزشک دیگری است.',
    en: 'This visit belongs to another doctor.',
  },
  'visit.tooEarly': {
    fa: 'این ویزیت از ساعت {from} قابل شروع است (۱۰ دقیقه پیش از نوبت).',
    en: 'This visit can start from {from} (10 minutes before its time).',
  },
  'waitlist.notFound': { fa: 'این درخواست در فهرست انتظار نیست.', en: 'Not on the waitlist.' },
  'waitlist.closed': {
    fa: 'این درخواست فهرست انتظار قبلاً نوبت گرفته یا حذف شده است.',
    en: 'This waitlist entry was already booked or removed.',
  },
  'waitlist.otherPatient': {
    fa: 'این درخواست فهرست انتظار برای بیمار دیگری است.',
    en: 'This waitlist entry is for another patient.',
  },
  'waitlist.dateOrder': {
    fa: 'تاریخ «تا» باید بعد از تاریخ «از» باشد.',
    en: 'The “until” date must come after the “from” date.',
  },
} as const satisfies Record<string, Message>;
