import type { TimelineServiceBucket } from '../result.js';
import { LatencyRecorder, roundToMicros } from './latency-recorder.js';

/**
 * One service's responses in fixed buckets of simulated time (1 s by default), and through them
 * its whole-run latency histogram.
 *
 * A response is recorded once, into the histogram of the bucket being filled. When time passes
 * the bucket's end, that histogram is summarized (ok, failed, p50, p99), added to the whole-run
 * histogram and reset for the next bucket. Recording twice per response would cost more than
 * one histogram add per second; and memory grows with simulated seconds, never with requests.
 */
export class TimelineSeries {
  private readonly current = new LatencyRecorder();
  private currentOk = 0;
  private currentFailed = 0;
  private currentEnd: number;
  private readonly ok: number[] = [];
  private readonly failed: number[] = [];
  // Bucket percentiles; NaN for a bucket without responses (null in the result).
  private readonly p50: number[] = [];
  private readonly p99: number[] = [];

  constructor(
    /** Simulated time the first bucket starts at. */
    readonly startAt: number,
    /** Width of a bucket, in simulated ms. */
    readonly bucketMs: number,
    /** Where each closed bucket's latencies are added. */
    private readonly wholeRun: LatencyRecorder,
  ) {
    this.currentEnd = startAt + bucketMs;
  }

  /** How many buckets are closed. */
  get length(): number {
    return this.ok.length;
  }

  /** Counts a response sent at `now`, `latencyMs` after its request arrived. */
  record(now: number, latencyMs: number, ok: boolean): void {
    if (now >= this.currentEnd) this.closeEndedBy(now);
    this.current.record(latencyMs);
    if (ok) this.currentOk++;
    else this.currentFailed++;
  }

  /** Closes every bucket that ended at or before `now`: a live view calls this as time passes. */
  closeEndedBy(now: number): void {
    while (now >= this.currentEnd) this.closeCurrent();
  }

  /**
   * At the end of a run: closes every bucket that starts before `end`, the last one possibly
   * partial, and a later one too if it already holds responses (sent at exactly `end`).
   */
  finish(end: number): void {
    while (this.currentEnd - this.bucketMs < end || this.current.count > 0) this.closeCurrent();
  }

  /** Bucket `index` (0 is the one starting at `startAt`); empty past the last closed one. */
  bucket(index: number): TimelineServiceBucket {
    if (index >= this.ok.length) return { ok: 0, failed: 0, p50: null, p99: null };
    return {
      ok: this.ok[index]!,
      failed: this.failed[index]!,
      p50: nullIfNaN(this.p50[index]!),
      p99: nullIfNaN(this.p99[index]!),
    };
  }

  private closeCurrent(): void {
    const current = this.current;
    const empty = current.count === 0;
    this.ok.push(this.currentOk);
    this.failed.push(this.currentFailed);
    this.p50.push(empty ? NaN : roundToMicros(current.percentileMs(50)));
    this.p99.push(empty ? NaN : roundToMicros(current.percentileMs(99)));
    if (!empty) {
      this.wholeRun.add(current);
      current.reset();
    }
    this.currentOk = 0;
    this.currentFailed = 0;
    this.currentEnd += this.bucketMs;
  }
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
