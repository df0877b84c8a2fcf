import { describe, expect, it } from 'vitest';
import { relativeError, run } from './test-support/run.js';

describe('calls, in order and in parallel', () => {
  it('makes sequential calls one after the other, after its own work: latencies add up', () => {
    const result = run({
      duration: '2s',
      network: { latency: 1 },
      services: {
        front: { latency: 3, calls: [{ to: 'a' }, { to: 'b' }] },
        a: { latency: 10 },
        b: { latency: 20 },
      },
      workload: [{ target: 'front', rate: 50, arrivals: 'uniform' }],
    });
    // 3 own + (1 + 10 + 1) + (1 + 20 + 1): no queueing at this load.
    expect(result.services.front!.latencyMs).toMatchObject({ mean: 37, max: 37 });
  });

  it('waits for every call of a parallel step: the step takes its slowest call (constant latencies)', () => {
    const result = run({
      duration: '2s',
      services: {
        front: { latency: 0, calls: [{ parallel: [{ to: 'a' }, { to: 'b' }, { to: 'c' }] }] },
        a: { latency: 10 },
        b: { latency: 30 },
        c: { latency: 20 },
      },
      workload: [{ target: 'front', rate: 50, arrivals: 'uniform' }],
    });
    expect(result.services.front!.latencyMs).toMatchObject({ mean: 30, max: 30 });
  });

  it('takes the maximum of its branches: E[max] of two exponentials is m1 + m2 − m1·m2/(m1 + m2)', () => {
    const [m1, m2] = [10, 30];
    const result = run(
      {
        duration: '200s',
        services: {
          front: { workers: 1000, latency: 0, calls: [{ parallel: [{ to: 'a' }, { to: 'b' }] }] },
          // Enough workers that nobody ever queues: each branch takes exactly its own draw.
          a: { workers: 1000, latency: { dist: 'exponential', mean: m1 } },
          b: { workers: 1000, latency: { dist: 'exponential', mean: m2 } },
        },
        workload: [{ target: 'front', rate: 500 }],
      },
      { seed: 5 },
    );
    const expected = m1 + m2 - (m1 * m2) / (m1 + m2); // 32.5
    expect(relativeError(result.services.front!.latencyMs.mean, expected)).toBeLessThan(0.01);
    expect(relativeError(result.services.a!.latencyMs.mean, m1)).toBeLessThan(0.01);
    expect(relativeError(result.services.b!.latencyMs.mean, m2)).toBeLessThan(0.01);
  });

  it('fails a parallel step at its first failed call, abandoning the others', () => {
    const result = run({
      duration: '1s',
      services: {
        front: { latency: 0, calls: [{ parallel: [{ to: 'broken' }, { to: 'slow' }] }] },
        broken: { latency: 5, errorRate: 1 },
        slow: { latency: 100 },
      },
      workload: [{ target: 'front', rate: 20, arrivals: 'uniform' }],
    });
    const front = result.services.front!;
    // The request answers when `broken` fails, not when `slow` would have answered.
    expect(front.failed).toBeGreaterThan(0);
    expect(front.ok).toBe(0);
    expect(front.latencyMs.max).toBe(5);
    expect(front.errors.error).toBe(front.failed);
  });
});
