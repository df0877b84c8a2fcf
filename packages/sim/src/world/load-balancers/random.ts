import type { Random } from '@faultline/core';
import type { Instance } from '../instance.js';
import type { LoadBalancer } from './load-balancer.js';

/** Any instance, equally likely, whatever its load. */
export class RandomChoice implements LoadBalancer {
  constructor(private readonly random: Random) {}

  pick(instances: readonly Instance[]): Instance {
    return instances[Math.floor(this.random.next() * instances.length)]!;
  }
}
