import { z } from 'zod';
import { accessDetailSchema } from './access';
import { parseCalendarDate } from './dates/calendar-date';
import { parseMinute } from './dates/clinic-time';
import { normalizeText } from './text/normalize';
import { key } from './validation';

/** Schemas of scheduling: weekly hours, exceptions, visit types, booking, views, queue, waitlist. */

const id = z.string().min(1).max(64);

/** A calendar date typed in Jalali ('1405/09/01') or given as Gregorian ISO; always ISO after. */
export const calendarDateSchema = z.string().transform((value, ctx) => {
  const iso = parseCalendarDate(value);
  if (iso === null) {
    ctx.addIssue({ code: 'custom', message: key('scheduling.date.invalid') });
    return z.NEVER;
  }
  return iso;
});

/** A time of day: minutes since midnight, or 'HH:MM' (Persian digits allowed). */
export const timeOfDaySchema = z.union(
  [
    z.number().int().min(0).max(1439),
    z.string().transform((value, ctx) => {
      const minute = parseMinute(value);
      if (minute === null) {
        ctx.addIssue({ code: 'custom', message: key('scheduling.time.invalid') });
        return z.NEVER;
      }
      return minute;
    }),
  ],
  // Neither branch fits: one message for the field, not zod's "invalid input".
  { error: key('scheduling.time.invalid') },
);

const optionalNote = (max: number) =>
  z
    .string()
    .transform((value) => normalizeText(value))
    .pipe(z.string().max(max))
    .nullish()
    .transform((value) => value || null);

const interval = {
  startMinute: z.number().int().min(0).max(1439),
  endMinute: z.number().int().min(1).max(1440),
};
const inOrder = (value: { startMinute: number; endMinute: number }) =>
  value.endMinute > value.startMinute;

export const workPeriodSchema = z
  .strictObject(interval)
  .refine(inOrder, { message: key('scheduling.period.order'), path: ['endMinute'] });
export type WorkPeriod = z.infer<typeof workPeriodSchema>;

export const schedulePeriodSchema = z
  .strictObject({
    weekday: z.number().int().min(0).max(6),
    ...interval,
    kind: z.enum(['work', 'break']),
  })
  .refine(inOrder, { message: key('scheduling.period.order'), path: ['endMinute'] });
export type SchedulePeriod = z.infer<typeof schedulePeriodSchema>;

export const weeklyScheduleSchema = z.strictObject({
  doctorId: id,
  periods: z.array(schedulePeriodSchema).max(200),
});
export type WeeklySchedule = z.infer<typeof weeklyScheduleSchema>;

export const exceptionKinds = ['closed', 'changed'] as const;

export const scheduleExceptionInputSchema = z
  .strictObject({
    /** Null: the whole clinic (a public holiday). */
    doctorId: id.nullable(),
    date: calendarDateSchema,
    kind: z.enum(exceptionKinds),
    periods: z.array(workPeriodSchema).max(10).default([]),
    note: optionalNote(100),
  })
  .refine((value) => value.kind === 'closed' || value.periods.length > 0, {
    message: key('scheduling.exception.periodsRequired'),
    path: ['periods'],
  });
export type ScheduleExceptionInput = z.input<typeof scheduleExceptionInputSchema>;

export const scheduleExceptionSchema = z.strictObject({
  id: z.string(),
  doctorId: z.string().nullable(),
  date: z.string(),
  kind: z.enum(exceptionKinds),
  periods: z.array(workPeriodSchema),
  note: z.string().nullable(),
});
export type ScheduleException = z.infer<typeof scheduleExceptionSchema>;

export const visitTypeSchema = z.strictObject({
  code: z.string(),
  nameFa: z.string(),
  nameEn: z.string(),
  color: z.string(),
  defaultDurationMinutes: z.number().int(),
  /** Rials. */
  defaultFee: z.number().int(),
  isActive: z.boolean(),
  sortOrder: z.number().int(),
});
export type VisitType = z.infer<typeof visitTypeSchema>;

export const visitTypeUpdateSchema = z.strictObject({
  code: z.string().max(32),
  nameFa: z
    .string()
    .transform((value) => normalizeText(value))
    .pipe(z.string().min(1).max(60))
    .optional(),
  nameEn: z.string().trim().min(1).max(60).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/, { error: key('scheduling.visitType.color') })
    .optional(),
  defaultDurationMinutes: z.number().int().min(5).max(480).optional(),
  defaultFee: z.number().int().min(0).max(1_000_000_000_000).optional(),
  isActive: z.boolean().optional(),
});
export type VisitTypeUpdate = z.input<typeof visitTypeUpdateSchema>;

