import { describe, expect, it } from 'vitest';
import { run } from '../../world/test-support/run.js';

const design = (call: Record<string, unknown>) => ({
  duration: '6s',
  services: {
    gateway: { workers: 1000, latency: 0, calls: [{ to: 'orders', ...call }, { to: 'catalog' }] },
    orders: { latency: 5 },
    catalog: { latency: 5 },
  },
  workload: [{ target: 'gateway', rate: 100, arrivals: 'uniform' }],
  faults: [{ type: 'partition', between: [['gateway'], ['orders']], at: '2s', duration: '2s' }],
});

describe('partition', () => {
  it('makes calls across it time out, not fail fast: the caller waits its whole timeout', () => {
    const result = run(design({ timeout: '300ms' }));
    const gateway = result.services.gateway!;
    expect(gateway.errors.timeout).toBe(200);
    expect(gateway.failed).toBe(200);
    expect(gateway.latencyMs.max).toBe(300);
    // Nothing reached orders meanwhile.
    expect(result.timeline.slice(2, 4).map((bucket) => bucket.services.orders!.ok)).toEqual([0, 0]);
    // A service in no group is reached by everyone: catalog answered every request that got to it.
    expect(result.services.catalog!.failed).toBe(0);
    expect(result.faults).toEqual([
      { type: 'partition', target: 'gateway | orders', start: 2000, end: 4000 },
    ]);
  });

  it('without a timeout, hangs the calls until it heals, then fails them unavailable', () => {
    const result = run(design({}));
    const gateway = result.services.gateway!;
    expect(gateway.errors.unavailable).toBe(200);
    const failedAt = result.timeline.map((bucket) => bucket.services.gateway!.failed);
    expect(failedAt.slice(0, 6)).toEqual([0, 0, 0, 0, 200, 0]);
    // The first call sent into it waited the whole 2 s.
    expect(gateway.latencyMs.max).toBe(2000);
  });

  it('drops a response across it too: the callee did the work, the caller never hears', () => {
    const result = run({
      duration: '3s',
      services: {
        gateway: { latency: 0, calls: [{ to: 'orders', timeout: '1s' }] },
        orders: { latency: 500 },
      },
      workload: [{ target: 'gateway', rate: 10, arrivals: 'uniform' }],
      faults: [{ type: 'partition', between: [['gateway'], ['orders']], at: '1450ms', duration: '100ms' }],
    });
    // The request sent at 1500 ms never arrives; the response to the one sent at 1000 ms, sent
    // at 1500 ms, is lost on its way back. Both calls wait out their timeout.
    expect(result.services.orders!.requests).toBe(result.services.gateway!.requests - 1);
    expect(result.services.orders!.failed).toBe(0);
    expect(result.services.gateway!.errors.timeout).toBe(2);
    expect(result.services.gateway!.failed).toBe(2);
  });
});
