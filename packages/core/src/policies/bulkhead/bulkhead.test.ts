import { setMaxListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { BulkheadRejectedError, failureCodeOf } from '../../errors/index.js';
import type { PolicyEvent } from '../../events/index.js';
import { bulkhead } from './bulkhead.js';
import { BulkheadQueueTimeoutError } from './errors.js';
import type { BulkheadQueuedEvent, BulkheadRejectedEvent } from './events.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T = string>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('bulkhead', () => {
  it('runs up to maxConcurrent at once and starts queued calls first in, first out', async () => {
    const policy = bulkhead({ maxConcurrent: 2, maxQueue: 3, clock: new VirtualClock() });
    const gates = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      policy
        .execute(() => {
          started.push(i);
          return gate.promise;
        })
        .catch((error: Error) => `failed: ${error.message}`),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([policy.executing, policy.queued, policy.available]).toEqual([2, 3, 0]);

    gates[1]!.resolve('one');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.reject(new Error('zero failed'));
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates.slice(2)) gate.resolve('later');
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    await expect(Promise.all(results)).resolves.toEqual([
      'failed: zero failed',
      'one',
      'later',
      'later',
      'later',
    ]);
    expect([policy.executing, policy.queued, policy.available]).toEqual([0, 0, 2]);
  });

  it('rejects beyond the queue with BulkheadRejectedError, and says so in its events', async () => {
    const policy = bulkhead({ name: 'orders', maxConcurrent: 1, maxQueue: 1, clock: new VirtualClock(5) });
    const rejected: BulkheadRejectedEvent[] = [];
    const queued: BulkheadQueuedEvent[] = [];
    const all: PolicyEvent[] = [];
    policy.onRejected((event) => rejected.push(event));
    policy.onQueued((event) => queued.push(event));
    policy.onEvent((event) => all.push(event));
    const gate = deferred();
    const first = policy.execute(() => gate.promise);
    const second = policy.execute(() => 'second');
    const third = policy.execute(() => 'third', { attempt: 2 });
    const error = await third.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkheadRejectedError);
    expect(failureCodeOf(error)).toBe('rejected');
    expect(queued).toEqual([{ executing: 1, queued: 1, attempt: 1 }]);
    expect(rejected).toEqual([{ reason: 'full', executing: 1, queued: 1, attempt: 2 }]);
    expect(all.map((e) => [e.policy, e.name, e.type, e.severity, e.time])).toEqual([
      ['bulkhead', 'orders', 'queued', 'debug', 5],
      ['bulkhead', 'orders', 'rejected', 'warning', 5],
    ]);
    gate.resolve('first');
    await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
  });

  it('frees the slot when fn throws synchronously or rejects', async () => {
    const policy = bulkhead({ maxConcurrent: 1, clock: new VirtualClock() });
    await expect(
      policy.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(policy.execute(() => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(policy.available).toBe(1);
    await expect(policy.execute(() => 7)).resolves.toBe(7);
  });

  it('passes the context through to fn unchanged', async () => {
    const policy = bulkhead({ maxConcurrent: 1, clock: new VirtualClock() });
    const controller = new AbortController();
    const options = { signal: controller.signal, attempt: 3 };
    const seen = await policy.execute((context) => context, options);
    expect(seen).toBe(options);
  });

  it('takes no slot for a caller whose signal has already aborted', async () => {
    const policy = bulkhead({ maxConcurrent: 1, clock: new VirtualClock() });
    const controller = new AbortController();
    controller.abort(new Error('gave up'));
    const fn = vi.fn();
    await expect(policy.execute(fn, { signal: controller.signal })).rejects.toThrow('gave up');
    expect(fn).not.toHaveBeenCalled();
    expect(policy.available).toBe(1);
  });

  it('removes an aborted queued call at once and rejects it with the reason; running calls are left alone', async () => {
    const policy = bulkhead({ maxConcurrent: 1, maxQueue: 2, clock: new VirtualClock() });
    const gate = deferred();
    const running = new AbortController();
    const waiting = new AbortController();
    let runningSawAbort = false;
    const first = policy.execute(
      ({ signal }) => {
        signal.addEventListener('abort', () => (runningSawAbort = true));
        return gate.promise;
      },
      { signal: running.signal },
    );
    const fn = vi.fn(() => 'never');
    const second = policy.execute(fn, { signal: waiting.signal });
    expect(policy.queued).toBe(1);
    waiting.abort(new Error('caller left'));
    expect(policy.queued).toBe(0);
    await expect(second).rejects.toThrow('caller left');
    running.abort(new Error('stop'));
    expect(runningSawAbort).toBe(true);
    expect(policy.executing).toBe(1);
    gate.resolve('done anyway');
    await expect(first).resolves.toBe('done anyway');
    expect(fn).not.toHaveBeenCalled();
    expect(policy.available).toBe(1);
  });

  it('rejects a call that waited queueTimeout, and clears the timer of one that got a slot in time', async () => {
    const clock = new VirtualClock();
    const policy = bulkhead({ maxConcurrent: 1, maxQueue: 2, queueTimeout: '100ms', clock });
    const rejected: BulkheadRejectedEvent[] = [];
    policy.onRejected((event) => rejected.push(event));
    const gate = deferred();
    const first = policy.execute(() => gate.promise);
    const second = policy.execute(() => 'second').catch((e: unknown) => e);
    await clock.tick(60);
    const third = policy.execute(() => 'third');
    expect(clock.pendingTimers).toBe(2);
    await clock.tick(40); // second's 100ms are up; third has waited 40ms
    const error = await second;
    expect(error).toBeInstanceOf(BulkheadQueueTimeoutError);
    expect(error).toBeInstanceOf(BulkheadRejectedError);
    expect((error as Error).message).toMatch(/waited 100ms for one of 1 slots/);
    expect(rejected).toEqual([{ reason: 'queueTimeout', executing: 1, queued: 1, attempt: 1 }]);
    gate.resolve('first');
    await expect(first).resolves.toBe('first');
    await expect(third).resolves.toBe('third');
    expect(clock.pendingTimers).toBe(0);
    expect(policy.available).toBe(1);
  });

  it('leaves no listener on a long-lived signal once calls settle (cockatiel #81)', async () => {
    const policy = bulkhead({ maxConcurrent: 1, maxQueue: 100, clock: new VirtualClock() });
    const controller = new AbortController();
    const signal = controller.signal;
    // 50 calls queue on this one signal at once, each rightly listening: not a leak, so no warning.
    setMaxListeners(100, signal);
    const added = vi.spyOn(signal, 'addEventListener');
    const removed = vi.spyOn(signal, 'removeEventListener');
    const gate = deferred();
    const first = policy.execute(() => gate.promise, { signal });
    const rest = Array.from({ length: 50 }, (_, i) => policy.execute(() => i, { signal }));
    gate.resolve('first');
    await Promise.all([first, ...rest]);
    expect(added).toHaveBeenCalledTimes(50); // one per queued call, none for a call that ran at once
    expect(removed).toHaveBeenCalledTimes(50);
  });

  it('reports configuration and counts through toJSON', () => {
    const policy = bulkhead({ maxConcurrent: 3, maxQueue: 1, clock: new VirtualClock() });
    void policy.execute(() => new Promise(() => {}));
    expect(policy.toJSON()).toEqual({ maxConcurrent: 3, maxQueue: 1, executing: 1, queued: 0 });
    expect(policy.kind).toBe('bulkhead');
    expect(policy.name).toBe('bulkhead');
  });
});

describe('regression: cockatiel #114 (an aborted queued call held a slot and starved the queue)', () => {
  it('aborting many queued calls leaves the rest to run in order, and no slot is lost', async () => {
    const policy = bulkhead({ maxConcurrent: 2, maxQueue: 1000, clock: new VirtualClock() });
    const gates = [deferred(), deferred()];
    const holders = gates.map((gate) => policy.execute(() => gate.promise));
    const controllers = Array.from({ length: 1000 }, () => new AbortController());
    const started: number[] = [];
    const queued = controllers.map((controller, i) =>
      policy.execute(
        async () => {
          started.push(i);
          return i;
        },
        { signal: controller.signal },
      ),
    );
    expect(policy.queued).toBe(1000);
    // Abort every call but each tenth, scattered over the queue's head, middle and tail.
    const kept = controllers.map((_, i) => i).filter((i) => i % 10 === 9);
    controllers.forEach((controller, i) => {
      if (i % 10 !== 9) controller.abort(new Error(`abort ${i}`));
    });
    expect(policy.queued).toBe(kept.length);
    gates.forEach((gate) => gate.resolve('held'));
    await Promise.all(holders);
    const outcomes = await Promise.allSettled(queued);
    expect(started).toEqual(kept);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(kept.length);
    expect([policy.executing, policy.queued, policy.available]).toEqual([0, 0, 2]);
    // Full capacity is back: two calls run at once again.
    const more = [deferred(), deferred()];
    const running = more.map((gate) => policy.execute(() => gate.promise));
    expect(policy.available).toBe(0);
    more.forEach((gate) => gate.resolve('x'));
    await Promise.all(running);
  });
});
