import { describe, Issues } from '@faultline/core';

/**
 * What the server refuses to take on, each with a default and an error that names it
 * (DESIGN.md, "Errors, input and safety"). The design model has wider limits of its own
 * (@faultline/sim's DESIGN_LIMITS); these are what one studio server agrees to run.
 */
export interface ServerLimits {
  /** Largest request body, bytes: 413 `body_too_large` past it. */
  readonly bodyBytes: number;
  /** Services in one design: 422 past it. */
  readonly services: number;
  /** Calls in one design, every service's counted together: 422 past it. */
  readonly calls: number;
  /** Simulated time of one run (a design's `duration`, or a run's): 422 past it. */
  readonly durationMs: number;
  /** Runs queued or running at once, in this server: 429 past it. */
  readonly runs: number;
  /** Live sessions running or paused at once, in this server: 429 past it. */
  readonly liveSessions: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = Object.freeze({
  bodyBytes: 1024 * 1024,
  services: 100,
  calls: 1000,
  durationMs: 60 * 60 * 1000,
  runs: 32,
  liveSessions: 4,
});

/** The defaults with `overrides` applied, each checked: a ConfigError names every bad one. */
export function readLimits(overrides: Partial<ServerLimits> | undefined): ServerLimits {
  const issues = new Issues();
  const limits: Record<string, number> = { ...DEFAULT_SERVER_LIMITS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!(key in DEFAULT_SERVER_LIMITS)) {
      issues.add(`limits.${key}`, `unknown limit (known: ${Object.keys(DEFAULT_SERVER_LIMITS).join(', ')})`);
    } else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      issues.add(`limits.${key}`, `expected a whole number ≥ 1, got ${describe(value)}`);
    } else {
      limits[key] = value;
    }
  }
  issues.throwIfAny();
  return Object.freeze(limits) as unknown as ServerLimits;
}
