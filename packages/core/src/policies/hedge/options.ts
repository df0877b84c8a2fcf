import type { Clock } from '../../clock/index.js';
import type { Duration } from '../../duration/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import {
  Issues,
  childPath,
  describe,
  readBoolean,
  readDuration,
  readNumber,
  readObject,
  readString,
} from '../../config/validate.js';
import { readClock } from '../../config/index.js';
import { readErrorFilter, type ErrorFilter, type ErrorPredicate } from '../../policy/outcome.js';

/** What a `delay` function receives: one object, so fields can be added later. */
export interface HedgeDelayArgs {
  /** The attempt about to be started, counted within this call: 2 for the first hedge. */
  readonly attempt: number;
}

/**
 * Computes how long to wait for a result before starting attempt `attempt` (code only): ms or a
 * duration string, or Infinity to start it only when an attempt fails (with `onFailure`).
 */
export type HedgeDelayFunction = (args: HedgeDelayArgs) => Duration;

export interface HedgeOptions extends CommonPolicyOptions {
  /**
   * How long to wait for a result before starting the next attempt in parallel: ms, a string like
   * "50ms", or a function of the attempt (code only). 0 starts every attempt at once. Required.
   */
  delay: Duration | HedgeDelayFunction;
  /** Attempts beyond the first: 1 means at most two in flight. Default {@link DEFAULT_MAX_HEDGED_ATTEMPTS}. */
  maxHedgedAttempts?: number;
  /**
   * Start the next attempt at once when one fails with a handled error (Polly's fallback mode),
   * rather than only after `delay`. Default false: a hedge acts on slowness only, and failures
   * are left to the retry around it.
   */
  onFailure?: boolean;
  /**
   * Which errors are failures the hedge waits out (an Error class, a list, or a predicate). Any
   * other error ends the call at once, as the answer. Default: every error.
   */
  handle?: ErrorFilter;
}

/** The default number of attempts beyond the first. */
export const DEFAULT_MAX_HEDGED_ATTEMPTS = 1;

/** The most hedged attempts allowed: each one is extra load on a service that is already slow. */
export const MAX_HEDGED_ATTEMPTS = 10;

/** By default a failure does not start a hedge: see {@link HedgeOptions.onFailure}. */
export const DEFAULT_HEDGE_ON_FAILURE = false;

export interface ResolvedHedgeOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  /** In ms, or the function that computes it. */
  readonly delay: number | HedgeDelayFunction;
  readonly maxHedgedAttempts: number;
  readonly onFailure: boolean;
  /** Undefined: every error is handled. */
  readonly handle: ErrorPredicate | undefined;
}

const KNOWN = ['name', 'clock', 'delay', 'maxHedgedAttempts', 'onFailure', 'handle'] as const;

/**
 * Validates hedge options, from code or a design file (where `path` names the place, e.g.
 * `services.gateway.calls[0].hedge`), and throws one ConfigError listing every problem.
 */
export function resolveHedgeOptions(options: unknown, path = ''): ResolvedHedgeOptions {
  const issues = new Issues();
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    issues.add(
      path,
      `expected options like { delay: "50ms", maxHedgedAttempts: 1 }, got ${describe(options)}`,
    );
    issues.throwIfAny();
  }
  const record = readObject(options, path, issues, KNOWN) ?? {};
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, 'hedge');
  const clock = readClock(record, path, issues);
  let delay: number | HedgeDelayFunction = 0;
  if (record.delay === undefined)
    issues.add(
      childPath(path, 'delay'),
      'required: how long to wait for a result before starting the next attempt, like "50ms"',
    );
  else if (typeof record.delay === 'function') delay = record.delay as HedgeDelayFunction;
  else delay = readDuration(record, 'delay', path, issues, 0);
  const maxHedgedAttempts = readNumber(
    record,
    'maxHedgedAttempts',
    path,
    issues,
    DEFAULT_MAX_HEDGED_ATTEMPTS,
    { min: 0, max: MAX_HEDGED_ATTEMPTS, integer: true },
  );
  const onFailure = readBoolean(record, 'onFailure', path, issues, DEFAULT_HEDGE_ON_FAILURE);
  const handle = readErrorFilter(record, 'handle', path, issues);
  issues.throwIfAny();
  return { name, clock, delay, maxHedgedAttempts, onFailure, handle };
}
