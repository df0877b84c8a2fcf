import { describe, expect, it } from 'vitest';
import { GradientLimit } from './limits/gradient.js';
import { resolveConcurrencyLimitOptions, type ResolvedGradientLimitOptions } from './options.js';

function gradient(options: Record<string, unknown> = {}): GradientLimit {
  return new GradientLimit(resolveConcurrencyLimitOptions(options) as ResolvedGradientLimitOptions);
}

describe('regression: Netflix/concurrency-limits #176 (Gradient2 ignored drops)', () => {
  it('cuts the limit when a dependency sheds load with fast errors, though their latency is low', () => {
    const limit = gradient({ initialLimit: 40 });
    for (let i = 0; i < 10; i++) limit.update(10, 40, false);
    const before = limit.estimate;
    // Fast rejections: latency far below normal, which alone would read as "grow".
    for (let i = 0; i < 5; i++) limit.update(1, 40, true);
    expect(limit.estimate).toBeLessThan(before * 0.9 ** 4);
  });
});

describe('regression: Netflix/concurrency-limits #134 (the limit drifted up under modest overload)', () => {
  it('never grows while latency stays above its long-term average', () => {
    // Netflix's formula adds queueSize under any gradient: at 0.85 and a limit of 20 that is
    // 20 × 0.85 + 4 = 21 > 20, so every window of steady, modest overload raised the limit.
    const limit = gradient({ initialLimit: 20 });
    for (let i = 0; i < 10; i++) limit.update(10, 1, false); // learn 10ms; too few in flight to move
    expect(limit.estimate).toBe(20);
    const estimates: number[] = [];
    for (let i = 0; i < 30; i++) {
      limit.update(limit.longTermRtt / 0.85, 20, false);
      estimates.push(limit.estimate);
    }
    for (let i = 1; i < estimates.length; i++) expect(estimates[i]).toBeLessThan(estimates[i - 1]!);
  });
});
