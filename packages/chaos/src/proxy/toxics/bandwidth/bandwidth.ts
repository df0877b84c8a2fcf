import { QueuedStage } from '../../link/queued-stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { BANDWIDTH_DEFAULTS, readBandwidth, type BandwidthAttributes } from './options.js';

/** Longest piece sent at once, in ms of transmission: Toxiproxy splits slow sends at 100 ms. */
const PIECE_MS = 100;

/**
 * Lets bytes through at `rate` KB/s. Each chunk is released when its transmission would finish,
 * counted from when the link was last busy, so the long-run rate is exact whatever the chunk
 * sizes; chunks that take longer than 100 ms are split so that bytes keep trickling.
 */
export class BandwidthStage extends QueuedStage<BandwidthAttributes> {
  /** When the bytes accepted so far will have been "transmitted". */
  private busyUntil = -Infinity;

  write(chunk: Buffer): void {
    const now = this.context.clock.now();
    const bytesPerMs = this.attributes.rate; // KB/s is bytes per ms
    if (bytesPerMs <= 0) {
      this.queue.push(chunk, now);
      return;
    }
    let at = Math.max(now, this.busyUntil);
    const piece = Math.max(1, Math.floor(bytesPerMs * PIECE_MS));
    for (let offset = 0; offset < chunk.length; offset += piece) {
      const part = chunk.subarray(offset, Math.min(chunk.length, offset + piece));
      at += part.length / bytesPerMs;
      this.queue.push(part, at);
    }
    this.busyUntil = at;
  }
}

export const bandwidth: StreamToxicDefinition<BandwidthAttributes> = {
  type: 'bandwidth',
  layer: 'stream',
  defaults: BANDWIDTH_DEFAULTS,
  read: readBandwidth,
  createStage: (attributes, context, next) => new BandwidthStage(attributes, context, next),
};
