import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { RunStatus, Store } from '@faultline/store';
import type { RunEvent, RunService } from '../runs/run-service.js';
import { sendJson, sendStreamError } from './socket.js';

/**
 * Streams one run: its status first, then progress, timeline buckets and status changes as they
 * happen; the socket closes (1000) after the status that ends the run. A run that is not queued
 * or running in this server gets its status and the close at once.
 */
export async function followRun(
  socket: WebSocket,
  id: string,
  deps: { store: Store; runs: RunService; final: readonly RunStatus[]; log: FastifyBaseLogger },
): Promise<void> {
  const buffered: RunEvent[] = [];
  let ready = false;
  const send = (event: RunEvent): void => {
    if (!ready) {
      buffered.push(event);
      return;
    }
    sendJson(socket, event);
    if (event.type === 'status' && deps.final.includes(event.run.status)) socket.close(1000, 'run ended');
  };
  // Subscribed before reading, so nothing that happens meanwhile is missed.
  const unsubscribe = deps.runs.subscribe(id, send);
  socket.on('close', unsubscribe);
  try {
    const run = await deps.store.runs.get(id);
    ready = true;
    send({ type: 'status', run });
    if (!deps.runs.isActive(id) && socket.readyState === socket.OPEN)
      socket.close(1000, 'run not active here');
    for (const event of buffered.splice(0)) if (socket.readyState === socket.OPEN) send(event);
  } catch (error) {
    unsubscribe();
    sendStreamError(socket, error, deps.log);
  }
}
