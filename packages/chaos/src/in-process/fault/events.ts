import type { ChaosInjectEvent } from '../injection/events.js';

/** A call failed with `fault` instead of running. */
export interface ChaosFaultEvent extends ChaosInjectEvent {
  readonly fault: Error;
}
