import type { CircuitWindow, CircuitWindowSnapshot } from './window.js';

/**
 * The calls of the last `size` milliseconds, kept as totals per bucket (resilience4j's
 * TIME_BASED window): `buckets` slots of `size / buckets` ms each, in a ring. Moving to a new
 * bucket subtracts the buckets that aged out from the totals, so a call costs O(1) amortized and
 * memory does not grow with traffic. The window covers the current, partly filled bucket and the
 * `buckets - 1` before it, i.e. between `size - size / buckets` and `size` milliseconds.
 */
export class TimeWindow implements CircuitWindow {
  readonly type = 'time' as const;
  readonly bucketMs: number;
  calls = 0;
  failures = 0;
  slowCalls = 0;
  private readonly bucketCalls: Float64Array;
  private readonly bucketFailures: Float64Array;
  private readonly bucketSlowCalls: Float64Array;
  /** Number of the newest bucket (`floor(now / bucketMs)`); -Infinity before the first call. */
  private current = Number.NEGATIVE_INFINITY;

  constructor(sizeMs: number, buckets: number) {
    this.bucketMs = sizeMs / buckets;
    this.bucketCalls = new Float64Array(buckets);
    this.bucketFailures = new Float64Array(buckets);
    this.bucketSlowCalls = new Float64Array(buckets);
  }

  record(failed: boolean, slow: boolean, now: number): void {
    this.expire(now);
    const slot = this.slotOf(this.current);
    this.bucketCalls[slot]!++;
    this.calls++;
    if (failed) {
      this.bucketFailures[slot]!++;
      this.failures++;
    }
    if (slow) {
      this.bucketSlowCalls[slot]!++;
      this.slowCalls++;
    }
  }

  expire(now: number): void {
    const bucket = Math.floor(now / this.bucketMs);
    if (bucket <= this.current) return;
    const slots = this.bucketCalls.length;
    if (bucket - this.current >= slots) {
      this.clearBuckets();
    } else {
      for (let passed = this.current + 1; passed <= bucket; passed++) {
        const slot = this.slotOf(passed);
        this.calls -= this.bucketCalls[slot]!;
        this.failures -= this.bucketFailures[slot]!;
        this.slowCalls -= this.bucketSlowCalls[slot]!;
        this.bucketCalls[slot] = 0;
        this.bucketFailures[slot] = 0;
        this.bucketSlowCalls[slot] = 0;
      }
    }
    this.current = bucket;
  }

  clear(): void {
    this.clearBuckets();
    this.current = Number.NEGATIVE_INFINITY;
  }

  toJSON(now: number): CircuitWindowSnapshot {
    this.expire(now);
    const buckets: { calls: number; failures: number; slowCalls: number }[] = [];
    for (let age = 0; age < this.bucketCalls.length; age++) {
      const slot = this.slotOf(this.current - age);
      buckets.push({
        calls: this.bucketCalls[slot]!,
        failures: this.bucketFailures[slot]!,
        slowCalls: this.bucketSlowCalls[slot]!,
      });
    }
    // Trailing empty buckets carry no information.
    while (buckets.length > 0 && buckets[buckets.length - 1]!.calls === 0) buckets.pop();
    return { type: 'time', bucketMs: this.bucketMs, buckets };
  }

  /** Restores bucket totals by age, so saved calls age out on this clock as they would have. */
  hydrate(snapshot: CircuitWindowSnapshot, now: number): void {
    this.clear();
    if (snapshot.type !== 'time' || snapshot.bucketMs !== this.bucketMs) return;
    this.current = Math.floor(now / this.bucketMs);
    const count = Math.min(snapshot.buckets.length, this.bucketCalls.length);
    for (let age = 0; age < count; age++) {
      const saved = snapshot.buckets[age]!;
      const slot = this.slotOf(this.current - age);
      this.bucketCalls[slot] = saved.calls;
      this.bucketFailures[slot] = saved.failures;
      this.bucketSlowCalls[slot] = saved.slowCalls;
      this.calls += saved.calls;
      this.failures += saved.failures;
      this.slowCalls += saved.slowCalls;
    }
  }

  private clearBuckets(): void {
    this.bucketCalls.fill(0);
    this.bucketFailures.fill(0);
    this.bucketSlowCalls.fill(0);
    this.calls = 0;
    this.failures = 0;
    this.slowCalls = 0;
  }

  private slotOf(bucket: number): number {
    const slots = this.bucketCalls.length;
    return ((bucket % slots) + slots) % slots;
  }
}
