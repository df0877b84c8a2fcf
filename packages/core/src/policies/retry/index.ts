// Public exports of the retry policy.
export { retry, RetryPolicy } from './retry.js';
export { RetryKernel, type RetryDecision } from './kernel.js';
export { RetryBudget } from './budget.js';
export {
  resolveRetryOptions,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BACKOFF,
  DEFAULT_RETRY_BUDGET,
  type RetryOptions,
  type RetryBudgetOptions,
  type RetryDelayArgs,
  type RetryDelayFunction,
  type ResolvedRetryOptions,
  type ResolvedRetryBudget,
} from './options.js';
export {
  RETRY_EVENTS,
  type RetryEvent,
  type RetryGiveUpEvent,
  type RetryGiveUpReason,
  type RetrySuccessEvent,
} from './events.js';
