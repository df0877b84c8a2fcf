import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { ConcurrencyLimitKernel, LIMIT_DROP, LIMIT_IGNORE, LIMIT_SAMPLE } from './kernel.js';
import { resolveConcurrencyLimitOptions } from './options.js';

function kernel(options: Record<string, unknown>, clock = new VirtualClock()) {
  return { kernel: new ConcurrencyLimitKernel(resolveConcurrencyLimitOptions({ ...options, clock })), clock };
}

const oneSampleWindows = { minTime: 10, maxTime: 10, minSamples: 1 };

describe('ConcurrencyLimitKernel', () => {
  it('admits up to the limit, numbering each call by the calls in flight, then refuses with 0', () => {
    const { kernel: k } = kernel({ type: 'aimd', initialLimit: 3 });
    expect([k.tryAcquire(), k.tryAcquire(), k.tryAcquire(), k.tryAcquire()]).toEqual([1, 2, 3, 0]);
    expect([k.inflight, k.available, k.limit]).toEqual([3, 0, 3]);
    k.release(0, 1, LIMIT_IGNORE);
    expect([k.inflight, k.available]).toEqual([2, 1]);
    expect(k.tryAcquire()).toBe(3);
  });

  it('samples latency from the clock: now minus the start', () => {
    const { kernel: k, clock } = kernel({ type: 'aimd', initialLimit: 4, window: oneSampleWindows });
    const inflight = k.tryAcquire();
    const startedAt = clock.now();
    clock.advance(100);
    expect(k.release(startedAt, inflight, LIMIT_SAMPLE)).toBe(false); // 1 in flight: the limit was not in use
    expect(k.window.rtt).toBe(100);
    k.tryAcquire();
    clock.advance(40);
    expect(k.release(clock.now() - 40, 4, LIMIT_SAMPLE)).toBe(true);
    expect(k.window.rtt).toBe(40);
    expect(k.limit).toBe(5);
  });

  it('moves the limit once per window, not once per call', () => {
    // Eight slow calls of one burst finish in one window: one cut, not eight.
    const { kernel: k, clock } = kernel({
      type: 'aimd',
      initialLimit: 20,
      slowCallThreshold: 50,
      backoffRatio: 0.5,
      window: { minTime: 100, maxTime: 100, minSamples: 1 },
    });
    k.onSample(10, 20, false);
    clock.advance(101);
    for (let i = 0; i < 8; i++) k.onSample(80, 20, false, clock.now() + i);
    expect(k.limit).toBe(10);
  });

  it('counts a drop as a drop, and ignores an ignored call', () => {
    const { kernel: k, clock } = kernel({ type: 'aimd', initialLimit: 10, window: oneSampleWindows });
    k.tryAcquire();
    expect(k.release(clock.now(), 10, LIMIT_IGNORE)).toBe(false);
    expect(k.limit).toBe(10);
    k.tryAcquire();
    expect(k.release(clock.now() - 5, 10, LIMIT_DROP)).toBe(true);
    expect(k.limit).toBe(9);
    expect(k.window.dropped).toBe(true);
  });

  it('reports whether a sample changed the limit, which moves only by whole calls', () => {
    // Gradient with headroom 1: +0.2 a window while latency holds.
    const { kernel: k, clock } = kernel({ initialLimit: 20, headroom: 1, window: oneSampleWindows });
    const changed: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      changed.push(k.onSample(10, 20, false));
      clock.advance(21);
    }
    expect(changed).toEqual([false, false, false, false, true, false]);
    expect(k.limit).toBe(21);
    expect(k.estimate).toBeCloseTo(21.2);
  });

  it('refuses to release more calls than it admitted', () => {
    const { kernel: k } = kernel({});
    expect(() => k.release(0, 1, LIMIT_SAMPLE)).toThrow(/no call is in flight/);
  });

  it('describes itself', () => {
    const { kernel: k } = kernel({ type: 'aimd', initialLimit: 7, maxLimit: 9 });
    k.tryAcquire();
    expect(k.toJSON()).toEqual({ type: 'aimd', limit: 7, inflight: 1, minLimit: 1, maxLimit: 9 });
  });
});
