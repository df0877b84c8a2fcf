import { describe, expect, it } from 'vitest';
import { designOf } from '../world/test-support/run.js';
import { World } from '../world/world.js';
import { parseLiveFault } from './live-fault.js';

function world(faults: unknown[] = []): World {
  const design = designOf({
    duration: '10s',
    services: { api: { instances: 2, latency: 1 } },
    workload: [{ target: 'api', rate: 100, arrivals: 'uniform' }],
    faults,
  });
  const built = new World(design, 1);
  built.start();
  return built;
}

describe('FaultInjector', () => {
  it('applies the design’s faults at their time for their duration, and logs them in the order they started', () => {
    const built = world([
      { type: 'error', target: 'api', at: '4s', duration: '1s', rate: 1 },
      { type: 'crash', target: 'api', at: '1s', duration: '2s', instances: 1 },
      { type: 'latency', target: 'api', at: '8s', delay: 5 },
      { type: 'crash', target: 'api', at: '20s' },
    ]);
    built.simulation.runUntil(2000);
    expect(built.faults.active()).toEqual([
      { id: 'design-1', type: 'crash', target: 'api', start: 1000, end: 3000 },
    ]);
    built.simulation.runUntil(10_000);
    // The latency fault lasts to the end of the run; the crash at 20 s never happens.
    expect(built.result(0).faults).toEqual([
      { type: 'crash', target: 'api', start: 1000, end: 3000 },
      { type: 'error', target: 'api', start: 4000, end: 5000 },
      { type: 'latency', target: 'api', start: 8000, end: 10_000 },
    ]);
  });

  it('injects faults now, heals them by id or all at once, and logs when they ended', () => {
    const built = world();
    const { design } = built;
    built.simulation.runUntil(1000);
    const crash = built.faults.inject(
      parseLiveFault({ type: 'crash', target: 'api', instances: 1 }, design).fault,
      Infinity,
    );
    const errors = built.faults.inject(
      parseLiveFault({ type: 'error', target: 'api', rate: 0.5 }, design).fault,
      500,
    );
    expect([crash, errors]).toEqual(['live-1', 'live-2']);
    expect(built.service('api').instances.map((instance) => instance.up)).toEqual([false, true]);
    built.simulation.runUntil(2000);
    expect(built.faults.active().map((fault) => fault.id)).toEqual(['live-1']);
    expect(built.faults.active()[0]!.end).toBeUndefined();
    expect(built.faults.heal('live-1')).toBe(true);
    expect(built.faults.heal('live-1')).toBe(false);
    expect(built.faults.heal('nope')).toBe(false);
    expect(built.service('api').instances.map((instance) => instance.up)).toEqual([true, true]);
    built.faults.inject(parseLiveFault({ type: 'crash', target: 'api' }, design).fault, Infinity);
    built.simulation.runUntil(3000);
    built.faults.healAll();
    expect(built.faults.active()).toEqual([]);
    expect(built.faults.log(3000)).toEqual([
      { type: 'crash', target: 'api', start: 1000, end: 2000 },
      { type: 'error', target: 'api', start: 1000, end: 1500 },
      { type: 'crash', target: 'api', start: 2000, end: 3000 },
    ]);
  });

  it('cancels a design fault that has not started when it is healed', () => {
    const built = world([{ type: 'crash', target: 'api', at: '5s' }]);
    expect(built.faults.heal('design-0')).toBe(true);
    built.simulation.runUntil(10_000);
    expect(built.result(0).faults).toEqual([]);
  });
});
