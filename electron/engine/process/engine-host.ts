// The host side of the engine process, used by the core: starts the process through a
// ProcessLauncher (Node's fork here, Electron's utilityProcess in electron/main), sends validated
// requests, validates everything that comes back, and keeps the process alive: if it dies or stops
// answering, pending requests reject with a typed, retryable error and the process is restarted with
// backoff, a bounded number of times per minute. `withRetry` runs a job across such restarts.
// Plain Node; nothing here may import Electron.
import {
  assertValidHostMessage,
  parseEngineMessage,
  parseRequestPayload,
  parseResultValue,
  PROTOCOL_VERSION,
  type EngineErrorCode,
  type EngineEvent,
  type EngineReady,
  type HostMessage,
  type RequestKind,
  type RequestPayload,
  type RequestPayloadInput,
  type ResultValue,
  type VadRequest,
} from '../protocol/messages';
import type { SpeechSegment, SpeechLanguage } from '../speech/speech-engine';

// --- The process abstraction -------------------------------------------------------------------

export interface EngineExit {
  /** Exit code, when it exited by itself. */
  code: number | null;
  /** The signal that ended it (Node only; Electron reports a code). */
  signal: string | null;
  /** Why, when known (for example a failed spawn). */
  reason?: string;
}

/**
 * A running engine process. Node's ChildProcess and Electron's UtilityProcess both fit: messages go
 * by structured clone (postMessage), arrive as plain values, and the process reports its exit once.
 */
export interface EngineProcess {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has gone (exit, crash, kill, or a failed spawn). */
  onExit(listener: (exit: EngineExit) => void): void;
  /** Ends the process at once. */
  kill(): void;
}

export interface ProcessLauncher {
  launch(): EngineProcess;
}

// --- Errors ------------------------------------------------------------------------------------

export class EngineError extends Error {
  override readonly name: string = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The engine process died or hung while the request was pending: the job may succeed again. */
export function isRetryableEngineError(error: unknown): boolean {
  return (
    error instanceof EngineError &&
    (error.code === 'engine_crashed' || error.code === 'engine_hung')
  );
}

export class EngineRetryError extends EngineError {
  override readonly name = 'EngineRetryError';
  constructor(
    /** Every failure, oldest first; the last one is the reason (and this error's code). */
    readonly failures: readonly { code: EngineErrorCode; message: string }[],
    options?: { cause?: unknown },
  ) {
    const last = failures[failures.length - 1] ?? { code: 'internal', message: 'no attempt ran' };
    super(
      last.code,
      `failed after ${failures.length} attempt${failures.length === 1 ? '' : 's'}: ${last.message}`,
      options,
    );
  }

