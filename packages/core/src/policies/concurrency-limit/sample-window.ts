import type { ResolvedSampleWindow } from './options.js';

/**
 * Groups samples before the limit moves, as Netflix's WindowedLimit does: moving the limit on
 * every call cuts it again and again for one burst of slow calls (each sample of the same queue
 * reads as new congestion), where once a window it reacts once per round trip, as TCP does.
 *
 * A window ends with the first sample after it has lasted twice its fastest call (kept between
 * `minTime` and `maxTime`); it counts only if it holds `minSamples` samples, else it is dropped.
 * Allocation-free: the last counted window is read from `rtt`, `inflight` and `dropped`.
 */
export class SampleWindow {
  /** Average latency of the last counted window, in ms. */
  rtt = 0;
  /** Most calls in flight (at their start) in the last counted window. */
  inflight = 0;
  /** Whether the last counted window saw a drop. */
  dropped = false;

  private readonly minTime: number;
  private readonly maxTime: number;
  private readonly minSamples: number;
  private endsAt = Number.NEGATIVE_INFINITY;
  private sum = 0;
  private count = 0;
  private fastest = Number.POSITIVE_INFINITY;
  private mostInflight = 0;
  private anyDropped = false;

  constructor(options: ResolvedSampleWindow) {
    this.minTime = options.minTime;
    this.maxTime = options.maxTime;
    this.minSamples = options.minSamples;
  }

  /** Adds one call's sample at `now`; true when this closed a window that counts (read it from the fields). */
  add(now: number, rttMs: number, inflight: number, dropped: boolean): boolean {
    this.sum += rttMs;
    this.count++;
    if (rttMs < this.fastest) this.fastest = rttMs;
    if (inflight > this.mostInflight) this.mostInflight = inflight;
    if (dropped) this.anyDropped = true;
    if (now <= this.endsAt) return false;

    const counts = this.count >= this.minSamples;
    if (counts) {
      this.rtt = this.sum / this.count;
      this.inflight = this.mostInflight;
      this.dropped = this.anyDropped;
    }
    const span = 2 * this.fastest;
    this.endsAt = now + (span < this.minTime ? this.minTime : span > this.maxTime ? this.maxTime : span);
    this.sum = 0;
    this.count = 0;
    this.fastest = Number.POSITIVE_INFINITY;
    this.mostInflight = 0;
    this.anyDropped = false;
    return counts;
  }
}
