import type { TimerHandle } from '@faultline/core';
import type { Outlet, StageContext } from '../../link/stage.js';
import { Stage } from '../../link/stage.js';
import type { StreamToxicDefinition } from '../definition.js';
import { LIMIT_TIME_DEFAULTS, readLimitTime, type LimitTimeAttributes } from './options.js';

/**
 * Closes the connection `time` ms after the toxic joined it (the connection's start, or when the
 * toxic was added); bytes pass untouched until then. An update moves the deadline, still counted
 * from the join.
 */
export class LimitTimeStage extends Stage<LimitTimeAttributes> {
  private timer: TimerHandle | undefined;
  private readonly joinedAt: number;

  constructor(attributes: LimitTimeAttributes, context: StageContext, next: Outlet) {
    super(attributes, context, next);
    this.joinedAt = context.clock.now();
    this.arm();
  }

  write(chunk: Buffer): void {
    if (!this.closed) this.next.write(chunk);
  }

  end(): void {
    if (!this.closed) this.next.end();
  }

  override update(attributes: LimitTimeAttributes): void {
    super.update(attributes);
    this.arm();
  }

  override dispose(): void {
    this.disarm();
  }

  override release(): void {
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    if (this.closed) return;
    const clock = this.context.clock;
    this.timer = clock.setTimeout(
      () => {
        this.timer = undefined;
        this.closeConnection();
      },
      Math.max(0, this.joinedAt + this.attributes.time - clock.now()),
    );
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    this.context.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export const limitTime: StreamToxicDefinition<LimitTimeAttributes> = {
  type: 'limit_time',
  layer: 'stream',
  defaults: LIMIT_TIME_DEFAULTS,
  read: readLimitTime,
  createStage: (attributes, context, next) => new LimitTimeStage(attributes, context, next),
};