  get attempts(): number {
    return this.failures.length;
  }
}

export interface RetryOptions {
  /** Default 3. */
  attempts?: number;
  /** Default: the engine crashed or hung. */
  isRetryable?: (error: unknown) => boolean;
  onRetry?: (failure: { attempt: number; error: unknown }) => void;
}

/**
 * Runs `job` until it succeeds, a non-retryable error occurs (rethrown as is), or the attempts are
 * used up (EngineRetryError with every reason). The host restarts the process in between by itself;
 * the next attempt waits for it.
 */
export async function withRetry<T>(
  job: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const isRetryable = options.isRetryable ?? isRetryableEngineError;
  const failures: { code: EngineErrorCode; message: string }[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await job(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      failures.push({
        code: error instanceof EngineError ? error.code : 'internal',
        message: error instanceof Error ? error.message : String(error),
      });
      if (attempt >= attempts) throw new EngineRetryError(failures, { cause: error });
      options.onRetry?.({ attempt, error });
    }
  }
}

// --- The host ----------------------------------------------------------------------------------

export type EngineHostState = 'idle' | 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';

export type EngineHostEvent =
  | { type: 'started'; pid: number; generation: number; ready: EngineReady }
  | {
      type: 'exited';
      pid: number | undefined;
      generation: number;
      exit: EngineExit;
      /** engine_crashed or engine_hung, with the reason; undefined when the host stopped it. */
      error?: EngineError;
    }
  | { type: 'restarting'; delayMs: number; restartsInLastMinute: number }
  | { type: 'failed'; error: EngineError }
  | { type: 'invalid_message'; error: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export interface EngineHostOptions {
  launcher: ProcessLauncher;
  /** How long a process may take to say it is ready. Default 30 s. */
  startTimeoutMs?: number;
  restart?: {
    /** Restarts allowed within a minute before the host gives up (state 'failed'). Default 5. */
    maxPerMinute?: number;
    /** First delay, doubled per recent restart. Default 250 ms. */
    backoffMs?: number;
    /** Default 10 s. */
    maxBackoffMs?: number;
  };
  /** Pings the engine; a process silent for timeoutMs is killed as hung. Default 5 s / 20 s. */
  heartbeat?: { intervalMs: number; timeoutMs: number } | false;
  onEvent?: (event: EngineHostEvent) => void;
}

export interface RequestOptions {
  onEvent?: (event: EngineEvent) => void;
  signal?: AbortSignal;
}

export interface EngineTranscribeOptions {
  modelPath: string;
  useGpu?: boolean;
  /** Default 'fa' (the addon's default). */
  language?: SpeechLanguage;
  initialPrompt?: string;
  threads?: number;
  noTimestamps?: boolean;
  /** Off when absent; 'energy' runs the engine's own detector; 'silero' whisper.cpp's. */
  vad?: VadRequest;
}

export interface EngineTranscribeCallbacks {
  onProgress?: (percent: number) => void;
  onSegment?: (segment: SpeechSegment) => void;
  /** Aborting it stops the job; the promise then resolves with `aborted: true`. */
  signal?: AbortSignal;
}

interface Pending {
  kind: RequestKind;
  generation: number;
  resolve(value: unknown): void;
  reject(error: EngineError): void;
  onEvent?: (event: EngineEvent) => void;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function describeExit(exit: EngineExit): string {
  if (exit.reason) return exit.reason;
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

export class EngineHost {
  private readonly launcher: ProcessLauncher;
  private readonly startTimeoutMs: number;
  private readonly maxRestartsPerMinute: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly heartbeat: { intervalMs: number; timeoutMs: number } | false;
  private readonly onEvent: (event: EngineHostEvent) => void;

  private _state: EngineHostState = 'idle';
  private child: EngineProcess | undefined;
  private generation = 0;
  private readyInfo: EngineReady | undefined;
  /** Present while the engine is not (yet) ready: settles when it is, or when the host gives up. */
  private readiness: Deferred<EngineReady> | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;
  private restarts: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private lastHeardAt = 0;
  /** Why the host killed the current process (hung, slow start), to report on its exit. */
  private killReason: EngineError | undefined;
  private failure: EngineError | undefined;
  private exitWaiters: (() => void)[] = [];

  constructor(options: EngineHostOptions) {
    this.launcher = options.launcher;
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.maxRestartsPerMinute = options.restart?.maxPerMinute ?? 5;
    this.backoffMs = options.restart?.backoffMs ?? 250;
    this.maxBackoffMs = options.restart?.maxBackoffMs ?? 10_000;
    this.heartbeat = options.heartbeat ?? { intervalMs: 5_000, timeoutMs: 20_000 };
    this.onEvent = options.onEvent ?? (() => undefined);
  }

  get state(): EngineHostState {
    return this._state;
  }

  /** The engine process's pid while it runs. */
  get pid(): number | undefined {
    return this._state === 'running' ? this.child?.pid : undefined;
  }

  /** What the running engine reported at start-up (speech availability). */
  get ready(): EngineReady | undefined {
    return this._state === 'running' ? this.readyInfo : undefined;
  }

  /** Starts the engine process (again, after stop() or a failure) and waits until it is ready. */
  start(): Promise<EngineReady> {
    switch (this._state) {
      case 'running':
        return Promise.resolve(this.readyInfo!);
      case 'starting':
      case 'restarting':
        return this.readiness!.promise;
      case 'idle':
      case 'failed':
      case 'stopped':
        this.failure = undefined;
        this.restarts = [];
        this.launch();
        return this.readiness!.promise;
    }
  }

  /** Ends the engine process; pending requests reject with engine_stopped. */
  async stop(): Promise<void> {
    const wasRunning = this.child !== undefined;
    const stopped = new EngineError('engine_stopped', 'the engine host was stopped');
    this._state = 'stopped';
    this.clearTimers();
    this.readiness?.reject(stopped);
    this.readiness = undefined;
    this.rejectPending(() => stopped);
    if (!wasRunning) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.child?.kill();
    // kill() is final; the bound only guards against a launcher that never reports the exit.
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5_000)));
    await Promise.race([exited, bound]);
    clearTimeout(timer);
  }

  /** Sends one request and resolves with its validated result value. */
  async request<K extends RequestKind>(
    kind: K,
    payload: RequestPayloadInput<K>,
    options: RequestOptions = {},
  ): Promise<ResultValue<K>> {
    const checked = parseRequestPayload(kind, payload);
    if (!checked.ok) throw new EngineError('invalid_request', checked.error);
    const { signal } = options;
    if (signal?.aborted) throw new EngineError('cancelled', 'cancelled before it was sent');
    if (this._state !== 'running') await this.whenReady(signal);
    return this.send(kind, checked.payload, options);
  }

  ping(): Promise<ResultValue<'ping'>> {
    return this.request('ping', {});
  }

  /**
   * Transcribes 16 kHz mono PCM in the engine process. Resolves with `aborted: true` when the signal
   * aborts it; rejects with an EngineError (engine_crashed and engine_hung are retryable).
   */
  async transcribe(
    pcm: Float32Array,
    options: EngineTranscribeOptions,
    callbacks: EngineTranscribeCallbacks = {},
  ): Promise<ResultValue<'speech.transcribe'>> {
    // A view into a larger buffer would otherwise carry the whole buffer across.
    const samples = pcm.byteLength === pcm.buffer.byteLength ? pcm : pcm.slice();
    const { onProgress, onSegment, signal } = callbacks;
    try {
      return await this.request(
        'speech.transcribe',
        { ...options, pcm: samples },
        {
          ...(signal ? { signal } : {}),
          onEvent: (event) => {
            if (event.kind === 'progress') onProgress?.(event.payload.percent);
            else if (event.kind === 'segment') onSegment?.(event.payload);
          },
        },
      );
    } catch (error) {
      if (error instanceof EngineError && error.code === 'cancelled') {
        return {
          aborted: true,
          segments: [],
          text: '',
          language: '',
          elapsedMs: 0,
          audioMs: Math.round((pcm.length / 16_000) * 1000),
        };
      }
      throw error;
    }
  }

  // --- Internals -------------------------------------------------------------------------------

  private whenReady(signal: AbortSignal | undefined): Promise<EngineReady> {
    let ready: Promise<EngineReady>;
    switch (this._state) {
      case 'running':
        return Promise.resolve(this.readyInfo!);
      case 'idle':
        ready = this.start();
        break;
      case 'starting':
      case 'restarting':
        ready = this.readiness!.promise;
        break;
      case 'failed':
        return Promise.reject(this.failure!);
      case 'stopped':
        return Promise.reject(new EngineError('engine_stopped', 'the engine host is stopped'));
    }
    if (!signal) return ready;
    return new Promise<EngineReady>((resolve, reject) => {
      const onAbort = () => reject(new EngineError('cancelled', 'cancelled before it was sent'));
      signal.addEventListener('abort', onAbort, { once: true });
      ready.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private send<K extends RequestKind>(
    kind: K,
    payload: RequestPayload<K>,
    options: RequestOptions,
  ): Promise<ResultValue<K>> {
    const child = this.child;
    if (this._state !== 'running' || !child) {
      return Promise.reject(new EngineError('engine_crashed', 'the engine process is not running'));
    }
    const id = String(++this.nextId);
    const message = { type: 'request', id, kind, payload } as HostMessage;
    assertValidHostMessage(message);
    const { signal, onEvent } = options;
    return new Promise<ResultValue<K>>((resolve, reject) => {
      const onAbort = () => {
        if (this.pending.has(id) && this.child === child) {
          const cancel: HostMessage = { type: 'cancel', id };
          assertValidHostMessage(cancel);
          child.postMessage(cancel);
        }
      };
      const settle = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        kind,
        generation: this.generation,
        resolve: (value) => {
          settle();
          resolve(value as ResultValue<K>);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        ...(onEvent ? { onEvent } : {}),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      child.postMessage(message);
    });
  }

  private launch(): void {
    this.readiness ??= deferred<EngineReady>();
    this._state =
      this._state === 'running' || this._state === 'restarting' ? 'restarting' : 'starting';
    const generation = ++this.generation;
    this.killReason = undefined;
    this.readyInfo = undefined;
    let child: EngineProcess;
    try {
      child = this.launcher.launch();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.child = undefined;
      queueMicrotask(() =>
        this.handleExit(generation, undefined, { code: null, signal: null, reason }),
      );
      return;
    }
    this.child = child;
    child.onMessage((raw) => {
      if (generation === this.generation) this.handleMessage(raw);
    });
    child.onExit((exit) => this.handleExit(generation, child, exit));
    this.startTimer = setTimeout(() => {
      if (generation !== this.generation || this._state === 'running') return;
      this.killReason = new EngineError(
        'engine_crashed',
        `the engine process did not start within ${this.startTimeoutMs} ms`,
      );
      child.kill();
    }, this.startTimeoutMs);
    this.startTimer.unref();
  }

  private handleMessage(raw: unknown): void {
    this.lastHeardAt = performance.now();
    const parsed = parseEngineMessage(raw);
    if (!parsed.ok) {
      this.onEvent({ type: 'invalid_message', error: parsed.error });
      // A malformed result would leave its request waiting for ever: fail it instead.
      const type = (raw as { type?: unknown } | null)?.type;
      if (parsed.id !== undefined && type === 'result') {
        this.settle(parsed.id, undefined, new EngineError('protocol_error', parsed.error));
      }
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        return this.handleReady(message);
      case 'event':
        return this.dispatchEvent(message);
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        if (!message.ok) {
          this.settle(
            message.id,
            undefined,
            new EngineError(message.error.code, message.error.message),
          );
          return;
        }
        const value = parseResultValue(pending.kind, message.value);
        if (value.ok) this.settle(message.id, value.value);
        else {
          this.onEvent({ type: 'invalid_message', error: value.error });
          this.settle(message.id, undefined, new EngineError('protocol_error', value.error));
        }
        return;
      }
      case 'log':
        this.onEvent({ type: 'log', level: message.level, message: message.message });
        return;
    }
  }

  private handleReady(ready: EngineReady): void {
    if (this._state !== 'starting' && this._state !== 'restarting') return;
    clearTimeout(this.startTimer);
    if (ready.protocolVersion !== PROTOCOL_VERSION) {
      this.fail(
        new EngineError(
          'engine_failed',
          `the engine speaks protocol ${ready.protocolVersion}, the host ${PROTOCOL_VERSION}`,
        ),
      );
      this.child?.kill();
      return;
    }
    this._state = 'running';
    this.readyInfo = ready;
    this.readiness?.resolve(ready);
    this.readiness = undefined;
    this.startHeartbeat();
    this.onEvent({ type: 'started', pid: ready.pid, generation: this.generation, ready });
  }

  private dispatchEvent(event: EngineEvent): void {
    const pending = this.pending.get(event.id);
    if (!pending?.onEvent) return;
    try {
      pending.onEvent(event);
    } catch (error) {
      // A throwing callback is the caller's bug; the request carries on.
      this.onEvent({
        type: 'log',
        level: 'error',
        message: `an event callback threw: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  private settle(id: string, value: unknown, error?: EngineError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (error) pending.reject(error);
    else pending.resolve(value);
  }

  private rejectPending(errorFor: (pending: Pending) => EngineError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.reject(errorFor(pending));
  }

  private handleExit(generation: number, child: EngineProcess | undefined, exit: EngineExit): void {
    if (generation !== this.generation) return;
    const pid = child?.pid;
    this.child = undefined;
    this.clearTimers();
    for (const waiter of this.exitWaiters.splice(0)) waiter();
    if (this._state === 'stopped' || this._state === 'failed') {
      this.onEvent({ type: 'exited', pid, generation, exit });
      return;
    }
    const wasStarting = this._state !== 'running';
    const error =
      this.killReason ??
      new EngineError(
        'engine_crashed',
        `the engine process ${wasStarting ? 'failed to start' : 'died'} (${describeExit(exit)})`,
      );
    this.killReason = undefined;
    this.readiness ??= deferred<EngineReady>();
    this._state = 'restarting';
    this.onEvent({ type: 'exited', pid, generation, exit, error });
    this.rejectPending(() => error);

    const now = performance.now();
    this.restarts = this.restarts.filter((at) => now - at < 60_000);
    if (this.restarts.length >= this.maxRestartsPerMinute) {
      this.fail(
        new EngineError(
          'engine_failed',
          `the engine process failed ${this.restarts.length + 1} times within a minute; last: ${error.message}`,
          { cause: error },
        ),
      );
      return;
    }
    const delayMs = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** this.restarts.length);
    this.restarts.push(now);
    this.onEvent({ type: 'restarting', delayMs, restartsInLastMinute: this.restarts.length });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this._state === 'restarting') this.launch();
    }, delayMs);
  }

  private fail(error: EngineError): void {
    this._state = 'failed';
    this.failure = error;
    this.clearTimers();
    this.readiness?.reject(error);
    this.readiness = undefined;
    this.rejectPending(() => error);
    this.onEvent({ type: 'failed', error });
  }

  private startHeartbeat(): void {
    if (!this.heartbeat) return;
    const { intervalMs, timeoutMs } = this.heartbeat;
    const child = this.child;
    this.lastHeardAt = performance.now();
    this.heartbeatTimer = setInterval(() => {
      if (this._state !== 'running' || this.child !== child || !child) return;
      const silentMs = performance.now() - this.lastHeardAt;
      if (silentMs > timeoutMs) {
        this.killReason = new EngineError(
          'engine_hung',
          `the engine process did not answer for ${Math.round(silentMs)} ms and was killed`,
        );
        child.kill();
        return;
      }
      this.send('ping', {}, {}).catch(() => undefined);
    }, intervalMs);
    this.heartbeatTimer.unref();
  }

  private clearTimers(): void {
    clearTimeout(this.startTimer);
    clearTimeout(this.restartTimer);
    clearInterval(this.heartbeatTimer);
    this.startTimer = undefined;
    this.restartTimer = undefined;
    this.heartbeatTimer = undefined;
  }
}
