import type { RateCurve } from '../model/index.js';

/**
 * Walks the cumulative rate Λ(t) = ∫ rate of a workload's curve (piecewise linear, in requests
 * per second over ms): `advance(amount)` returns the time at which Λ has grown by `amount` since
 * the last answer. Arrivals at Λ⁻¹ of unit-rate Poisson points form a non-homogeneous Poisson
 * process of the curve's rate (time rescaling); steps of exactly 1 space arrivals evenly at that
 * rate. Exact, one draw per arrival, and no rejected candidates whatever the rate's peaks.
 */
export class ArrivalClock {
  // The segment the clock is in: −1 before the first point, i between points i and i + 1, and the
  // last index after the last point (where the rate stays the last point's).
  private segment = -1;
  private time: number;

  constructor(
    private readonly curve: RateCurve,
    start = 0,
  ) {
    this.time = start;
    while (this.segment + 1 < curve.length && curve[this.segment + 1]!.at <= start) this.segment++;
  }

  /** The time, in ms, at which `amount` more requests are due; Infinity if the rate stays 0 for ever. */
  advance(amount: number): number {
    const curve = this.curve;
    const last = curve.length - 1;
    if (last < 0) return Infinity;
    // Requests still to cover, in request·ms per second (rates are per second, times in ms).
    let remaining = amount * 1000;
    for (;;) {
      const segment = this.segment;
      const start = this.time;
      if (segment === last || segment < 0) {
        const rate = segment < 0 ? curve[0]!.rate : curve[last]!.rate;
        const end = segment < 0 ? curve[0]!.at : Infinity;
        const area = rate * (end - start);
        if (area >= remaining && rate > 0) return (this.time = start + remaining / rate);
        if (end === Infinity) return (this.time = Infinity);
        remaining -= area;
      } else {
        const from = curve[segment]!;
        const to = curve[segment + 1]!;
        if (to.at > start) {
          const slope = (to.rate - from.rate) / (to.at - from.at);
          const rate = from.rate + slope * (start - from.at);
          const endRate = to.rate;
          const area = ((rate + endRate) / 2) * (to.at - start);
          if (area >= remaining && area > 0) return (this.time = start + within(rate, slope, remaining));
          remaining -= area;
        }
      }
      this.segment++;
      this.time = curve[this.segment]!.at;
    }
  }
}

// The x with ∫₀ˣ (rate + slope·u) du = area, for a segment known to hold that area. Written as
// 2·area / (rate + √(rate² + 2·slope·area)), which does not cancel when slope is tiny.
function within(rate: number, slope: number, area: number): number {
  const root = Math.sqrt(Math.max(0, rate * rate + 2 * slope * area));
  const denominator = rate + root;
  return denominator > 0 ? (2 * area) / denominator : 0;
}
