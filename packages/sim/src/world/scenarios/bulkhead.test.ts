import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../result.js';
import { run } from '../test-support/run.js';

/**
 * A gateway asks recommendations and catalog at once. From 10 s to 20 s recommendations answers
 * 2 s late (within its 3 s timeout; a fallback stands in when it fails); catalog stays healthy.
 */
function slowDependency(bulkhead: boolean): RunResult {
  return run(
    {
      duration: '30s',
      services: {
        gateway: {
          instances: 2,
          workers: 50,
          queueLimit: 50,
          latency: 1,
          calls: [
            {
              parallel: [
                {
                  to: 'recommendations',
                  timeout: '3s',
                  fallback: { type: 'static' },
                  ...(bulkhead ? { bulkhead: { maxConcurrent: 20, maxQueue: 0 } } : {}),
                },
                { to: 'catalog', timeout: '500ms' },
              ],
            },
          ],
        },
        recommendations: { instances: 2, workers: 50, latency: { dist: 'exponential', mean: 20 } },
        catalog: { instances: 2, workers: 50, latency: { dist: 'exponential', mean: 5 } },
      },
      workload: [{ target: 'gateway', rate: 200 }],
      faults: [{ type: 'latency', target: 'recommendations', at: '10s', duration: '10s', delay: '2s' }],
    },
    { seed: 2 },
  );
}

describe('scenario: a bulkhead around a slow dependency', () => {
  it('without one, the slow calls take every gateway worker and requests fail though catalog is healthy', () => {
    const result = slowDependency(false);
    const gateway = result.services.gateway!;
    expect(gateway.errors.rejected).toBeGreaterThan(1000);
    // Rejected requests never got to ask catalog.
    expect(result.calls['gateway->catalog']!.attempts).toBeLessThan(gateway.requests - 1000);
  });

  it('with one, the slow calls get at most their share: the gateway keeps serving, catalog sees every request and no error', () => {
    const result = slowDependency(true);
    const gateway = result.services.gateway!;
    expect(gateway.failed).toBe(0);
    expect(gateway.degraded).toBeGreaterThan(1500);
    const catalog = result.calls['gateway->catalog']!;
    expect(catalog.failed).toBe(0);
    expect(catalog.attempts).toBe(gateway.requests);
    // The requests that did not get a slot were answered without waiting 2 s.
    expect(gateway.latencyMs.p50).toBeLessThan(20);
  });
});
