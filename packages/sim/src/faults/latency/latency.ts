import { sampler } from '../../model/index.js';
import type { FaultModelOf, TargetInstances } from '../fault-model.js';
import { targetInstances } from '../fault-model.js';

interface LatencyParams extends TargetInstances {
  readonly draw: () => number;
}

/**
 * Added latency: every request the instances answer (ok or error) is answered `delay` later,
 * drawn per response, as a slow disk, a contended lock or a long GC would make it. The worker
 * stays held meanwhile, so the delay counts in the service's own latency, the instances serve
 * fewer requests per second, and their queues fill when the load needs more workers than they
 * have: that is how a slow service cascades. Requests turned away at the door (down, queue
 * full) are not delayed. (For a slow network path, use the design's `network.latency`.)
 */
export const latency: FaultModelOf<'latency', LatencyParams> = {
  type: 'latency',
  target: (fault) => fault.target,
  params: (fault, { world, random }) => ({
    ...targetInstances(world, fault.target, fault.instances),
    draw: sampler(fault.delay, random),
  }),
  apply({ instances, draw }) {
    for (const instance of instances) instance.responseDelays.push(draw);
  },
  revert({ instances, draw }) {
    for (const instance of instances) {
      const index = instance.responseDelays.indexOf(draw);
      if (index >= 0) instance.responseDelays.splice(index, 1);
    }
  },
};
