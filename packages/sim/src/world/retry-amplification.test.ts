import { describe, expect, it } from 'vitest';
import { relativeError, run } from './test-support/run.js';

/**
 * A call retried up to N attempts in all, each failing independently with probability p, makes
 * 1 + p + p² + … + p^(N−1) = (1 − p^N)/(1 − p) attempts on average, and fails with p^N.
 */
describe('retry amplification', () => {
  it.each([
    [0.2, 3],
    [0.5, 4],
  ])(
    'with independent failures p = %s and maxAttempts N = %s, makes (1 − p^N)/(1 − p) attempts per call',
    (p, n) => {
      const result = run(
        {
          duration: '100s',
          services: {
            client: {
              workers: 200,
              latency: 0,
              calls: [{ to: 'flaky', retry: { maxAttempts: n, backoff: { type: 'constant', delay: 0 } } }],
            },
            flaky: { instances: 2, workers: 100, latency: { dist: 'exponential', mean: 2 }, errorRate: p },
          },
          workload: [{ target: 'client', rate: 1000 }],
        },
        { seed: 11 },
      );
      const client = result.services.client!;
      const edge = result.calls['client->flaky']!;
      const calls = client.ok + client.failed;
      expect(calls).toBeGreaterThan(90_000);
      expect(relativeError(edge.attempts / calls, (1 - p ** n) / (1 - p))).toBeLessThan(0.01);
      // Every attempt arrives at the callee: `requests` counts retries.
      expect(result.services.flaky!.requests).toBe(edge.attempts);
      // The client's own work takes no time, so each request's first attempt starts as it arrives.
      expect(edge.retries).toBe(edge.attempts - client.requests);
      // The client fails exactly when every attempt did, with the callee's error.
      expect(relativeError(client.failed / calls, p ** n)).toBeLessThan(0.06);
      expect(client.errors.error).toBe(client.failed);
    },
  );
});
