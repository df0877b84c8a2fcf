import { abortReason, onAbort, type Clock } from '@faultline/core';

/**
 * Waits `ms` on `clock`. If `signal` aborts first, rejects with its reason at once and clears
 * the timer; either way no timer and no abort listener is left behind.
 */
export function wait(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    let stopListening = noop;
    const timer = clock.setTimeout(() => {
      stopListening();
      resolve();
    }, ms);
    stopListening = onAbort(signal, () => {
      clock.clearTimeout(timer);
      reject(abortReason(signal));
    });
  });
}

function noop(): void {}
