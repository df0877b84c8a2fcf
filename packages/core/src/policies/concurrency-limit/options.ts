import type { Clock } from '../../clock/index.js';
import type { Duration } from '../../duration/index.js';
import { ConfigError } from '../../errors/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import {
  Issues,
  childPath,
  readChoice,
  readDuration,
  readFunction,
  readNumber,
  readObject,
  readString,
} from '../../config/validate.js';
import { readClock } from '../../config/injected.js';

/**
 * The algorithms, both after Netflix's concurrency-limits:
 * - `aimd`: loss based (AIMDLimit): +1 while calls succeed near the limit, × `backoffRatio` on a drop
 *   or a call slower than `slowCallThreshold`;
 * - `gradient`: latency based (Gradient2Limit): shrinks when recent latency rises above its
 *   long-term average, grows by `headroom` while it does not.
 */
export type ConcurrencyLimitType = 'aimd' | 'gradient';

/** How a failed call counts: a `drop` (an overload signal: cut the limit), a normal `sample`, or `ignore`d. */
export type SampleKind = 'drop' | 'sample' | 'ignore';

/** What `classifyError` receives: one object, so fields can be added later. */
export interface ClassifyErrorArgs {
  readonly error: unknown;
}

/**
 * Decides how a failed call counts (code only). Default {@link defaultClassifyError}: timeouts,
 * rejections and unavailability are drops; other errors say nothing about load and are ignored.
 */
export type ClassifyError = (args: ClassifyErrorArgs) => SampleKind;

/**
 * How samples are grouped before the limit moves (Netflix's WindowedLimit): a window lasts twice
 * its fastest call, kept between `minTime` and `maxTime`, and counts only with `minSamples` calls.
 */
export interface SampleWindowOptions {
  /** Default {@link DEFAULT_SAMPLE_WINDOW}.minTime. */
  minTime?: Duration;
  /** Default {@link DEFAULT_SAMPLE_WINDOW}.maxTime. */
  maxTime?: Duration;
  /** Default {@link DEFAULT_SAMPLE_WINDOW}.minSamples. */
  minSamples?: number;
}

interface ConcurrencyLimitCommonOptions extends CommonPolicyOptions {
  /** The limit to start from. Default {@link DEFAULT_INITIAL_LIMIT} (within minLimit..maxLimit). */
  initialLimit?: number;
  /** The limit never goes below this. Default {@link DEFAULT_MIN_LIMIT}. */
  minLimit?: number;
  /** The limit never goes above this. Default {@link DEFAULT_MAX_LIMIT}. */
  maxLimit?: number;
  /** How samples are grouped before the limit moves. */
  window?: SampleWindowOptions;
  /** How a failed call counts (code only). Default {@link defaultClassifyError}. */
  classifyError?: ClassifyError;
}

/** Loss-based: additive increase, multiplicative decrease. */
export interface AimdLimitOptions extends ConcurrencyLimitCommonOptions {
  type: 'aimd';
  /** The limit is multiplied by this on a drop: from 0.5 up to (not including) 1. Default {@link DEFAULT_BACKOFF_RATIO}. */
  backoffRatio?: number;
  /** A window whose average call took longer than this counts as a drop. Default {@link DEFAULT_SLOW_CALL_THRESHOLD}. */
  slowCallThreshold?: Duration;
}

/** Latency-based: the gradient between long-term and recent latency. */
export interface GradientLimitOptions extends ConcurrencyLimitCommonOptions {
  type?: 'gradient';
  /** How far the limit moves toward each new estimate, from 0 (not at all) to 1. Default {@link DEFAULT_SMOOTHING}. */
  smoothing?: number;
  /** How much recent latency may exceed the long-term average, as a ratio ≥ 1, before the limit shrinks. Default {@link DEFAULT_RTT_TOLERANCE}. */
  rttTolerance?: number;
  /** How many calls the limit may grow past its estimate while latency holds (Netflix's queueSize). Default {@link DEFAULT_HEADROOM}. */
  headroom?: number;
  /** How many windows the long-term latency average spans. Default {@link DEFAULT_LONG_WINDOW}. */
  longWindow?: number;
}

