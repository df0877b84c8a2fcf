import type { Outlet, StageContext } from '../../link/stage.js';
import { Stage } from '../../link/stage.js';
import { ReleaseQueue } from '../../link/release-queue.js';
import type { StreamToxicDefinition } from '../definition.js';
import { SLICER_DEFAULTS, readSlicer, type SlicerAttributes } from './options.js';
import { sliceEnds } from './slices.js';

/**
 * Cuts every chunk into small slices, each written on its own, with `delay` µs between them (and
 * after the last one, as in Toxiproxy). Timers have millisecond resolution, so slices less than a
 * millisecond apart leave in the same turn, still as separate writes.
 */
export class SlicerStage extends Stage<SlicerAttributes> {
  private readonly queue: ReleaseQueue;
  /** When the next slice may leave. */
  private nextAt = -Infinity;

  constructor(attributes: SlicerAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.queue = new ReleaseQueue(context.clock, context.hold, () => this.next);
  }

  write(chunk: Buffer): void {
    const { average_size, size_variation, delay } = this.attributes;
    const gap = delay / 1000;
    let at = Math.max(this.context.clock.now(), this.nextAt);
    let start = 0;
    for (const end of sliceEnds(chunk.length, average_size, size_variation, this.context.random)) {
      this.queue.push(chunk.subarray(start, end), at);
      start = end;
      at += gap;
    }
    this.nextAt = at;
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

export const slicer: StreamToxicDefinition<SlicerAttributes> = {
  type: 'slicer',
  layer: 'stream',
  defaults: SLICER_DEFAULTS,
  read: readSlicer,
  createStage: (attributes, context, next) => new SlicerStage(attributes, context, next),
};
