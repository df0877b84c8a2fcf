/**
 * Why a call failed, in the words the run result uses (DESIGN.md): the simulator and the
 * dashboards count failures under these codes.
 */
export type FailureCode = 'timeout' | 'rejected' | 'circuitOpen' | 'unavailable' | 'error';

/** Base class of every error Faultline raises itself; `code` is stable, `message` is for people. */
export class FaultlineError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A circuit breaker refused the call because it is open (or half-open with no probe slot left). */
export class BrokenCircuitError extends FaultlineError {
  /** How long until the breaker will admit a probe, when known. */
  readonly retryAfterMs: number | undefined;
  constructor(message = 'Circuit is open: the call was not attempted', retryAfterMs?: number) {
    super('circuitOpen', message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The circuit was opened by hand (`isolate()`) and stays open until released. */
export class IsolatedCircuitError extends BrokenCircuitError {
  constructor() {
    super('Circuit is isolated: it was opened by hand and refuses every call until released');
  }
}

/** A timeout policy gave up on a call at its deadline. */
export class TimeoutError extends FaultlineError {
  readonly timeoutMs: number;
  /** `cause`: what the call failed with after its deadline, when it failed on its own. */
  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super('timeout', `Call timed out after ${timeoutMs}ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** A bulkhead had no free slot and no room in its queue. */
export class BulkheadRejectedError extends FaultlineError {
  constructor(maxConcurrent: number, maxQueue: number) {
    super('rejected', `Bulkhead is full: ${maxConcurrent} calls running and ${maxQueue} queued`);
  }
}

/** A rate limiter refused the call. */
export class RateLimitedError extends FaultlineError {
  /** How long until the call would have been allowed. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('rejected', `Rate limit exceeded: retry after ${Math.ceil(retryAfterMs)}ms`);
    this.retryAfterMs = retryAfterMs;
  }
}

/** An adaptive concurrency limiter is at its current limit. */
export class ConcurrencyLimitedError extends FaultlineError {
  readonly limit: number;
  constructor(limit: number) {
    super('rejected', `Concurrency limit reached: ${limit} calls in flight`);
    this.limit = limit;
  }
}

/** One problem found in a configuration: where it is and what to do about it. */
export interface ConfigIssue {
  /** Dotted path from the root of what was validated, e.g. `services.orders.calls[0].timeout`. */
  readonly path: string;
  readonly message: string;
}

/** Configuration was rejected; `issues` lists every problem found, each naming its path. */
export class ConfigError extends FaultlineError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(
      'config',
      issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n'),
    );
    this.issues = issues;
  }
}

/** The failure code that a run result counts an error under. */
export function failureCodeOf(error: unknown): FailureCode {
  if (error instanceof FaultlineError) {
    const code = error.code;
    if (code === 'timeout' || code === 'rejected' || code === 'circuitOpen' || code === 'unavailable')
      return code;
  }
  return 'error';
}
