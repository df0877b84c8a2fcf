import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { ConcurrencyLimitedError, TimeoutError, failureCodeOf } from '../../errors/index.js';
import type { PolicyEvent } from '../../events/index.js';
import { concurrencyLimit } from './concurrency-limit.js';
import type { ConcurrencyLimitChangedEvent, ConcurrencyLimitRejectedEvent } from './events.js';

const oneSampleWindows = { minTime: 10, maxTime: 10, minSamples: 1 };

/** A call that takes `ms` on the clock, then returns `value` (or throws `error`). */
function takes<T>(clock: VirtualClock, ms: number, value: T, error?: unknown): () => Promise<T> {
  return () =>
    new Promise<T>((resolve, reject) => clock.setTimeout(() => (error ? reject(error) : resolve(value)), ms));
}

describe('concurrencyLimit', () => {
  it('runs calls up to the limit and rejects the rest with ConcurrencyLimitedError', async () => {
    const clock = new VirtualClock();
    const policy = concurrencyLimit({ name: 'orders', type: 'aimd', initialLimit: 2, clock });
    const rejected: ConcurrencyLimitRejectedEvent[] = [];
    const all: PolicyEvent[] = [];
    policy.onRejected((event) => rejected.push(event));
    policy.onEvent((event) => all.push(event));
    const a = policy.execute(takes(clock, 10, 'a'));
    const b = policy.execute(takes(clock, 10, 'b'));
    const error = await policy.execute(() => 'c', { attempt: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyLimitedError);
    expect((error as ConcurrencyLimitedError).limit).toBe(2);
    expect(failureCodeOf(error)).toBe('rejected');
    expect(rejected).toEqual([{ limit: 2, inflight: 2, attempt: 3 }]);
    expect(all.map((e) => [e.policy, e.name, e.type, e.severity])).toEqual([
      ['concurrencyLimit', 'orders', 'rejected', 'warning'],
    ]);
    expect(policy.inflight).toBe(2);
    await clock.tick(10);
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
    expect(policy.inflight).toBe(0);
  });

  it('moves the limit with the latency it measures, and says so', async () => {
    const clock = new VirtualClock();
    const policy = concurrencyLimit({
      type: 'aimd',
      initialLimit: 2,
      slowCallThreshold: 50,
      window: oneSampleWindows,
      clock,
    });
    const changes: ConcurrencyLimitChangedEvent[] = [];
    policy.onLimitChanged((event) => changes.push(event));
    const fast = [policy.execute(takes(clock, 20, 1)), policy.execute(takes(clock, 20, 2))];
    await clock.tick(20);
    await Promise.all(fast);
    expect(policy.limit).toBe(3);
    expect(changes[0]).toEqual({ previous: 2, limit: 3, rttMs: 20, inflight: 1, dropped: false });
    // The second fast call fell in the next window, which a slow call now closes: (20 + 100) / 2 > 50.
    const slow = policy.execute(takes(clock, 100, 'slow'));
    await clock.tick(100);
    await slow;
    expect(policy.limit).toBe(2); // ⌊3 × 0.9⌋
    expect(changes.at(-1)).toEqual({ previous: 3, limit: 2, rttMs: 60, inflight: 2, dropped: false });
  });

  it('counts overload errors as drops, ignores other errors, and rethrows both', async () => {
    const clock = new VirtualClock();
    const policy = concurrencyLimit({ type: 'aimd', initialLimit: 10, window: oneSampleWindows, clock });
    const failed = policy.execute(takes(clock, 1, 0, new Error('bad input'))).catch((e: Error) => e.message);
    await clock.tick(1);
    expect(await failed).toBe('bad input');
    expect(policy.limit).toBe(10);
    const timedOut = policy.execute(takes(clock, 5, 0, new TimeoutError(5))).catch((e: unknown) => e);
    await clock.tick(5);
    expect(await timedOut).toBeInstanceOf(TimeoutError);
    expect(policy.limit).toBe(9);
    expect(policy.inflight).toBe(0);
  });

  it('classifies errors as told', async () => {
    const clock = new VirtualClock();
    const classifyError = vi.fn(() => 'drop' as const);
    const policy = concurrencyLimit({
      type: 'aimd',
      initialLimit: 10,
      window: oneSampleWindows,
      classifyError,
      clock,
    });
    const error = new Error('503');
    await policy.execute(() => Promise.reject(error)).catch(() => undefined);
    expect(classifyError).toHaveBeenCalledWith({ error });
    expect(policy.limit).toBe(9);
  });

  it('frees its place when fn throws synchronously, and refuses a caller that already aborted', async () => {
    const policy = concurrencyLimit({ initialLimit: 1, clock: new VirtualClock() });
    await expect(
      policy.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(policy.inflight).toBe(0);
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const fn = vi.fn();
    await expect(policy.execute(fn, { signal: controller.signal })).rejects.toThrow('gone');
    expect(fn).not.toHaveBeenCalled();
    expect(policy.inflight).toBe(0);
  });

  it('passes the context through and describes itself', async () => {
    const policy = concurrencyLimit({ clock: new VirtualClock() });
    const options = { signal: new AbortController().signal, attempt: 2 };
    await expect(policy.execute((context) => context, options)).resolves.toBe(options);
    expect(policy.toJSON()).toEqual({ type: 'gradient', limit: 20, inflight: 0, minLimit: 1, maxLimit: 200 });
    expect(policy.kind).toBe('concurrencyLimit');
  });
});
