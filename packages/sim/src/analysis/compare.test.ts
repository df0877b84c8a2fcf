import { describe, expect, it } from 'vitest';
import type { Design } from '../model/index.js';
import { compare, type Simulator, type VariantProgress } from './compare.js';
import { patternsOf } from './strip.js';
import { littleShop } from './test-support/little-shop.js';
import { syntheticRun } from './test-support/synthetic-run.js';

// A stand-in simulator: users fail 1 % of requests, plus 2 % without a retry and 3 % without a
// fallback; p99 grows without a timeout.
const fake: Simulator = (design: Design) => {
  const patterns = patternsOf(design);
  const errorShare =
    0.01 + (patterns.includes('retry') ? 0 : 0.02) + (patterns.includes('fallback') ? 0 : 0.03);
  const latencyMs = patterns.includes('timeout') ? 10 : 50;
  return syntheticRun({
    design: design.name,
    seconds: 20,
    services: {
      gateway: () => ({ rate: 100, errorShare, latencyMs }),
      orders: () => ({ rate: 100 }),
      catalog: () => ({ rate: 100 }),
      db: () => ({ rate: 100 }),
    },
  });
};

describe('compare', () => {
  it('runs the design, without any resilience, and without each pattern alone', () => {
    const comparison = compare(littleShop(), fake);
    expect(comparison.design).toBe('little-shop');
    expect(comparison.seed).toBe(7);
    expect(comparison.variants.map((variant) => [variant.name, variant.removed])).toEqual([
      ['baseline', []],
      ['no resilience', ['fallback', 'retry', 'circuitBreaker', 'timeout', 'bulkhead']],
      ['without fallback', ['fallback']],
      ['without retry', ['retry']],
      ['without circuitBreaker', ['circuitBreaker']],
      ['without timeout', ['timeout']],
      ['without bulkhead', ['bulkhead']],
    ]);
  });

  it('reports what each pattern buys against the baseline', () => {
    const [baseline, none, withoutFallback, withoutRetry, withoutBreaker, withoutTimeout] = compare(
      littleShop(),
      fake,
    ).variants;
    expect(baseline).toMatchObject({ availability: 99, failed: 20 });
    expect(baseline).not.toHaveProperty('buys');
    expect(none?.buys?.availability).toBeCloseTo(5, 4);
    expect(withoutFallback?.buys?.availability).toBeCloseTo(3, 4);
    expect(withoutRetry?.buys?.availability).toBeCloseTo(2, 4);
    expect(withoutBreaker?.buys).toEqual({ availability: 0, p99Ms: 0, score: 0 });
    expect(withoutTimeout?.buys?.p99Ms).toBeGreaterThan(0);
    expect(withoutRetry?.buys?.score).toBe(baseline!.score - withoutRetry!.score);
    expect(withoutRetry!.buys!.score).toBeGreaterThan(0);
  });

  it('runs every variant with the same seed and duration, and reports progress by variant', () => {
    const seen: { seed?: number; durationMs?: number }[] = [];
    const progress: VariantProgress[] = [];
    const recording: Simulator = (design, options) => {
      seen.push({ seed: options?.seed, durationMs: options?.durationMs });
      options?.onProgress?.({ simulatedMs: 20_000, totalMs: 20_000, events: 1 });
      return fake(design, options);
    };
    compare(littleShop(), recording, { seed: 99, durationMs: 20_000, onProgress: (p) => progress.push(p) });
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((options) => JSON.stringify(options)))).toEqual(
      new Set([JSON.stringify({ seed: 99, durationMs: 20_000 })]),
    );
    expect(progress.map((p) => `${p.run}/${p.runs} ${p.variant}`)).toEqual([
      '1/7 baseline',
      '2/7 no resilience',
      '3/7 without fallback',
      '4/7 without retry',
      '5/7 without circuitBreaker',
      '6/7 without timeout',
      '7/7 without bulkhead',
    ]);
  });

  it('reuses a baseline already run', () => {
    let runs = 0;
    const counting: Simulator = (design, options) => (runs++, fake(design, options));
    const baseline = fake(littleShop());
    compare(littleShop(), counting, { baseline });
    expect(runs).toBe(6);
  });

  it('runs once without resilience when the design uses one pattern, and only the baseline with none', () => {
    const one = littleShop({
      services: { a: { calls: [{ to: 'b', timeout: '1s' }] }, b: {} },
      workload: [{ target: 'a', rate: 1 }],
      faults: [],
    });
    expect(compare(one, fake).variants.map((variant) => variant.name)).toEqual(['baseline', 'no resilience']);
    const none = littleShop({
      services: { a: { calls: [{ to: 'b' }] }, b: {} },
      workload: [{ target: 'a', rate: 1 }],
      faults: [],
    });
    expect(compare(none, fake).variants.map((variant) => variant.name)).toEqual(['baseline']);
  });
});
