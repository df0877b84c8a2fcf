import type { Outlet, StageContext } from '../../link/stage.js';
import { Stage } from '../../link/stage.js';
import { ReleaseQueue } from '../../link/release-queue.js';
import type { StreamToxicDefinition } from '../definition.js';
import { SLOW_CLOSE_DEFAULTS, readSlowClose, type SlowCloseAttributes } from './options.js';

/** Holds the end of the stream back for `delay` ms; bytes pass untouched. */
export class SlowCloseStage extends Stage<SlowCloseAttributes> {
  private readonly queue: ReleaseQueue;

  constructor(attributes: SlowCloseAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.queue = new ReleaseQueue(context.clock, context.hold, () => this.next);
  }

  write(chunk: Buffer): void {
    // Through the queue, so that nothing overtakes an end already waiting (there is none in practice).
    this.queue.push(chunk, this.context.clock.now());
  }

  end(): void {
    this.queue.pushEnd(this.context.clock.now() + this.attributes.delay);
  }

  override release(): void {
    this.queue.flush();
  }

  override dispose(): void {
    this.queue.dispose();
  }
}

export const slowClose: StreamToxicDefinition<SlowCloseAttributes> = {
  type: 'slow_close',
  layer: 'stream',
  defaults: SLOW_CLOSE_DEFAULTS,
  read: readSlowClose,
  createStage: (attributes, context, next) => new SlowCloseStage(attributes, context, next),
};
