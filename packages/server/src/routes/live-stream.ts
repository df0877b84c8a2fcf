import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { LiveSessions } from '../live/live-sessions.js';
import { sendJson, sendStreamError } from './socket.js';

const FINAL = ['stopped', 'interrupted'];

/**
 * Streams one live session: its status first, then a snapshot every interval, fault events and
 * status changes; closes (1000) once the session ends, or at once if it does not run here.
 */
export async function followLive(
  socket: WebSocket,
  id: string,
  deps: { live: LiveSessions; log: FastifyBaseLogger },
): Promise<void> {
  try {
    const view = await deps.live.get(id);
    sendJson(socket, { type: 'status', session: view });
    const unsubscribe = deps.live.subscribe(id, (event) => {
      sendJson(socket, event);
      if (event.type === 'status' && FINAL.includes(event.session.status))
        socket.close(1000, 'session ended');
    });
    if (!unsubscribe) {
      socket.close(1000, 'session not running here');
      return;
    }
    socket.on('close', unsubscribe);
  } catch (error) {
    sendStreamError(socket, error, deps.log);
  }
}
