import crypto from 'node:crypto';
import {
  MAX_FRAME_SAMPLES,
  type RecordingSummary,
  type StreamTicket,
} from '../../shared/recording';
import type { Actor } from '../../shared/roles';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { KeepAwake } from '../machine/keep-awake';
import { BYTES_PER_SAMPLE } from './audio-format';
import type { DiskStatus } from './disk-space';
import type { RecordingService } from './recording-service';
import type { RecordingWriter } from './recording-writer';

/** An unused ticket expires: it only bridges `recording:start` and opening the stream. */
const TICKET_TTL_MS = 60_000;

/** Where a stream's frames go; the transport (MessagePort, preview socket) calls it. */
export interface FrameSink {
  /** One frame of 16 kHz mono s16le; false when the stream must close (reason in `closedBy`). */
  push(frame: ArrayBuffer | ArrayBufferView): boolean;
  /** The transport went away; the recording goes on (a new ticket reattaches). */
  detach(): void;
  readonly closedBy: string | null;
}

export interface LiveStatus {
  readonly live: boolean;
  readonly capturedMs: number;
  readonly durableMs: number;
  readonly disk: DiskStatus;
  readonly error: string | null;
}

interface Live {
  readonly writer: RecordingWriter;
  readonly encounterId: string;
  readonly release: () => void;
  stream: symbol | null;
}

/**
 * The running recordings of this app instance and the audio streams that feed them. Starting (or
 * continuing) a recording returns a one-use ticket; the renderer opens its audio stream with it
 * (a MessagePort to main in Electron, a WebSocket in the preview) and its frames go straight to
 * the recording's writer. The computer is kept awake while any recording runs.
 */
export class CaptureHub {
  private readonly recordings: RecordingService;
  private readonly keepAwake: KeepAwake | null;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly chunkSeconds: () => number;
  private readonly live = new Map<string, Live>();
  private readonly tickets = new Map<string, { recordingId: string; expires: number }>();

  constructor(deps: {
    recordings: RecordingService;
    keepAwake?: KeepAwake | null;
    clock: Clock;
    logger?: Logger;
    /** The clinic's chunk length setting, read at each start. */
    chunkSeconds: () => number;
  }) {
    this.recordings = deps.recordings;
    this.keepAwake = deps.keepAwake ?? null;
    this.clock = deps.clock;
    this.logger = deps.logger ?? silentLogger;
    this.chunkSeconds = deps.chunkSeconds;
  }

  start(actor: Actor, encounterId: string): { recording: RecordingSummary; stream: StreamTicket } {
    const writer = this.recordings.start(actor, { encounterId, chunkSeconds: this.chunkSeconds() });
    this.adopt(writer, encounterId);
    return { recording: this.summary(actor, writer.recordingId), stream: this.issue(writer) };
  }

  /** Continues an interrupted recording (the doctor chose resume after a crash). */
  continueInterrupted(
    actor: Actor,
    recordingId: string,
  ): { recording: RecordingSummary; stream: StreamTicket } {
    const writer = this.recordings.resume(actor, recordingId);
    this.adopt(writer, this.recordings.get(actor, recordingId).encounterId);
    return { recording: this.summary(actor, recordingId), stream: this.issue(writer) };
  }

  /** A new ticket for a running recording (the window was reloaded). */
  reattach(actor: Actor, recordingId: string): StreamTicket {
    const live = this.requireLive(actor, recordingId);
    return this.issue(live.writer);
  }

