import { describe, expect, it } from 'vitest';
import { resolveConcurrencyLimitOptions, type ResolvedAimdLimitOptions } from '../options.js';
import { AimdLimit } from './aimd.js';

function aimd(options: Record<string, unknown> = {}): AimdLimit {
  return new AimdLimit(
    resolveConcurrencyLimitOptions({
      type: 'aimd',
      slowCallThreshold: 100,
      ...options,
    }) as ResolvedAimdLimitOptions,
  );
}

describe('AimdLimit', () => {
  it('grows by one while the limit is in use and calls are fast', () => {
    const limit = aimd({ initialLimit: 10 });
    limit.update(20, 5, false);
    expect(limit.estimate).toBe(11);
    limit.update(20, 11, false);
    expect(limit.estimate).toBe(12);
  });

  it('stays put while fewer than half the limit are in flight (the caller is the bottleneck)', () => {
    const limit = aimd({ initialLimit: 10 });
    limit.update(20, 4, false);
    expect(limit.estimate).toBe(10);
  });

  it('backs off by backoffRatio on a drop or a window slower than slowCallThreshold', () => {
    const limit = aimd({ initialLimit: 20, backoffRatio: 0.5 });
    limit.update(20, 20, true);
    expect(limit.estimate).toBe(10);
    limit.update(101, 1, false);
    expect(limit.estimate).toBe(5);
  });

  it('stays within minLimit and maxLimit', () => {
    const limit = aimd({ initialLimit: 3, minLimit: 2, maxLimit: 4 });
    limit.update(20, 3, false);
    limit.update(20, 4, false);
    expect(limit.estimate).toBe(4);
    for (let i = 0; i < 5; i++) limit.update(20, 4, true);
    expect(limit.estimate).toBe(2);
  });
});
