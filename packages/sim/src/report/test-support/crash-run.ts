import { analyze, type AnalyzedResult } from '../../analysis/index.js';
import { littleShop } from '../../analysis/test-support/little-shop.js';
import { syntheticRun } from '../../analysis/test-support/synthetic-run.js';
import type { Design } from '../../model/index.js';

/**
 * The little shop with its database down from 20 s to 30 s: orders fails and slows, the
 * gateway's breaker on orders opens and its fallback answers degraded, and things settle by 33 s.
 */
export function crashRun(name = 'little-shop'): { result: AnalyzedResult; design: Design } {
  const design = { ...littleShop(), name };
  const during = (s: number) => s >= 20 && s < 30;
  const after = (s: number) => s >= 30 && s < 33;
  const result = syntheticRun({
    design: name,
    seconds: 60,
    seed: 7,
    calls: ['gateway->orders', 'gateway->catalog', 'orders->db'],
    faults: [{ type: 'crash', target: 'db', start: 20_000, end: 30_000 }],
    breakers: [
      { t: 21_250, edge: 'gateway->orders', state: 'open' },
      { t: 26_250, edge: 'gateway->orders', state: 'halfOpen' },
      { t: 26_400, edge: 'gateway->orders', state: 'open' },
      { t: 31_400, edge: 'gateway->orders', state: 'halfOpen' },
      { t: 31_500, edge: 'gateway->orders', state: 'closed' },
    ],
    services: {
      gateway: (s) => ({
        rate: 100 + 20 * Math.sin(s / 5),
        latencyMs: during(s) ? 60 : 25,
        errorShare: s === 20 || s === 21 ? 0.15 : 0,
        cause: 'timeout',
        degradedShare: during(s) ? 0.9 : 0,
      }),
      orders: (s) => ({
        rate: during(s) ? 15 : 100,
        latencyMs: during(s) ? 400 : 15,
        errorShare: during(s) ? 1 : after(s) ? 0.1 : 0,
        cause: 'unavailable',
      }),
      catalog: (s) => ({ rate: 100 + 20 * Math.sin(s / 5), latencyMs: 4 }),
      db: (s) => ({ rate: during(s) ? 0 : 100, latencyMs: 3 }),
    },
  });
  return { result: analyze(result, design), design };
}
