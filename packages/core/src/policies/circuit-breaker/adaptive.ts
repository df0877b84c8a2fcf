import type { Issues } from '../../config/index.js';
import { childPath, readFunction, readNumber, readObject } from '../../config/index.js';

/** A load reading: 0 when idle, 1 when saturated. Called only when a breaker is close to opening. */
export type LoadSignal = () => number;

/**
 * Adaptive mode: the busier the process (or, in the simulator, the service), the sooner the
 * breaker opens. Between `fromLoad` and `toLoad` each threshold moves linearly from its
 * configured value to its minimum:
 *
 *   t         = clamp((load - fromLoad) / (toLoad - fromLoad), 0, 1)
 *   threshold = configured - t * (configured - minimum)
 */
export interface CircuitAdaptiveOptions {
  /** Reads the current load, 0..1 (values outside are clamped). Code only: the simulator injects one. Without it the load is 0. */
  loadSignal?: LoadSignal;
  /** failureRateThreshold at full load, in percent. Default: half of failureRateThreshold. */
  minFailureRateThreshold?: number;
  /** slowCallRateThreshold at full load, in percent. Default: half of slowCallRateThreshold. */
  minSlowCallRateThreshold?: number;
  /** For a consecutive window: failures in a row that open the breaker at full load. Default: half of window.failures, rounded up. */
  minFailures?: number;
  /** Load at which tightening starts. Default 0.5. */
  fromLoad?: number;
  /** Load at which thresholds reach their minimum. Default 1. */
  toLoad?: number;
}

export interface ResolvedCircuitAdaptive {
  loadSignal: LoadSignal | undefined;
  minFailureRateThreshold: number;
  minSlowCallRateThreshold: number;
  minFailures: number;
  fromLoad: number;
  toLoad: number;
}

export const DEFAULT_ADAPTIVE_FROM_LOAD = 0.5;
export const DEFAULT_ADAPTIVE_TO_LOAD = 1;

const KEYS = [
  'loadSignal',
  'minFailureRateThreshold',
  'minSlowCallRateThreshold',
  'minFailures',
  'fromLoad',
  'toLoad',
];

/** The configured thresholds that adaptive mode tightens, for validating the minimums against. */
export interface BaseThresholds {
  failureRateThreshold: number;
  slowCallRateThreshold: number;
  /** window.failures of a consecutive window; undefined for rate windows. */
  consecutiveFailures: number | undefined;
}

/** Validates the `adaptive` option into `issues`. */
export function readAdaptive(
  value: unknown,
  path: string,
  issues: Issues,
  base: BaseThresholds,
): ResolvedCircuitAdaptive | undefined {
  const record = readObject(value, path, issues, KEYS);
  if (!record) return undefined;
  const loadSignal = readFunction<LoadSignal>(record, 'loadSignal', path, issues);
  const consecutive = base.consecutiveFailures !== undefined;
  for (const key of consecutive ? ['minFailureRateThreshold', 'minSlowCallRateThreshold'] : ['minFailures']) {
    if (record[key] !== undefined)
      issues.add(
        childPath(path, key),
        consecutive
          ? 'applies to count and time windows; with a consecutive window use minFailures'
          : 'applies to a consecutive window only; use minFailureRateThreshold',
      );
  }
  // Options that do not apply to this window were reported above; read only the ones that do.
  const applicable = consecutive
    ? { ...record, minFailureRateThreshold: undefined, minSlowCallRateThreshold: undefined }
    : { ...record, minFailures: undefined };
  const minFailureRateThreshold = readNumber(
    applicable,
    'minFailureRateThreshold',
    path,
    issues,
    base.failureRateThreshold / 2,
    { min: 0, max: base.failureRateThreshold, exclusiveMin: true },
  );
  const minSlowCallRateThreshold = readNumber(
    applicable,
    'minSlowCallRateThreshold',
    path,
    issues,
    base.slowCallRateThreshold / 2,
    { min: 0, max: base.slowCallRateThreshold, exclusiveMin: true },
  );
  const failures = base.consecutiveFailures ?? 1;
  const minFailures = readNumber(applicable, 'minFailures', path, issues, Math.ceil(failures / 2), {
    min: 1,
    max: failures,
    integer: true,
  });
  const fromLoad = readNumber(record, 'fromLoad', path, issues, DEFAULT_ADAPTIVE_FROM_LOAD, {
    min: 0,
    max: 1,
  });
  const toLoad = readNumber(record, 'toLoad', path, issues, DEFAULT_ADAPTIVE_TO_LOAD, { min: 0, max: 1 });
  if (record.toLoad !== undefined || record.fromLoad !== undefined) {
    if (!(toLoad > fromLoad))
      issues.add(childPath(path, 'toLoad'), `must be above fromLoad (${fromLoad}), got ${toLoad}`);
  }
  return { loadSignal, minFailureRateThreshold, minSlowCallRateThreshold, minFailures, fromLoad, toLoad };
}

/** How far thresholds have moved towards their minimums at `load`: 0 (not at all) to 1 (fully). */
export function tightening(load: number, adaptive: ResolvedCircuitAdaptive): number {
  if (!(load > adaptive.fromLoad)) return 0; // also NaN: a broken signal never tightens
  if (load >= adaptive.toLoad) return 1;
  return (load - adaptive.fromLoad) / (adaptive.toLoad - adaptive.fromLoad);
}

/** `configured` moved a fraction `t` of the way to `minimum`. */
export function tighten(configured: number, minimum: number, t: number): number {
  return configured - t * (configured - minimum);
}

/**
 * A load signal for real Node services: the event loop's utilization (the share of time it was
 * busy) over the last `sampleMs` or more, read from `performance.eventLoopUtilization()`.
 * It sets no timer: it re-samples when read, at most once per `sampleMs`.
 */
export function eventLoopLoad(options: { sampleMs?: number } = {}): LoadSignal {
  const sampleMs = options.sampleMs ?? 100;
  const elu = (
    performance as unknown as {
      eventLoopUtilization?: (a?: unknown, b?: unknown) => { utilization: number };
    }
  ).eventLoopUtilization?.bind(performance);
  if (!elu) return () => 0;
  let last = elu();
  let sampledAt = performance.now();
  let load = 0;
  return () => {
    const now = performance.now();
    if (now - sampledAt >= sampleMs) {
      const current = elu();
      load = elu(current, last).utilization;
      last = current;
      sampledAt = now;
    }
    return load;
  };
}
