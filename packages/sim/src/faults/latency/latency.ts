import { sampler } from '../../model/index.js';
import type { FaultModelOf, TargetInstances } from '../fault-model.js';
import { targetInstances } from '../fault-model.js';

interface LatencyParams extends TargetInstances {
  readonly draw: () => number;
}

/**
 * Added latency: every response the instances send (ok or error) leaves them `delay` later,
 * drawn per response, as a slow network path or a proxy's latency toxic would. The worker is
 * free meanwhile, so the instances serve as many requests as before; their callers wait longer.
 * (For instances that serve fewer requests per second, use a `cpu` exhaustion.) Requests turned
 * away at the door (down, queue full) are not delayed.
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
