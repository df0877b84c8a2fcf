import type { Clock } from '../../clock/index.js';
import { systemClock } from '../../clock/index.js';
import {
  Issues,
  childPath,
  describe,
  readDuration,
  readNumber,
  readObject,
  readString,
} from '../../config/index.js';
import { readBackoff, type BackoffConfig, type ResolvedBackoff } from '../../backoff/index.js';
import type { Duration } from '../../duration/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import { mathRandom, type Random } from '../../random/index.js';
import { readAdaptive, type CircuitAdaptiveOptions, type ResolvedCircuitAdaptive } from './adaptive.js';
// The same `handle` / `handleResult` rules as retry, so one filter means the same in every policy.
import {
  readErrorFilter,
  readResultPredicate,
  type ErrorFilter,
  type ErrorPredicate,
  type ResultPredicate,
} from '../../policy/outcome.js';
import { readSnapshot, type CircuitBreakerSnapshot } from './snapshot.js';
import type { CircuitStateStore } from './store.js';
import { readWindow } from './windows/create.js';
import type { ResolvedCircuitWindow, CircuitWindowConfig } from './windows/window.js';

/**
 * Options of `circuitBreaker(...)`. The keys that take plain data are exactly the
 * `circuitBreaker` keys of a call in the design file; functions and objects with behaviour
 * (clock, random, handle, handleResult, adaptive.loadSignal, store) are for code only.
 */
export interface CircuitBreakerOptions extends CommonPolicyOptions {
  /** Where openFor jitter is drawn from. Default: Math.random. */
  random?: Random;
  /** What the breaker remembers. Default `{ type: count, size: 20 }`. */
  window?: CircuitWindowConfig;
  /** Percent of failed calls in the window at which the breaker opens (count and time windows). Default 50. */
  failureRateThreshold?: number;
  /** A call that takes longer than this counts as slow. Default: none (no call is slow). */
  slowCallThreshold?: Duration;
  /** Percent of slow calls in the window at which the breaker opens (count and time windows). Default 100. */
  slowCallRateThreshold?: number;
  /** Calls the window must hold before a rate can open the breaker. Default 10 (at most the count window's size). */
  minimumCalls?: number;
  /** How long the breaker stays open before admitting probes: a duration, or a backoff so that repeated openings wait longer. Default 5s. */
  openFor?: Duration | BackoffConfig;
  /** Probes admitted while half-open; all must succeed for the breaker to close. Default 1. */
  halfOpenCalls?: number;
  /** Which errors count as failures: an Error class, a list of them, or `(error) => boolean`. Default: every error. Others count as neither success nor failure. */
  handle?: ErrorFilter;
  /** Results that count as failures although the call returned (the caller still gets the result). */
  handleResult?: ResultPredicate;
  /** Tightens the thresholds as load rises. */
  adaptive?: CircuitAdaptiveOptions;
  /** State to start from, e.g. a `toJSON()` saved before a restart. A store's saved state wins over it. */
  initialState?: CircuitBreakerSnapshot;
  /** Keeps the state under the breaker's `name`, and adopts what other instances save there. */
  store?: CircuitStateStore;
}

export const DEFAULT_BREAKER_WINDOW: ResolvedCircuitWindow = Object.freeze({ type: 'count', size: 20 });
export const DEFAULT_FAILURE_RATE_THRESHOLD = 50;
export const DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;
export const DEFAULT_MINIMUM_CALLS = 10;
export const DEFAULT_OPEN_FOR_MS = 5000;
export const DEFAULT_HALF_OPEN_CALLS = 1;

/** Options with defaults filled in and durations in milliseconds: what the kernel and driver use. */
export interface ResolvedCircuitBreakerOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly random: Random;
  readonly window: ResolvedCircuitWindow;
  readonly failureRateThreshold: number;
  /** Undefined when no call counts as slow. */
  readonly slowCallThreshold: number | undefined;
  readonly slowCallRateThreshold: number;
  readonly minimumCalls: number;
  /** openFor as a backoff (a constant duration becomes a constant backoff). */
  readonly openFor: ResolvedBackoff;
  readonly halfOpenCalls: number;
  /** Whether an error counts as a failure. */
  readonly handle: ErrorPredicate;
  readonly handleResult: ResultPredicate | undefined;
  readonly adaptive: ResolvedCircuitAdaptive | undefined;
  readonly initialState: CircuitBreakerSnapshot | undefined;
  readonly store: CircuitStateStore | undefined;
}

const KEYS = [
  'name',
  'clock',
  'random',
  'window',
  'failureRateThreshold',
  'slowCallThreshold',
  'slowCallRateThreshold',
  'minimumCalls',
  'openFor',
  'halfOpenCalls',
  'handle',
  'handleResult',
  'adaptive',
  'initialState',
  'store',
];

