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
  let timer: ReturnType<typeof setInterval> | undefined;
  const post = (message: LiveWorkerMessage): void => port.postMessage(message);
  const fail = (error: unknown): void => {
    clearInterval(timer);
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  };
  port.on('message', (command: LiveCommand) => {
    try {
      if (command.type === 'finish') clearInterval(timer);
      if (command.type !== 'start') return loop?.handle(command);
      if (loop) return;
      const { design } = parseDesign(command.document);
      const started = new LiveLoop({
        engine: makeEngine(design, command.seed),
        speed: command.speed,
        now: () => performance.now(),
        post,
      });
      loop = started;
      timer = setInterval(() => {
        try {
          started.tick();
        } catch (error) {
          fail(error);
        }
      }, command.intervalMs);
      post({ type: 'ready' });
    } catch (error) {
      fail(error);
    }
  });
}
