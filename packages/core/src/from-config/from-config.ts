import type { Clock } from '../clock/index.js';
import { ConfigError } from '../errors/index.js';
import type { Random } from '../random/index.js';
import { Issues, childPath, readObject } from '../config/validate.js';
import type { Policy } from '../policy/index.js';
import { pipeline, type Pipeline } from '../policies/pipeline/index.js';
import { BulkheadPolicy, resolveBulkheadOptions } from '../policies/bulkhead/index.js';
import { CircuitBreakerPolicy, resolveCircuitBreakerOptions } from '../policies/circuit-breaker/index.js';
import {
  ConcurrencyLimitPolicy,
  resolveConcurrencyLimitOptions,
} from '../policies/concurrency-limit/index.js';
import { FallbackPolicy, resolveFallbackOptions } from '../policies/fallback/index.js';
import { HedgePolicy, resolveHedgeOptions } from '../policies/hedge/index.js';
import { RateLimiterPolicy, resolveRateLimiterOptions } from '../policies/rate-limiter/index.js';
import { RetryPolicy, resolveRetryOptions } from '../policies/retry/index.js';
import { TimeoutPolicy, resolveTimeoutOptions } from '../policies/timeout/index.js';

/**
 * The resilience keys of a call in the design file, outermost first: the order a pipeline built
 * from them runs in (resilience4j's decorator order, DESIGN.md). A hedge launches its parallel
 * attempts inside the retry; the adaptive concurrency limit sits innermost, next to the call, so
 * the round trips it learns from are the dependency's own.
 */
export const RESILIENCE_ORDER = [
  'fallback',
  'retry',
  'hedge',
  'circuitBreaker',
  'rateLimiter',
  'timeout',
  'concurrencyLimit',
  'bulkhead',
] as const;

export type ResilienceKey = (typeof RESILIENCE_ORDER)[number];

/** A call's resilience config as written in the design file (each value is that policy's options). */
export type ResilienceConfig = Partial<Record<ResilienceKey, unknown>>;

/** The policies of a pipeline built by `fromConfig`, by key, so a driver can reach each kernel. */
export interface ResilienceParts {
  fallback?: FallbackPolicy;
  retry?: RetryPolicy;
  hedge?: HedgePolicy;
  circuitBreaker?: CircuitBreakerPolicy;
  rateLimiter?: RateLimiterPolicy;
  timeout?: TimeoutPolicy;
  concurrencyLimit?: ConcurrencyLimitPolicy;
  bulkhead?: BulkheadPolicy;
}

export interface ResiliencePipeline extends Pipeline {
  /** Each configured policy by its key; absent keys were not configured. */
  readonly parts: Readonly<ResilienceParts>;
}

export interface FromConfigOptions {
  /** The clock every policy reads and sets timers on: the simulator passes its own. */
  clock?: Clock;
  /** Where jitter and other draws come from: the simulator passes a seeded stream. */
  random?: Random;
  /** Names the pipeline; each policy is named `<name>.<key>`. */
  name?: string;
  /** Where this config sits in a larger document, for error paths (e.g. `services.orders.calls[0]`). */
  path?: string;
}

// Which policies draw random numbers (and so accept a `random` option).
const DRAWS_RANDOM: ReadonlySet<ResilienceKey> = new Set(['retry', 'circuitBreaker']);

type Build = (options: unknown, path: string) => Policy;

const BUILDERS: { readonly [K in ResilienceKey]: Build } = {
  fallback: (options, path) => new FallbackPolicy(resolveFallbackOptions(options, path)),
  retry: (options, path) => new RetryPolicy(resolveRetryOptions(options, path)),
  hedge: (options, path) => new HedgePolicy(resolveHedgeOptions(options, path)),
  circuitBreaker: (options, path) => new CircuitBreakerPolicy(resolveCircuitBreakerOptions(options, path)),
  rateLimiter: (options, path) => new RateLimiterPolicy(resolveRateLimiterOptions(options, path)),
  timeout: (options, path) => new TimeoutPolicy(resolveTimeoutOptions(options, path)),
  concurrencyLimit: (options, path) =>
    new ConcurrencyLimitPolicy(resolveConcurrencyLimitOptions(options, path)),
  bulkhead: (options, path) => new BulkheadPolicy(resolveBulkheadOptions(options, path)),
};

/**
 * Builds a pipeline from the resilience keys of a call in the design file, in the documented
 * order, on the given clock and random source. Every mistake is reported at once, each with
 * its path (`services.orders.calls[0].retry.maxAttempts: expected a whole number ≥ 1, got 0`).
 * Keys other than the resilience keys are refused, so pass only the resilience part of a call.
 */
export function fromConfig(config: unknown, options: FromConfigOptions = {}): ResiliencePipeline {
  const path = options.path ?? '';
  const issues = new Issues();
  const record = readObject(config ?? {}, path, issues, RESILIENCE_ORDER);
  const parts: ResilienceParts = {};
  const policies: Policy[] = [];
  if (record) {
    for (const key of RESILIENCE_ORDER) {
      const raw = record[key];
      if (raw === undefined) continue;
      try {
        const policy = BUILDERS[key](withInjected(key, raw, options), childPath(path, key));
        (parts as Record<ResilienceKey, Policy>)[key] = policy;
        policies.push(policy);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const issue of error.issues) issues.add(issue.path, issue.message);
      }
    }
  }
  issues.throwIfAny();
  const built = pipeline({ name: options.name ?? 'pipeline' }, ...policies) as ResiliencePipeline;
  return Object.assign(built, { parts: Object.freeze(parts) });
}

/** Adds the code-only options (name, clock, random) to one policy's config. */
function withInjected(key: ResilienceKey, raw: unknown, options: FromConfigOptions): unknown {
  const injected: Record<string, unknown> = {};
  if (options.clock) injected.clock = options.clock;
  if (options.random && DRAWS_RANDOM.has(key)) injected.random = options.random;
  if (options.name) injected.name = `${options.name}.${key}`;
  if (Object.keys(injected).length === 0) return raw;
  // A timeout may be a bare duration ("1s"): its object form names it `duration`.
  if (key === 'timeout' && (typeof raw === 'string' || typeof raw === 'number'))
    return { duration: raw, ...injected };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  for (const name of Object.keys(injected)) {
    if (name in raw) return raw; // the resolver reports a code-only option given in config
  }
  return { ...raw, ...injected };
}
