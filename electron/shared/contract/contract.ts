import { z } from 'zod';
import {
  accessLogFilterSchema,
  accessLogPageSchema,
  auditVerifyReportSchema,
  patientAccessReportSchema,
  periodSchema,
  suspiciousFlagSchema,
} from '../access';
import {
  newUserSchema,
  sessionInfoSchema,
  setupAdminSchema,
  userSummarySchema,
  userUpdateSchema,
} from '../accounts';
import { clinicProfileOutputSchema, setupSchema } from '../clinic';
import { errorCodes } from '../errors';
import { isMessageKey, type MessageKey } from '../messages';
import { patientSchema, patientSearchResultSchema } from '../patients/patient';
import {
  newPatientSchema,
  patientSearchSchema,
  patientUpdateSchema,
} from '../patients/patient-input';
import {
  draftingModelsStatusSchema,
  modelImportReportSchema,
  modelStatusEntrySchema,
  speechStatusSchema,
} from '../models';
import { preferencesSchema, preferencesUpdateSchema } from '../preferences';
import {
  amendReportSchema,
  approveReportSchema,
  checklistItemInputSchema,
  draftingJobSchema,
  draftingOptionsSchema,
  regenerateSectionSchema,
  reportExportSchema,
  reportMarkdownSchema,
  reportPdfSchema,
  reportViewSchema,
  resolveFlagSchema,
  setChecklistStatusSchema,
  signatureCheckSchema,
  specialtyTemplateInputSchema,
  specialtyTemplateSchema,
  startDraftSchema,
  updateReportSchema,
  visitChecklistSchema,
} from '../reports';
import { checklistItemSchema } from '../soap';
import {
  captureStatusSchema,
  consentSummarySchema,
  correctSegmentSchema,
  diskStatusSchema,
  recordConsentSchema,
  recordingSummarySchema,
  segmentAudioSchema,
  startedRecordingSchema,
  startRecordingSchema,
  streamTicketSchema,
  transcriptionProgressSchema,
  transcriptSegmentSchema,
  visitTranscriptSchema,
} from '../recording';
import {
  bookVisitSchema,
  cancelResultSchema,
  cancelVisitSchema,
  clinicNowSchema,
  dayInputSchema,
  dayViewSchema,
  doctorSchema,
  exceptionRangeSchema,
  freeSlotSchema,
  freeSlotsInputSchema,
  moveVisitSchema,
  queueSchema,
  scheduleExceptionInputSchema,
  scheduleExceptionSchema,
  setPaidSchema,
  visitEventSchema,
  visitSchema,
  visitTypeSchema,
  visitTypeUpdateSchema,
  waitlistAddSchema,
  waitlistEntrySchema,
  walkInSchema,
  weekInputSchema,
  weeklyScheduleSchema,
  weekViewSchema,
} from '../scheduling';
import { settingDefinitions, type SettingKey } from '../settings';
import type { CallChannel, EventChannel } from './channels';

/**
 * The one IPC contract: every call's input and output schema and whether it needs a signed-in
 * session. Main and the preview bridge validate each request and each answer against it; the
 * renderer's client type is derived from it. Inputs are strict (unknown fields are refused);
 * outputs are strict too, so nothing the screen should not see (ciphertext, keys, file paths)
 * can slip out.
 */
export interface CallSpec {
  /** 'session': the caller's session must be signed in and unlocked. */
  readonly auth: 'none' | 'session';
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

const empty = z.strictObject({});
const messageKeySchema = z.custom<MessageKey>(
  (value) => typeof value === 'string' && isMessageKey(value),
);
const done = z.strictObject({});
const byId = z.strictObject({ id: z.string().min(1).max(64) });
const byEncounter = z.strictObject({ encounterId: z.string().min(1).max(64) });

const settingsSnapshotSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(settingDefinitions).map(([key, definition]) => [key, definition.schema]),
  ) as { [K in SettingKey]: (typeof settingDefinitions)[K]['schema'] },
);

