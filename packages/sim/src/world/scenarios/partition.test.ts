import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../result.js';
import { run } from '../test-support/run.js';

function cutOff(fault: Record<string, unknown>): RunResult {
  return run(
    {
      duration: '20s',
      network: { latency: 1 },
      services: {
        gateway: {
          workers: 500,
          latency: 1,
          calls: [
            {
              to: 'orders',
              timeout: '1s',
              retry: { maxAttempts: 2, backoff: { type: 'constant', delay: '100ms' } },
            },
          ],
        },
        orders: { instances: 2, latency: 5 },
      },
      workload: [{ target: 'gateway', rate: 100 }],
      faults: [{ at: '5s', duration: '10s', ...fault }],
    },
    { seed: 4 },
  );
}

describe('scenario: a partition', () => {
  it('makes calls time out, where a crash makes them fail fast', () => {
    const partitioned = cutOff({ type: 'partition', between: [['gateway'], ['orders']] }).services.gateway!;
    const crashed = cutOff({ type: 'crash', target: 'orders' }).services.gateway!;
    // Partition: two attempts of 1 s and the 100 ms between them, for every request whose retry
    // still fell in it (those that arrived from 5 s to about 13.9 s).
    expect(partitioned.errors.timeout).toBe(partitioned.failed);
    expect(partitioned.failed).toBeGreaterThan(850);
    expect(partitioned.latencyMs.max).toBeCloseTo(1 + 1000 + 100 + 1000, 0);
    // Crash: the refusal comes back over the network at once, twice.
    expect(crashed.errors.unavailable).toBe(crashed.failed);
    expect(crashed.failed).toBeGreaterThan(900);
    expect(crashed.latencyMs.max).toBeLessThan(120);
  });
});
