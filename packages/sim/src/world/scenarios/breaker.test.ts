import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../result.js';
import { designOf } from '../test-support/run.js';
import { World } from '../world.js';

interface Outcome {
  result: RunResult;
  /** Mean requests the gateway held (in service or queued), sampled every 10 ms from 12 s to 20 s. */
  heldDuringOutage: number;
}

/** A gateway calling orders, which a partition cuts off from 10 s to 20 s: its calls hang until their timeout. */
function outage(breaker: boolean): Outcome {
  const design = designOf({
    duration: '30s',
    services: {
      gateway: {
        instances: 2,
        workers: 50,
        queueLimit: 100,
        latency: 2,
        calls: [
          {
            to: 'orders',
            timeout: '500ms',
            fallback: { type: 'static' },
            ...(breaker
              ? {
                  circuitBreaker: {
                    failureRateThreshold: 50,
                    window: { type: 'count', size: 20 },
                    minimumCalls: 10,
                    openFor: '2s',
                    halfOpenCalls: 2,
                  },
                }
              : {}),
          },
        ],
      },
      orders: { instances: 2, workers: 50, latency: { dist: 'exponential', mean: 10 } },
    },
    workload: [{ target: 'gateway', rate: 300 }],
    faults: [{ type: 'partition', between: [['gateway'], ['orders']], at: '10s', duration: '10s' }],
  });
  const world = new World(design, 1);
  world.start();
  const gateway = world.service('gateway');
  let samples = 0;
  let held = 0;
  const sample = (): void => {
    samples++;
    for (const instance of gateway.instances) held += instance.outstanding;
    if (world.simulation.now() < 20_000) world.simulation.schedule(10, sample);
  };
  world.simulation.scheduleAt(12_000, sample);
  world.simulation.runUntil(design.duration);
  return { result: world.result(0), heldDuringOutage: held / samples };
}

describe('scenario: a circuit breaker during an outage', () => {
  it('without a breaker, calls hang for their whole timeout and fill the gateway until it rejects requests', () => {
    const { result, heldDuringOutage } = outage(false);
    const gateway = result.services.gateway!;
    // 300 requests/s each held 500 ms: 150 at once for 100 workers; the queue overflows.
    expect(heldDuringOutage).toBeGreaterThan(150);
    expect(gateway.errors.rejected).toBeGreaterThan(500);
    expect(gateway.latencyMs.p99).toBeGreaterThan(500);
  });

  it('with a breaker, refuses the calls at once: the gateway holds a handful of requests and answers every one from the fallback', () => {
    const { result, heldDuringOutage } = outage(true);
    const gateway = result.services.gateway!;
    expect(heldDuringOutage).toBeLessThan(10);
    // Only the calls before the breaker opened, and its probes, waited for their timeout.
    expect(gateway.failed).toBe(0);
    expect(gateway.degraded).toBeGreaterThan(2500);
    expect(result.breakers[0]).toMatchObject({ edge: 'gateway->orders', state: 'open' });
    expect(result.breakers[0]!.t).toBeLessThan(10_600);
    // After the partition heals, a probe succeeds and the breaker closes.
    expect(result.breakers.at(-1)).toMatchObject({ state: 'closed' });
    expect(result.breakers.at(-1)!.t).toBeGreaterThan(20_000);
  });
});