/** Why someone books over a conflict; the code goes to the access log, a free note is sealed. */
export const overrideReasons = ['urgent', 'doctor_approved', 'patient_request', 'other'] as const;
export type OverrideReason = (typeof overrideReasons)[number];
export const overrideSchema = z.strictObject({
  reason: z.enum(overrideReasons),
  note: optionalNote(500),
});

export const bookVisitSchema = z.strictObject({
  patientId: id,
  doctorId: id,
  type: z.string().min(1).max(32),
  date: calendarDateSchema,
  time: timeOfDaySchema,
  durationMinutes: z.number().int().min(5).max(480).optional(),
  chiefComplaint: optionalNote(500),
  feeAmount: z.number().int().min(0).max(1_000_000_000_000).optional(),
  override: overrideSchema.optional(),
  /** Book the same time every `intervalDays` days, `visits` visits in all (a follow-up series). */
  repeat: z
    .strictObject({
      visits: z.number().int().min(2).max(52),
      intervalDays: z.number().int().min(1).max(90).default(7),
    })
    .optional(),
  /** Booking a waitlist entry's offer (or any slot for it) marks the entry booked. */
  waitlistId: id.optional(),
});
export type BookVisitInput = z.input<typeof bookVisitSchema>;
export type BookVisit = z.output<typeof bookVisitSchema>;

export const moveVisitSchema = z.strictObject({
  id,
  doctorId: id.optional(),
  date: calendarDateSchema,
  time: timeOfDaySchema,
  override: overrideSchema.optional(),
});
export type MoveVisitInput = z.input<typeof moveVisitSchema>;

export const cancelVisitSchema = z.strictObject({
  id,
  party: z.enum(['patient', 'clinic']),
  note: optionalNote(500),
});
export type CancelVisitInput = z.input<typeof cancelVisitSchema>;

export const walkInSchema = z.strictObject({
  patientId: id,
  doctorId: id,
  type: z.string().min(1).max(32),
  chiefComplaint: optionalNote(500),
});
export type WalkInInput = z.input<typeof walkInSchema>;

