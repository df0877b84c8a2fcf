import type { Instance } from '../instance.js';
import type { LoadBalancer } from './load-balancer.js';

/** Each instance in turn, whatever its load. */
export class RoundRobin implements LoadBalancer {
  private next = 0;

  pick(instances: readonly Instance[]): Instance {
    const index = this.next < instances.length ? this.next : 0;
    this.next = index + 1;
    return instances[index]!;
  }
}
