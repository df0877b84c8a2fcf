import { QueuedStage } from '../../link/queued-stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { LATENCY_DEFAULTS, readLatency, type LatencyAttributes } from './options.js';

/**
 * Delays every chunk by latency ± jitter. Chunks keep their order, as in Toxiproxy: a chunk drawn
 * a short delay behind one drawn a long delay waits for it. The end of the stream is not delayed
 * beyond the last chunk.
 */
export class LatencyStage extends QueuedStage<LatencyAttributes> {
  write(chunk: Buffer): void {
    this.queue.push(chunk, this.context.clock.now() + this.delay());
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
