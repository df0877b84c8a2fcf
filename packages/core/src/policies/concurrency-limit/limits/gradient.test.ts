import { describe, expect, it } from 'vitest';
import { resolveConcurrencyLimitOptions, type ResolvedGradientLimitOptions } from '../options.js';
import { GradientLimit } from './gradient.js';

function gradient(options: Record<string, unknown> = {}): GradientLimit {
  return new GradientLimit(resolveConcurrencyLimitOptions(options) as ResolvedGradientLimitOptions);
}

describe('GradientLimit', () => {
  it('grows by headroom × smoothing per window while latency holds', () => {
    const limit = gradient({ initialLimit: 20 });
    limit.update(10, 20, false);
    expect(limit.estimate).toBeCloseTo(20 + 4 * 0.2);
    limit.update(10, 20, false);
    expect(limit.estimate).toBeCloseTo(20 + 2 * 0.8);
  });

  it('shrinks by the gradient long/recent when latency rises, and adds no headroom then', () => {
    const limit = gradient({ initialLimit: 20 });
    for (let i = 0; i < 10; i++) limit.update(10, 20, false); // long-term average: 10ms
    const before = limit.estimate;
    limit.update(12.5, 30, false); // the long average moves a little toward 12.5
    const factor = 2 / (600 + 1);
    const longRtt = 10 * (1 - factor) + 12.5 * factor;
    const g = longRtt / 12.5;
    expect(limit.estimate).toBeCloseTo(before * 0.8 + before * g * 0.2);
  });

  it('never cuts by more than half a window, and by exactly half on a drop', () => {
    const limit = gradient({ initialLimit: 100, maxLimit: 100, smoothing: 1 });
    for (let i = 0; i < 10; i++) limit.update(10, 100, false);
    limit.update(1000, 100, false);
    expect(limit.estimate).toBe(50);
    limit.update(10, 50, true);
    expect(limit.estimate).toBe(25);
  });

  it('tolerates latency up to rttTolerance × the long-term average', () => {
    const limit = gradient({ initialLimit: 40, rttTolerance: 1.5 });
    for (let i = 0; i < 10; i++) limit.update(10, 40, false);
    const before = limit.estimate;
    limit.update(14, 40, false); // 1.5 × ~10.4 > 14: still a gradient of 1
    expect(limit.estimate).toBeCloseTo(before + 0.8);
  });

  it('does not move while fewer than half the limit are in flight, unless a call was dropped', () => {
    const limit = gradient({ initialLimit: 20 });
    limit.update(10, 9, false);
    expect(limit.estimate).toBe(20);
    limit.update(10, 9, true);
    expect(limit.estimate).toBeCloseTo(20 * 0.8 + 10 * 0.2);
  });

  it('warms the long-term average up plainly, then exponentially, and decays it fast after a slow spell', () => {
    const limit = gradient({ longWindow: 9 }); // factor 2 / 10
    for (const rtt of [10, 20, 30]) limit.update(rtt, 1, false);
    expect(limit.longTermRtt).toBe(20);
    for (let i = 0; i < 7; i++) limit.update(20, 1, false);
    expect(limit.longTermRtt).toBe(20);
    limit.update(5, 1, false); // 20 × 0.8 + 5 × 0.2 = 17, over twice 5: decays by 5%
    expect(limit.longTermRtt).toBeCloseTo(17 * 0.95);
  });

  it('stays within minLimit and maxLimit', () => {
    const limit = gradient({ initialLimit: 10, minLimit: 8, maxLimit: 11, smoothing: 1 });
    limit.update(10, 10, false);
    expect(limit.estimate).toBe(11);
    limit.update(10, 10, true);
    expect(limit.estimate).toBe(8);
  });
});
