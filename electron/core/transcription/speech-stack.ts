import { EngineHost, type ProcessLauncher } from '../../engine/process/engine-host';
import type {
  ModelImportReport,
  ModelManifest,
  ModelProgress,
  ModelStatusEntry,
  SpeechHardwarePlan,
  SpeechStatus,
} from '../../shared/models';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { bundledModelManifest } from '../models/manifest';
import { ModelStore } from '../models/model-store';
import { isModelStoreError } from '../models/errors';
import { planSpeechHardware, readHardware, type HardwareDescription } from '../models/hardware';
import type { DataPaths } from '../paths';
import type { SettingsService } from '../settings/settings-service';
import { EngineTranscriber, type ModelChoice } from './engine-transcriber';
import type { TranscriptionSettings } from './transcription-worker';
import type { Transcriber, TranscriberState } from './transcriber';

/** How a host (Electron main, the preview, a test) runs the speech engine. */
export type SpeechOptions = EngineSpeechOptions | { readonly transcriber: Transcriber };

export interface EngineSpeechOptions {
  /** Starts the engine process: fork under Node, utilityProcess under Electron. */
  readonly launcher: ProcessLauncher;
  /** Model folders besides `<data>/models` and the `models.provisionedDir` setting (env). */
  readonly provisionedDirs?: readonly string[];
  /** The bundled models/manifest.json unless given (tests use their generated models). */
  readonly manifest?: ModelManifest;
  /** This machine unless given. */
  readonly hardware?: HardwareDescription;
  /** Engine heartbeat; tests shorten it. */
  readonly heartbeat?: { intervalMs: number; timeoutMs: number } | false;
  /**
   * Tests and the preview's `--scripted-speech` only: what hears the chunks instead of whisper,
   * while the engine process still runs the drafting model.
   */
  readonly transcriber?: Transcriber;
}

