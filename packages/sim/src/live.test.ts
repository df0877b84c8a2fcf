import { ConfigError } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { createLiveSimulation } from './live.js';
import { simulate } from './simulate.js';
import { designOf } from './world/test-support/run.js';

const design = designOf({
  seed: 3,
  duration: '10s',
  slo: { availability: 99, latencyP99: '50ms' },
  services: {
    gateway: {
      instances: 2,
      latency: 1,
      calls: [
        {
          to: 'orders',
          timeout: '100ms',
          circuitBreaker: { window: { type: 'count', size: 10 }, minimumCalls: 10, openFor: '2s' },
          fallback: { type: 'static' },
        },
      ],
    },
    orders: { instances: 2, latency: { dist: 'exponential', mean: 5 } },
  },
  workload: [{ target: 'gateway', rate: 200 }],
  faults: [{ type: 'latency', target: 'orders', at: '6s', duration: '1s', delay: 60 }],
});

describe('a live session', () => {
  it('runs the same model as simulate(): paced in slices, the same result', () => {
    const live = createLiveSimulation(design);
    for (let t = 250; t <= 10_000; t += 250) live.advanceTo(t);
    expect(live.now).toBe(10_000);
    const fromLive = live.result();
    const fromSimulate = simulate(design);
    // Only the events differ: the live view counts edges with a tick every second.
    for (const key of ['services', 'calls', 'timeline', 'breakers', 'faults'] as const)
      expect(fromLive[key]).toEqual(fromSimulate[key]);
    expect(fromLive.events).toBe(fromSimulate.events + 10);
  });

  it('takes faults while it runs, shows them in its snapshots, and heals them', () => {
    const live = createLiveSimulation(design, { seed: 4 });
    live.advanceTo(2000);
    let snapshot = live.snapshot();
    expect(snapshot.t).toBe(2000);
    expect(snapshot.services.gateway).toMatchObject({
      instancesUp: 2,
      instances: 2,
      health: 'healthy',
      errorRate: 0,
    });
    expect(snapshot.services.gateway!.requestsPerSec).toBeGreaterThan(150);
    expect(snapshot.edges['gateway->orders']).toMatchObject({
      breakerState: 'closed',
      breakerStates: { closed: 2 }, // one breaker per gateway instance
      failureRate: 0,
    });
    expect(snapshot.faults).toEqual([]);

    const id = live.injectFault({ type: 'crash', target: 'orders', durationMs: 5000 });
    live.advanceTo(3500);
    snapshot = live.snapshot();
    expect(snapshot.faults).toEqual([{ id, type: 'crash', target: 'orders', start: 2000, end: 7000 }]);
    expect(snapshot.services.orders).toMatchObject({ instancesUp: 0, health: 'down' });
    // The breaker opened: the gateway answers from its fallback, and stays up.
    expect(snapshot.edges['gateway->orders']!.breakerState).toBe('open');
    expect(snapshot.edges['gateway->orders']!.breakerStates.open).toBeGreaterThanOrEqual(1);
    expect(snapshot.breakers[0]).toMatchObject({ edge: 'gateway->orders', state: 'open' });
    expect(snapshot.breakerTransitions).toBe(snapshot.breakers.length);
    expect(snapshot.services.gateway!.errorRate).toBe(0);

    expect(live.healFault(id)).toBe(true);
    live.advanceTo(7000);
    snapshot = live.snapshot();
    expect(snapshot.services.orders!.instancesUp).toBe(2);
    expect(snapshot.faults).toEqual([]);
    expect(live.result().faults[0]).toEqual({ type: 'crash', target: 'orders', start: 2000, end: 3500 });
  });

  it('judges health from the last second: degraded when p99 is over the SLO', () => {
    const live = createLiveSimulation(design);
    // The design's latency fault adds 60 ms to orders from 6 s to 7 s.
    live.advanceTo(7000);
    expect(live.snapshot().services.gateway).toMatchObject({ health: 'degraded', errorRate: 0 });
    expect(live.snapshot().faults).toEqual([]);
    // Responses already delayed when it ended still arrive late in the next second; the one after is clean.
    live.advanceTo(9000);
    expect(live.snapshot().services.gateway!.health).toBe('healthy');
  });

  it('refuses a bad fault with a ConfigError naming what is wrong', () => {
    const live = createLiveSimulation(design);
    expect(() => live.injectFault({ type: 'crash', target: 'ordres' })).toThrow(ConfigError);
    expect(() => live.injectFault({ type: 'crash', target: 'ordres' })).toThrow(
      /fault.target: no service named "ordres"/,
    );
  });

  it('gives the result so far with result(), and goes on', () => {
    const live = createLiveSimulation(design);
    live.advanceTo(1500);
    const first = live.result();
    expect(first.simulatedMs).toBe(1500);
    expect(first.timeline).toHaveLength(2);
    const okSoFar = first.services.gateway!.ok;
    expect(okSoFar).toBeGreaterThan(0);
    live.advanceTo(7500);
    live.result();
    const later = live.result();
    expect(later.simulatedMs).toBe(7500);
    expect(later.timeline).toHaveLength(8);
    expect(later.services.gateway!.ok).toBeGreaterThan(okSoFar);
    // The second that was partial at 1.5 s is whole now, and the faults are not listed twice.
    expect(later.timeline[1]!.services.gateway!.ok).toBeGreaterThan(first.timeline[1]!.services.gateway!.ok);
    expect(later.faults).toEqual([{ type: 'latency', target: 'orders', start: 6000, end: 7000 }]);
    expect(live.injectFault({ type: 'crash', target: 'orders' })).toBe('live-1');
  });
});
