import { Issues, childPath, describe, readObject, toMilliseconds, type Duration } from '@faultline/core';
import {
  CHAOS_OPTION_KEYS,
  readChaosOptions,
  type ChaosArgs,
  type ChaosOptions,
  type ResolvedChaosOptions,
} from '../injection/options.js';

/** Decides the latency of one call: a duration ("250ms") or a number of ms; 0 or less injects nothing. */
export type LatencyFunction = (args: ChaosArgs) => Duration;

export interface ChaosLatencyOptions extends ChaosOptions {
  /** How long a chosen call is held before it runs, or a function deciding it per call. Default 30s (Polly's). */
  latency?: Duration | LatencyFunction;
}

export interface ResolvedChaosLatencyOptions extends ResolvedChaosOptions {
  /** Milliseconds, or the per-call function. */
  readonly latency: number | LatencyFunction;
}

/** Polly's default latency: long enough to trip any sensible timeout. */
export const DEFAULT_CHAOS_LATENCY_MS = 30_000;

/** The longest wait a Node timer honours (about 24.8 days). */
export const MAX_CHAOS_LATENCY_MS = 2_147_483_647;

const KNOWN = [...CHAOS_OPTION_KEYS, 'latency'] as const;

/** Reads latency chaos options from `record` into `issues`; see {@link resolveChaosLatencyOptions}. */
export function readChaosLatencyOptions(
  options: unknown,
  path: string,
  issues: Issues,
): ResolvedChaosLatencyOptions {
  const record = readObject(options ?? {}, path, issues, KNOWN) ?? {};
  const common = readChaosOptions(record, path, issues, 'chaosLatency');
  return { ...common, latency: readLatency(record, path, issues) };
}

/**
 * Validates latency chaos options, from code or config (where `path` names the place), and
 * throws one ConfigError listing every problem.
 */
export function resolveChaosLatencyOptions(options: unknown = {}, path = ''): ResolvedChaosLatencyOptions {
  const issues = new Issues();
  const resolved = readChaosLatencyOptions(options, path, issues);
  issues.throwIfAny();
  return resolved;
}

function readLatency(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
): number | LatencyFunction {
  const value = record.latency;
  if (value === undefined) return DEFAULT_CHAOS_LATENCY_MS;
  if (typeof value === 'function') return value as LatencyFunction;
  const ms = toMilliseconds(value);
  if (ms !== undefined && ms <= MAX_CHAOS_LATENCY_MS) return ms;
  issues.add(
    childPath(path, 'latency'),
    ms === undefined
      ? `expected a duration like "200ms" or a function ({ context }) => duration, got ${describe(value)}`
      : `expected a duration of at most ${MAX_CHAOS_LATENCY_MS}ms (the longest timer Node honours), got ${describe(value)}`,
  );
  return DEFAULT_CHAOS_LATENCY_MS;
}