/** The speech side of the core: models on disk, the engine process and its transcriber. */
export interface SpeechStack {
  readonly transcriber: Transcriber;
  /** Null on a host that runs no engine (the command-line tool). */
  readonly models: ModelStore | null;
  /** The manifest the models are checked against (the bundled one unless a test gives its own). */
  readonly manifest: ModelManifest;
  /** This machine as last described (GPU backends once the engine has reported them). */
  hardware(): HardwareDescription;
  /** The engine process's host; null without one. */
  readonly engine: EngineHost | null;
  /** Threads, GPU and the recommended model for this machine. */
  plan(): SpeechHardwarePlan | null;
  /** The transcription settings as the worker applies them. */
  settings(): TranscriptionSettings;
  /** Models or settings changed: look again, and wake whoever waits. */
  changed(): void;
  /** Engine, model in use, hardware plan, models on disk, a running import. */
  status(): Promise<SpeechStatus>;
  /** Hashes a model again (IT's "check"); progress shows in status(). */
  verify(id: string): Promise<ModelStatusEntry>;
  /** Imports the manifest's models found in a folder or on a USB stick. */
  importFrom(folder: string): Promise<ModelImportReport>;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** A host with no engine process: chunks wait, and the screen says why. */
class NoEngineTranscriber implements Transcriber {
  state(): TranscriberState {
    return {
      blocker: 'engine_unavailable',
      slowEngine: false,
      detail: 'this program runs no speech engine; the app transcribes the recording',
    };
  }
  transcribe(): Promise<null> {
    return Promise.reject(new Error('no speech engine in this host'));
  }
  refresh(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function createSpeech(deps: {
  paths: DataPaths;
  settings: SettingsService;
  logger: Logger;
  options: SpeechOptions | undefined;
}): SpeechStack {
  const { paths, settings, logger, options } = deps;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const base = {
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  if (!options || !('launcher' in options)) {
    const transcriber = options?.transcriber ?? new NoEngineTranscriber();
    return {
      ...base,
      transcriber,
      models: null,
      manifest: bundledModelManifest(),
      hardware: () => readHardware(''),
      engine: null,
      plan: () => null,
      settings: () => transcriptionSettings(settings, false),
      changed: notify,
      status: () => {
        const state = transcriber.state();
        return Promise.resolve({
          engine: null,
          model: { id: null, blocker: state.blocker, detail: state.detail },
          plan: null,
          listing: null,
          progress: null,
        });
      },
      verify: () => Promise.reject(noModels()),
      importFrom: () => Promise.reject(noModels()),
      close: () => Promise.resolve(),
    };
  }

  const manifest = options.manifest ?? bundledModelManifest();
  const provisioned = () => [
    ...(options.provisionedDirs ?? []),
    ...[settings.get('models.provisionedDir')].filter((dir) => dir !== ''),
  ];
  let store = new ModelStore({ dataDir: paths.root, provisionedDirs: provisioned(), manifest });
  // GPU backends are known once the engine reports its system info; until then, none.
  let hardware = options.hardware ?? readHardware('');
  let plan = planSpeechHardware(hardware);
  const host = new EngineHost({
    launcher: options.launcher,
    ...(options.heartbeat !== undefined ? { heartbeat: options.heartbeat } : {}),
    onEvent: (event) => {
      if (event.type === 'exited' && event.error) {
        logger.warn('speech.engineExited', { reason: event.error.message });
      } else if (event.type === 'failed') {
        logger.error('speech.engineFailed', event.error);
      } else if (event.type === 'started') {
        const speech = event.ready.engines.speech;
        if (!options.hardware && speech.available) {
          hardware = readHardware(speech.systemInfo);
          plan = planSpeechHardware(hardware);
        }
        logger.info('speech.engineStarted', {
          pid: event.pid,
          engine: event.ready.engines.speech.engine,
        });
        notify();
      }
    },
  });
  let sileroInstalled = false;

  const chooseModel = async (): Promise<ModelChoice> => {
    const wanted = settings.get('transcription.model');
    const listing = await store.list();
    const whisper = listing.models.filter((model) =>
      manifest.models.some((entry) => entry.id === model.id && entry.kind === 'whisper'),
    );
    sileroInstalled = listing.models.some(
      (model) =>
        model.status === 'installed' &&
        manifest.models.some((entry) => entry.id === model.id && entry.kind === 'vad'),
    );
    const present = whisper.filter((model) => model.status !== 'missing');
    const candidate =
      wanted !== 'auto'
        ? whisper.find((model) => model.id === wanted)
        : (present.find((model) => model.id === plan.recommendedModelId) ??
          present.find((model) => model.status === 'installed') ??
          present[0]);
    if (!candidate) {
      return {
        ok: false,
        blocker: 'no_model',
        detail:
          wanted === 'auto'
            ? `no speech model installed; recommended: ${plan.recommendedModelId}`
            : `model ${wanted} is not in the manifest`,
      };
    }
    try {
      return { ok: true, id: candidate.id, path: await store.resolve(candidate.id) };
    } catch (error) {
      if (isModelStoreError(error)) {
        return {
          ok: false,
          blocker: error.reason === 'model_corrupt' ? 'model_corrupt' : 'no_model',
          detail: error.detail ?? error.reason,
        };
      }
      throw error;
    }
  };

  const transcriber = new EngineTranscriber({
    host,
    model: chooseModel,
    sileroModel: async () => {
      const vad = manifest.models.find((entry) => entry.kind === 'vad');
      if (!vad) return null;
      try {
        return await store.resolve(vad.id);
      } catch {
        return null;
      }
    },
    hardware: () => plan,
  });
  void transcriber.refresh().catch((error: unknown) => logger.error('speech.modelLook', error));

  let progress: ModelProgress | null = null;
  const track = { onProgress: (step: ModelProgress) => (progress = step) };

  const stack: SpeechStack = {
    ...base,
    transcriber: options.transcriber ?? transcriber,
    async status() {
      const speech = host.ready?.engines.speech;
      const choice = await transcriber.refresh();
      const state = transcriber.state();
      return {
        engine: speech
          ? {
              available: speech.available,
              name: speech.engine,
              fallback: speech.available && speech.fallback === true,
              detail: speech.available ? speech.systemInfo : speech.reason,
            }
          : null,
        model: {
          id: choice.ok ? choice.id : null,
          blocker: state.blocker,
          detail: state.detail,
        },
        plan,
        listing: await store.list(),
        progress,
      };
    },
    async verify(id) {
      try {
        return await store.verify(id, { ...track, force: true });
      } finally {
        progress = null;
        notify();
      }
    },
    async importFrom(folder) {
      try {
        return await store.importFrom(folder, track);
      } finally {
        progress = null;
        await transcriber.refresh().catch(() => undefined);
        notify();
      }
    },
    get models() {
      return store;
    },
    manifest,
    hardware: () => hardware,
    engine: host,
    plan: () => plan,
    settings: () => transcriptionSettings(settings, sileroInstalled),
    changed() {
      store = new ModelStore({ dataDir: paths.root, provisionedDirs: provisioned(), manifest });
      void transcriber
        .refresh()
        .catch((error: unknown) => logger.error('speech.modelLook', error))
        .finally(notify);
    },
    close: () => transcriber.close(),
  };
  // The model folders and transcription settings are read here: look again when they change.
  settings.onChange((key) => {
    if (key === 'models.provisionedDir' || key.startsWith('transcription.')) stack.changed();
  });
  return stack;
}

function noModels(): AppError {
  return new AppError('conflict', 'models.noEngine', {
    detail: 'this program runs no speech engine',
  });
}

function transcriptionSettings(
  settings: SettingsService,
  sileroInstalled: boolean,
): TranscriptionSettings {
  const vad = settings.get('transcription.vad');
  return {
    language: settings.get('transcription.language'),
    initialPrompt: settings.get('transcription.initialPrompt'),
    vad: vad === 'auto' ? (sileroInstalled ? 'silero' : 'energy') : vad,
  };
}
