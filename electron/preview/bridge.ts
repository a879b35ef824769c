import crypto from 'node:crypto';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { CallContext } from '../core/api/call-context';
import type { ApiDispatcher } from '../core/api/dispatch';
import type { Logger } from '../core/log/logger';
import type { FrameSink } from '../core/recording/capture-hub';

/** Marks the bridge in code; a test checks no production bundle contains it. */
export const BRIDGE_MARKER = 'helssa-preview-bridge';

interface Request {
  readonly id: number;
  readonly channel: unknown;
  readonly input: unknown;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The development-only bridge: the renderer's calls arrive as JSON over a WebSocket and go
 * through the same dispatcher as Electron's IPC. Only the page served by this preview may
 * connect: the origin must be the preview's own and the token must match. Each connection has
 * its own CallContext (session), as each Electron window does.
 */
export function attachBridge(options: {
  server: http.Server;
  origin: () => string;
  token: string;
  dispatcher: ApiDispatcher;
  logger: Logger;
  /** Redeems a recording's stream ticket (CaptureHub.attach); null when refused. */
  audio: (ticket: string) => FrameSink | null;
}): WebSocketServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  options.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', options.origin());
    const allowed =
      (url.pathname === '/bridge' || url.pathname === '/audio') &&
      request.headers.origin === options.origin() &&
      sameToken(url.searchParams.get('token'), options.token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    if (url.pathname === '/audio') {
      const sink = options.audio(url.searchParams.get('ticket') ?? '');
      sockets.handleUpgrade(request, socket, head, (ws) => streamAudio(ws, sink));
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serve(ws));
  });

  /**
   * A recording's audio: binary messages of 16 kHz mono s16le, each one frame, straight to the
   * recording's writer (the preview's stand-in for Electron's MessagePort). A refused ticket or a
   * bad frame closes the socket with the reason.
   */
  const streamAudio = (ws: WebSocket, sink: FrameSink | null) => {
    if (!sink) {
      ws.close(4403, 'recording.streamTicket');
      return;
    }
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary || !sink.push(data)) ws.close(4400, sink.closedBy ?? 'recording.frameInvalid');
    });
    ws.on('close', () => sink.detach());
    ws.on('error', (error) => options.logger.error('preview.audioSocket', error));
  };

  const serve = (ws: WebSocket) => {
    const context = new CallContext((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    ws.on('message', (data: Buffer) => {
      let request: Request;
      try {
        request = JSON.parse(data.toString('utf8')) as Request;
      } catch {
        ws.close(1003, 'not JSON');
        return;
      }
      void options.dispatcher.call(request.channel, request.input, context).then((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: request.id, envelope }));
      });
    });
    ws.on('error', (error) => options.logger.error('preview.bridgeSocket', error));
  };
  return sockets;
}
