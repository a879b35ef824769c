import type { CallChannel } from '../../shared/contract/channels';
import type { CallArgs, CallOutput } from '../../shared/contract/contract';
import type { Actor } from '../../shared/roles';
import { AppError } from '../errors';
import { describeDraftingModels } from '../models/drafting-models';
import type { CallContext } from './call-context';
import type { ApiHost } from './host';

export type Handlers = {
  readonly [C in CallChannel]: (
    input: CallArgs<C>,
    context: CallContext,
  ) => CallOutput<C> | Promise<CallOutput<C>>;
};

/**
 * Every call of the contract, mapped onto the core's services. Handlers only translate: the
 * services check permissions and write the access log. Session tokens stay in the CallContext.
 */
export function createHandlers(host: ApiHost): Handlers {
  const { core } = host;
  const services = () => core.services;
  const tokenOf = (context: CallContext): string => {
    if (!context.token) throw new AppError('session_expired', 'session.expired');
    return context.token;
  };
  const actorOf = (context: CallContext): Actor => services().sessions.actor(tokenOf(context));
  /** Runs a session call; when the session turns out to be gone, forgets it and says so. */
  const withSession = <T>(context: CallContext, run: (token: string) => T): T | null => {
    if (!context.token) return null;
    try {
      return run(context.token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'session_expired') {
        context.token = null;
        context.emit('session:changed', null);
        return null;
      }
      throw error;
    }
  };
  const endOnLockout = (context: CallContext, error: unknown): never => {
    if (error instanceof AppError && error.code === 'account_locked') {
      context.token = null;
      context.emit('session:changed', null);
    }
    throw error;
  };

  return {
    'app:info': () => ({ version: host.version, host: host.kind }),
    'prefs:get': () => host.preferences.get(),
    'prefs:set': (input) => host.preferences.set(input),

    'setup:status': () => {
      const unlockError = host.unlockError();
      return {
        setUp: core.isSetUp(),
        unlocked: core.isUnlocked,
        clinicName: core.isUnlocked ? services().clinic.profile().name : null,
        unlockError: unlockError
          ? {
              code: unlockError.code,
              messageKey: unlockError.messageKey,
              ...(unlockError.detail ? { detail: unlockError.detail } : {}),
            }
          : null,
      };
    },
    'setup:run': async (input) => {
      const { admin } = await core.setUp(await host.setupVaults(), input);
      return { admin };
    },

    'session:login': async ({ username, password }, context) => {
      if (context.token) services().sessions.logout(context.token);
      context.token = null;
      const { token, session } = await services().sessions.login(username, password);
      context.token = token;
      context.emit('session:changed', session);
      return session;
    },
    'session:status': (_input, context) =>
      withSession(context, (token) => services().sessions.status(token)),
    'session:touch': (_input, context) =>
      withSession(context, (token) => services().sessions.touch(token)),
    'session:lock': (_input, context) =>
      withSession(context, (token) => {
        const session = services().sessions.lock(token);
        context.emit('session:changed', session);
        return session;
      }),
    'session:unlock': async ({ password }, context) => {
      try {
        const session = await services().sessions.unlock(tokenOf(context), password);
        context.emit('session:changed', session);
        return session;
      } catch (error) {
        return endOnLockout(context, error);
      }
    },
    'session:logout': (_input, context) => {
      if (context.token) services().sessions.logout(context.token);
      context.token = null;
      context.emit('session:changed', null);
      return {};
    },
    'session:changePassword': async ({ currentPassword, newPassword }, context) => {
      try {
        await services().sessions.changePassword(tokenOf(context), currentPassword, newPassword);
        return {};
      } catch (error) {
        return endOnLockout(context, error);
      }
    },

    'clinic:profile': (_input, context) => {
      actorOf(context);
      return services().clinic.profile();
    },

    'patients:search': (input, context) => services().patients.search(actorOf(context), input),
    'patients:get': ({ id }, context) => services().patients.get(actorOf(context), id),
    'patients:create': (input, context) => services().patients.create(actorOf(context), input),
    'patients:update': ({ id, changes }, context) =>
      services().patients.update(actorOf(context), id, changes),
    'patients:remove': ({ id }, context) => {
      services().patients.remove(actorOf(context), id);
      return {};
    },
    'patients:visits': ({ id }, context) => services().calendar.forPatient(actorOf(context), id),

    'schedule:now': (_input, context) => services().calendar.now(actorOf(context)),
    'schedule:doctors': (_input, context) => services().schedule.listDoctors(actorOf(context)),
    'schedule:weekly': ({ doctorId }, context) =>
      services().schedule.weekly(actorOf(context), doctorId),
    'schedule:setWeekly': (input, context) =>
      services().schedule.setWeekly(actorOf(context), input),
    'schedule:exceptions': ({ from, to }, context) =>
      services().schedule.exceptions(actorOf(context), from, to),
    'schedule:addException': (input, context) =>
      services().schedule.addException(actorOf(context), input),
    'schedule:removeException': ({ id }, context) => {
      services().schedule.removeException(actorOf(context), id);
      return {};
    },
    'schedule:visitTypes': (_input, context) =>
      services().schedule.listVisitTypes(actorOf(context)),
    'schedule:updateVisitType': (input, context) =>
      services().schedule.updateVisitType(actorOf(context), input),
    'visits:day': (input, context) => services().calendar.day(actorOf(context), input),
    'visits:week': (input, context) => services().calendar.week(actorOf(context), input),
    'visits:freeSlots': (input, context) => services().calendar.freeSlots(actorOf(context), input),
    'visits:queue': (_input, context) => services().calendar.queue(actorOf(context)),
    'visits:get': ({ id }, context) => services().calendar.get(actorOf(context), id),
    'visits:history': ({ id }, context) => services().calendar.history(actorOf(context), id),
    'visits:book': (input, context) => services().visits.book(actorOf(context), input),
    'visits:move': (input, context) => services().visits.move(actorOf(context), input),
    'visits:confirm': ({ id }, context) => services().visits.confirm(actorOf(context), id),
    'visits:checkIn': ({ id }, context) => services().visits.checkIn(actorOf(context), id),
    'visits:start': ({ id }, context) => services().visits.start(actorOf(context), id),
    'visits:complete': ({ id }, context) => services().visits.complete(actorOf(context), id),
    'visits:cancel': (input, context) => services().visits.cancel(actorOf(context), input),
    'visits:setPaid': (input, context) => services().visits.setPaid(actorOf(context), input),
    'visits:walkIn': (input, context) => services().visits.walkIn(actorOf(context), input),
    'waitlist:list': (_input, context) => services().waitlist.list(actorOf(context)),
    'waitlist:add': (input, context) => services().waitlist.add(actorOf(context), input),
    'waitlist:release': ({ id }, context) => services().waitlist.release(actorOf(context), id),
    'waitlist:remove': ({ id }, context) => {
      services().waitlist.remove(actorOf(context), id);
      return {};
    },

    'users:list': (_input, context) => services().accounts.listUsers(actorOf(context)),
    'users:create': (input, context) => services().accounts.createUser(actorOf(context), input),
    'users:update': ({ id, changes }, context) =>
      services().accounts.updateUser(actorOf(context), id, changes),
    'users:unlock': ({ id }, context) => {
      services().accounts.unlockAccount(actorOf(context), id);
      return {};
    },

    'settings:get': (_input, context) => {
      actorOf(context);
      return services().settings.all();
    },
    'settings:set': ({ key, value }, context) => {
      services().settings.set(actorOf(context), key, value);
      return services().settings.all();
    },

    'audit:list': (input, context) => services().audit.list(actorOf(context), input),
    'audit:patientReport': ({ patientId, ...period }, context) =>
      services().audit.patientReport(actorOf(context), patientId, period),
    'audit:suspicious': (input, context) =>
      services().audit.suspiciousActivity(actorOf(context), input),
    'audit:verify': (_input, context) => services().audit.verifyChain(actorOf(context)),

    'recording:consents': ({ encounterId }, context) =>
      services().recordings.consents(actorOf(context), encounterId),
    'recording:consent': (input, context) =>
      services().recordings.recordConsent(actorOf(context), input),
    'recording:forVisit': ({ encounterId }, context) =>
      services().recordings.forEncounter(actorOf(context), encounterId),
    'recording:status': ({ id }, context) => captureStatus(actorOf(context), id),
    'recording:start': ({ encounterId }, context) =>
      services().capture.start(actorOf(context), encounterId),
    'recording:stream': ({ id }, context) => services().capture.reattach(actorOf(context), id),
    'recording:pause': ({ id }, context) => services().capture.pause(actorOf(context), id),
    'recording:resume': ({ id }, context) => services().capture.resume(actorOf(context), id),
    'recording:stop': ({ id }, context) => services().capture.stop(actorOf(context), id),
    'recording:interrupted': (_input, context) =>
      services().recordings.interruptedRecordings(actorOf(context)),
    'recording:continue': ({ id }, context) =>
      services().capture.continueInterrupted(actorOf(context), id),
    'recording:finish': ({ id }, context) => services().recordings.finish(actorOf(context), id),
    'recording:disk': (_input, context) => {
      actorOf(context);
      return services().recordings.diskStatus();
    },
    'recording:import': async ({ encounterId }, context) => {
      // Refusals (no consent, another doctor's visit…) come before a file dialog opens.
      services().recordings.checkImport(actorOf(context), encounterId);
      if (!host.chooseFile) throw new AppError('not_found', 'audioImport.noFilePicker');
      const file = await host.chooseFile('audio');
      if (file === null) return null;
      const { recordings, settings } = services();
      // The actor again: the session may have locked while the dialog was open.
      return recordings.importFile(
        actorOf(context),
        { encounterId, file, chunkSeconds: settings.get('recording.chunkSeconds') },
        { locate: { setting: settings.get('audio.ffmpegPath') } },
      );
    },
    'transcript:get': ({ encounterId }, context) =>
      services().transcripts.forVisit(actorOf(context), encounterId),
    'transcript:correct': (input, context) =>
      services().transcripts.correct(actorOf(context), input),
    'transcript:audio': ({ id }, context) => services().transcripts.audio(actorOf(context), id),
    'transcription:retry': ({ id }, context) => {
      const { chunkList: _chunks } = services().recordings.get(actorOf(context), id);
      services().transcription.retry(id);
      return services().transcription.progress(id);
    },
    'speech:status': (_input, context) => {
      actorOf(context);
      return services().speech.status();
    },
    'models:verify': ({ id }, context) => {
      requireModelAdmin(actorOf(context), id);
      return services().speech.verify(id);
    },
    'models:import': ({ folder }, context) => {
      requireModelAdmin(actorOf(context), null);
      return services().speech.importFrom(folder);
    },
    'transcription:cancel': ({ id }, context) => {
      services().recordings.get(actorOf(context), id);
      services().transcription.cancel(id);
      return services().transcription.progress(id);
    },
    'models:drafting': (_input, context) => {
      actorOf(context);
      const { speech, settings } = services();
      if (!speech.models) throw new AppError('conflict', 'models.noEngine');
      return describeDraftingModels({
        store: speech.models,
        manifest: speech.manifest,
        hardware: speech.hardware(),
        wanted: settings.get('drafting.model'),
      });
    },
    'report:get': ({ encounterId }, context) =>
      services().reports.view(actorOf(context), encounterId),
    'report:update': (input, context) => services().reports.update(actorOf(context), input),
    'report:resolveFlag': (input, context) =>
      services().reports.resolveFlag(actorOf(context), input),
    'report:approve': async (input, context) => {
      try {
        return await services().reports.approve(actorOf(context), input);
      } catch (error) {
        return endOnLockout(context, error);
      }
    },
    'report:amend': (input, context) => services().reports.amend(actorOf(context), input),
    'report:verify': ({ encounterId }, context) =>
      services().reports.verify(actorOf(context), encounterId),
    'report:pdf': (input, context) => services().reportExport.pdf(actorOf(context), input),
    'report:markdown': (input, context) =>
      services().reportExport.markdown(actorOf(context), input),
    'drafting:options': ({ encounterId }, context) =>
      services().drafting.options(actorOf(context), encounterId),
    'drafting:start': (input, context) => services().drafting.start(actorOf(context), input),
    'drafting:section': (input, context) =>
      services().drafting.regenerateSection(actorOf(context), input),
    'drafting:cancel': ({ encounterId }, context) =>
      services().drafting.cancel(actorOf(context), encounterId),
    'checklist:forVisit': ({ encounterId }, context) =>
      services().checklist.forVisit(actorOf(context), encounterId),
    'checklist:evaluate': ({ encounterId }, context) =>
      services().checklist.evaluate(actorOf(context), encounterId),
    'checklist:live': ({ encounterId }, context) =>
      services().checklist.live(actorOf(context), encounterId),
    'checklist:setStatus': (input, context) =>
      services().checklist.setStatus(actorOf(context), input),
    'checklist:items': (_input, context) => services().checklist.items(actorOf(context)),
    'checklist:saveItem': (input, context) =>
      services().checklist.saveItem(actorOf(context), input),
    'templates:list': (_input, context) => services().checklist.templates(actorOf(context)),
    'templates:save': (input, context) =>
      services().checklist.saveTemplate(actorOf(context), input),
  };

  /** Models are the clinic's equipment: only an administrator imports or re-checks them. */
  function requireModelAdmin(actor: Actor, id: string | null) {
    services().access.require(actor, 'settings.update', {
      action: 'update',
      resourceType: 'settings',
      resourceId: id ?? 'models',
    });
  }

  /** The recording screen's poll: the writer's figures, chunks and the transcription queue. */
  function captureStatus(actor: Actor, recordingId: string) {
    const { chunkList, ...recording } = services().recordings.get(actor, recordingId);
    const live = services().capture.status(recordingId);
    return {
      recording,
      live: live?.live ?? false,
      capturedMs: live?.capturedMs ?? recording.durationMs,
      durableMs: live?.durableMs ?? recording.durationMs,
      disk: live?.disk ?? services().recordings.diskStatus(),
      error: live?.error ?? null,
      transcription: services().transcription.progress(recordingId),
      chunkList,
    };
  }
}
