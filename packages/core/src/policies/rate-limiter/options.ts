import type { Clock } from '../../clock/index.js';
import type { Duration } from '../../duration/index.js';
import { ConfigError } from '../../errors/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import {
  Issues,
  childPath,
  describe,
  readChoice,
  readDuration,
  readNumber,
  readObject,
  readString,
} from '../../config/validate.js';
import { readClock } from '../../config/injected.js';

/**
 * What happens to a call that finds no permit:
 * - `reject`: it rejects at once with RateLimitedError (its `retryAfterMs` says when to retry);
 * - `wait`: it waits, first in first out, until a permit is its turn, if that is within
 *   `maxWait`; otherwise it rejects at once.
 */
export type RateLimitMode = 'reject' | 'wait';

/** The algorithms: a token bucket (bursts up to `burst`), or an exact sliding window (a log of the last `limit` permits). */
export type RateLimiterType = 'token-bucket' | 'sliding-window';

interface RateLimiterCommonOptions extends CommonPolicyOptions {
  /** What happens to a call that finds no permit. Default {@link DEFAULT_RATE_LIMIT_MODE}. */
  mode?: RateLimitMode;
  /** In `wait` mode, the longest a call may wait for its permit. Default: one `per` (or one `window`). */
  maxWait?: Duration;
}

/** A token bucket: `rate` permits every `per`, saved up to `burst` while idle. */
export interface TokenBucketOptions extends RateLimiterCommonOptions {
  type?: 'token-bucket';
  /** Permits added every `per`. Required; above 0 (fractions allowed: 0.5 per 1s is one every 2s). */
  rate: number;
  /** The period `rate` is counted over, like "1s" or "1m". Default {@link DEFAULT_RATE_PERIOD}. */
  per?: Duration;
  /** The most permits saved up, i.e. the largest burst. Default: `rate` (at least 1). */
  burst?: number;
}

/** A sliding window: at most `limit` permits in any `window`, exactly. */
export interface SlidingWindowOptions extends RateLimiterCommonOptions {
  type: 'sliding-window';
  /** Permits in any window. Required; a whole number from 1 to {@link MAX_SLIDING_WINDOW_LIMIT}. */
  limit: number;
  /** How long the window is, like "1s". Default {@link DEFAULT_RATE_PERIOD}. */
  window?: Duration;
}

export type RateLimiterOptions = TokenBucketOptions | SlidingWindowOptions;

/** The default mode: reject, so an overloaded caller fails fast and sheds load. */
export const DEFAULT_RATE_LIMIT_MODE: RateLimitMode = 'reject';
/** The default period of a token bucket (`per`) and length of a sliding window (`window`): 1s. */
export const DEFAULT_RATE_PERIOD = 1000;
/** The largest sliding-window `limit`: the log takes 8 bytes per permit, so this is 8 MB. */
export const MAX_SLIDING_WINDOW_LIMIT = 1_000_000;

interface ResolvedCommon {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly mode: RateLimitMode;
  /** In ms; 0 in reject mode. */
  readonly maxWait: number;
}

export interface ResolvedTokenBucketOptions extends ResolvedCommon {
  readonly type: 'token-bucket';
  readonly rate: number;
  /** In ms. */
  readonly per: number;
  readonly burst: number;
}

export interface ResolvedSlidingWindowOptions extends ResolvedCommon {
  readonly type: 'sliding-window';
  readonly limit: number;
  /** In ms. */
  readonly window: number;
}

export type ResolvedRateLimiterOptions = ResolvedTokenBucketOptions | ResolvedSlidingWindowOptions;

const TYPES: readonly RateLimiterType[] = ['token-bucket', 'sliding-window'];
const MODES: readonly RateLimitMode[] = ['reject', 'wait'];
const COMMON = ['name', 'clock', 'type', 'mode', 'maxWait'] as const;
const OWN: Record<RateLimiterType, readonly string[]> = {
  'token-bucket': ['rate', 'per', 'burst'],
  'sliding-window': ['limit', 'window'],
};
const KNOWN = [...COMMON, ...OWN['token-bucket'], ...OWN['sliding-window']];

/**
 * Validates rate limiter options, from code or a design file (`path` names the place, e.g.
 * `services.gateway.calls[0].rateLimiter`), and throws one ConfigError listing every problem.
 */
export function resolveRateLimiterOptions(options: unknown, path = ''): ResolvedRateLimiterOptions {
  const issues = new Issues();
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    readObject(options, path, issues, []);
    throw new ConfigError(issues.list);
  }
  const type = readChoice(options as Record<string, unknown>, 'type', path, issues, TYPES, 'token-bucket');
  const record = readObject(options, path, issues, KNOWN)!;
  const other: RateLimiterType = type === 'token-bucket' ? 'sliding-window' : 'token-bucket';
  for (const key of OWN[other])
    if (record[key] !== undefined)
      issues.add(
        childPath(path, key),
        `${key} is a ${other} option; a ${type} takes ${OWN[type].join(', ')} (or set type: ${other})`,
      );
  const name =
    record.name === undefined ? undefined : readString(record, 'name', path, issues, 'rateLimiter');
  const clock = readClock(record, path, issues);
  const mode = readChoice(record, 'mode', path, issues, MODES, DEFAULT_RATE_LIMIT_MODE);
  if (type === 'token-bucket') {
    requireKey(record, 'rate', path, issues, 'how many permits every `per`, like 100');
    const rate = readNumber(record, 'rate', path, issues, 1, { min: 0, exclusiveMin: true });
    const per = readPeriod(record, 'per', path, issues);
    const burst = readNumber(record, 'burst', path, issues, Math.max(1, rate), { min: 1 });
    const maxWait = readMaxWait(record, mode, per, path, issues);
    issues.throwIfAny();
    return { name, clock, type, mode, maxWait, rate, per, burst };
  }
  requireKey(record, 'limit', path, issues, 'how many permits in any window, like 100');
  const limit = readNumber(record, 'limit', path, issues, 1, {
    min: 1,
    max: MAX_SLIDING_WINDOW_LIMIT,
    integer: true,
  });
  const window = readPeriod(record, 'window', path, issues);
  const maxWait = readMaxWait(record, mode, window, path, issues);
  issues.throwIfAny();
  return { name, clock, type, mode, maxWait, limit, window };
}

function readMaxWait(
  record: Record<string, unknown>,
  mode: RateLimitMode,
  period: number,
  path: string,
  issues: Issues,
): number {
  if (mode === 'reject') {
    if (record.maxWait !== undefined && record.mode === undefined)
      issues.add(
        childPath(path, 'maxWait'),
        'maxWait applies to waiting calls: add mode: wait, or remove maxWait',
      );
    else if (record.maxWait !== undefined)
      issues.add(
        childPath(path, 'maxWait'),
        'maxWait applies to mode: wait; with mode: reject no call waits',
      );
    return 0;
  }
  return readDuration(record, 'maxWait', path, issues, period);
}

/** Reads `per` or `window`: a duration above 0 (a zero period would mean an infinite rate). */
function readPeriod(record: Record<string, unknown>, key: string, path: string, issues: Issues): number {
  const period = readDuration(record, key, path, issues, DEFAULT_RATE_PERIOD);
  if (period > 0) return period;
  issues.add(
    childPath(path, key),
    `expected a duration greater than 0, like "1s", got ${describe(record[key])}`,
  );
  return DEFAULT_RATE_PERIOD;
}

function requireKey(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  what: string,
): void {
  if (record[key] === undefined) issues.add(childPath(path, key), `required: ${what}`);
}
