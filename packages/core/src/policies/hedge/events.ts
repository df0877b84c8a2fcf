/** Event names of the hedge policy, as they appear in the catch-all `onEvent` channel. */
export const HEDGE_EVENTS = {
  hedge: 'hedge',
} as const;

/** Why a hedged attempt started: no answer within the delay, or an attempt failed (`onFailure`). */
export type HedgeTrigger = 'delay' | 'failure';

/** A hedged attempt started, in parallel with the ones still in flight. */
export interface HedgeEvent {
  /** The attempt number it runs with (`context.attempt`): the first attempt's plus one per hedge. */
  readonly attempt: number;
  /** Which hedge of this call it is: 1 for the first. */
  readonly hedge: number;
  readonly trigger: HedgeTrigger;
}
