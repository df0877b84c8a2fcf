import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { NotFoundError } from '@faultline/store';

/** Sends one JSON message if the socket is still open. */
export function sendJson(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Ends a stream on an error: `{ type: "error", error: { code, message } }`, then close code 4404
 * for an unknown subject, 1011 for anything else (whose details go to the log only).
 */
export function sendStreamError(socket: WebSocket, error: unknown, log: FastifyBaseLogger): void {
  if (error instanceof NotFoundError) {
    sendJson(socket, { type: 'error', error: { code: error.code, message: error.message } });
    socket.close(4404, 'not found');
    return;
  }
  log.error({ err: error }, 'stream failed');
  sendJson(socket, {
    type: 'error',
    error: { code: 'internal', message: 'The stream failed: see the server log' },
  });
  socket.close(1011, 'internal error');
}
