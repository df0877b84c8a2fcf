import type { Outlet, StageContext } from '../../link/stage.js';
import { QueuedStage } from '../../link/queued-stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { SLOW_OPEN_DEFAULTS, readSlowOpen, type SlowOpenAttributes } from './options.js';

/**
 * Delays the first bytes of a connection by `delay` ms (a slow handshake, which the latency toxic
 * does not cover); later bytes queue behind them, then flow freely. A connection that was already
 * open when the toxic was added has finished opening: it is not affected.
 */
export class SlowOpenStage extends QueuedStage<SlowOpenAttributes> {
  private warm: boolean;

  constructor(attributes: SlowOpenAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.warm = context.joinedLive;
  }

  write(chunk: Buffer): void {
    const now = this.context.clock.now();
    this.queue.push(chunk, this.warm ? now : now + this.attributes.delay);
    this.warm = true;
  }

  override end(): void {
    super.end();
    this.warm = true;
  }
}

export const slowOpen: StreamToxicDefinition<SlowOpenAttributes> = {
  type: 'slow_open',
  layer: 'stream',
  defaults: SLOW_OPEN_DEFAULTS,
  read: readSlowOpen,
  createStage: (attributes, context, next) => new SlowOpenStage(attributes, context, next),
};
