import { describe, expect, it } from 'vitest';
import { relativeError, run } from '../world/test-support/run.js';

const service = { api: { workers: 1000, latency: 1 } };

describe('open-loop workload', () => {
  it('sends Poisson arrivals: counts per second with mean and variance λ', () => {
    const result = run(
      { duration: '200s', services: service, workload: [{ target: 'api', rate: 300 }] },
      { seed: 12 },
    );
    const counts = result.timeline.map((bucket) => bucket.services.api!.ok + bucket.services.api!.failed);
    const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    const variance = counts.reduce((sum, count) => sum + (count - mean) ** 2, 0) / (counts.length - 1);
    expect(relativeError(mean, 300)).toBeLessThan(0.01);
    // Poisson: variance = mean (a uniform stream would have none).
    expect(relativeError(variance, 300)).toBeLessThan(0.25);
  });

  it('spaces uniform arrivals evenly at the rate', () => {
    const result = run({
      duration: '5s',
      services: service,
      workload: [{ target: 'api', rate: 40, arrivals: 'uniform' }],
    });
    // Request k arrives at k × 25 ms and is answered 1 ms later: the one from 1000 ms in the next second.
    expect(result.timeline.map((bucket) => bucket.services.api!.ok)).toEqual([39, 40, 40, 40, 40]);
    expect(result.services.api!.latencyMs).toMatchObject({ mean: 1, max: 1 });
  });

  it('follows the profile: a spike multiplies the rate while it lasts', () => {
    const result = run({
      duration: '6s',
      services: service,
      workload: [
        {
          target: 'api',
          rate: 100,
          arrivals: 'uniform',
          profile: { type: 'spike', at: '2s', duration: '2s', multiplier: 3 },
        },
      ],
    });
    expect(result.timeline.map((bucket) => bucket.services.api!.ok)).toEqual([99, 100, 300, 300, 100, 100]);
  });

  it('adds up several workloads on one target, each from its own stream', () => {
    const result = run({
      duration: '4s',
      services: service,
      workload: [
        { target: 'api', rate: 50, arrivals: 'uniform' },
        {
          target: 'api',
          rate: 30,
          arrivals: 'uniform',
          profile: { type: 'ramp', to: 130, at: '1s', duration: '2s' },
        },
      ],
    });
    // 50/s for 4 s, and 30/s for 1 s, then 30 → 130/s over 2 s (160 requests), then 130/s for 1 s.
    expect(result.services.api!.requests).toBe(200 + 30 + 160 + 130);
    expect(result.timeline[3]!.services.api!.ok).toBe(50 + 130);
  });
});

describe('closed-loop workload', () => {
  it('has each user wait for its answer and think: throughput X = N / (R + Z)', () => {
    const users = 50;
    const result = run(
      {
        duration: '200s',
        services: { api: { workers: 4, queueLimit: 1000, latency: { dist: 'exponential', mean: 10 } } },
        workload: [{ target: 'api', users, thinkTime: { dist: 'exponential', mean: '200ms' } }],
      },
      { seed: 13 },
    );
    const api = result.services.api!;
    const throughput = (api.ok + api.failed) / 200_000; // per ms
    // The interactive response time law, from the measured mean response time R and Z = 200 ms.
    expect(relativeError(throughput, users / (api.latencyMs.mean + 200))).toBeLessThan(0.01);
    // Never more requests in flight than users.
    expect(api.requests - api.ok - api.failed).toBeLessThanOrEqual(users);
  });

  it('keeps sending after failures: a failed answer is an answer', () => {
    const result = run({
      duration: '10s',
      services: { api: { latency: 10, errorRate: 1 } },
      workload: [{ target: 'api', users: 2, thinkTime: '90ms' }],
    });
    // Each user: 90 ms thinking + 10 ms waiting per request.
    expect(result.services.api!.failed).toBe(200);
  });
});
