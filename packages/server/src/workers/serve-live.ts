import type { MessagePort } from 'node:worker_threads';
import { parseDesign, type Design } from '@faultline/sim';
import type { LiveEngine } from './live-engine.js';
import { LiveLoop } from './live-loop.js';
import type { LiveCommand, LiveWorkerMessage } from './live-messages.js';

/** Makes the engine a live worker runs. */
export type MakeLiveEngine = (design: Design, seed: number | undefined) => LiveEngine;

/**
 * The body of a live worker: waits for `start`, then ticks its loop every interval and applies
 * the server's commands between ticks (a tick is a short step, so commands wait little).
 */
export function serveLive(port: MessagePort, makeEngine: MakeLiveEngine): void {
  let loop: LiveLoop | undefined;
  const post = (message: LiveWorkerMessage): void => port.postMessage(message);
  port.on('message', (command: LiveCommand) => {
    try {
      if (command.type !== 'start') return loop?.handle(command);
      if (loop) return;
      const { faults: _faults, ...document } = command.document;
      const { design } = parseDesign(document);
      const started = new LiveLoop({
        engine: makeEngine(design, command.seed),
        document,
        speed: command.speed,
        now: () => performance.now(),
        post,
      });
      loop = started;
      setInterval(() => {
        try {
          started.tick();
        } catch (error) {
          post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        }
      }, command.intervalMs);
      post({ type: 'ready' });
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
}
