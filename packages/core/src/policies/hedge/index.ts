// Public exports of the hedge policy.
export { hedge, HedgePolicy } from './hedge.js';
export { HedgeKernel, type HedgeRace, type HedgeDecision } from './kernel.js';
export {
  resolveHedgeOptions,
  DEFAULT_MAX_HEDGED_ATTEMPTS,
  DEFAULT_HEDGE_ON_FAILURE,
  MAX_HEDGED_ATTEMPTS,
  type HedgeOptions,
  type HedgeDelayArgs,
  type HedgeDelayFunction,
  type ResolvedHedgeOptions,
} from './options.js';
export { HEDGE_EVENTS, type HedgeEvent, type HedgeTrigger } from './events.js';
