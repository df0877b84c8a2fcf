import type { Clock } from '@faultline/core';
import type { Activity } from '../format/schema.js';
import { checkTolerance } from '../tolerance/tolerance.js';
import type { ActivityRun } from '../runner/journal.js';
import type { ToxicInjector } from '../toxics/injector.js';
import { sleep } from './context.js';
import type { ProviderRunners } from './providers.js';

/** What running an activity needs. */
export interface RunActivityArgs {
  readonly activity: Activity;
  readonly clock: Clock;
  readonly providers: ProviderRunners;
  readonly toxics: ToxicInjector;
  /** Aborts the activity (a stop condition, a halt, a signal). */
  readonly signal: AbortSignal;
  /** Turns clock time into the journal's ISO timestamps. */
  readonly timestamp: (clockTime: number) => string;
}

/**
 * Runs one probe or action: its pause before, the provider within the activity's timeout, its
 * tolerance, its pause after. Never throws: a failure is a journal entry. An abort of `signal`
 * ends it as failed, with the abort's reason.
 */
export async function runActivity(args: RunActivityArgs): Promise<ActivityRun> {
  const { activity, clock } = args;
  const started = clock.now();
  const local = new AbortController();
  const stop = (): void => local.abort(args.signal.reason);
  if (args.signal.aborted) stop();
  else args.signal.addEventListener('abort', stop, { once: true });
  const timer = clock.setTimeout(
    () => local.abort(new Error(`${activity.name}: timed out after ${activity.timeout}ms`)),
    activity.timeout,
  );
  const finish = (rest: Partial<ActivityRun> & Pick<ActivityRun, 'status'>): ActivityRun => {
    clock.clearTimeout(timer);
    args.signal.removeEventListener('abort', stop);
    const ended = clock.now();
    return {
      activity,
      start: args.timestamp(started),
      end: args.timestamp(ended),
      duration: Math.round(ended - started) / 1000,
      ...rest,
    };
  };
  try {
    if (activity.pauses?.before) await sleep(clock, activity.pauses.before, local.signal);
    const output = await raceAbort(
      args.providers[activity.provider.type]({
        provider: activity.provider,
        signal: local.signal,
        clock,
        toxics: args.toxics,
      }),
      local.signal,
    );
    let tolerance: Pick<ActivityRun, 'tolerance_met' | 'tolerance_reason'> = {};
    if (activity.tolerance !== undefined) {
      const result = checkTolerance(activity.tolerance, output);
      tolerance = {
        tolerance_met: result.met,
        ...(result.reason ? { tolerance_reason: result.reason } : {}),
      };
    }
    if (activity.pauses?.after) await sleep(clock, activity.pauses.after, local.signal);
    return finish({ status: 'succeeded', output, ...tolerance });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return finish({
      status: 'failed',
      exception: message,
      ...(activity.tolerance ? { tolerance_met: false } : {}),
    });
  }
}

/** Settles with `work`, or rejects with the abort reason as soon as `signal` aborts (a provider may not listen). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
