import type { TimerHandle } from '@faultline/core';
import type { Outlet, StageContext } from '../../link/stage.js';
import { Stage } from '../../link/stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { TIMEOUT_DEFAULTS, readTimeout, type TimeoutAttributes } from './options.js';

/**
 * Stops every byte (they are dropped, as Toxiproxy does since #159, so that nothing piles up) and
 * closes the connection after `timeout` ms, or never when it is 0. Removing the toxic closes the
 * connections it held: their streams lost bytes, and carrying on would corrupt them.
 */
export class TimeoutStage extends Stage<TimeoutAttributes> {
  private timer: TimerHandle | undefined;
  private readonly startedAt: number;

  constructor(attributes: TimeoutAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.startedAt = context.clock.now();
    this.arm();
  }

  write(_chunk: Buffer): void {
    // Dropped on the floor.
  }

  end(): void {
    // A black hole swallows the end of the stream too.
  }

  override update(attributes: TimeoutAttributes): void {
    super.update(attributes);
    this.arm();
  }

  override release(): void {
    this.disarm();
    this.closeConnection();
  }

  override dispose(): void {
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    if (this.closed || this.attributes.timeout <= 0) return;
    const clock = this.context.clock;
    const remaining = this.startedAt + this.attributes.timeout - clock.now();
    this.timer = clock.setTimeout(
      () => {
        this.timer = undefined;
        this.closeConnection();
      },
      Math.max(0, remaining),
    );
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    this.context.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export const timeout: StreamToxicDefinition<TimeoutAttributes> = {
  type: 'timeout',
  layer: 'stream',
  defaults: TIMEOUT_DEFAULTS,
  read: readTimeout,
  createStage: (attributes, context, next) => new TimeoutStage(attributes, context, next),
};
