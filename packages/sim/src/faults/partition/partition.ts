import { LostAttempts, type Cut } from '../../world/network.js';
import type { FaultModelOf } from '../fault-model.js';

/**
 * A network partition: services in different groups of `between` cannot reach each other;
 * services in no group reach everyone. Whether a message crosses is decided when it is sent, so
 * messages already on their way arrive. A request or response that would cross is lost: the
 * caller hears nothing, and its call hangs until its timeout (the partition makes calls time
 * out, not fail fast); with no timeout it hangs until the partition heals, then fails
 * `unavailable`. A callee that received a request before the partition still does the work.
 */
export const partition: FaultModelOf<'partition', Cut> = {
  type: 'partition',
  target: (fault) => fault.between.map((group) => group.join(', ')).join(' | '),
  params(fault, { world }) {
    const groupOf = new Int32Array(world.services.length).fill(-1);
    fault.between.forEach((group, index) => {
      for (const name of group) groupOf[world.service(name).id] = index;
    });
    return { groupOf, lost: new LostAttempts() };
  },
  apply(cut, { world }) {
    world.network.cuts.push(cut);
  },
  revert(cut, { world }) {
    const cuts = world.network.cuts;
    const index = cuts.indexOf(cut);
    if (index >= 0) cuts.splice(index, 1);
    cut.lost.giveUp();
  },
};