export type ConcurrencyLimitOptions = AimdLimitOptions | GradientLimitOptions;

export const DEFAULT_INITIAL_LIMIT = 20;
/** Netflix uses 20; 1 lets the limit protect a dependency that can only take a few calls at once. */
export const DEFAULT_MIN_LIMIT = 1;
export const DEFAULT_MAX_LIMIT = 200;
/** Netflix's AIMDLimit default: a drop costs 10% of the limit. */
export const DEFAULT_BACKOFF_RATIO = 0.9;
/** Netflix's AIMDLimit default timeout. */
export const DEFAULT_SLOW_CALL_THRESHOLD = 5000;
/** Netflix's Gradient2Limit default. */
export const DEFAULT_SMOOTHING = 0.2;
/** 1, where Netflix uses 1.5: see the docs (with a tolerance the limit climbs under sustained load). */
export const DEFAULT_RTT_TOLERANCE = 1;
/** Netflix's Gradient2Limit default queueSize. */
export const DEFAULT_HEADROOM = 4;
/** Netflix's Gradient2Limit default longWindow. */
export const DEFAULT_LONG_WINDOW = 600;
/** Netflix's WindowedLimit uses 1s, 1s and 10; a shorter minimum lets a fast dependency's limit move sooner. */
export const DEFAULT_SAMPLE_WINDOW: Readonly<ResolvedSampleWindow> = Object.freeze({
  minTime: 100,
  maxTime: 1000,
  minSamples: 10,
});

export interface ResolvedSampleWindow {
  /** In ms. */
  readonly minTime: number;
  /** In ms. */
  readonly maxTime: number;
  readonly minSamples: number;
}

interface ResolvedCommon {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly initialLimit: number;
  readonly minLimit: number;
  readonly maxLimit: number;
  readonly window: ResolvedSampleWindow;
  readonly classifyError: ClassifyError;
}

export interface ResolvedAimdLimitOptions extends ResolvedCommon {
  readonly type: 'aimd';
  readonly backoffRatio: number;
  /** In ms. */
  readonly slowCallThreshold: number;
}

export interface ResolvedGradientLimitOptions extends ResolvedCommon {
  readonly type: 'gradient';
  readonly smoothing: number;
  readonly rttTolerance: number;
  readonly headroom: number;
  readonly longWindow: number;
}

export type ResolvedConcurrencyLimitOptions = ResolvedAimdLimitOptions | ResolvedGradientLimitOptions;

const DROP_CODES: ReadonlySet<unknown> = new Set(['timeout', 'rejected', 'unavailable']);

/**
 * The default `classifyError`: an error whose `code` says timeout, rejected or unavailable (every
 * Faultline policy error, and any error with such a code) is a drop; anything else is ignored.
 */
export const defaultClassifyError: ClassifyError = ({ error }) =>
  typeof error === 'object' && error !== null && DROP_CODES.has((error as { code?: unknown }).code)
    ? 'drop'
    : 'ignore';

const TYPES: readonly ConcurrencyLimitType[] = ['aimd', 'gradient'];
const COMMON = ['name', 'clock', 'type', 'initialLimit', 'minLimit', 'maxLimit', 'window', 'classifyError'];
const OWN: Record<ConcurrencyLimitType, readonly string[]> = {
  aimd: ['backoffRatio', 'slowCallThreshold'],
  gradient: ['smoothing', 'rttTolerance', 'headroom', 'longWindow'],
};
const KNOWN = [...COMMON, ...OWN.aimd, ...OWN.gradient];

/**
 * Validates concurrency limit options, from code or a design file (`path` names the place, e.g.
 * `services.gateway.calls[0].concurrencyLimit`), and throws one ConfigError listing every problem.
 */