/** Without `handle`, every error counts as a failure. */
const handleAll: ErrorPredicate = () => true;

const RATE_ONLY = ['failureRateThreshold', 'slowCallRateThreshold', 'minimumCalls'] as const;
const PERCENT = { min: 0, max: 100, exclusiveMin: true } as const;

/**
 * Validates circuit breaker options (from code or from a design file), collecting every
 * problem with its path, and throws one ConfigError listing them all.
 */
export function resolveCircuitBreakerOptions(
  options: unknown = {},
  path = '',
): ResolvedCircuitBreakerOptions {
  const issues = new Issues();
  const record = readObject(options ?? {}, path, issues, KEYS) ?? {};

  const name =
    record.name === undefined ? undefined : readString(record, 'name', path, issues, 'circuitBreaker');
  const clock =
    readBehaviour<Clock>(record, 'clock', path, issues, ['now', 'setTimeout', 'clearTimeout']) ?? systemClock;
  const random = readBehaviour<Random>(record, 'random', path, issues, ['next']) ?? mathRandom;
  const store = readBehaviour<CircuitStateStore>(record, 'store', path, issues, ['load', 'save']);

  const window =
    record.window === undefined
      ? DEFAULT_BREAKER_WINDOW
      : readWindow(record.window, childPath(path, 'window'), issues);
  const consecutive = window?.type === 'consecutive';
  if (consecutive) {
    for (const key of RATE_ONLY)
      if (record[key] !== undefined)
        issues.add(
          childPath(path, key),
          'applies to count and time windows; a consecutive window opens after window.failures failures in a row',
        );
  }
  const failureRateThreshold = readNumber(
    record,
    'failureRateThreshold',
    path,
    issues,
    DEFAULT_FAILURE_RATE_THRESHOLD,
    PERCENT,
  );
  const slowCallRateThreshold = readNumber(
    record,
    'slowCallRateThreshold',
    path,
    issues,
    DEFAULT_SLOW_CALL_RATE_THRESHOLD,
    PERCENT,
  );
  const slowCallThreshold =
    record.slowCallThreshold === undefined
      ? undefined
      : readDuration(record, 'slowCallThreshold', path, issues, 0);
  const minimumCalls = readMinimumCalls(record, path, issues, window);

  let openFor: ResolvedBackoff = { type: 'constant', delay: DEFAULT_OPEN_FOR_MS };
  if (typeof record.openFor === 'object' && record.openFor !== null) {
    openFor = readBackoff(record.openFor, childPath(path, 'openFor'), issues) ?? openFor;
  } else if (record.openFor !== undefined) {
    openFor = { type: 'constant', delay: readDuration(record, 'openFor', path, issues, DEFAULT_OPEN_FOR_MS) };
  }
  const halfOpenCalls = readNumber(record, 'halfOpenCalls', path, issues, DEFAULT_HALF_OPEN_CALLS, {
    min: 1,
    integer: true,
  });

  const handle = readErrorFilter(record, 'handle', path, issues) ?? handleAll;
  const handleResult = readResultPredicate(record, 'handleResult', path, issues);
  const adaptive =
    record.adaptive === undefined
      ? undefined
      : readAdaptive(record.adaptive, childPath(path, 'adaptive'), issues, {
          failureRateThreshold,
          slowCallRateThreshold,
          consecutiveFailures: window?.type === 'consecutive' ? window.failures : undefined,
        });
  const initialState =
    record.initialState === undefined
      ? undefined
      : readSnapshot(record.initialState, childPath(path, 'initialState'), issues);

  issues.throwIfAny();
  return {
    name,
    clock,
    random,
    window: window!,
    failureRateThreshold,
    slowCallThreshold,
    slowCallRateThreshold,
    minimumCalls,
    openFor,
    halfOpenCalls,
    handle,
    handleResult,
    adaptive,
    initialState,
    store,
  };
}

function readMinimumCalls(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
  window: ResolvedCircuitWindow | undefined,
): number {
  const size = window?.type === 'count' ? window.size : Number.POSITIVE_INFINITY;
  const minimumCalls = readNumber(
    record,
    'minimumCalls',
    path,
    issues,
    Math.min(DEFAULT_MINIMUM_CALLS, size),
    {
      min: 1,
      integer: true,
    },
  );
  if (record.minimumCalls !== undefined && minimumCalls > size)
    issues.add(
      childPath(path, 'minimumCalls'),
      `must be at most window.size (${size}): the window never holds more calls than that, got ${minimumCalls}`,
    );
  return minimumCalls;
}

/** Reads an object that must have the given methods (clock, random, store): code-only options. */
function readBehaviour<T>(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  methods: readonly string[],
): T | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function')
  )
    return value as T;
  issues.add(
    childPath(path, key),
    `expected an object with methods ${methods.join(', ')} (given in code, not in a config file), got ${describe(value)}`,
  );
  return undefined;
}
