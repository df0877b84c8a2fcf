import { Stage } from '../../link/stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { PACKET_LOSS_DEFAULTS, readPacketLoss, type PacketLossAttributes } from './options.js';

/**
 * Drops whole chunks at random (loss_rate, plus correlation right after a drop: a simplified
 * Gilbert-Elliott burst model, as in Toxiproxy's packet_loss). TCP hides real packet loss from
 * applications, so this corrupts the stream: it is for testing how a protocol copes with gaps.
 */
export class PacketLossStage extends Stage<PacketLossAttributes> {
  private lastDropped = false;

  write(chunk: Buffer): void {
    const { loss_rate, correlation } = this.attributes;
    const p = this.lastDropped ? Math.min(1, loss_rate + correlation) : loss_rate;
    this.lastDropped = this.context.random.next() < p;
    if (!this.lastDropped) this.next.write(chunk);
  }

  end(): void {
    this.next.end();
  }
}

export const packetLoss: StreamToxicDefinition<PacketLossAttributes> = {
  type: 'packet_loss',
  layer: 'stream',
  defaults: PACKET_LOSS_DEFAULTS,
  read: readPacketLoss,
  createStage: (attributes, context, next) => new PacketLossStage(attributes, context, next),
};
