import type { ChaosInjectEvent } from '../injection/events.js';

/** A call answered with the fake `outcome` instead of running. */
export interface ChaosOutcomeEvent<R = unknown> extends ChaosInjectEvent {
  readonly outcome: R;
}
