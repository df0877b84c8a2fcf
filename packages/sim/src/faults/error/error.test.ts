import { describe, expect, it } from 'vitest';
import { relativeError, run } from '../../world/test-support/run.js';

describe('error', () => {
  it('fails requests to the instances with probability `rate`, on top of their own error rate', () => {
    const result = run(
      {
        duration: '100s',
        services: { api: { workers: 100, latency: 1, errorRate: 0.1 } },
        workload: [{ target: 'api', rate: 1000 }],
        faults: [{ type: 'error', target: 'api', at: '50s', duration: '50s', rate: 0.5 }],
      },
      { seed: 3 },
    );
    const buckets = result.timeline.map((bucket) => bucket.services.api!);
    const share = (from: number, to: number): number => {
      const slice = buckets.slice(from, to);
      const failed = slice.reduce((sum, bucket) => sum + bucket.failed, 0);
      return failed / slice.reduce((sum, bucket) => sum + bucket.ok + bucket.failed, 0);
    };
    expect(relativeError(share(0, 50), 0.1)).toBeLessThan(0.05);
    // Independent: 1 − (1 − 0.1)(1 − 0.5) = 0.55.
    expect(relativeError(share(50, 100), 0.55)).toBeLessThan(0.02);
    expect(result.services.api!.errors.error).toBe(result.services.api!.failed);
  });

  it('hits only the instances it names, and stops when it ends', () => {
    const result = run({
      duration: '4s',
      services: { api: { instances: 4, latency: 1 } },
      workload: [{ target: 'api', rate: 100, arrivals: 'uniform' }],
      faults: [{ type: 'error', target: 'api', at: '1s', duration: '2s', instances: 1, rate: 1 }],
    });
    expect(result.services.api!.failed).toBe(50);
  });
});
