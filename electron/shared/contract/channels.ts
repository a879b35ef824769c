/**
 * The names of every call and event between the renderer and the core, `domain:verb`. This list
 * has no dependencies so the preload can build its namespaced object from it; contract.ts gives
 * each name its schemas and checks at compile time that the two agree.
 */
export const callChannels = [
  'app:info',
  'prefs:get',
  'prefs:set',
  'setup:status',
  'setup:run',
  'session:login',
  'session:status',
  'session:touch',
  'session:lock',
  'session:unlock',
  'session:logout',
  'session:changePassword',
  'clinic:profile',
  'patients:search',
  'patients:get',
  'patients:create',
  'patients:update',
  'patients:remove',
  'patients:visits',
  'schedule:now',
  'schedule:doctors',
  'schedule:weekly',
  'schedule:setWeekly',
  'schedule:exceptions',
  'schedule:addException',
  'schedule:removeException',
  'schedule:visitTypes',
  'schedule:updateVisitType',
  'visits:day',
  'visits:week',
  'visits:freeSlots',
  'visits:queue',
  'visits:get',
  'visits:history',
  'visits:book',
  'visits:move',
  'visits:confirm',
  'visits:checkIn',
  'visits:start',
  'visits:complete',
  'visits:cancel',
  'visits:setPaid',
  'visits:walkIn',
  'waitlist:list',
  'waitlist:add',
  'waitlist:release',
  'waitlist:remove',
  'users:list',
  'users:create',
  'users:update',
  'users:unlock',
  'settings:get',
  'settings:set',
  'audit:list',
  'audit:patientReport',
  'audit:suspicious',
  'audit:verify',
  'recording:consents',
  'recording:consent',
  'recording:forVisit',
  'recording:status',
  'recording:start',
  'recording:stream',
  'recording:pause',
  'recording:resume',
  'recording:stop',
  'recording:interrupted',
  'recording:continue',
  'recording:finish',
  'recording:disk',
  'recording:import',
  'transcript:get',
  'transcript:correct',
  'transcript:audio',
  'transcription:retry',
  'transcription:cancel',
  'speech:status',
  'models:verify',
  'models:import',
] as const;
export type CallChannel = (typeof callChannels)[number];

export const eventChannels = ['session:changed'] as const;
export type EventChannel = (typeof eventChannels)[number];

export function isCallChannel(name: unknown): name is CallChannel {
  return typeof name === 'string' && (callChannels as readonly string[]).includes(name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (eventChannels as readonly string[]).includes(name);
}
