import type { Random } from '@faultline/core';
import type { Instance } from '../instance.js';
import type { LoadBalancer } from './load-balancer.js';

/**
 * Power of two choices (Mitzenmacher): two different instances at random, and the one holding
 * fewer requests; on a tie, the first drawn. Nearly as even as least-outstanding, without
 * looking at every instance.
 */
export class PowerOfTwo implements LoadBalancer {
  constructor(private readonly random: Random) {}

  pick(instances: readonly Instance[]): Instance {
    const count = instances.length;
    if (count === 1) return instances[0]!;
    const first = Math.floor(this.random.next() * count);
    // A second index among the other count − 1, so the two always differ.
    let second = Math.floor(this.random.next() * (count - 1));
    if (second >= first) second++;
    const a = instances[first]!;
    const b = instances[second]!;
    return b.outstanding < a.outstanding ? b : a;
  }
}
