import type { TimelineBucket } from '../result.js';
import type { Disturbance } from './disturbances.js';
import { isHealthy, type HealthBar } from './health.js';
import { aggregate, type Sample } from './samples.js';

/** How the users' experience came back after one disturbance. */
export interface Recovery {
  readonly disturbance: Disturbance;
  /**
   * From the disturbance's end until users were healthy again, ms, to the timeline's resolution
   * (one bucket); when they never were, how long was watched (up to the next disturbance or the
   * end of the run). Null when the disturbance lasted until the end of the run.
   */
  readonly recoveryMs: number | null;
  /** Whether users were healthy again before the next disturbance or the end of the run. */
  readonly recovered: boolean;
}

/**
 * How long users must be healthy, taken together, to count as recovered: long enough that a
 * single good second in a storm does not pass, short enough to fit between faults.
 */
export const SETTLE_MS = 5000;

/** What the recovery of each disturbance is measured from. */
export interface RecoveryInput {
  readonly timeline: readonly TimelineBucket[];
  readonly bucketMs: number;
  readonly simulatedMs: number;
  /** The services users send requests to: their health is the users' experience. */
  readonly entry: readonly string[];
  readonly disturbances: readonly Disturbance[];
  readonly bar: HealthBar;
}

/**
 * Each disturbance's recovery: the first bucket after it that is healthy for the users, and from
 * which the next SETTLE_MS (or what is left before the next disturbance) is healthy taken together.
 */
export function recoveriesOf(input: RecoveryInput): Recovery[] {
  const { timeline, bucketMs, simulatedMs, entry, disturbances, bar } = input;
  const settleBuckets = Math.max(1, Math.round(SETTLE_MS / bucketMs));
  return disturbances.map((disturbance, index): Recovery => {
    if (disturbance.end >= simulatedMs) return { disturbance, recoveryMs: null, recovered: false };
    const limit = disturbances[index + 1]?.start ?? simulatedMs;
    // Only whole buckets that end before the next disturbance (and the run) can show health.
    const after = timeline.filter((bucket) => bucket.t >= disturbance.end && bucket.t + bucketMs <= limit);
    for (let first = 0; first < after.length; first++) {
      const stretch = after.slice(first, first + settleBuckets);
      if (
        isHealthy(aggregate(samplesOf(stretch.slice(0, 1), entry)), bar) &&
        isHealthy(aggregate(samplesOf(stretch, entry)), bar)
      )
        return { disturbance, recoveryMs: after[first]!.t - disturbance.end, recovered: true };
    }
    return { disturbance, recoveryMs: limit - disturbance.end, recovered: false };
  });
}

function* samplesOf(buckets: readonly TimelineBucket[], services: readonly string[]): Iterable<Sample> {
  for (const bucket of buckets)
    for (const name of services) {
      const sample = bucket.services[name];
      if (sample !== undefined) yield sample;
    }
}
