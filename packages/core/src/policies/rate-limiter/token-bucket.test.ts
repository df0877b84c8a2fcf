import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { RATE_LIMIT_REFUSED } from './kernel.js';
import { resolveRateLimiterOptions, type TokenBucketOptions } from './options.js';
import { TokenBucketKernel } from './token-bucket.js';

function bucket(options: Omit<TokenBucketOptions, 'clock'>, clock = new VirtualClock()) {
  const resolved = resolveRateLimiterOptions({ ...options, clock });
  if (resolved.type !== 'token-bucket') throw new Error('expected a token bucket');
  return { kernel: new TokenBucketKernel(resolved), clock };
}

describe('TokenBucketKernel', () => {
  it('starts full, allows a burst, then refuses with the time until the next token', () => {
    const { kernel } = bucket({ rate: 10, per: '1s', burst: 3 });
    expect([kernel.tryAcquire(), kernel.tryAcquire(), kernel.tryAcquire()]).toEqual([0, 0, 0]);
    expect(kernel.tryAcquire()).toBe(RATE_LIMIT_REFUSED);
    expect(kernel.retryAfterMs).toBeCloseTo(100);
  });

  it('refills lazily from the clock, up to burst', () => {
    const { kernel, clock } = bucket({ rate: 10, per: '1s', burst: 3 });
    for (let i = 0; i < 3; i++) kernel.tryAcquire();
    expect(kernel.available).toBe(0);
    clock.advance(250);
    expect(kernel.available).toBe(2);
    clock.advance(10_000);
    expect(kernel.available).toBe(3);
    expect(clock.pendingTimers).toBe(0); // no interval timer, ever
  });

  it('gives at most burst + rate × t permits over any span t', () => {
    const { kernel, clock } = bucket({ rate: 50, per: '1s', burst: 5 });
    let granted = 0;
    for (let t = 0; t <= 2000; t++) {
      while (kernel.tryAcquire() === 0) granted++;
      clock.advance(1);
    }
    expect(granted).toBe(5 + 50 * 2);
  });

  it('takes a stale now as the latest time it has seen: time never runs backwards', () => {
    const { kernel, clock } = bucket({ rate: 1, per: 100, burst: 1 });
    clock.advance(1000);
    expect(kernel.tryAcquire()).toBe(0);
    expect(kernel.tryAcquire(500)).toBe(RATE_LIMIT_REFUSED);
    expect(kernel.retryAfterMs).toBeCloseTo(100);
    expect(kernel.tryAcquire(1099)).toBe(RATE_LIMIT_REFUSED);
    expect(kernel.tryAcquire(1100)).toBe(0);
  });

  it('in wait mode queues calls first in first out, each with the wait until its own token', () => {
    const { kernel, clock } = bucket({ rate: 10, per: '1s', burst: 1, mode: 'wait', maxWait: '350ms' });
    expect(kernel.tryAcquire()).toBe(0);
    expect(kernel.tryAcquire()).toBeCloseTo(100);
    expect(kernel.tryAcquire()).toBeCloseTo(200);
    expect(kernel.tryAcquire()).toBeCloseTo(300);
    expect(kernel.tryAcquire()).toBe(RATE_LIMIT_REFUSED); // 400ms > maxWait
    expect(kernel.retryAfterMs).toBeCloseTo(400);
    expect(kernel.waiting).toBe(3);
    expect(kernel.available).toBe(0);

    clock.advance(50);
    expect(kernel.takeQueued()).toBeCloseTo(50);
    clock.advance(50);
    expect(kernel.takeQueued()).toBe(0);
    expect(kernel.takeQueued()).toBeCloseTo(100);
    // A newcomer queues behind the two still waiting even once a token is free for the head.
    clock.advance(100);
    expect(kernel.tryAcquire()).toBeCloseTo(200);
    expect(kernel.waiting).toBe(3);
  });

  it('lets the calls behind a waiter that leaves move up', () => {
    const { kernel, clock } = bucket({ rate: 10, per: '1s', burst: 1, mode: 'wait' });
    kernel.tryAcquire();
    kernel.tryAcquire(); // due at 100
    kernel.tryAcquire(); // due at 200
    kernel.leaveQueue();
    clock.advance(100);
    expect(kernel.takeQueued()).toBe(0);
    expect(kernel.waiting).toBe(0);
    expect(kernel.tryAcquire()).toBeCloseTo(100); // the freed place: due at 200, not 300
    expect(() => {
      kernel.leaveQueue();
      kernel.leaveQueue();
    }).toThrow(/no call is waiting/);
  });

  it('never answers a queued call with 0, which would mean it may start before the head', () => {
    const { kernel, clock } = bucket({ rate: 1000, per: '1s', burst: 1, mode: 'wait' });
    kernel.tryAcquire();
    expect(kernel.tryAcquire()).toBeCloseTo(1);
    clock.advance(5); // tokens for the head and the newcomer are both due, the head not yet started
    expect(kernel.tryAcquire()).toBeGreaterThan(0);
  });

  it('does not fire twice per permit when refill rounds a token just below whole', () => {
    const { kernel, clock } = bucket({ rate: 3, per: 1000, burst: 1, mode: 'wait', maxWait: 10_000 });
    kernel.tryAcquire();
    let wait = kernel.tryAcquire();
    for (let i = 0; i < 30; i++) {
      clock.advance(wait);
      expect(kernel.takeQueued()).toBe(0);
      wait = kernel.tryAcquire();
    }
  });

  it('describes itself', () => {
    const { kernel } = bucket({ rate: 5, burst: 2 });
    expect(kernel.toJSON()).toEqual({
      type: 'token-bucket',
      rate: 5,
      per: 1000,
      burst: 2,
      mode: 'reject',
      maxWait: 0,
      available: 2,
      waiting: 0,
    });
  });
});
