import { describe, expect, it } from 'vitest';
import { healthBar, isHealthy } from './health.js';

describe('healthBar', () => {
  it('is the SLO when the quiet stretch meets it', () => {
    const bar = healthBar(
      { availability: 99.9, latencyP99: 200 },
      { ok: 1000, failed: 0, errorShare: 0, p99: 30 },
    );
    expect(bar.maxErrorShare).toBeCloseTo(0.001, 12);
    expect(bar.maxP99).toBe(200);
  });

  it('is twice the quiet figures when the system misses its SLO even when nothing is wrong', () => {
    const bar = healthBar(
      { availability: 99.9, latencyP99: 50 },
      { ok: 980, failed: 20, errorShare: 0.02, p99: 40 },
    );
    expect(bar).toEqual({ maxErrorShare: 0.04, maxP99: 80 });
  });

  it('judges latency against twice the quiet p99 when the SLO has no latency objective', () => {
    expect(
      healthBar({ availability: 99, latencyP99: undefined }, { ok: 1, failed: 0, errorShare: 0, p99: 12 })
        .maxP99,
    ).toBe(24);
    expect(healthBar({ availability: 99, latencyP99: undefined }, undefined).maxP99).toBeUndefined();
  });
});

describe('isHealthy', () => {
  const bar = { maxErrorShare: 0.01, maxP99: 100 };
  it('needs answers, few enough failures and a low enough p99', () => {
    expect(isHealthy({ ok: 99, failed: 1, errorShare: 0.01, p99: 100 }, bar)).toBe(true);
    expect(isHealthy({ ok: 98, failed: 2, errorShare: 0.02, p99: 10 }, bar)).toBe(false);
    expect(isHealthy({ ok: 100, failed: 0, errorShare: 0, p99: 101 }, bar)).toBe(false);
    expect(isHealthy({ ok: 0, failed: 0, errorShare: 0, p99: null }, bar)).toBe(false);
  });
});
