import type { TimelineBucket } from '../result.js';

/** What some service answered during one timeline bucket. */
export interface Sample {
  readonly ok: number;
  readonly failed: number;
  /** The bucket's p99 latency, ms; null when it answered nothing. */
  readonly p99: number | null;
}

/** Many samples taken together: the figures the analysis judges health by. */
export interface Aggregate {
  readonly ok: number;
  readonly failed: number;
  /** failed / (ok + failed); 0 when nothing was answered. */
  readonly errorShare: number;
  /**
   * The p99 of the stretch, estimated as the median of the buckets' p99s weighted by their
   * responses: it exceeds a bound exactly when most responses came in buckets whose p99 did.
   * Null when no bucket answered anything.
   */
  readonly p99: number | null;
}

/** Adds up samples: counts summed, the p99 estimated as their response-weighted median. */
export function aggregate(samples: Iterable<Sample>): Aggregate {
  let ok = 0;
  let failed = 0;
  const weighted: { p99: number; weight: number }[] = [];
  for (const sample of samples) {
    ok += sample.ok;
    failed += sample.failed;
    const weight = sample.ok + sample.failed;
    if (sample.p99 !== null && weight > 0) weighted.push({ p99: sample.p99, weight });
  }
  const answered = ok + failed;
  return { ok, failed, errorShare: answered === 0 ? 0 : failed / answered, p99: weightedMedian(weighted) };
}

// Buckets' p99s are merged by their median rather than their maximum: one slow second in a
// minute would otherwise stand for the whole minute.
function weightedMedian(values: { p99: number; weight: number }[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a.p99 - b.p99);
  const total = values.reduce((sum, value) => sum + value.weight, 0);
  let seen = 0;
  for (const value of values) {
    seen += value.weight;
    if (seen * 2 >= total) return value.p99;
  }
  return values[values.length - 1]!.p99;
}

/**
 * The samples of `services` in the buckets of `timeline` that lie within [from, to): a bucket
 * counts when it overlaps the interval at all.
 */
export function samplesBetween(
  timeline: readonly TimelineBucket[],
  services: readonly string[],
  from: number,
  to: number,
  bucketMs: number,
): Sample[] {
  const samples: Sample[] = [];
  for (const bucket of timeline) {
    if (bucket.t >= to || bucket.t + bucketMs <= from) continue;
    for (const name of services) {
      const sample = bucket.services[name];
      if (sample !== undefined) samples.push(sample);
    }
  }
  return samples;
}

/** The width of the timeline's buckets: the gap between the first two, 1000 ms when it cannot tell. */
export function bucketWidth(timeline: readonly TimelineBucket[]): number {
  const [first, second] = timeline;
  return first !== undefined && second !== undefined && second.t > first.t ? second.t - first.t : 1000;
}