  /** Redeems a ticket: frames pushed to the sink go to the recording. */
  attach(ticket: string): FrameSink | null {
    this.expireTickets();
    const entry = this.tickets.get(ticket);
    if (!entry) return null;
    this.tickets.delete(ticket);
    const live = this.live.get(entry.recordingId);
    if (!live || !live.writer.isOpen) return null;
    // A newer stream (after a reload) replaces an older one.
    const stream = Symbol(entry.recordingId);
    live.stream = stream;
    let closedBy: string | null = null;
    const close = (reason: string) => {
      closedBy = reason;
      if (live.stream === stream) live.stream = null;
      return false;
    };
    return {
      push: (frame) => {
        if (closedBy) return false;
        if (live.stream !== stream) return close('replaced');
        if (!live.writer.isOpen) return close('stopped');
        const bytes = Buffer.isBuffer(frame)
          ? frame
          : ArrayBuffer.isView(frame)
            ? Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength)
            : Buffer.from(frame);
        if (bytes.length === 0 || bytes.length > MAX_FRAME_SAMPLES * BYTES_PER_SAMPLE) {
          return close('frame_size');
        }
        try {
          live.writer.append(bytes);
          return true;
        } catch (error) {
          this.logger.error('recording.appendFailed', error, { recording: entry.recordingId });
          return close(error instanceof AppError ? error.messageKey : 'write_failed');
        }
      },
      detach: () => {
        if (live.stream === stream) live.stream = null;
      },
      get closedBy() {
        return closedBy;
      },
    };
  }

  pause(actor: Actor, recordingId: string): RecordingSummary {
    this.requireLive(actor, recordingId).writer.pause();
    return this.summary(actor, recordingId);
  }

  resume(actor: Actor, recordingId: string): RecordingSummary {
    this.requireLive(actor, recordingId).writer.resume();
    return this.summary(actor, recordingId);
  }

  stop(actor: Actor, recordingId: string): RecordingSummary {
    const live = this.requireLive(actor, recordingId);
    live.writer.stop();
    return this.summary(actor, recordingId);
  }

  status(recordingId: string): LiveStatus | null {
    const live = this.live.get(recordingId);
    if (!live) return null;
    const status = live.writer.status();
    return {
      live: live.writer.isOpen,
      capturedMs: status.capturedMs,
      durableMs: status.durableMs,
      disk: status.disk,
      error: status.error,
    };
  }

  /** Orderly shutdown: every running recording is stopped (its audio closed into chunks). */
  stopAll(): void {
    for (const live of [...this.live.values()]) {
      try {
        if (live.writer.isOpen) live.writer.stop();
      } catch (error) {
        this.logger.error('recording.stopFailed', error, { recording: live.writer.recordingId });
      }
    }
  }

  private adopt(writer: RecordingWriter, encounterId: string): Live {
    const release = this.keepAwake?.hold('recording') ?? (() => undefined);
    const live: Live = { writer, encounterId, release, stream: null };
    this.live.set(writer.recordingId, live);
    const forget = setInterval(() => {
      if (writer.isOpen) return;
      clearInterval(forget);
      live.release();
      this.live.delete(writer.recordingId);
    }, 500);
    forget.unref();
    return live;
  }

  private issue(writer: RecordingWriter): StreamTicket {
    this.expireTickets();
    const ticket = crypto.randomBytes(24).toString('base64url');
    this.tickets.set(ticket, {
      recordingId: writer.recordingId,
      expires: this.clock.now().getTime() + TICKET_TTL_MS,
    });
    return { recordingId: writer.recordingId, ticket };
  }

  private expireTickets(): void {
    const now = this.clock.now().getTime();
    for (const [ticket, entry] of this.tickets) {
      if (entry.expires <= now) this.tickets.delete(ticket);
    }
  }

  /** The running recording, after checking the actor may control it (their own visit). */
  private requireLive(actor: Actor, recordingId: string): Live {
    const live = this.live.get(recordingId);
    if (!live || !live.writer.isOpen) {
      throw new AppError('conflict', 'recording.notLive', { detail: recordingId });
    }
    this.recordings.requireVisitAccess(actor, live.encounterId, 'recording.capture', 'update', {
      ownVisitOnly: true,
    });
    return live;
  }

  private summary(actor: Actor, recordingId: string): RecordingSummary {
    const { chunkList: _chunks, ...summary } = this.recordings.get(actor, recordingId);
    return summary;
  }
}
