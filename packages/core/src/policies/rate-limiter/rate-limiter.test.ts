import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { RateLimitedError, failureCodeOf } from '../../errors/index.js';
import type { PolicyEvent } from '../../events/index.js';
import type { RateLimiterRejectedEvent } from './events.js';
import { rateLimiter } from './rate-limiter.js';

describe('rateLimiter', () => {
  it('runs calls while permits last, then rejects with RateLimitedError and retryAfterMs', async () => {
    const clock = new VirtualClock(100);
    const policy = rateLimiter({ name: 'search', rate: 2, per: '1s', clock });
    const rejected: RateLimiterRejectedEvent[] = [];
    const all: PolicyEvent[] = [];
    policy.onRejected((event) => rejected.push(event));
    policy.onEvent((event) => all.push(event));
    await expect(policy.execute(() => 'a')).resolves.toBe('a');
    await expect(policy.execute(() => 'b')).resolves.toBe('b');
    const error = await policy.execute(() => 'c', { attempt: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(failureCodeOf(error)).toBe('rejected');
    expect((error as RateLimitedError).retryAfterMs).toBeCloseTo(500);
    expect(rejected).toEqual([{ retryAfterMs: expect.closeTo(500) as number, waiting: 0, attempt: 2 }]);
    expect(all.map((e) => [e.policy, e.name, e.type, e.severity, e.time])).toEqual([
      ['rateLimiter', 'search', 'rejected', 'warning', 100],
    ]);
    clock.advance(500);
    await expect(policy.execute(() => 'd')).resolves.toBe('d');
  });

  it('works the same with a sliding window', async () => {
    const clock = new VirtualClock();
    const policy = rateLimiter({ type: 'sliding-window', limit: 1, window: '100ms', clock });
    await policy.execute(() => 1);
    clock.advance(40);
    const error = (await policy.execute(() => 2).catch((e: unknown) => e)) as RateLimitedError;
    expect(error.retryAfterMs).toBe(60);
    clock.advance(60);
    await expect(policy.execute(() => 3)).resolves.toBe(3);
  });

  it('in wait mode starts waiting calls in order as permits come, with one timer for the queue', async () => {
    const clock = new VirtualClock();
    const policy = rateLimiter({ rate: 10, per: '1s', burst: 1, mode: 'wait', maxWait: '1s', clock });
    const started: Array<[number, number]> = [];
    const calls = Array.from({ length: 4 }, (_, i) => policy.execute(() => started.push([i, clock.now()])));
    await clock.tick(0);
    expect(started).toEqual([[0, 0]]);
    expect(policy.waiting).toBe(3);
    expect(clock.pendingTimers).toBe(1);
    await clock.tick(300);
    expect(started).toEqual([
      [0, 0],
      [1, 100],
      [2, 200],
      [3, 300],
    ]);
    await Promise.all(calls);
    expect(clock.pendingTimers).toBe(0);
    expect(policy.waiting).toBe(0);
  });

  it('in wait mode rejects at once a call whose permit would come after maxWait', async () => {
    const clock = new VirtualClock();
    const policy = rateLimiter({ rate: 10, per: '1s', burst: 1, mode: 'wait', maxWait: '250ms', clock });
    const first = policy.execute(() => 'first');
    const second = policy.execute(() => 'second');
    const third = policy.execute(() => 'third');
    const error = (await policy.execute(() => 'fourth').catch((e: unknown) => e)) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBeCloseTo(300);
    await clock.tick(100);
    await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
    // third is due at 200: the estimate it was admitted with held.
    expect(policy.waiting).toBe(1);
    await clock.tick(100);
    await expect(third).resolves.toBe('third');
  });

  it('rejects a waiting call whose caller aborts, frees its place, and stops the timer when none is left', async () => {
    const clock = new VirtualClock();
    const policy = rateLimiter({ rate: 10, per: '1s', burst: 1, mode: 'wait', clock });
    await policy.execute(() => 'spent');
    const controller = new AbortController();
    const fn = vi.fn();
    const waiting = policy.execute(fn, { signal: controller.signal });
    expect(clock.pendingTimers).toBe(1);
    controller.abort(new Error('left'));
    await expect(waiting).rejects.toThrow('left');
    expect(policy.waiting).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    await clock.tick(1000);
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses a caller whose signal already aborted, without spending a permit', async () => {
    const policy = rateLimiter({ rate: 1, clock: new VirtualClock() });
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(policy.execute(() => 1, { signal: controller.signal })).rejects.toThrow('gone');
    expect(policy.available).toBe(1);
  });

  it('queues a call that arrives while the timer starts others behind them, with no second timer', async () => {
    const clock = new VirtualClock();
    const policy = rateLimiter({ rate: 10, per: '1s', burst: 1, mode: 'wait', clock });
    const order: string[] = [];
    let inner: Promise<unknown> | undefined;
    await policy.execute(() => order.push('first'));
    const second = policy.execute(() => {
      order.push('second');
      inner = policy.execute(() => order.push('inner'));
    });
    const third = policy.execute(() => order.push('third'));
    await clock.tick(100);
    expect(order).toEqual(['first', 'second']);
    expect(clock.pendingTimers).toBe(1);
    await clock.tick(200);
    await Promise.all([second, third, inner]);
    expect(order).toEqual(['first', 'second', 'third', 'inner']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('passes the caller context through and turns a synchronous throw into a rejection', async () => {
    const policy = rateLimiter({ rate: 5, clock: new VirtualClock() });
    const options = { signal: new AbortController().signal, attempt: 4 };
    await expect(policy.execute((context) => context, options)).resolves.toBe(options);
    await expect(
      policy.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(policy.toJSON()).toMatchObject({ type: 'token-bucket', rate: 5, available: 3, waiting: 0 });
  });
});

describe('regression: p-queue #219 (aborted waiting calls kept their places and delayed the rest)', () => {
  it('a call queued behind many aborted ones starts as soon as the first free permit comes', async () => {
    const clock = new VirtualClock();
    const policy = rateLimiter({ rate: 1, per: '1s', burst: 1, mode: 'wait', maxWait: '1m', clock });
    await policy.execute(() => 'spent');
    const controller = new AbortController();
    const aborted = Array.from({ length: 10 }, () =>
      policy.execute(() => 'never', { signal: controller.signal }).catch((e: Error) => e.message),
    );
    let startedAt = -1;
    const last = policy.execute(() => (startedAt = clock.now()));
    controller.abort(new Error('aborted'));
    expect(policy.waiting).toBe(1);
    await clock.tick(1000);
    await last;
    expect(startedAt).toBe(1000); // not 11s later
    expect(await Promise.all(aborted)).toEqual(Array(10).fill('aborted'));
  });
});
