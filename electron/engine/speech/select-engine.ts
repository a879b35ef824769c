// Which speech engine the engine process runs: the project's own addon when it loads; otherwise the
// prebuilt `@fugood/whisper.node` fallback, marked `fallback: true, warning: 'slow'` so the UI warns
// that transcription will be slow; otherwise an engine that is unavailable and names both reasons.
//
// HELSSA_SPEECH_ENGINE picks by hand (tests, support, benchmarks):
//   unset or 'auto'  the addon, else the fallback (the default)
//   'addon'          the addon only (never the fallback)
//   'fallback'       the prebuilt fallback only (the addon is not loaded), e.g. to try the slow path
//                    on a machine where the addon is built
// Any other value is treated as 'auto' (and said so in the selection's notes).
//
// Plain Node; nothing here may import Electron.
import { speechAvailabilitySchema } from '../protocol/messages';
import { createFugoodWhisperEngine } from './fugood-whisper';
import {
  SpeechEngineError,
  type SpeechEngine,
  type SpeechEngineAvailability,
  type SpeechModel,
} from './speech-engine';
import { createWhisperAddonEngine } from './whisper-addon';

export const SPEECH_ENGINE_ENV = 'HELSSA_SPEECH_ENGINE';
export const speechEngineChoices = ['auto', 'addon', 'fallback'] as const;
export type SpeechEngineChoice = (typeof speechEngineChoices)[number];

export type SpeechEngineSelection =
  | {
      readonly kind: 'addon';
      readonly engine: SpeechEngine;
      readonly fallback: false;
      readonly choice: SpeechEngineChoice;
      readonly notes: readonly string[];
    }
  | {
      readonly kind: 'fallback';
      readonly engine: SpeechEngine;
      readonly fallback: true;
      readonly warning: 'slow';
      /** Why the addon is not used (unavailable, or the fallback was chosen by hand). */
      readonly addonReason: string;
      readonly choice: SpeechEngineChoice;
      readonly notes: readonly string[];
    }
  | {
      readonly kind: 'unavailable';
      /** Its availability says why; loadModel rejects with ENGINE_UNAVAILABLE. */
      readonly engine: SpeechEngine;
      readonly fallback: false;
      readonly reasons: { readonly addon?: string; readonly fallback?: string };
      readonly choice: SpeechEngineChoice;
      readonly notes: readonly string[];
    };

export interface SelectSpeechEngineOptions {
  /** Default: HELSSA_SPEECH_ENGINE from `env`. */
  choice?: string;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default createWhisperAddonEngine(). */
  createAddon?: () => SpeechEngine;
  /** Default createFugoodWhisperEngine(). */
  createFallback?: () => SpeechEngine;
}

class UnavailableEngine implements SpeechEngine {
  constructor(readonly availability: SpeechEngineAvailability & { available: false }) {}

  loadModel(): Promise<SpeechModel> {
    return Promise.reject(new SpeechEngineError('ENGINE_UNAVAILABLE', this.availability.reason));
  }
}

function unavailableReason(engine: SpeechEngine): string | undefined {
  return engine.availability.available ? undefined : engine.availability.reason;
}

/** Picks the speech engine; never throws (an engine that cannot load is reported, not raised). */
export function selectSpeechEngine(options: SelectSpeechEngineOptions = {}): SpeechEngineSelection {
  const env = options.env ?? process.env;
  const raw = (options.choice ?? env[SPEECH_ENGINE_ENV] ?? '').trim().toLowerCase();
  const notes: string[] = [];
  let choice: SpeechEngineChoice = 'auto';
  if ((speechEngineChoices as readonly string[]).includes(raw)) {
    choice = raw as SpeechEngineChoice;
  } else if (raw !== '') {
    notes.push(
      `${SPEECH_ENGINE_ENV}=${raw} is not one of ${speechEngineChoices.join(', ')}; using auto`,
    );
  }
  const createAddon = options.createAddon ?? (() => createWhisperAddonEngine());
  const createFallback = options.createFallback ?? (() => createFugoodWhisperEngine());

  let addonReason: string;
  if (choice === 'fallback') {
    addonReason = `the fallback was chosen by hand (${SPEECH_ENGINE_ENV}=fallback)`;
  } else {
    const addon = createAddon();
    const reason = unavailableReason(addon);
    if (reason === undefined)
      return { kind: 'addon', engine: addon, fallback: false, choice, notes };
    addonReason = reason;
  }

  let fallbackReason: string | undefined;
  if (choice === 'addon') {
    fallbackReason = undefined;
  } else {
    const fallback = createFallback();
    fallbackReason = unavailableReason(fallback);
    if (fallbackReason === undefined) {
      return {
        kind: 'fallback',
        engine: fallback,
        fallback: true,
        warning: 'slow',
        addonReason,
        choice,
        notes,
      };
    }
  }

  const reasons = {
    ...(choice === 'fallback' ? {} : { addon: addonReason }),
    ...(fallbackReason === undefined ? {} : { fallback: fallbackReason }),
  };
  const reason = [
    reasons.addon ? `speech engine: ${reasons.addon}` : undefined,
    reasons.fallback ? `prebuilt fallback: ${reasons.fallback}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    kind: 'unavailable',
    engine: new UnavailableEngine({
      available: false,
      engine: choice === 'fallback' ? 'prebuilt fallback' : 'whisper.cpp addon',
      reason,
    }),
    fallback: false,
    reasons,
    choice,
    notes,
  };
}

/**
 * The availability as the engine protocol accepts it. The slow-fallback mark (`fallback`, then
 * `warning`) goes along as far as the protocol's schema has fields for it; what it lacks is dropped,
 * and the engine's name ("… (slow fallback)") still tells.
 */
export function availabilityForProtocol(
  availability: SpeechEngineAvailability,
): SpeechEngineAvailability {
  const accepts = (candidate: SpeechEngineAvailability) =>
    speechAvailabilitySchema.safeParse(candidate).success;
  if (accepts(availability)) return availability;
  const core: SpeechEngineAvailability = availability.available
    ? {
        available: true,
        engine: availability.engine,
        whisperVersion: availability.whisperVersion,
        systemInfo: availability.systemInfo,
        binding: availability.binding,
      }
    : { available: false, engine: availability.engine, reason: availability.reason };
  if ((availability as { fallback?: unknown }).fallback === true) {
    const marked: SpeechEngineAvailability & { fallback?: boolean } = { ...core, fallback: true };
    if (accepts(marked)) return marked;
  }
  return core;
}

/** The selected engine with its availability in the protocol's shape (see availabilityForProtocol). */
export function engineForProtocol(engine: SpeechEngine): SpeechEngine {
  const availability = availabilityForProtocol(engine.availability);
  if (availability === engine.availability) return engine;
  return {
    availability,
    loadModel: (path, options) => engine.loadModel(path, options),
  };
}
