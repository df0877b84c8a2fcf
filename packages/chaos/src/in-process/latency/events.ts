import type { ChaosInjectEvent } from '../injection/events.js';

/** A call is held for `latency` ms before it runs (emitted when the wait starts, as Polly reports it). */
export interface ChaosLatencyEvent extends ChaosInjectEvent {
  readonly latency: number;
}
