import type { Clock } from '@faultline/core';
import type { Provider } from '../format/schema.js';
import type { ProbeOutput } from '../tolerance/tolerance.js';
import type { ToxicInjector } from '../toxics/injector.js';

/** What a provider is given to do its work. */
export interface ProviderArgs<P extends Provider = Provider> {
  readonly provider: P;
  /** Aborted when the activity times out, a stop condition fails, a halt or a signal arrives. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Adds and removes toxics, tracking them for rollback, halt and the lease. */
  readonly toxics: ToxicInjector;
}

/** Runs one kind of provider; resolves to its output, rejects when it could not do its work. */
export type ProviderRunner = (args: ProviderArgs) => Promise<ProbeOutput>;

/** Resolves after `ms` on `clock`, or rejects with the signal's reason when it is aborted first. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Ms since `started` on `clock`, to the microsecond (journals are read by people). */
export function elapsedMs(clock: Clock, started: number): number {
  return Math.round((clock.now() - started) * 1000) / 1000;
}
