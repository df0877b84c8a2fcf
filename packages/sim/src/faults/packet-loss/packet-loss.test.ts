import { describe, expect, it } from 'vitest';
import { relativeError, run } from '../../world/test-support/run.js';

describe('packet loss', () => {
  it('costs each message k retransmission delays with probability rate^k (1 − rate), both ways', () => {
    const rate = 0.3;
    const retransmitDelay = 200;
    const result = run(
      {
        duration: '100s',
        services: {
          gateway: { workers: 1000, latency: 0, calls: [{ to: 'orders' }] },
          orders: { workers: 1000, latency: 1 },
        },
        workload: [{ target: 'gateway', rate: 200 }],
        faults: [{ type: 'packet-loss', from: 'gateway', to: 'orders', rate, retransmitDelay }],
      },
      { seed: 8 },
    );
    // E[k] = rate / (1 − rate) per message; a call is a request and a response.
    const expected = 1 + 2 * retransmitDelay * (rate / (1 - rate));
    expect(relativeError(result.services.gateway!.latencyMs.mean, expected)).toBeLessThan(0.02);
    expect(result.services.gateway!.failed).toBe(0);
    expect(result.faults).toEqual([
      { type: 'packet-loss', target: 'gateway->orders', start: 0, end: 100_000 },
    ]);
  });

  it('at rate 1 lets nothing through: calls hang until their timeout, as in a partition', () => {
    const result = run({
      duration: '4s',
      services: {
        gateway: { latency: 0, calls: [{ to: 'orders', timeout: '250ms' }] },
        orders: { latency: 1 },
      },
      workload: [{ target: 'gateway', rate: 10, arrivals: 'uniform' }],
      faults: [{ type: 'packet-loss', from: 'gateway', to: 'orders', rate: 1, at: '1s', duration: '2s' }],
    });
    expect(result.services.gateway!.errors.timeout).toBe(20);
    expect(result.services.orders!.requests).toBe(result.services.gateway!.requests - 20);
  });
});
