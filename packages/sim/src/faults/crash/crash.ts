import type { FaultModelOf, TargetInstances } from '../fault-model.js';
import { targetInstances } from '../fault-model.js';

/**
 * A crash: the instances go down. Requests they hold or queue fail `unavailable` at once (as a
 * connection reset), new requests are refused at once, and the load balancer keeps sending them
 * their share (there are no health checks). When the fault ends they come back up, empty.
 */
export const crash: FaultModelOf<'crash', TargetInstances> = {
  type: 'crash',
  target: (fault) => fault.target,
  params: (fault, { world }) => targetInstances(world, fault.target, fault.instances),
  apply({ service, instances }) {
    for (const instance of instances) service.takeDown(instance);
  },
  revert({ service, instances }) {
    for (const instance of instances) service.bringUp(instance);
  },
};
