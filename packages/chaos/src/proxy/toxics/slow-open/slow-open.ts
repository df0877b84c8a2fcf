import type { Outlet, StageContext } from '../../link/stage.js';
import { Stage } from '../../link/stage.js';
import { ReleaseQueue } from '../../link/release-queue.js';
import type { StreamToxicDefinition } from '../definition.js';
import { SLOW_OPEN_DEFAULTS, readSlowOpen, type SlowOpenAttributes } from './options.js';

/**
 * Delays the first bytes of a connection by `delay` ms (a slow handshake, which the latency toxic
 * does not cover); later bytes queue behind them, then flow freely. A connection that was already
 * open when the toxic was added has finished opening: it is not affected.
 */
export class SlowOpenStage extends Stage<SlowOpenAttributes> {
  private readonly queue: ReleaseQueue;
  private warm: boolean;

  constructor(attributes: SlowOpenAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.queue = new ReleaseQueue(context.clock, context.hold, () => this.next);
    this.warm = context.joinedLive;
  }

  write(chunk: Buffer): void {
    const now = this.context.clock.now();
    this.queue.push(chunk, this.warm ? now : now + this.attributes.delay);
    this.warm = true;
  }

  end(): void {
    this.queue.pushEnd(this.context.clock.now());
    this.warm = true;
  }

  override release(): void {
    this.queue.flush();
  }

  override dispose(): void {
    this.queue.dispose();
  }
}

export const slowOpen: StreamToxicDefinition<SlowOpenAttributes> = {
  type: 'slow_open',
  layer: 'stream',
  defaults: SLOW_OPEN_DEFAULTS,
  read: readSlowOpen,
  createStage: (attributes, context, next) => new SlowOpenStage(attributes, context, next),
};
