import type { Outlet, StageContext } from '../../link/stage.js';
import { Stage } from '../../link/stage.js';
import { ReleaseQueue } from '../../link/release-queue.js';
import type { StreamToxicDefinition } from '../definition.js';
import { LATENCY_DEFAULTS, readLatency, type LatencyAttributes } from './options.js';

/**
 * Delays every chunk by latency ± jitter. Chunks keep their order, as in Toxiproxy: a chunk drawn
 * a short delay behind one drawn a long delay waits for it. The end of the stream is not delayed
 * beyond the last chunk.
 */
export class LatencyStage extends Stage<LatencyAttributes> {
  private readonly queue: ReleaseQueue;

  constructor(attributes: LatencyAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.queue = new ReleaseQueue(context.clock, context.hold, () => this.next);
  }

  write(chunk: Buffer): void {
    this.queue.push(chunk, this.context.clock.now() + this.delay());
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

  private delay(): number {
    const { latency, jitter } = this.attributes;
    if (jitter <= 0) return latency;
    return Math.max(0, latency + (this.context.random.next() * 2 - 1) * jitter);
  }
}

export const latency: StreamToxicDefinition<LatencyAttributes> = {
  type: 'latency',
  layer: 'stream',
  defaults: LATENCY_DEFAULTS,
  read: readLatency,
  createStage: (attributes, context, next) => new LatencyStage(attributes, context, next),
};
