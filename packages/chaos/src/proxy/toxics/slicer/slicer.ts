import { QueuedStage } from '../../link/queued-stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { SLICER_DEFAULTS, readSlicer, type SlicerAttributes } from './options.js';
import { sliceEnds } from './slices.js';

/**
 * Cuts every chunk into small slices, each written on its own, with `delay` µs between them (and
 * after the last one, as in Toxiproxy). Timers have millisecond resolution, so slices less than a
 * millisecond apart leave in the same turn, still as separate writes.
 */
export class SlicerStage extends QueuedStage<SlicerAttributes> {
  /** When the next slice may leave. */
  private nextAt = -Infinity;

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
}

export const slicer: StreamToxicDefinition<SlicerAttributes> = {
  type: 'slicer',
  layer: 'stream',
  defaults: SLICER_DEFAULTS,
  read: readSlicer,
  createStage: (attributes, context, next) => new SlicerStage(attributes, context, next),
};
