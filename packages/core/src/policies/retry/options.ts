import type { Clock } from '../../clock/index.js';
import type { Random } from '../../random/index.js';
import type { Duration } from '../../duration/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import { readBackoff, type BackoffConfig, type ResolvedBackoff } from '../../backoff/index.js';
import {
  Issues,
  childPath,
  readDuration,
  readFunction,
  readNumber,
  readObject,
  readString,
} from '../../config/validate.js';
import { readClock, readRandom } from '../../config/injected.js';
import {
  readErrorFilter,
  readResultPredicate,
  type ErrorFilter,
  type ErrorPredicate,
  type Outcome,
  type ResultPredicate,
} from '../../policy/outcome.js';

/** What a `delay` function receives: one object, so fields can be added later. */
export interface RetryDelayArgs {
  /** The attempt that just failed: 1 when the first attempt failed, so this is the delay before attempt 2. */
  readonly attempt: number;
  /** How that attempt ended. */
  readonly outcome: Outcome;
  /** The delay used before the attempt that just failed (0 before the first retry). */
  readonly previousDelay: number;
}

/** Computes the delay in ms before the next attempt; used instead of `backoff` (code only). */
export type RetryDelayFunction = (args: RetryDelayArgs) => number;

/**
 * A retry budget (Finagle, Linkerd): over a sliding `window`, retries are allowed only while
 * retries ≤ ratio × first attempts + minRetriesPerSecond × window in seconds.
 */
export interface RetryBudgetOptions {
  /** Retries allowed per first attempt over the window. Default 0.2: at most 20% extra load. */
  ratio?: number;
  /** Retries always allowed per second, so a quiet service can still retry. Default 10. */
  minRetriesPerSecond?: number;
  /** How far back the budget counts. Default 10s. */
  window?: Duration;
}

export interface RetryOptions extends CommonPolicyOptions {
  /** Total attempts including the first (resilience4j's meaning): 3 means up to 2 retries. Default 3. */
  maxAttempts?: number;
  /**
   * Which errors are retried: an Error class, an array of them, or a predicate. Default: every
   * error. An attempt that fails after the caller's own signal aborted is never retried.
   */
  handle?: ErrorFilter;
  /** Which results are retried as failures, e.g. `(response) => response.status === 503`. Default: none. */
  handleResult?: ResultPredicate;
  /** How long to wait between attempts. Default {@link DEFAULT_RETRY_BACKOFF}. */
  backoff?: BackoffConfig;
  /** Computes each delay instead of `backoff` (code only; set one or the other). */
  delay?: RetryDelayFunction;
  /** Caps every delay, whichever way it was computed. Default: no cap beyond the backoff's own `max`. */
  maxDelay?: Duration;
  /** Limits retries across all calls through this policy. Default: no budget. */
  budget?: RetryBudgetOptions;
  /** Where jitter is drawn from. Default Math.random; the simulator passes its seeded source. */
  random?: Random;
}

/** The default total number of attempts, including the first. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * The default backoff: exponential from 100ms, doubling, capped at 30s, with full jitter (the
 * AWS Architecture Blog's recommendation: clients that failed together do not retry together).
 */
export const DEFAULT_RETRY_BACKOFF: Readonly<ResolvedBackoff> = Object.freeze({
  type: 'exponential',
  initial: 100,
  max: 30_000,
  factor: 2,
  jitter: 'full',
});

/** Defaults of a retry budget, Finagle's: 20% extra load, 10 retries a second, over 10s. */
export const DEFAULT_RETRY_BUDGET: Readonly<ResolvedRetryBudget> = Object.freeze({
  ratio: 0.2,
  minRetriesPerSecond: 10,
  window: 10_000,
});

export interface ResolvedRetryBudget {
  readonly ratio: number;
  readonly minRetriesPerSecond: number;
  /** In ms. */
  readonly window: number;
}

export interface ResolvedRetryOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly random: Random;
  readonly maxAttempts: number;
  /** Undefined: every error is handled. */
  readonly handle: ErrorPredicate | undefined;
  readonly handleResult: ResultPredicate | undefined;
  /** Undefined exactly when `delay` is set. */
  readonly backoff: ResolvedBackoff | undefined;
  readonly delay: RetryDelayFunction | undefined;
  /** In ms; Infinity when not set. */
  readonly maxDelay: number;
  readonly budget: ResolvedRetryBudget | undefined;
}

const KNOWN = [
  'name',
  'clock',
  'random',
  'maxAttempts',
  'handle',
  'handleResult',
  'backoff',
  'delay',
  'maxDelay',
  'budget',
] as const;

/**
 * Validates retry options, from code or from a design file (where `path` names the place, e.g.
 * `services.gateway.calls[0].retry`), and throws one ConfigError listing every problem.
 */
export function resolveRetryOptions(options: unknown = {}, path = ''): ResolvedRetryOptions {
  const issues = new Issues();
  const record = readObject(options ?? {}, path, issues, KNOWN) ?? {};
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, 'retry');
  const clock = readClock(record, path, issues);
  const random = readRandom(record, path, issues);
  const maxAttempts = readNumber(record, 'maxAttempts', path, issues, DEFAULT_MAX_ATTEMPTS, {
    min: 1,
    integer: true,
  });
  const handle = readErrorFilter(record, 'handle', path, issues);
  const handleResult = readResultPredicate(record, 'handleResult', path, issues);
  const delay = readFunction<RetryDelayFunction>(record, 'delay', path, issues);
  let backoff: ResolvedBackoff | undefined;
  if (record.backoff !== undefined) {
    if (record.delay !== undefined)
      issues.add(childPath(path, 'delay'), 'set either backoff or delay, not both');
    backoff = readBackoff(record.backoff, childPath(path, 'backoff'), issues);
  } else if (record.delay === undefined) {
    backoff = DEFAULT_RETRY_BACKOFF;
  }
  const maxDelay = readDuration(record, 'maxDelay', path, issues, Number.POSITIVE_INFINITY);
  const budget = record.budget === undefined ? undefined : readBudget(record.budget, path, issues);
  issues.throwIfAny();
  return { name, clock, random, maxAttempts, handle, handleResult, backoff, delay, maxDelay, budget };
}

function readBudget(value: unknown, parent: string, issues: Issues): ResolvedRetryBudget | undefined {
  const path = childPath(parent, 'budget');
  const record = readObject(value, path, issues, ['ratio', 'minRetriesPerSecond', 'window']);
  if (!record) return undefined;
  const defaults = DEFAULT_RETRY_BUDGET;
  return {
    ratio: readNumber(record, 'ratio', path, issues, defaults.ratio, { min: 0 }),
    minRetriesPerSecond: readNumber(
      record,
      'minRetriesPerSecond',
      path,
      issues,
      defaults.minRetriesPerSecond,
      {
        min: 0,
      },
    ),
    window: readDuration(record, 'window', path, issues, defaults.window, { min: 1 }),
  };
}
