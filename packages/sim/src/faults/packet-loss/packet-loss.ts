import { LostAttempts, type Link, type Loss } from '../../world/network.js';
import type { FaultModelOf } from '../fault-model.js';

interface PacketLossParams {
  readonly link: Link;
  readonly loss: Loss;
}

/**
 * Packet loss between `from` and `to`, both ways (requests and their responses): each message is
 * lost with probability `rate` and sent again `retransmitDelay` later, and the retransmission can
 * be lost again, so a message waits k × retransmitDelay extra with probability rate^k (1 − rate).
 * At rate 1 nothing gets through: the caller's calls hang as in a partition (until their timeout,
 * or until the fault ends, then `unavailable`).
 */
export const packetLoss: FaultModelOf<'packet-loss', PacketLossParams> = {
  type: 'packet-loss',
  target: (fault) => `${fault.from}->${fault.to}`,
  params: (fault, { world, random }) => ({
    link: world.network.link(fault.from, fault.to),
    loss: { rate: fault.rate, retransmitDelay: fault.retransmitDelay, random, lost: new LostAttempts() },
  }),
  apply({ link, loss }) {
    link.losses.push(loss);
  },
  revert({ link, loss }) {
    const index = link.losses.indexOf(loss);
    if (index >= 0) link.losses.splice(index, 1);
    loss.lost.giveUp();
  },
};
