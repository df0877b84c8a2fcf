import type { Clock, TimerHandle } from './clock.js';

/**
 * The real clock: monotonic `performance.now()` time, and unref'd timers so that an idle
 * policy never keeps a process alive.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
