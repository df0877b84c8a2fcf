import { describe, expect, it } from 'vitest';
import { relativeError, run } from '../../world/test-support/run.js';

describe('latency', () => {
  it("delays every response of the instances by `delay`, counted in the target's own latency", () => {
    const result = run({
      duration: '10s',
      services: {
        caller: { workers: 100, latency: 0, calls: [{ to: 'orders' }] },
        orders: { workers: 40, latency: 10 },
      },
      workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
      faults: [{ type: 'latency', target: 'orders', at: '2s', duration: '5s', delay: 200 }],
    });
    // Half the requests took 10 ms, half 210 ms, at the caller and at orders alike.
    for (const name of ['caller', 'orders']) {
      const service = result.services[name]!;
      expect(service.latencyMs.max).toBe(210);
      expect(relativeError(service.latencyMs.mean, 110)).toBeLessThan(0.01);
    }
    // 100/s × 210 ms: 21 of its 40 workers busy while it lasts; it keeps up.
    expect(result.services.orders!.failed).toBe(0);
    expect(result.faults).toEqual([{ type: 'latency', target: 'orders', start: 2000, end: 7000 }]);
  });

  it('holds the worker while it delays a response: too few workers, and the queue fills', () => {
    const result = run({
      duration: '10s',
      services: {
        caller: { workers: 1000, latency: 0, calls: [{ to: 'orders', timeout: '1s' }] },
        orders: { workers: 4, queueLimit: 10, latency: 10 },
      },
      workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
      faults: [{ type: 'latency', target: 'orders', at: '2s', duration: '5s', delay: 200 }],
    });
    // 4 workers at 210 ms serve about 19/s of the 100/s: the rest are rejected, queue full.
    const orders = result.services.orders!;
    expect(orders.errors.rejected).toBeGreaterThan(300);
    expect(orders.ok).toBeLessThan(1000 - 300);
  });

  it('draws the delay from its distribution, per response, on the instances it hits', () => {
    const result = run(
      {
        duration: '100s',
        services: {
          caller: { workers: 100, latency: 0, calls: [{ to: 'orders' }] },
          orders: { instances: 2, workers: 100, latency: 0 },
        },
        workload: [{ target: 'caller', rate: 200 }],
        faults: [
          { type: 'latency', target: 'orders', instances: 1, delay: { dist: 'exponential', mean: 40 } },
        ],
      },
      { seed: 2 },
    );
    // One instance of two, round-robin: half the calls wait an exponential 40 ms on average.
    expect(relativeError(result.services.caller!.latencyMs.mean, 20)).toBeLessThan(0.03);
  });
});
