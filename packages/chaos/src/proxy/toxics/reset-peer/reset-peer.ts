import type { TimerHandle } from '@faultline/core';
import { Stage } from '../../link/stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { RESET_PEER_DEFAULTS, readResetPeer, type ResetPeerAttributes } from './options.js';

/**
 * Resets the connection (TCP RST to both peers: "connection reset by peer") `timeout` ms after
 * the first bytes, or the end of the stream, reach it. Those bytes and any after are dropped,
 * as in Toxiproxy.
 */
export class ResetPeerStage extends Stage<ResetPeerAttributes> {
  private timer: TimerHandle | undefined;
  private triggered = false;

  write(_chunk: Buffer): void {
    this.trigger();
  }

  end(): void {
    this.trigger();
  }

  /** Bytes were already dropped once triggered: carrying on would corrupt the stream, so reset now. */
  override release(): void {
    if (!this.triggered || this.timer === undefined) return;
    this.dispose();
    this.context.reset();
  }

  override dispose(): void {
    if (this.timer !== undefined) this.context.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private trigger(): void {
    if (this.triggered) return;
    this.triggered = true;
    if (this.attributes.timeout <= 0) {
      this.context.reset();
      return;
    }
    this.timer = this.context.clock.setTimeout(() => {
      this.timer = undefined;
      this.context.reset();
    }, this.attributes.timeout);
  }
}

export const resetPeer: StreamToxicDefinition<ResetPeerAttributes> = {
  type: 'reset_peer',
  layer: 'stream',
  defaults: RESET_PEER_DEFAULTS,
  read: readResetPeer,
  createStage: (attributes, context, next) => new ResetPeerStage(attributes, context, next),
};
