import { Int32Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../result.js';

// Latencies are kept as whole microseconds, from 1 µs to 1 h; a longer one grows the histogram
// (logarithmically) rather than being clamped or throwing in the middle of a run.
const MICROS_PER_MS = 1000;
const ONE_HOUR_MICROS = 3_600_000_000;
// Three significant digits: percentiles within 0.1%, in about 95 KB per recorder. Two would save
// memory but blur a p99 by up to 1%; and every recorder must share one layout for `add` to be a
// straight sum of counts arrays (see TimelineSeries).
const SIGNIFICANT_DIGITS = 3;

/**
 * A latency distribution in constant memory: an HDR histogram (pure JS build) over microsecond
 * integers for percentiles, plus the exact count, sum and maximum, so `mean` and `max` are exact.
 * Recording costs the same whatever the number of requests; memory never grows with them.
 */
export class LatencyRecorder {
  private readonly histogram: Int32Histogram;
  private recorded = 0;
  private sumMs = 0;
  private largestMs = 0;
  private smallestMs = Infinity;
  private readonly halfCountMagnitude: number;

  constructor() {
    // The pure JS histogram (no WebAssembly), 32-bit counts: a count past 2^31 in one recorder
    // would need more than two billion responses.
    this.histogram = new Int32Histogram(1, ONE_HOUR_MICROS, SIGNIFICANT_DIGITS);
    this.histogram.autoResize = true;
    this.halfCountMagnitude = this.histogram.subBucketHalfCountMagnitude;
  }

  /** Records one latency, in ms (fractions welcome: it is kept to the microsecond). */
  record(latencyMs: number): void {
    if (!(latencyMs >= 0 && latencyMs < Infinity))
      throw new RangeError(`LatencyRecorder.record: expected a latency ≥ 0 ms, got ${latencyMs}`);
    this.recordMicros(Math.round(latencyMs * MICROS_PER_MS));
    this.recorded++;
    this.sumMs += latencyMs;
    if (latencyMs > this.largestMs) this.largestMs = latencyMs;
    if (latencyMs < this.smallestMs) this.smallestMs = latencyMs;
  }

  // The histogram's own `recordValue` finds a value's slot with Math.log2 and Math.pow, which is
  // most of what recording costs; below 2^31 µs (35 minutes) `slotOf` finds the same slot with
  // integer arithmetic. Anything else takes the histogram's own path.
  private recordMicros(micros: number): void {
    const histogram = this.histogram;
    if (micros < MAX_FAST_MICROS) {
      const index = slotOf(micros, this.halfCountMagnitude);
      if (index < histogram.countsArrayLength) {
        histogram.incrementCountAtIndex(index);
        histogram.updateMinAndMax(micros);
        histogram.incrementTotalCount();
        return;
      }
    }
    histogram.recordValue(micros);
  }

  /** How many latencies were recorded. */
  get count(): number {
    return this.recorded;
  }

  /** The exact mean, in ms; 0 when nothing was recorded. */
  get meanMs(): number {
    return this.recorded === 0 ? 0 : this.sumMs / this.recorded;
  }

  /** The exact largest latency, in ms; 0 when nothing was recorded. */
  get maxMs(): number {
    return this.largestMs;
  }

  /**
   * The latency at `percentile` (0 to 100), in ms: the recorded value that at least that share of
   * values is at or below (nearest rank), rounded up as HDR histograms do (by less than 0.1%), but
   * never outside the exact smallest and largest values, so a constant latency reads exactly.
   * 0 when nothing was recorded.
   */
  percentileMs(percentile: number): number {
    if (this.recorded === 0) return 0;
    const micros = this.histogram.getValueAtPercentile(percentile);
    return Math.max(this.smallestMs, Math.min(micros / MICROS_PER_MS, this.largestMs));
  }

  /** Mean, p50, p95, p99 and max, in ms rounded to the microsecond; all zero when nothing was recorded. */
  summary(): LatencySummary {
    return {
      mean: roundToMicros(this.meanMs),
      p50: roundToMicros(this.percentileMs(50)),
      p95: roundToMicros(this.percentileMs(95)),
      p99: roundToMicros(this.percentileMs(99)),
      max: roundToMicros(this.largestMs),
    };
  }

  /** Adds everything `other` recorded to this recorder, as if recorded here. */
  add(other: LatencyRecorder): void {
    if (other.recorded === 0) return;
    this.histogram.add(other.histogram);
    this.recorded += other.recorded;
    this.sumMs += other.sumMs;
    if (other.largestMs > this.largestMs) this.largestMs = other.largestMs;
    if (other.smallestMs < this.smallestMs) this.smallestMs = other.smallestMs;
  }

  /** Forgets everything recorded, keeping the memory for reuse. */
  reset(): void {
    this.histogram.reset();
    this.recorded = 0;
    this.sumMs = 0;
    this.largestMs = 0;
    this.smallestMs = Infinity;
  }
}

const MAX_FAST_MICROS = 2 ** 31;

/**
 * The slot of an HDR histogram's counts array (lowest discernible value 1) that holds `micros`,
 * a whole number below 2^31: the layout `countsArrayIndex` defines, computed with integers.
 * bucket = max(floor(log2 v) − m, 0), slot = (bucket + 1) · 2^m + (v >> bucket) − 2^m, where
 * 2^m is the histogram's sub-bucket half count. A test checks it slot for slot against HDR's.
 */
export function slotOf(micros: number, halfCountMagnitude: number): number {
  const bucket = Math.max(31 - Math.clz32(micros) - halfCountMagnitude, 0);
  return ((bucket + 1) << halfCountMagnitude) + (micros >>> bucket) - (1 << halfCountMagnitude);
}

/** Milliseconds rounded to the microsecond, the precision every latency in a run result has. */
export function roundToMicros(ms: number): number {
  return Math.round(ms * MICROS_PER_MS) / MICROS_PER_MS;
}
