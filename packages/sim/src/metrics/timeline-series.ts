import type { TimelineServiceBucket } from '../result.js';
import { LatencyRecorder, roundToMicros } from './latency-recorder.js';

/**
 * One service's responses in fixed buckets of simulated time (1 s by default), and through them
 * its whole-run latency histogram.
 *
 * A bucket holds the responses sent from its start up to just before its end; the last bucket of
 * a run also holds those sent at the run's very last instant, so a run of 6 s has 6 buckets.
 *
 * A response is recorded once, into the histogram of the bucket being filled. When time passes
 * the bucket's end, that histogram is summarized (ok, failed, p50, p99) and kept as the last
 * closed bucket's until the next one closes, when it is added to the whole-run histogram: so a
 * result at the end of a bucket can still fold the responses of its last instant into it.
 * Recording twice per response would cost more than one histogram add per second; and memory
 * grows with simulated seconds, never with requests.
 */
export class TimelineSeries {
  private current = new LatencyRecorder();
  // The last closed bucket's latencies, not yet in `wholeRun`.
  private previous = new LatencyRecorder();
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
   * The buckets of a run that ends at `end` (the buckets that ended by then must be closed),
   * without closing anything: the closed ones; then the open one, partial, if it started before
   * `end`; or, if it starts exactly at `end`, its responses (sent at that last instant) folded
   * into the last closed one. A later call, further on, gives more.
   */
  bucketsUntil(end: number): TimelineServiceBucket[] {
    const buckets: TimelineServiceBucket[] = [];
    for (let index = 0; index < this.ok.length; index++) buckets.push(this.bucket(index));
    const openStart = this.currentEnd - this.bucketMs;
    if (openStart < end) {
      buckets.push(summarize(this.currentOk, this.currentFailed, this.current));
    } else if (this.current.count > 0 && buckets.length > 0) {
      const last = new LatencyRecorder();
      last.add(this.previous);
      last.add(this.current);
      const index = buckets.length - 1;
      buckets[index] = summarize(
        this.ok[index]! + this.currentOk,
        this.failed[index]! + this.currentFailed,
        last,
      );
    }
    return buckets;
  }

  /** Every response so far, closed buckets and the open one, in a new recorder (nothing is closed). */
  wholeRunSoFar(): LatencyRecorder {
    const all = new LatencyRecorder();
    all.add(this.wholeRun);
    all.add(this.previous);
    all.add(this.current);
    return all;
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
    // The bucket before goes into the whole run; this one is kept apart (see `bucketsUntil`).
    const previous = this.previous;
    if (previous.count > 0) {
      this.wholeRun.add(previous);
      previous.reset();
    }
    this.previous = current;
    this.current = previous;
    this.currentOk = 0;
    this.currentFailed = 0;
    this.currentEnd += this.bucketMs;
  }
}

function summarize(ok: number, failed: number, latencies: LatencyRecorder): TimelineServiceBucket {
  const empty = latencies.count === 0;
  return {
    ok,
    failed,
    p50: empty ? null : roundToMicros(latencies.percentileMs(50)),
    p99: empty ? null : roundToMicros(latencies.percentileMs(99)),
  };
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
