import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { HttpFaults } from './faults.js';

/**
 * Runs `then` after `delay` ms on the faults' clock, or at once when there is no delay. If the
 * client goes away during the delay, the timer is cleared and `then` never runs: there is no
 * one left to answer.
 */
export function afterDelay(faults: HttpFaults, delay: number, res: ServerResponse, then: () => void): void {
  if (delay <= 0) {
    then();
    return;
  }
  // The client left before the fault was decided: nobody to hold or answer.
  if (res.destroyed) return;
  const controller = new AbortController();
  const clientLeft = () => controller.abort();
  res.once('close', clientLeft);
  faults.wait(delay, controller.signal).then(
    () => {
      res.off('close', clientLeft);
      then();
    },
    () => undefined,
  );
}

/**
 * Resets the connection: a TCP RST where the platform allows it, so the client sees
 * ECONNRESET as it would from a crashed peer, not an orderly close.
 */
export function resetConnection(socket: Socket | null): void {
  if (socket === null || socket.destroyed) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
