import type { Slo } from '../model/index.js';
import type { Aggregate } from './samples.js';

/**
 * What "healthy" means for a service or for the users: the looser of the design's SLO and twice
 * what the run showed before anything went wrong. A system whose quiet state already misses its
 * SLO is judged against its quiet state, so that recovery means "back to normal" and blast
 * radius "worse than normal", never "worse than a promise it never kept".
 */
export interface HealthBar {
  /** The largest share of failed responses that is still healthy, 0 to 1. */
  readonly maxErrorShare: number;
  /** The largest p99 latency that is still healthy, ms; undefined when latency is not judged. */
  readonly maxP99: number | undefined;
}

/** How much worse than its quiet state a stretch may be and still count as back to normal. */
export const BASELINE_TOLERANCE = 2;

/** The health bar from the design's SLO and the run's quiet stretch before the first disturbance. */
export function healthBar(slo: Slo, baseline: Aggregate | undefined): HealthBar {
  const allowance = (100 - slo.availability) / 100;
  const maxErrorShare = Math.max(allowance, BASELINE_TOLERANCE * (baseline?.errorShare ?? 0));
  const quietP99 = baseline?.p99 ?? null;
  let maxP99: number | undefined;
  if (slo.latencyP99 !== undefined)
    maxP99 = Math.max(slo.latencyP99, quietP99 === null ? 0 : BASELINE_TOLERANCE * quietP99);
  else if (quietP99 !== null) maxP99 = BASELINE_TOLERANCE * quietP99;
  return { maxErrorShare, maxP99 };
}

/** Whether a stretch answered something, within the bar's error share and p99. */
export function isHealthy(stretch: Aggregate, bar: HealthBar): boolean {
  if (stretch.ok + stretch.failed === 0) return false;
  if (stretch.errorShare > bar.maxErrorShare) return false;
  return bar.maxP99 === undefined || stretch.p99 === null || stretch.p99 <= bar.maxP99;
}
