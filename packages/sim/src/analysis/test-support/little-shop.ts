import { parseDesign, type Design } from '../../model/index.js';

/**
 * A small design for analysis tests: users call the gateway, which calls orders (which calls the
 * database) and the catalog. `overrides` replaces top-level keys (faults, slo, workload, …).
 */
export function littleShop(overrides: Record<string, unknown> = {}): Design {
  return parseDesign({
    name: 'little-shop',
    seed: 7,
    duration: '60s',
    services: {
      gateway: {
        calls: [
          {
            to: 'orders',
            timeout: '1s',
            retry: {
              maxAttempts: 3,
              backoff: { type: 'exponential', initial: '50ms', max: '1s', jitter: 'full' },
            },
            circuitBreaker: { failureRateThreshold: 50, minimumCalls: 10, openFor: '5s' },
            fallback: { type: 'static' },
          },
          { to: 'catalog', timeout: '500ms' },
        ],
      },
      orders: { calls: [{ to: 'db', timeout: '500ms', bulkhead: { maxConcurrent: 5, maxQueue: 0 } }] },
      catalog: {},
      db: {},
    },
    workload: [{ target: 'gateway', rate: 100 }],
    faults: [{ type: 'crash', target: 'db', at: '20s', duration: '10s' }],
    slo: { availability: 99.9, latencyP99: '200ms' },
    ...overrides,
  }).design;
}

/** The services of the little shop, in order. */
export const LITTLE_SHOP_SERVICES = ['gateway', 'orders', 'catalog', 'db'] as const;
