import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock, type Clock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import { TimeoutError } from '../../errors/index.js';
import {
  PolicyBase,
  abortReason,
  contextOf,
  invoke,
  onAbort,
  type ExecuteOptions,
  type Policy,
  type PolicyFunction,
} from '../../policy/index.js';
import { pipeline } from '../pipeline/index.js';
import { timeout } from '../timeout/index.js';
import { retry } from './retry.js';

/**
 * A timeout that forgets to remove its listener from the caller's signal, as cockatiel's did:
 * it shows that the listener count below catches a leak.
 */
class LeakyTimeout extends PolicyBase {
  constructor(
    clock: Clock,
    private readonly ms: number,
  ) {
    super('timeout', undefined, clock);
  }

  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    const controller = new AbortController();
    onAbort(context.signal, () => controller.abort(abortReason(context.signal)));
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        const error = new TimeoutError(this.ms);
        controller.abort(error);
        reject(error);
      }, this.ms);
      invoke(fn, { signal: controller.signal, attempt: context.attempt }).then(
        (value) => (this.clock.clearTimeout(timer), resolve(value)),
        (error: unknown) => (this.clock.clearTimeout(timer), reject(error)),
      );
    });
  }
}

/** Counts the listeners a signal holds, through spies on its add/remove methods. */
function watchListeners(signal: AbortSignal): { readonly live: number } {
  const live = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (...args: Parameters<typeof add>) => {
    live.add(args[1]);
    add(...args);
  };
  signal.removeEventListener = (...args: Parameters<typeof remove>) => {
    live.delete(args[1]);
    remove(...args);
  };
  return {
    get live() {
      return live.size;
    },
  };
}

/** 1,000 calls, one after another, through pipeline(retry, timeout) with one long-lived signal. */
async function thousandCalls(timeout: (clock: Clock) => Policy, allowListeners?: number) {
  const clock = new VirtualClock();
  const policy = pipeline(
    retry({ clock, random: seededRandom(81), maxAttempts: 3, backoff: { type: 'constant', delay: '10ms' } }),
    timeout(clock),
  );
  const controller = new AbortController();
  if (allowListeners !== undefined) setMaxListeners(allowListeners, controller.signal);
  const listeners = watchListeners(controller.signal);
  let results = 0;
  for (let i = 0; i < 1000; i++) {
    let attempts = 0;
    const call = policy.execute(
      ({ signal }) => {
        attempts++;
        // Every third call hangs on its first attempt until the timeout aborts it; every
        // third fails once; the rest succeed at once.
        if (attempts === 1 && i % 3 === 0)
          return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        if (attempts === 1 && i % 3 === 1) return Promise.reject(new Error('flaky'));
        return i;
      },
      { signal: controller.signal },
    );
    const outcome = call.then(
      (value) => value,
      (error: unknown) => error,
    );
    await clock.runAll();
    if ((await outcome) === i) results++;
  }
  return { results, live: listeners.live, pendingTimers: clock.pendingTimers };
}

describe('regression: cockatiel #81', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('1,000 executes of pipeline(retry, timeout) on one signal leave no listener and no warning', async () => {
    const run = await thousandCalls((clock) => timeout({ duration: '50ms', clock }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(run).toEqual({ results: 1000, live: 0, pendingTimers: 0 });
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('the same count catches a policy that leaks its listener', async () => {
    // The limit is raised only to keep Node's leak warning out of the test output.
    const run = await thousandCalls((clock) => new LeakyTimeout(clock, 50), 10_000);
    expect(run.live).toBeGreaterThan(1000);
  });
});
