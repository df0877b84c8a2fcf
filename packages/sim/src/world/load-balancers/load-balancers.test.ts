import { seededRandom } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../instance.js';
import { run } from '../test-support/run.js';
import { createLoadBalancer } from './create.js';
import { LeastOutstanding } from './least-outstanding.js';
import { PowerOfTwo } from './power-of-two.js';
import { RandomChoice } from './random.js';
import { RoundRobin } from './round-robin.js';

/** Stand-ins for instances: a balancer reads only `outstanding`. */
function instances(...outstanding: number[]): Instance[] {
  return outstanding.map((count, index) => ({ index, outstanding: count }) as unknown as Instance);
}

function picks(pick: () => Instance, times: number): number[] {
  return Array.from({ length: times }, () => pick().index);
}

describe('load balancers', () => {
  it('round-robin: each instance in turn, whatever its load', () => {
    const balancer = new RoundRobin();
    const three = instances(5, 0, 9);
    expect(picks(() => balancer.pick(three), 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('random: every instance equally likely, whatever its load', () => {
    const balancer = new RandomChoice(seededRandom(1));
    const four = instances(0, 100, 0, 100);
    const counts = [0, 0, 0, 0];
    for (const index of picks(() => balancer.pick(four), 40_000)) counts[index]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('least-outstanding: the instance holding fewest requests, equal ones in turn', () => {
    const balancer = new LeastOutstanding();
    expect(balancer.pick(instances(3, 1, 2)).index).toBe(1);
    const tied = instances(0, 0, 0);
    expect(picks(() => balancer.pick(tied), 6)).toEqual([1, 2, 0, 1, 2, 0]);
    expect(balancer.pick(instances(2, 2, 1, 2)).index).toBe(2);
  });

  it('power-of-two: the less loaded of two different instances drawn at random', () => {
    const balancer = new PowerOfTwo(seededRandom(2));
    // With two instances both are always drawn: the lighter one always wins.
    expect(new Set(picks(() => balancer.pick(instances(4, 1)), 100))).toEqual(new Set([1]));
    // With three, the most loaded wins only if drawn twice, which never happens.
    const counts = [0, 0, 0];
    for (const index of picks(() => balancer.pick(instances(0, 5, 9)), 30_000)) counts[index]!++;
    expect(counts[2]).toBe(0);
    // The lightest is in 2 of the 3 pairs; the middle one wins only the pair without it.
    expect(Math.abs(counts[0]! / 30_000 - 2 / 3)).toBeLessThan(0.01);
    expect(balancer.pick(instances(7)).index).toBe(0);
  });

  it('is made from the design’s name', () => {
    const random = seededRandom(3);
    expect(createLoadBalancer('round-robin', random)).toBeInstanceOf(RoundRobin);
    expect(createLoadBalancer('random', random)).toBeInstanceOf(RandomChoice);
    expect(createLoadBalancer('least-outstanding', random)).toBeInstanceOf(LeastOutstanding);
    expect(createLoadBalancer('power-of-two', random)).toBeInstanceOf(PowerOfTwo);
  });

  it('in the world: load-aware balancers route around a slow instance, blind ones do not', () => {
    // Four instances, one of them at a fifth of its CPU: round-robin and random keep sending it a
    // quarter of the load, which it cannot serve fast; least-outstanding and power-of-two see its
    // queue and send it less.
    const api = (loadBalancer: string) =>
      run(
        {
          duration: '60s',
          services: {
            api: {
              instances: 4,
              workers: 4,
              queueLimit: 1000,
              latency: { dist: 'exponential', mean: 10 },
              loadBalancer,
            },
          },
          workload: [{ target: 'api', rate: 800 }],
          faults: [{ type: 'exhaustion', target: 'api', instances: 1, resource: 'cpu', fraction: 0.8 }],
        },
        { seed: 9 },
      ).services.api!;
    const [roundRobin, random, leastOutstanding, powerOfTwo] = [
      'round-robin',
      'random',
      'least-outstanding',
      'power-of-two',
    ].map(api);
    // The slow instance gets 200 requests/s and serves 80: its queue overflows.
    expect(roundRobin!.errors.rejected).toBeGreaterThan(5000);
    expect(random!.errors.rejected).toBeGreaterThan(5000);
    expect(leastOutstanding!.failed + powerOfTwo!.failed).toBe(0);
    expect(leastOutstanding!.latencyMs.mean).toBeLessThan(powerOfTwo!.latencyMs.mean);
    expect(powerOfTwo!.latencyMs.p99).toBeLessThan(roundRobin!.latencyMs.p99 / 10);
    expect(powerOfTwo!.latencyMs.p99).toBeLessThan(random!.latencyMs.p99 / 10);
  });
});
