import { describe, expect, it } from 'vitest';
import { run } from './test-support/run.js';

describe('the run timeline', () => {
  it('has one entry per simulated second, a response at the very end counted in the last', () => {
    // Uniform arrivals every 250 ms from 250 ms, answered at once: the last at exactly 6 s.
    const result = run({
      duration: '6s',
      services: { api: { latency: 0 } },
      workload: [{ target: 'api', rate: 4, arrivals: 'uniform' }],
    });
    expect(result.timeline.map((bucket) => bucket.t)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    const counted = result.timeline.reduce((sum, bucket) => sum + bucket.services.api!.ok, 0);
    expect(counted).toBe(result.services.api!.ok);
    expect(result.timeline.map((bucket) => bucket.services.api!.ok)).toEqual([3, 4, 4, 4, 4, 5]);
  });
});
