// Public exports of the timeout policy.
export { timeout, TimeoutPolicy } from './timeout.js';
export { TimeoutKernel } from './kernel.js';
export {
  resolveTimeoutOptions,
  DEFAULT_TIMEOUT_STRATEGY,
  TIMEOUT_STRATEGIES,
  type TimeoutOptions,
  type TimeoutStrategy,
  type ResolvedTimeoutOptions,
} from './options.js';
export { TIMEOUT_EVENTS, type TimeoutEvent } from './events.js';
