export type { FailureCode, ConfigIssue } from './errors.js';
export {
  FaultlineError,
  BrokenCircuitError,
  IsolatedCircuitError,
  TimeoutError,
  BulkheadRejectedError,
  RateLimitedError,
  ConcurrencyLimitedError,
  ConfigError,
  failureCodeOf,
} from './errors.js';