export function resolveConcurrencyLimitOptions(
  options: unknown = {},
  path = '',
): ResolvedConcurrencyLimitOptions {
  const issues = new Issues();
  const record = readObject(options ?? {}, path, issues, KNOWN);
  if (record === undefined) throw new ConfigError(issues.list);
  const type = readChoice(record, 'type', path, issues, TYPES, 'gradient');
  const other: ConcurrencyLimitType = type === 'aimd' ? 'gradient' : 'aimd';
  for (const key of OWN[other])
    if (record[key] !== undefined)
      issues.add(
        childPath(path, key),
        `${key} is a ${other} option; ${type} takes ${OWN[type].join(', ')} (or set type: ${other})`,
      );
  const name =
    record.name === undefined ? undefined : readString(record, 'name', path, issues, 'concurrencyLimit');
  const clock = readClock(record, path, issues);
  const whole = { min: 1, integer: true };
  const minLimit = readNumber(record, 'minLimit', path, issues, DEFAULT_MIN_LIMIT, whole);
  const maxLimit = readNumber(record, 'maxLimit', path, issues, Math.max(DEFAULT_MAX_LIMIT, minLimit), whole);
  if (minLimit > maxLimit)
    issues.add(childPath(path, 'minLimit'), `expected at most maxLimit (${maxLimit}), got ${minLimit}`);
  const initialDefault = Math.min(maxLimit, Math.max(minLimit, DEFAULT_INITIAL_LIMIT));
  const initialLimit = readNumber(record, 'initialLimit', path, issues, initialDefault, whole);
  if (record.initialLimit === initialLimit && (initialLimit < minLimit || initialLimit > maxLimit))
    issues.add(
      childPath(path, 'initialLimit'),
      `expected a limit from minLimit (${minLimit}) to maxLimit (${maxLimit}), got ${initialLimit}`,
    );
  const window = readWindow(record.window, childPath(path, 'window'), issues);
  const classifyError =
    readFunction<ClassifyError>(record, 'classifyError', path, issues) ?? defaultClassifyError;
  const common = { name, clock, initialLimit, minLimit, maxLimit, window, classifyError };
  if (type === 'aimd') {
    const backoffRatio = readNumber(record, 'backoffRatio', path, issues, DEFAULT_BACKOFF_RATIO, {
      min: 0.5,
    });
    if (backoffRatio >= 1)
      issues.add(childPath(path, 'backoffRatio'), `expected a number ≥ 0.5 and < 1, got ${backoffRatio}`);
    const slowCallThreshold = readDuration(
      record,
      'slowCallThreshold',
      path,
      issues,
      DEFAULT_SLOW_CALL_THRESHOLD,
    );
    issues.throwIfAny();
    return { ...common, type, backoffRatio, slowCallThreshold };
  }
  const smoothing = readNumber(record, 'smoothing', path, issues, DEFAULT_SMOOTHING, {
    min: 0,
    exclusiveMin: true,
    max: 1,
  });
  const rttTolerance = readNumber(record, 'rttTolerance', path, issues, DEFAULT_RTT_TOLERANCE, { min: 1 });
  const headroom = readNumber(record, 'headroom', path, issues, DEFAULT_HEADROOM, { min: 0 });
  const longWindow = readNumber(record, 'longWindow', path, issues, DEFAULT_LONG_WINDOW, whole);
  issues.throwIfAny();
  return { ...common, type, smoothing, rttTolerance, headroom, longWindow };
}

function readWindow(value: unknown, path: string, issues: Issues): ResolvedSampleWindow {
  if (value === undefined) return DEFAULT_SAMPLE_WINDOW;
  const record = readObject(value, path, issues, ['minTime', 'maxTime', 'minSamples']);
  if (!record) return DEFAULT_SAMPLE_WINDOW;
  const defaults = DEFAULT_SAMPLE_WINDOW;
  const minTime = readDuration(record, 'minTime', path, issues, defaults.minTime);
  const maxTime = readDuration(record, 'maxTime', path, issues, Math.max(defaults.maxTime, minTime));
  if (minTime > maxTime)
    issues.add(childPath(path, 'minTime'), `expected at most maxTime (${maxTime}ms), got ${minTime}ms`);
  const minSamples = readNumber(record, 'minSamples', path, issues, defaults.minSamples, {
    min: 1,
    integer: true,
  });
  return { minTime, maxTime, minSamples };
}
