import { describe, expect, it } from 'vitest';
import { relativeError, run } from '../../world/test-support/run.js';

describe('latency', () => {
  it('delays every response of the instances by `delay`, without holding their workers', () => {
    const result = run({
      duration: '10s',
      services: {
        caller: { workers: 100, latency: 0, calls: [{ to: 'orders' }] },
        orders: { workers: 4, latency: 10 },
      },
      workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
      faults: [{ type: 'latency', target: 'orders', at: '2s', duration: '5s', delay: 200 }],
    });
    const caller = result.services.caller!;
    // Half the requests took 10 ms, half 210 ms.
    expect(caller.latencyMs.max).toBe(210);
    expect(relativeError(caller.latencyMs.mean, 110)).toBeLessThan(0.01);
    // orders measures its own latency when it answers: unchanged; its 4 workers keep up.
    expect(result.services.orders!.latencyMs).toMatchObject({ mean: 10, max: 10 });
    expect(result.services.orders!.failed).toBe(0);
    expect(result.faults).toEqual([{ type: 'latency', target: 'orders', start: 2000, end: 7000 }]);
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
