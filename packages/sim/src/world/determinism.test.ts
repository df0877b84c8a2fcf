import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate.js';
import { shopDesign } from './test-support/shop.js';

const withoutWallTime = (result: { wallMs: number }): string => JSON.stringify({ ...result, wallMs: 0 });

describe('determinism', () => {
  // Every policy, a fan-out, hedging, fallbacks and overlapping faults of every type.
  const design = shopDesign({
    duration: '20s',
    faults: [
      { type: 'crash', target: 'search', at: '3s', duration: '4s', instances: 1 },
      {
        type: 'latency',
        target: 'payments',
        at: '5s',
        duration: '5s',
        delay: { dist: 'exponential', mean: '50ms' },
      },
      { type: 'error', target: 'inventory', at: '6s', duration: '3s', rate: 0.3 },
      { type: 'exhaustion', target: 'users', resource: 'cpu', fraction: 0.5, at: '8s', duration: '4s' },
      { type: 'exhaustion', target: 'pricing', resource: 'memory', fraction: 0.7, at: '2s', duration: '5s' },
      { type: 'partition', between: [['orders'], ['shipping']], at: '12s', duration: '2s' },
      { type: 'packet-loss', from: 'catalog', to: 'search', rate: 0.2, at: '14s', duration: '3s' },
    ],
  });

  it('gives the same result, field for field except wallMs, for the same design and seed', () => {
    const first = simulate(design);
    const second = simulate(design);
    expect(first.faults).toHaveLength(7);
    expect(withoutWallTime(second)).toBe(withoutWallTime(first));
  });

  it('gives a different result for a different seed', () => {
    const first = simulate(design, { seed: 1 });
    const other = simulate(design, { seed: 2 });
    expect(other.seed).toBe(2);
    expect(withoutWallTime(other)).not.toBe(withoutWallTime(first));
    expect(other.services.gateway!.latencyMs.mean).not.toBe(first.services.gateway!.latencyMs.mean);
  });
});
