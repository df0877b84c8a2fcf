import { VirtualClock, type Clock } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation.js';

/**
 * A timer-driven script in the style of a policy: timers that schedule timers, ties, a cleared
 * timer, a zero and a negative delay. It only sees a Clock.
 */
function timerScript(clock: Clock, log: string[]): void {
  const mark = (label: string) => (): void => void log.push(`${label}@${clock.now()}`);
  clock.setTimeout(() => {
    mark('a')();
    clock.setTimeout(mark('a+5'), 5);
    clock.setTimeout(mark('a+0'), 0);
  }, 10);
  const cleared = clock.setTimeout(mark('cleared'), 12);
  clock.setTimeout(() => clock.clearTimeout(cleared), 11);
  clock.setTimeout(mark('tie-1'), 15);
  clock.setTimeout(mark('tie-2'), 15);
  clock.setTimeout(mark('negative'), -3);
  clock.setTimeout(mark('nan'), NaN);
}

describe('SimClock', () => {
  it('behaves as core’s VirtualClock does, so core’s policies run unchanged', () => {
    const reference = new VirtualClock();
    const referenceLog: string[] = [];
    timerScript(reference, referenceLog);
    reference.advance(100);

    const simulation = new Simulation({ seed: 1 });
    const log: string[] = [];
    timerScript(simulation.clock, log);
    simulation.run();

    expect(log).toEqual(referenceLog);
    expect(log).toEqual(['negative@0', 'nan@0', 'a@10', 'a+0@10', 'tie-1@15', 'tie-2@15', 'a+5@15']);
  });

  it('reads the simulation’s time', () => {
    const simulation = new Simulation({ seed: 1, startAt: 250 });
    expect(simulation.clock.now()).toBe(250);
    simulation.runUntil(400);
    expect(simulation.clock.now()).toBe(400);
  });

  it('never fires a timer with an infinite delay, and leaves no event behind for it', () => {
    const simulation = new Simulation({ seed: 1 });
    let fired = false;
    const handle = simulation.clock.setTimeout(() => (fired = true), Infinity);
    expect(simulation.pending).toBe(0);
    simulation.clock.clearTimeout(handle);
    simulation.run();
    expect(fired).toBe(false);
  });

  it('ignores handles it did not make', () => {
    const simulation = new Simulation({ seed: 1 });
    simulation.clock.setTimeout(() => {}, 5);
    for (const handle of [undefined, null, 'x', {}, -1]) simulation.clock.clearTimeout(handle);
    expect(simulation.pending).toBe(1);
  });
});
