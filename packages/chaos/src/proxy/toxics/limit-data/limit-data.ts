import { Stage } from '../../link/stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { LIMIT_DATA_DEFAULTS, readLimitData, type LimitDataAttributes } from './options.js';

/**
 * Lets exactly `bytes` bytes through, then closes the connection. The count belongs to the
 * connection: raising the limit with an update lets more through, as in Toxiproxy.
 */
export class LimitDataStage extends Stage<LimitDataAttributes> {
  private transmitted = 0;

  write(chunk: Buffer): void {
    if (this.closed) return;
    const remaining = Math.max(0, this.attributes.bytes - this.transmitted);
    const allowed = remaining < chunk.length ? chunk.subarray(0, remaining) : chunk;
    if (allowed.length > 0) {
      this.transmitted += allowed.length;
      this.next.write(allowed);
    }
    if (this.transmitted >= this.attributes.bytes) this.closeConnection();
  }

  end(): void {
    if (!this.closed) this.next.end();
  }
}

export const limitData: StreamToxicDefinition<LimitDataAttributes> = {
  type: 'limit_data',
  layer: 'stream',
  defaults: LIMIT_DATA_DEFAULTS,
  read: readLimitData,
  createStage: (attributes, context, next) => new LimitDataStage(attributes, context, next),
};
