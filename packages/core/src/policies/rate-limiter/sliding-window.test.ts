import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { RATE_LIMIT_REFUSED } from './kernel.js';
import { resolveRateLimiterOptions, type SlidingWindowOptions } from './options.js';
import { SlidingWindowKernel } from './sliding-window.js';

function windowed(options: Omit<SlidingWindowOptions, 'clock' | 'type'>, clock = new VirtualClock()) {
  const resolved = resolveRateLimiterOptions({ ...options, type: 'sliding-window', clock });
  if (resolved.type !== 'sliding-window') throw new Error('expected a sliding window');
  return { kernel: new SlidingWindowKernel(resolved), clock };
}

describe('SlidingWindowKernel', () => {
  it('allows limit permits in a window, then refuses until the oldest leaves it', () => {
    const { kernel, clock } = windowed({ limit: 3, window: 1000 });
    kernel.tryAcquire();
    clock.advance(200);
    kernel.tryAcquire();
    clock.advance(200);
    expect(kernel.tryAcquire()).toBe(0);
    expect(kernel.tryAcquire()).toBe(RATE_LIMIT_REFUSED);
    expect(kernel.retryAfterMs).toBe(600);
    clock.advance(600);
    expect(kernel.available).toBe(1);
    expect(kernel.tryAcquire()).toBe(0);
    expect(kernel.tryAcquire()).toBe(RATE_LIMIT_REFUSED);
    expect(kernel.retryAfterMs).toBe(200);
  });

  it('is exact: never more than limit in any window, even across window edges', () => {
    // A two-bucket estimate lets up to 2 × limit through around an edge; the log does not.
    const { kernel, clock } = windowed({ limit: 10, window: 100 });
    const granted: number[] = [];
    for (let t = 0; t < 1000; t++) {
      while (kernel.tryAcquire() === 0) granted.push(clock.now());
      clock.advance(1);
    }
    for (let i = 10; i < granted.length; i++)
      expect(granted[i]! - granted[i - 10]!).toBeGreaterThanOrEqual(100);
    expect(granted).toHaveLength(100);
  });

  it('in wait mode estimates each position from the log, and whole rounds past the limit', () => {
    const { kernel, clock } = windowed({ limit: 2, window: 100, mode: 'wait', maxWait: 1000 });
    kernel.tryAcquire(); // t=0
    clock.advance(30);
    kernel.tryAcquire(); // t=30
    clock.advance(10);
    expect(kernel.tryAcquire()).toBe(60); // replaces t=0 at 100
    expect(kernel.tryAcquire()).toBe(90); // replaces t=30 at 130
    expect(kernel.tryAcquire()).toBe(160); // one window after the first waiter's permit
    expect(kernel.waiting).toBe(3);
    clock.advance(60);
    expect(kernel.takeQueued()).toBe(0);
    expect(kernel.takeQueued()).toBe(30);
    clock.advance(30);
    expect(kernel.takeQueued()).toBe(0);
    expect(kernel.takeQueued()).toBe(70);
    clock.advance(70);
    expect(kernel.takeQueued()).toBe(0);
    expect(kernel.waiting).toBe(0);
  });

  it('counts available permits with the log wrapped round its ring', () => {
    const { kernel, clock } = windowed({ limit: 4, window: 100 });
    for (let i = 0; i < 6; i++) {
      kernel.tryAcquire();
      clock.advance(30);
    }
    // Permits at 0, 30, 60, 90 (full), then 120 and 150 once 0 and 30 aged out; now 180.
    expect(kernel.available).toBe(1);
    clock.advance(100);
    expect(kernel.available).toBe(4);
    expect(kernel.toJSON()).toMatchObject({ type: 'sliding-window', limit: 4, window: 100, available: 4 });
  });
});

describe('SlidingWindowKernel with a stale now', () => {
  it('takes it as the time of the last permit, so the log stays in order', () => {
    const { kernel, clock } = windowed({ limit: 2, window: 100 });
    clock.advance(500);
    expect(kernel.tryAcquire()).toBe(0);
    expect(kernel.tryAcquire(400)).toBe(0); // logged at 500, not 400
    expect(kernel.tryAcquire(599)).toBe(RATE_LIMIT_REFUSED);
    expect(kernel.tryAcquire(600)).toBe(0);
  });
});
