import { VirtualClock, seededRandom, type Random } from '@faultline/core';
import type { Outlet, StageContext, Stream } from '../link/stage.js';

/** What a stage under test delivered, with the virtual time of each delivery. */
export interface Delivery {
  readonly at: number;
  /** The bytes as a string, or undefined for the end of the stream. */
  readonly data: string | undefined;
}

/** A recording outlet and a stage context on a virtual clock: stage tests never sleep. */
export class StageHarness {
  readonly clock = new VirtualClock();
  readonly deliveries: Delivery[] = [];
  held = 0;
  closes = 0;
  resets = 0;
  readonly outlet: Outlet = {
    write: (chunk) => void this.deliveries.push({ at: this.clock.now(), data: chunk.toString('latin1') }),
    end: () => void this.deliveries.push({ at: this.clock.now(), data: undefined }),
  };

  constructor(
    private readonly options: { seed?: number; random?: Random; stream?: Stream; joinedLive?: boolean } = {},
  ) {}

  context(): StageContext {
    return {
      clock: this.clock,
      random: this.options.random ?? seededRandom(this.options.seed ?? 1),
      stream: this.options.stream ?? 'downstream',
      joinedLive: this.options.joinedLive ?? false,
      hold: (delta) => void (this.held += delta),
      close: () => void this.closes++,
      reset: () => void this.resets++,
    };
  }

  /** Everything delivered so far, concatenated. */
  get received(): string {
    return this.deliveries.map((d) => d.data ?? '').join('');
  }

  get ended(): boolean {
    return this.deliveries.some((d) => d.data === undefined);
  }
}

export function bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
