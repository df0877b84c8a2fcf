import { parseDesign, type Design } from '../../model/index.js';

/** The resilience every call of the shop gets: every policy a design can set, in its common form. */
const POLICIES = {
  timeout: '500ms',
  retry: {
    maxAttempts: 3,
    backoff: { type: 'exponential', initial: '20ms', max: '1s', jitter: 'full' },
    budget: { ratio: 0.2 },
  },
  circuitBreaker: {
    failureRateThreshold: 50,
    slowCallThreshold: '400ms',
    window: { type: 'count', size: 50 },
    minimumCalls: 20,
    openFor: '5s',
    halfOpenCalls: 3,
  },
  bulkhead: { maxConcurrent: 64, maxQueue: 16 },
};

const call = (to: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  to,
  ...POLICIES,
  ...extra,
});

/**
 * Twelve services behind a gateway, every call with a timeout, retry (with a budget), breaker
 * and bulkhead, plus a fallback, a hedge, a rate limiter and an adaptive concurrency limit
 * where they make sense: 13 calls per user request. The speed figure of the world is measured
 * on it at 1,000 requests per second.
 */
export function shopDesign(overrides: Record<string, unknown> = {}): Design {
  const service = (latency: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    instances: 3,
    workers: 32,
    queueLimit: 200,
    latency,
    loadBalancer: 'least-outstanding',
    ...extra,
  });
  return parseDesign({
    name: 'shop12',
    seed: 7,
    duration: '60s',
    network: { latency: { dist: 'uniform', min: '0.2ms', max: '1ms' } },
    services: {
      gateway: service(
        { dist: 'exponential', mean: '1ms' },
        {
          instances: 4,
          workers: 128,
          calls: [
            call('auth'),
            {
              parallel: [
                call('catalog'),
                call('cart', { fallback: { type: 'static' } }),
                call('recommendations', { fallback: { type: 'static' }, timeout: '200ms' }),
              ],
            },
            call('orders', { rateLimiter: { type: 'token-bucket', rate: 2000, per: '1s', burst: 200 } }),
          ],
        },
      ),
      auth: service({ dist: 'lognormal', median: '2ms', p99: '10ms' }, { calls: [call('users')] }),
      users: service({ dist: 'lognormal', median: '3ms', p99: '20ms' }),
      catalog: service(
        { dist: 'exponential', mean: '2ms' },
        {
          calls: [
            {
              parallel: [
                call('search', { hedge: { delay: '30ms', maxHedgedAttempts: 1 } }),
                call('inventory'),
              ],
            },
          ],
        },
      ),
      search: service({ dist: 'lognormal', median: '5ms', p99: '40ms' }, { loadBalancer: 'power-of-two' }),
      inventory: service({ dist: 'lognormal', median: '2ms', p99: '15ms' }),
      cart: service({ dist: 'exponential', mean: '2ms' }, { calls: [call('pricing')] }),
      pricing: service({ dist: 'uniform', min: '1ms', max: '3ms' }, { loadBalancer: 'random' }),
      recommendations: service(
        { dist: 'lognormal', median: '8ms', p99: '60ms' },
        { calls: [call('search')] },
      ),
      orders: service(
        { dist: 'exponential', mean: '3ms' },
        {
          calls: [
            call('payments', { concurrencyLimit: { type: 'aimd', initialLimit: 40 } }),
            { parallel: [call('inventory'), call('shipping', { fallback: { type: 'static' } })] },
          ],
        },
      ),
      payments: service({ dist: 'lognormal', median: '10ms', p99: '80ms' }, { errorRate: 0.002 }),
      shipping: service({ dist: 'normal', mean: '4ms', stddev: '1ms' }),
    },
    workload: [{ target: 'gateway', rate: 1000, arrivals: 'poisson' }],
    ...overrides,
  }).design;
}
