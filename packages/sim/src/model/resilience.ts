import { ConfigError, fromConfig } from '@faultline/core';
import type { Resilience } from './design.js';
import type { DesignIssue } from './errors.js';

/**
 * Checks a call's policy configs (`retry`, `timeout`, …) by building them with @faultline/core's
 * `fromConfig`, exactly as the simulator will; returns their issues, each at its full path in the
 * design (`services.a.calls[0].retry.maxAttempts`), so a design accepts exactly what core builds.
 */
export function checkResilience(resilience: Resilience, callPath: string): DesignIssue[] {
  try {
    fromConfig(resilience, { path: callPath });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    return [{ path: callPath, message: error instanceof Error ? error.message : String(error) }];
  }
}
