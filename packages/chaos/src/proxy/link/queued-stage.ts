import { ReleaseQueue } from './release-queue.js';
import { Stage, type Outlet, type StageContext } from './stage.js';

/**
 * A stage that holds chunks until a time it decides (latency, bandwidth, slicer, slow_open):
 * subclasses only say when each chunk may go, with `queue.push(chunk, at)`. The end of the stream
 * follows the last chunk, and removing the toxic from a live link hands everything held on at once.
 */
export abstract class QueuedStage<A> extends Stage<A> {
  protected readonly queue: ReleaseQueue;

  constructor(attributes: A, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.queue = new ReleaseQueue(context.clock, context.hold, () => this.next);
  }

  end(): void {
    this.queue.pushEnd(this.context.clock.now());
  }

  override release(): void {
    this.queue.flush();
  }

  override dispose(): void {
    this.queue.dispose();
  }
}