export const visitStatuses = [
  'scheduled',
  'confirmed',
  'arrived',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** Visits that hold their time: they conflict with others and can still change. */
export const activeVisitStatuses = ['scheduled', 'confirmed', 'arrived', 'in_progress'] as const;

export const visitStatusNames: Record<VisitStatus, { fa: string; en: string }> = {
  scheduled: { fa: 'نوبت داده شده', en: 'Scheduled' },
  confirmed: { fa: 'تأیید شده', en: 'Confirmed' },
  arrived: { fa: 'پذیرش شده', en: 'Arrived' },
  in_progress: { fa: 'در حال انجام', en: 'In progress' },
  completed: { fa: 'انجام شده', en: 'Completed' },
  cancelled: { fa: 'لغو شده', en: 'Cancelled' },
  no_show: { fa: 'مراجعه نکرد', en: 'No-show' },
};

/** What can happen to a visit; each change is one entry in the visit's history. */
export const visitActions = [
  'book',
  'walk_in',
  'move',
  'confirm',
  'check_in',
  'start',
  'complete',
  'cancel',
  'no_show',
  'paid',
  'unpaid',
] as const;
export type VisitAction = (typeof visitActions)[number];

/** The verb of an action, for "a visit that is … cannot be …". */
export const visitActionVerbs: Record<VisitAction, { fa: string; en: string }> = {
  book: { fa: 'رزرو کرد', en: 'booked' },
  walk_in: { fa: 'بدون نوبت پذیرش کرد', en: 'added as a walk-in' },
  move: { fa: 'جابه‌جا کرد', en: 'moved' },
  confirm: { fa: 'تأیید کرد', en: 'confirmed' },
  check_in: { fa: 'پذیرش کرد', en: 'checked in' },
  start: { fa: 'شروع کرد', en: 'started' },
  complete: { fa: 'به پایان رساند', en: 'completed' },
  cancel: { fa: 'لغو کرد', en: 'cancelled' },
  no_show: { fa: 'غایب ثبت کرد', en: 'marked as a no-show' },
  paid: { fa: 'پرداخت‌شده ثبت کرد', en: 'marked paid' },
  unpaid: { fa: 'پرداخت‌نشده ثبت کرد', en: 'marked unpaid' },
};

export const visitIdSchema = z.strictObject({ id });

export const setPaidSchema = z.strictObject({ id, paid: z.boolean() });
export type SetPaidInput = z.input<typeof setPaidSchema>;

export const weekInputSchema = z.strictObject({ doctorId: id, date: calendarDateSchema });
export type WeekInput = z.input<typeof weekInputSchema>;

export const dayInputSchema = z.strictObject({ date: calendarDateSchema });

/** A visit as calendars, lists and the queue show it. */
export const visitSchema = z.strictObject({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  type: z.string(),
  status: z.enum(visitStatuses),
  scheduledAt: z.string(),
  endsAt: z.string(),
  /** The clinic-local date and start minute of scheduledAt. */
  date: z.string(),
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  isWalkIn: z.boolean(),
  seriesId: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelParty: z.enum(['patient', 'clinic']).nullable(),
  lateCancel: z.boolean(),
  /** Rials. */
  feeAmount: z.number().int(),
  isPaid: z.boolean(),
  chiefComplaint: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;

export const dayAvailabilitySchema = z.strictObject({
  date: z.string(),
  /** Bookable periods after breaks and exceptions. */
  periods: z.array(workPeriodSchema),
  closed: z.boolean(),
  note: z.string().nullable(),
});
export type DayAvailability = z.infer<typeof dayAvailabilitySchema>;

export const doctorSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  specialty: z.string().nullable(),
});
export type DoctorSummary = z.infer<typeof doctorSchema>;

export const dayViewSchema = z.strictObject({
  date: z.string(),
  doctors: z.array(doctorSchema.extend({ availability: dayAvailabilitySchema })),
  visits: z.array(visitSchema),
});
export type DayView = z.infer<typeof dayViewSchema>;

export const weekViewSchema = z.strictObject({
  doctor: doctorSchema,
  weekStart: z.string(),
  days: z.array(dayAvailabilitySchema),
  visits: z.array(visitSchema),
});
export type WeekView = z.infer<typeof weekViewSchema>;

export const exceptionRangeSchema = z.strictObject({
  from: calendarDateSchema,
  to: calendarDateSchema,
});

export const freeSlotsInputSchema = z.strictObject({
  doctorId: id,
  from: calendarDateSchema,
  days: z.number().int().min(1).max(14).default(7),
  durationMinutes: z.number().int().min(5).max(480),
});
export const freeSlotSchema = z.strictObject({ date: z.string(), startMinute: z.number().int() });
export type FreeSlot = z.infer<typeof freeSlotSchema>;

export const queueSchema = z.strictObject({
  date: z.string(),
  doctors: z.array(
    z.strictObject({
      doctorId: z.string(),
      doctorName: z.string(),
      /** Today's booked visits whose patient has not arrived yet, in time order. */
      upcoming: z.array(visitSchema),
      inProgress: z.array(visitSchema),
      /** Arrived patients in the order they will be seen: by arrival time. */
      waiting: z.array(
        z.strictObject({
          visit: visitSchema,
          position: z.number().int(),
          waitingMinutes: z.number().int(),
        }),
      ),
    }),
  ),
});
export type Queue = z.infer<typeof queueSchema>;

/** The clinic's present moment, in its own time zone (calendars open on today). */
export const clinicNowSchema = z.strictObject({
  instant: z.string(),
  date: z.string(),
  minute: z.number().int(),
  timeZone: z.string(),
});
export type ClinicNow = z.infer<typeof clinicNowSchema>;

export const visitEventSchema = z.strictObject({
  id: z.string(),
  at: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  detail: accessDetailSchema.nullable(),
  note: z.string().nullable(),
});
export type VisitEvent = z.infer<typeof visitEventSchema>;

export const waitlistAddSchema = z.strictObject({
  patientId: id,
  doctorId: id.nullable(),
  type: z.string().min(1).max(32),
  earliestDate: calendarDateSchema.nullish().transform((value) => value ?? null),
  latestDate: calendarDateSchema.nullish().transform((value) => value ?? null),
  note: optionalNote(500),
});
export type WaitlistAddInput = z.input<typeof waitlistAddSchema>;

export const waitlistEntrySchema = z.strictObject({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  doctorId: z.string().nullable(),
  doctorName: z.string().nullable(),
  type: z.string(),
  earliestDate: z.string().nullable(),
  latestDate: z.string().nullable(),
  status: z.enum(['waiting', 'offered', 'booked', 'removed']),
  /** A freed slot offered to this patient. */
  offer: z
    .strictObject({ doctorId: z.string(), date: z.string(), startMinute: z.number().int() })
    .nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type WaitlistEntry = z.infer<typeof waitlistEntrySchema>;

export const cancelResultSchema = z.strictObject({
  visit: visitSchema,
  /** The waitlist entry the freed slot was offered to, if any. */
  offeredTo: waitlistEntrySchema.nullable(),
});
export type CancelResult = z.infer<typeof cancelResultSchema>;
