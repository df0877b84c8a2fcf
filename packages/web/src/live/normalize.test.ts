import { describe, expect, it } from 'vitest';
import { viewOf } from './normalize.js';

describe('viewOf', () => {
  it("reads the simulator's snapshot names: requestsPerSec, instances, edges' breaker states", () => {
    const view = viewOf({
      status: 'running',
      speed: 10,
      t: 31_000,
      services: {
        orders: {
          requestsPerSec: 0,
          errorRate: 1,
          p99: null,
          instancesUp: 0,
          instances: 2,
          inFlight: 0,
          health: 'down',
        },
      },
      edges: {
        'gateway->orders': {
          breakerState: 'open',
          attemptsPerSec: 0,
          failureRate: 0,
          inFlight: 0,
          queued: 0,
        },
        'gateway->auth': { breakerState: null, attemptsPerSec: 5, failureRate: 0, inFlight: 0, queued: 0 },
      },
      faults: [],
    });
    expect(view.services['orders']).toEqual({
      health: 'down',
      throughput: 0,
      errorRate: 1,
      p99: null,
      instancesUp: 0,
      instances: 2,
    });
    expect(view.breakers).toEqual({ 'gateway->orders': 'open' });
  });

  it('reads the older names too: throughput and a breaker map', () => {
    const view = viewOf({
      services: { api: { throughput: 120, errorRate: 0.02, p99: 40, health: 'degraded' } },
      breakers: { 'web->api': 'halfOpen' },
    });
    expect(view.services['api']?.throughput).toBe(120);
    expect(view.services['api']?.health).toBe('degraded');
    expect(view.breakers).toEqual({ 'web->api': 'halfOpen' });
  });

  it('judges health itself when the server does not', () => {
    const view = viewOf({ services: { a: { errorRate: 0.6 }, b: { errorRate: 0.05 }, c: { errorRate: 0 } } });
    expect([view.services['a']?.health, view.services['b']?.health, view.services['c']?.health]).toEqual([
      'down',
      'degraded',
      'healthy',
    ]);
  });
});
