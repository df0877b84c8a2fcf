import {
  ConfigError,
  childPath,
  resolveBulkheadOptions,
  resolveCircuitBreakerOptions,
  resolveFallbackOptions,
  resolveHedgeOptions,
  resolveRetryOptions,
  resolveTimeoutOptions,
} from '@faultline/core';
import { RESILIENCE_KEYS, type Resilience, type ResilienceKey } from './design.js';
import type { DesignIssue } from './errors.js';

/** A core resolver: validates one policy's config, throwing ConfigError with every issue at `path`. */
type Resolver = (options: unknown, path: string) => unknown;

// @faultline/core's own resolvers, so a design accepts exactly what core's `fromConfig` builds
// from and words its mistakes the same way. A key without a resolver is carried through unchecked.
const resolvers: { readonly [K in ResilienceKey]?: Resolver } = {
  fallback: resolveFallbackOptions,
  retry: resolveRetryOptions,
  hedge: resolveHedgeOptions,
  circuitBreaker: resolveCircuitBreakerOptions,
  timeout: resolveTimeoutOptions,
  bulkhead: resolveBulkheadOptions,
};

/**
 * Checks a call's policy configs (`retry`, `timeout`, …) with @faultline/core's resolvers; returns
 * their issues, each at its full path in the design (`services.a.calls[0].retry.maxAttempts`).
 */
export function checkResilience(resilience: Resilience, callPath: string): DesignIssue[] {
  const issues: DesignIssue[] = [];
  for (const key of RESILIENCE_KEYS) {
    const options = resilience[key];
    const resolve = resolvers[key];
    if (options === undefined || resolve === undefined) continue;
    const path = childPath(callPath, key);
    try {
      resolve(options, path);
    } catch (error) {
      if (error instanceof ConfigError) issues.push(...error.issues);
      else issues.push({ path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return issues;
}
