import { ConfigError } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { Simulation, type RunProgress } from './simulation.js';

/** A simulation whose handlers log `label@time`. */
function logging(seed = 1): { simulation: Simulation; log: string[]; at: (label: string) => () => void } {
  const simulation = new Simulation({ seed });
  const log: string[] = [];
  const at = (label: string) => (): void => void log.push(`${label}@${simulation.now()}`);
  return { simulation, log, at };
}

describe('Simulation', () => {
  it('runs events in time order, ties in scheduling order, moving the clock to each', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(20, at('b'));
    simulation.scheduleAt(10, at('a'));
    simulation.schedule(20, at('c'));
    expect(simulation.run()).toBe('empty');
    expect(log).toEqual(['a@10', 'b@20', 'c@20']);
    expect(simulation.now()).toBe(20);
    expect(simulation.events).toBe(3);
  });

  it('passes each handler the payload it was scheduled with', () => {
    const simulation = new Simulation({ seed: 1 });
    const seen: { id: number }[] = [];
    const handler = (request: { id: number }): void => void seen.push(request);
    simulation.schedule(1, handler, { id: 1 });
    simulation.schedule(2, handler, { id: 2 });
    simulation.run();
    expect(seen).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('runs events that handlers schedule, a zero delay after the ones already due now', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(5, () => {
      log.push(`first@${simulation.now()}`);
      simulation.schedule(0, at('scheduled-later'));
    });
    simulation.schedule(5, at('second'));
    simulation.run();
    expect(log).toEqual(['first@5', 'second@5', 'scheduled-later@5']);
  });

  it('never runs a cancelled event, and counts only the events that ran', () => {
    const { simulation, log, at } = logging();
    const id = simulation.schedule(10, at('cancelled'));
    simulation.schedule(20, at('kept'));
    expect(simulation.isPending(id)).toBe(true);
    expect(simulation.cancel(id)).toBe(true);
    expect(simulation.pending).toBe(1);
    simulation.run();
    expect(log).toEqual(['kept@20']);
    expect(simulation.events).toBe(1);
    expect(simulation.cancel(id)).toBe(false);
  });

  it('lets a handler cancel an event due at the same time', () => {
    const { simulation, log, at } = logging();
    let victim = 0;
    simulation.schedule(5, () => void simulation.cancel(victim));
    victim = simulation.schedule(5, at('victim'));
    simulation.run();
    expect(log).toEqual([]);
  });

  it('runs events at exactly `until`, then reads `until` on the clock', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(10, at('a'));
    simulation.schedule(20, at('b'));
    simulation.schedule(21, at('c'));
    expect(simulation.run({ until: 20 })).toBe('until');
    expect(log).toEqual(['a@10', 'b@20']);
    expect(simulation.now()).toBe(20);
    expect(simulation.pending).toBe(1);
  });

  it('moves the clock to `until` even when no event is left before it', () => {
    const simulation = new Simulation({ seed: 1 });
    expect(simulation.runUntil(500)).toBe('until');
    expect(simulation.now()).toBe(500);
  });

  it('runs in wall-clock slices exactly as in one go, so a live session can pause and resume', () => {
    const build = (): { simulation: Simulation; log: string[] } => {
      const { simulation, log } = logging(7);
      const random = simulation.stream('ticks');
      const tick = (): void => {
        log.push(`${simulation.now().toFixed(6)}`);
        if (log.length < 500) simulation.schedule(random.next() * 10, tick);
      };
      simulation.schedule(0, tick);
      return { simulation, log };
    };
    const whole = build();
    whole.simulation.run();
    const sliced = build();
    let until = 0;
    while (sliced.simulation.pending > 0) sliced.simulation.runUntil((until += 37));
    expect(sliced.log).toEqual(whole.log);
    expect(sliced.simulation.events).toBe(whole.simulation.events);
  });

  it('stops after `maxEvents`, leaving the clock at the last event', () => {
    const { simulation, log, at } = logging();
    for (let i = 1; i <= 5; i++) simulation.schedule(i, at(`e${i}`));
    expect(simulation.run({ maxEvents: 2 })).toBe('maxEvents');
    expect(log).toEqual(['e1@1', 'e2@2']);
    expect(simulation.now()).toBe(2);
    expect(simulation.run()).toBe('empty');
    expect(simulation.events).toBe(5);
  });

  it('returns after the current event when a handler calls stop(), and can run on', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(1, at('a'));
    simulation.schedule(2, () => {
      log.push('stopping');
      simulation.stop();
    });
    simulation.schedule(3, at('c'));
    expect(simulation.run()).toBe('stopped');
    expect(log).toEqual(['a@1', 'stopping']);
    expect(simulation.run()).toBe('empty');
    expect(log).toEqual(['a@1', 'stopping', 'c@3']);
  });

  it('ignores stop() outside a run', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(1, at('a'));
    simulation.stop();
    expect(simulation.run()).toBe('empty');
    expect(log).toEqual(['a@1']);
  });

  it('steps one event at a time', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(3, at('a'));
    simulation.schedule(7, at('b'));
    expect(simulation.step()).toBe(true);
    expect(log).toEqual(['a@3']);
    expect(simulation.step()).toBe(true);
    expect(simulation.step()).toBe(false);
    expect(log).toEqual(['a@3', 'b@7']);
  });

  it('reports progress every `progressEvery` events', () => {
    const simulation = new Simulation({ seed: 1 });
    for (let i = 1; i <= 10; i++) simulation.schedule(i, () => {});
    const progress: RunProgress[] = [];
    simulation.run({ onProgress: (p) => progress.push(p), progressEvery: 4 });
    expect(progress).toEqual([
      { now: 4, events: 4, pending: 6 },
      { now: 8, events: 8, pending: 2 },
    ]);
  });

  it('stops at once when onProgress calls stop(), as a wall-clock budget would', () => {
    const simulation = new Simulation({ seed: 1 });
    for (let i = 1; i <= 10; i++) simulation.schedule(i, () => {});
    const reason = simulation.run({ onProgress: () => simulation.stop(), progressEvery: 3 });
    expect(reason).toBe('stopped');
    expect(simulation.events).toBe(3);
  });

  it('lets an error thrown by a handler out, counting that event, and can run on', () => {
    const { simulation, log, at } = logging();
    simulation.schedule(1, () => {
      throw new Error('model bug');
    });
    simulation.schedule(2, at('after'));
    expect(() => simulation.run()).toThrow('model bug');
    expect(simulation.isRunning).toBe(false);
    expect(simulation.events).toBe(1);
    simulation.run();
    expect(log).toEqual(['after@2']);
  });

  it('refuses to run from inside one of its own handlers', () => {
    const simulation = new Simulation({ seed: 1 });
    let caught: unknown;
    simulation.schedule(1, () => {
      try {
        simulation.run();
      } catch (error) {
        caught = error;
      }
    });
    simulation.run();
    expect(String(caught)).toMatch(/already running/);
  });

  it('rejects times it cannot honour, saying what it expected', () => {
    const simulation = new Simulation({ seed: 1, startAt: 100 });
    const noop = (): void => {};
    expect(() => simulation.schedule(-1, noop)).toThrow(/expected a finite delay ≥ 0 ms, got -1/);
    expect(() => simulation.schedule(NaN, noop)).toThrow(/got NaN/);
    expect(() => simulation.schedule(Infinity, noop)).toThrow(/got Infinity/);
    expect(() => simulation.scheduleAt(99, noop)).toThrow(/expected a finite time ≥ now \(100 ms\), got 99/);
    expect(() => simulation.runUntil(50)).toThrow(/expected a time ≥ now \(100 ms\), got 50/);
    expect(() => simulation.schedule(1, undefined as unknown as () => void)).toThrow(/handler function/);
  });

  it('validates its options with the paths of the mistakes', () => {
    expect(() => new Simulation({} as { seed: number })).toThrow(ConfigError);
    expect(() => new Simulation({ seed: 1.5 })).toThrow(/simulation.seed: expected a whole number, got 1.5/);
    expect(() => new Simulation({ seed: 1, sede: 2 } as { seed: number })).toThrow(
      /simulation.sede: unknown option; did you mean "seed"\?/,
    );
    const simulation = new Simulation({ seed: 1 });
    expect(() => simulation.run({ maxEvents: 0 })).toThrow(/run.maxEvents: expected a whole number ≥ 1/);
    expect(() => simulation.run({ untl: 5 } as never)).toThrow(
      /run.untl: unknown option; did you mean "until"\?/,
    );
  });
});