export const contract = {
  'app:info': {
    auth: 'none',
    input: empty,
    output: z.strictObject({ version: z.string(), host: z.enum(['electron', 'preview']) }),
  },
  'prefs:get': { auth: 'none', input: empty, output: preferencesSchema },
  'prefs:set': { auth: 'none', input: preferencesUpdateSchema, output: preferencesSchema },
  'setup:status': {
    auth: 'none',
    input: empty,
    output: z.strictObject({
      setUp: z.boolean(),
      unlocked: z.boolean(),
      clinicName: z.string().nullable(),
      /** Why the keys could not be opened at start-up (e.g. the OS key store is unavailable). */
      unlockError: z
        .strictObject({
          code: z.enum(errorCodes),
          messageKey: messageKeySchema,
          detail: z.string().optional(),
        })
        .nullable(),
    }),
  },
  'setup:run': {
    auth: 'none',
    input: z.strictObject({
      clinic: z.strictObject(setupSchema.shape.clinic.shape),
      admin: setupAdminSchema.strict(),
    }),
    output: z.strictObject({ admin: userSummarySchema }),
  },
  'session:login': {
    auth: 'none',
    input: z.strictObject({ username: z.string().max(64), password: z.string().max(256) }),
    output: sessionInfoSchema,
  },
  'session:status': { auth: 'none', input: empty, output: sessionInfoSchema.nullable() },
  'session:touch': { auth: 'none', input: empty, output: sessionInfoSchema.nullable() },
  'session:lock': { auth: 'none', input: empty, output: sessionInfoSchema.nullable() },
  'session:unlock': {
    auth: 'none',
    input: z.strictObject({ password: z.string().max(256) }),
    output: sessionInfoSchema,
  },
  'session:logout': { auth: 'none', input: empty, output: done },
  'session:changePassword': {
    auth: 'session',
    input: z.strictObject({
      currentPassword: z.string().max(256),
      newPassword: z.string().max(256),
    }),
    output: done,
  },
  'clinic:profile': { auth: 'session', input: empty, output: clinicProfileOutputSchema },
  'patients:search': {
    auth: 'session',
    input: z.strictObject(patientSearchSchema.shape),
    output: patientSearchResultSchema,
  },
  'patients:get': { auth: 'session', input: byId, output: patientSchema },
  'patients:create': {
    auth: 'session',
    input: z.strictObject(newPatientSchema.shape),
    output: patientSchema,
  },
  'patients:update': {
    auth: 'session',
    input: z.strictObject({
      id: byId.shape.id,
      changes: z.strictObject(patientUpdateSchema.shape),
    }),
    output: patientSchema,
  },
  'patients:remove': { auth: 'session', input: byId, output: done },
  'patients:visits': { auth: 'session', input: byId, output: z.array(visitSchema) },
  'schedule:now': { auth: 'session', input: empty, output: clinicNowSchema },
  'schedule:doctors': { auth: 'session', input: empty, output: z.array(doctorSchema) },
  'schedule:weekly': {
    auth: 'session',
    input: z.strictObject({ doctorId: byId.shape.id }),
    output: weeklyScheduleSchema,
  },
  'schedule:setWeekly': {
    auth: 'session',
    input: weeklyScheduleSchema,
    output: weeklyScheduleSchema,
  },
  'schedule:exceptions': {
    auth: 'session',
    input: exceptionRangeSchema,
    output: z.array(scheduleExceptionSchema),
  },
  'schedule:addException': {
    auth: 'session',
    input: scheduleExceptionInputSchema,
    output: scheduleExceptionSchema,
  },
  'schedule:removeException': { auth: 'session', input: byId, output: done },
  'schedule:visitTypes': { auth: 'session', input: empty, output: z.array(visitTypeSchema) },
  'schedule:updateVisitType': {
    auth: 'session',
    input: visitTypeUpdateSchema,
    output: visitTypeSchema,
  },
  'visits:day': { auth: 'session', input: dayInputSchema, output: dayViewSchema },
  'visits:week': { auth: 'session', input: weekInputSchema, output: weekViewSchema },
  'visits:freeSlots': {
    auth: 'session',
    input: freeSlotsInputSchema,
    output: z.array(freeSlotSchema),
  },
  'visits:queue': { auth: 'session', input: empty, output: queueSchema },
  'visits:get': { auth: 'session', input: byId, output: visitSchema },
  'visits:history': { auth: 'session', input: byId, output: z.array(visitEventSchema) },
  'visits:book': { auth: 'session', input: bookVisitSchema, output: z.array(visitSchema) },
  'visits:move': { auth: 'session', input: moveVisitSchema, output: visitSchema },
  'visits:confirm': { auth: 'session', input: byId, output: visitSchema },
  'visits:checkIn': { auth: 'session', input: byId, output: visitSchema },
  'visits:start': { auth: 'session', input: byId, output: visitSchema },
  'visits:complete': { auth: 'session', input: byId, output: visitSchema },
  'visits:cancel': { auth: 'session', input: cancelVisitSchema, output: cancelResultSchema },
  'visits:setPaid': { auth: 'session', input: setPaidSchema, output: visitSchema },
  'visits:walkIn': { auth: 'session', input: walkInSchema, output: visitSchema },
  'waitlist:list': { auth: 'session', input: empty, output: z.array(waitlistEntrySchema) },
  'waitlist:add': { auth: 'session', input: waitlistAddSchema, output: waitlistEntrySchema },
  'waitlist:release': { auth: 'session', input: byId, output: waitlistEntrySchema },
  'waitlist:remove': { auth: 'session', input: byId, output: done },
  'users:list': { auth: 'session', input: empty, output: z.array(userSummarySchema) },
  'users:create': {
    auth: 'session',
    input: newUserSchema.strict(),
    output: userSummarySchema,
  },
  'users:update': {
    auth: 'session',
    input: z.strictObject({ id: byId.shape.id, changes: z.strictObject(userUpdateSchema.shape) }),
    output: userSummarySchema,
  },
  'users:unlock': { auth: 'session', input: byId, output: done },
  'settings:get': { auth: 'session', input: empty, output: settingsSnapshotSchema },
  'settings:set': {
    auth: 'session',
    input: z.strictObject({ key: z.string().max(64), value: z.unknown() }),
    output: settingsSnapshotSchema,
  },
  'audit:list': { auth: 'session', input: accessLogFilterSchema, output: accessLogPageSchema },
  'audit:patientReport': {
    auth: 'session',
    input: z.strictObject({ patientId: byId.shape.id, ...periodSchema.shape }),
    output: patientAccessReportSchema,
  },
  'audit:suspicious': {
    auth: 'session',
    input: periodSchema,
    output: z.array(suspiciousFlagSchema),
  },
  'audit:verify': { auth: 'session', input: empty, output: auditVerifyReportSchema },
  'recording:consents': {
    auth: 'session',
    input: byEncounter,
    output: z.array(consentSummarySchema),
  },
  'recording:consent': {
    auth: 'session',
    input: recordConsentSchema,
    output: consentSummarySchema,
  },
  'recording:forVisit': {
    auth: 'session',
    input: byEncounter,
    output: z.array(recordingSummarySchema),
  },
  'recording:status': { auth: 'session', input: byId, output: captureStatusSchema },
  'recording:start': {
    auth: 'session',
    input: startRecordingSchema,
    output: startedRecordingSchema,
  },
  'recording:stream': { auth: 'session', input: byId, output: streamTicketSchema },
  'recording:pause': { auth: 'session', input: byId, output: recordingSummarySchema },
  'recording:resume': { auth: 'session', input: byId, output: recordingSummarySchema },
  'recording:stop': { auth: 'session', input: byId, output: recordingSummarySchema },
  'recording:interrupted': {
    auth: 'session',
    input: empty,
    output: z.array(recordingSummarySchema),
  },
  'recording:continue': { auth: 'session', input: byId, output: startedRecordingSchema },
  'recording:finish': { auth: 'session', input: byId, output: recordingSummarySchema },
  'recording:disk': { auth: 'session', input: empty, output: diskStatusSchema },
  /** The host asks for the file (the renderer never sends a path); null: the user cancelled. */
  'recording:import': {
    auth: 'session',
    input: byEncounter,
    output: recordingSummarySchema.nullable(),
  },
  'transcript:get': { auth: 'session', input: byEncounter, output: visitTranscriptSchema },
  'transcript:correct': {
    auth: 'session',
    input: correctSegmentSchema,
    output: transcriptSegmentSchema,
  },
  'transcript:audio': { auth: 'session', input: byId, output: segmentAudioSchema },
  'transcription:retry': { auth: 'session', input: byId, output: transcriptionProgressSchema },
  'transcription:cancel': { auth: 'session', input: byId, output: transcriptionProgressSchema },
  'speech:status': { auth: 'session', input: empty, output: speechStatusSchema },
  'models:verify': { auth: 'session', input: byId, output: modelStatusEntrySchema },
  'models:import': {
    auth: 'session',
    input: z.strictObject({ folder: z.string().trim().min(1).max(4096) }),
    output: modelImportReportSchema,
  },
  'models:drafting': { auth: 'session', input: empty, output: draftingModelsStatusSchema },
  'report:get': { auth: 'session', input: byEncounter, output: reportViewSchema },
  'report:update': { auth: 'session', input: updateReportSchema, output: reportViewSchema },
  'report:resolveFlag': { auth: 'session', input: resolveFlagSchema, output: reportViewSchema },
  'report:approve': { auth: 'session', input: approveReportSchema, output: reportViewSchema },
  'report:amend': { auth: 'session', input: amendReportSchema, output: reportViewSchema },
  'report:verify': { auth: 'session', input: byEncounter, output: signatureCheckSchema },
  'report:pdf': { auth: 'session', input: reportExportSchema, output: reportPdfSchema },
  'report:markdown': { auth: 'session', input: reportExportSchema, output: reportMarkdownSchema },
  'drafting:options': { auth: 'session', input: byEncounter, output: draftingOptionsSchema },
  'drafting:start': { auth: 'session', input: startDraftSchema, output: draftingJobSchema },
  'drafting:section': {
    auth: 'session',
    input: regenerateSectionSchema,
    output: draftingJobSchema,
  },
  'drafting:cancel': { auth: 'session', input: byEncounter, output: draftingJobSchema.nullable() },
  'checklist:forVisit': { auth: 'session', input: byEncounter, output: visitChecklistSchema },
  'checklist:evaluate': { auth: 'session', input: byEncounter, output: visitChecklistSchema },
  /** While recording: evaluated on the transcript so far, not stored. */
  'checklist:live': { auth: 'session', input: byEncounter, output: visitChecklistSchema },
  'checklist:setStatus': {
    auth: 'session',
    input: setChecklistStatusSchema,
    output: visitChecklistSchema,
  },
  'checklist:items': { auth: 'session', input: empty, output: z.array(checklistItemSchema) },
  'checklist:saveItem': {
    auth: 'session',
    input: checklistItemInputSchema,
    output: checklistItemSchema,
  },
  'templates:list': { auth: 'session', input: empty, output: z.array(specialtyTemplateSchema) },
  'templates:save': {
    auth: 'session',
    input: specialtyTemplateInputSchema,
    output: specialtyTemplateSchema,
  },
} as const satisfies Record<CallChannel, CallSpec>;

/** Compile-time check that contract.ts and channels.ts name the same calls. */
type Extra = Exclude<keyof typeof contract, CallChannel>;
export const contractMatchesChannels: [Extra] extends [never] ? true : Extra = true;

export const events = {
  'session:changed': sessionInfoSchema.nullable(),
} as const satisfies Record<EventChannel, z.ZodType>;

type Contract = typeof contract;
/** What a caller sends (before validation). */
export type CallInput<C extends CallChannel> = z.input<Contract[C]['input']>;
/** What a handler receives (after validation). */
export type CallArgs<C extends CallChannel> = z.output<Contract[C]['input']>;
export type CallOutput<C extends CallChannel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;
