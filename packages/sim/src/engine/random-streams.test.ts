import { describe, expect, it } from 'vitest';
import { deriveSeed } from './random-streams.js';
import { Simulation } from './simulation.js';

const draws = (random: { next(): number }, count: number): number[] =>
  Array.from({ length: count }, () => random.next());

describe('random streams', () => {
  it('derive seeds from the run seed and the name alone, the same on every version', () => {
    // Pinned: changing the derivation changes every seeded run ever recorded.
    expect(deriveSeed(42, 'service:orders')).toBe(1096439367);
    expect(deriveSeed(42, 'service:gateway')).toBe(3620029651);
    expect(deriveSeed(0, '')).toBe(1234692987);
    expect(deriveSeed(42, 'é☃')).toBe(3090604954);
  });

  it('give different seeds for nearby names and nearby run seeds', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 50; seed++)
      for (let service = 0; service < 50; service++) seeds.add(deriveSeed(seed, `service:s${service}`));
    expect(seeds.size).toBe(2500);
  });

  it('do not shift when other streams are created, or created in another order', () => {
    const alone = new Simulation({ seed: 9 });
    const expected = draws(alone.stream('service:orders'), 5);
    const crowded = new Simulation({ seed: 9 });
    draws(crowded.stream('service:gateway'), 3);
    crowded.stream('workload:0');
    draws(crowded.random, 4);
    expect(draws(crowded.stream('service:orders'), 5)).toEqual(expected);
  });

  it('return the same stream for the same name, not a fresh copy that repeats its numbers', () => {
    const simulation = new Simulation({ seed: 9 });
    const first = simulation.stream('service:orders');
    expect(simulation.stream('service:orders')).toBe(first);
    const [a, b] = [first.next(), simulation.stream('service:orders').next()];
    expect(a).not.toBe(b);
  });

  it('differ between seeds and between names, and differ from the root stream', () => {
    const one = new Simulation({ seed: 1 });
    const two = new Simulation({ seed: 2 });
    const sample = draws(one.stream('x'), 4);
    expect(draws(two.stream('x'), 4)).not.toEqual(sample);
    expect(draws(new Simulation({ seed: 1 }).stream('y'), 4)).not.toEqual(sample);
    expect(draws(new Simulation({ seed: 1 }).random, 4)).not.toEqual(sample);
    expect(draws(new Simulation({ seed: 1 }).stream('x'), 4)).toEqual(sample);
  });
});
