import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pool, type Pooled } from './pool.js';
import { shopDesign } from './test-support/shop.js';
import { World } from './world.js';

// Every fault type, overlapping, on a design with every policy: the hardest test of bookkeeping.
const FAULTS = [
  { type: 'crash', target: 'search', at: '2s', duration: '4s', instances: 2 },
  { type: 'crash', target: 'payments', at: '3s', duration: '2s' },
  {
    type: 'latency',
    target: 'payments',
    at: '5s',
    duration: '5s',
    delay: { dist: 'exponential', mean: '300ms' },
  },
  { type: 'error', target: 'inventory', at: '4s', duration: '3s', rate: 0.6 },
  { type: 'exhaustion', target: 'users', resource: 'cpu', fraction: 0.9, at: '6s', duration: '4s' },
  { type: 'exhaustion', target: 'pricing', resource: 'memory', fraction: 0.8, at: '1s', duration: '6s' },
  { type: 'exhaustion', target: 'shipping', resource: 'memory', fraction: 1, at: '7s', duration: '3s' },
  { type: 'exhaustion', target: 'cart', resource: 'workers', fraction: 0.9, at: '3s', duration: '5s' },
  { type: 'exhaustion', target: 'auth', resource: 'connections', fraction: 0.95, at: '8s', duration: '2s' },
  { type: 'partition', between: [['orders'], ['shipping', 'inventory']], at: '9s', duration: '3s' },
  { type: 'packet-loss', from: 'catalog', to: 'search', rate: 0.4, at: '10s', duration: '3s' },
  { type: 'packet-loss', from: 'gateway', to: 'recommendations', rate: 1, at: '11s', duration: '1s' },
];

/** The shop under every fault, its load stopping at 14 s, run until everything in flight has settled. */
function drainedWorld(): World {
  const design = shopDesign({
    duration: '40s',
    faults: FAULTS,
    workload: [{ target: 'gateway', rate: 1000, profile: { type: 'step', steps: [{ at: '14s', rate: 0 }] } }],
  });
  const world = new World(design, design.seed);
  world.start();
  world.simulation.runUntil(design.duration);
  return world;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bookkeeping under every fault and policy', () => {
  it('never gives an object back to its pool twice, nor uses one while it is in the pool', () => {
    const inPool = new WeakSet<object>();
    const give = Pool.prototype.give;
    const take = Pool.prototype.take;
    vi.spyOn(Pool.prototype, 'give').mockImplementation(function (this: Pool<Pooled>, item: Pooled) {
      if (inPool.has(item)) throw new Error(`${item.constructor.name} given back twice`);
      inPool.add(item);
      give.call(this, item);
    });
    vi.spyOn(Pool.prototype, 'take').mockImplementation(function (this: Pool<Pooled>) {
      const item = take.call(this);
      inPool.delete(item);
      return item;
    });
    const world = drainedWorld();
    expect(world.result(0).faults).toHaveLength(FAULTS.length);
  });

  it('ends with every request, call and attempt back in its pool and every policy empty, once the load stops', () => {
    const world = drainedWorld();
    for (const pool of [world.requests, world.calls, world.attempts]) {
      expect(pool.created).toBeGreaterThan(0);
      expect(pool.idle).toBe(pool.created);
    }
    for (const service of world.services)
      for (const instance of service.instances)
        expect({
          busy: instance.busy,
          queued: instance.queued,
          up: instance.up,
          paused: instance.pauses,
        }).toEqual({
          busy: 0,
          queued: 0,
          up: true,
          paused: 0,
        });
    for (const edge of world.edges) {
      expect(edge.active).toBe(0);
      expect(edge.bulkhead?.executing ?? 0).toBe(0);
      expect(edge.bulkhead?.queued ?? 0).toBe(0);
      expect(edge.bulkheadQueue.size).toBe(0);
      expect(edge.rateLimiter?.waiting ?? 0).toBe(0);
      expect(edge.permitQueue.size).toBe(0);
      expect(edge.concurrencyLimit?.inflight ?? 0).toBe(0);
      expect(edge.deadlines?.length ?? 0).toBe(0);
    }
    expect(world.network.cuts).toHaveLength(0);
    expect(world.simulation.pending).toBeLessThan(10);
  });

  it('holds memory to what is in flight: three times the run, about the same objects', () => {
    const created = (duration: string): number => {
      const design = shopDesign({ duration });
      const world = new World(design, design.seed);
      world.start();
      world.simulation.runUntil(design.duration);
      return world.requests.created + world.calls.created + world.attempts.created;
    };
    const short = created('10s');
    const long = created('30s');
    expect(long).toBeLessThan(1.5 * short);
  });
});
