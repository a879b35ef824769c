// SpeechEngine over the project's own Node-API addon (electron/engine/addon), built by
// scripts/build-speech-engine.mjs into .native/speech/. When the addon is missing or does not load,
// the engine reports itself unavailable with the reason (from the build's status.json when there is
// one) instead of throwing, so the app can start and say why transcription is off.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import {
  SpeechEngineError,
  type SpeechEngine,
  type SpeechEngineAvailability,
  type SpeechModel,
  type SpeechModelInfo,
  type SpeechSegment,
  type TranscribeCallbacks,
  type TranscribeOptions,
  type TranscriptionJob,
  type TranscriptionResult,
} from './speech-engine';

/** The whisper.cpp version the addon is built from (checked by the build and at load). */
export const WHISPER_VERSION = '1.9.1';
const ENGINE = 'whisper.cpp addon';

// --- The native module's shape (electron/engine/addon/speech_engine.cc) -------------------------

interface NativeJob {
  promise: Promise<TranscriptionResult>;
  abort(): void;
}

interface NativeModel {
  transcribe(
    pcm: Float32Array,
    options: Omit<TranscribeOptions, 'signal'>,
    onProgress?: (percent: number) => void,
    onSegment?: (segment: SpeechSegment) => void,
  ): NativeJob;
  abort(): boolean;
  free(): void;
  info(): SpeechModelInfo;
}

interface NativeAddon {
  loadModel(path: string, options?: { useGpu?: boolean }): Promise<NativeModel>;
  whisperVersion(): string;
  systemInfo(): string;
  buildVersion: string;
}

/** .native/speech at the repository root (this file is electron/engine/speech/). */
export function defaultAddonDir(): string {
  return resolve(import.meta.dirname, '..', '..', '..', '.native', 'speech');
}

export interface WhisperAddonOptions {
  /** The .node file; default HELSSA_SPEECH_ADDON, else .native/speech/speech_engine.node. */
  bindingPath?: string;
}

function reasonFromBuildStatus(dir: string): string | undefined {
  const statusFile = join(dir, 'status.json');
  if (!existsSync(statusFile)) return undefined;
  try {
    const status = JSON.parse(readFileSync(statusFile, 'utf8')) as {
      ok?: boolean;
      reason?: string;
    };
    return status.ok === false && status.reason ? status.reason : undefined;
  } catch {
    return undefined;
  }
}

function loadNative(
  bindingPath: string,
): { addon: NativeAddon; availability: SpeechEngineAvailability } | { reason: string } {
  if (!existsSync(bindingPath)) {
    const fromBuild = reasonFromBuildStatus(dirname(bindingPath));
    return {
      reason: fromBuild
        ? `the speech engine was not built: ${fromBuild}`
        : `the speech engine is not built (${bindingPath} is missing; run "npm run build:speech")`,
    };
  }
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(bindingPath) as NativeAddon;
  } catch (error) {
    return {
      reason: `the speech engine could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const version = addon.whisperVersion();
  if (version !== WHISPER_VERSION) {
    return {
      reason: `the speech engine is built from whisper.cpp ${version}, expected ${WHISPER_VERSION}; run "npm run build:speech -- --force"`,
    };
  }
  return {
    addon,
    availability: {
      available: true,
      engine: ENGINE,
      whisperVersion: version,
      systemInfo: addon.systemInfo().trim(),
      binding: bindingPath,
    },
  };
}

function asSpeechError(
  error: unknown,
  fallback: 'MODEL_LOAD_FAILED' | 'TRANSCRIPTION_FAILED',
): SpeechEngineError {
  if (error instanceof SpeechEngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SpeechEngineError(fallback, message, { cause: error });
}

class WhisperModel implements SpeechModel {
  constructor(
    readonly path: string,
    private readonly native: NativeModel,
  ) {}

  info(): SpeechModelInfo {
    return this.native.info();
  }

  transcribe(
    pcm: Float32Array,
    options: TranscribeOptions = {},
    callbacks: TranscribeCallbacks = {},
  ): TranscriptionJob {
    const { signal, ...nativeOptions } = options;
    const info = this.native.info();
    if (!info.loaded) throw new SpeechEngineError('MODEL_FREED', 'the model has been freed');
    if (info.busy) {
      throw new SpeechEngineError(
        'MODEL_BUSY',
        'the model is already transcribing; one job at a time per model',
      );
    }
    const job = this.native.transcribe(
      pcm,
      nativeOptions,
      callbacks.onProgress,
      callbacks.onSegment,
    );
    let onAbort: (() => void) | undefined;
    if (signal) {
      onAbort = () => job.abort();
      if (signal.aborted) job.abort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    const result = job.promise.then(
      (value) => value,
      (error: unknown) => {
        // The addon's own failures carry a code; an error thrown by a callback passes through as is.
        const fromAddon =
          error instanceof Error && (error as { code?: unknown }).code === 'TRANSCRIPTION_FAILED';
        throw fromAddon ? asSpeechError(error, 'TRANSCRIPTION_FAILED') : error;
      },
    );
    void result
      .finally(() => {
        if (signal && onAbort) signal.removeEventListener('abort', onAbort);
      })
      .catch(() => undefined);
    return { result, abort: () => job.abort() };
  }

  free(): void {
    this.native.free();
  }
}

class WhisperAddonEngine implements SpeechEngine {
  constructor(
    readonly availability: SpeechEngineAvailability,
    private readonly addon: NativeAddon | undefined,
  ) {}

  async loadModel(path: string, options: { useGpu?: boolean } = {}): Promise<SpeechModel> {
    if (!this.addon || !this.availability.available) {
      throw new SpeechEngineError(
        'ENGINE_UNAVAILABLE',
        this.availability.available ? 'the speech engine is unavailable' : this.availability.reason,
      );
    }
    try {
      return new WhisperModel(path, await this.addon.loadModel(path, options));
    } catch (error) {
      throw asSpeechError(error, 'MODEL_LOAD_FAILED');
    }
  }
}

/** Never throws: an engine that cannot load reports `availability.available === false`. */
export function createWhisperAddonEngine(options: WhisperAddonOptions = {}): SpeechEngine {
  const bindingPath =
    options.bindingPath ??
    (process.env['HELSSA_SPEECH_ADDON'] || undefined) ??
    join(defaultAddonDir(), 'speech_engine.node');
  const loaded = loadNative(bindingPath);
  if ('reason' in loaded) {
    return new WhisperAddonEngine(
      { available: false, engine: ENGINE, reason: loaded.reason },
      undefined,
    );
  }
  return new WhisperAddonEngine(loaded.availability, loaded.addon);
}
