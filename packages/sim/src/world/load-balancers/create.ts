import type { Random } from '@faultline/core';
import type { LoadBalancer as LoadBalancerName } from '../../model/index.js';
import { LeastOutstanding } from './least-outstanding.js';
import type { LoadBalancer } from './load-balancer.js';
import { PowerOfTwo } from './power-of-two.js';
import { RandomChoice } from './random.js';
import { RoundRobin } from './round-robin.js';

/** The load balancer a design names; `random` is the service's own stream for those that draw. */
export function createLoadBalancer(name: LoadBalancerName, random: Random): LoadBalancer {
  switch (name) {
    case 'round-robin':
      return new RoundRobin();
    case 'random':
      return new RandomChoice(random);
    case 'least-outstanding':
      return new LeastOutstanding();
    case 'power-of-two':
      return new PowerOfTwo(random);
  }
}
