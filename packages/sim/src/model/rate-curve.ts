import type { Profile, RateCurve, RatePoint } from './design.js';

/** The rate over time of an open-loop workload with base `rate` (requests per second) and `profile`. */
export function curveOf(rate: number, profile: Profile): RateCurve {
  switch (profile.type) {
    case 'constant':
      return [{ at: 0, rate }];
    case 'ramp':
      return [
        { at: 0, rate },
        { at: profile.at, rate },
        { at: profile.at + profile.duration, rate: profile.to },
      ];
    case 'spike': {
      const peak = rate * profile.multiplier;
      const end = profile.at + profile.duration;
      return [
        { at: 0, rate },
        { at: profile.at, rate },
        { at: profile.at, rate: peak },
        { at: end, rate: peak },
        { at: end, rate },
      ];
    }
    case 'step':
      return stepwise([{ at: 0, rate }, ...profile.steps]);
    case 'csv':
      return profile.interpolate === 'linear' ? [...profile.points] : stepwise(profile.points);
  }
}

// Holds each rate until the next point's time, then jumps.
function stepwise(points: readonly RatePoint[]): RatePoint[] {
  const curve: RatePoint[] = [];
  for (const point of points) {
    const previous = curve[curve.length - 1];
    if (previous) curve.push({ at: point.at, rate: previous.rate });
    curve.push(point);
  }
  return curve;
}

/** The rate at time `t` (ms), requests per second: linear between points, the later one at a jump. */
export function rateAt(curve: RateCurve, t: number): number {
  // Binary search for the last point at or before t.
  let low = 0;
  let high = curve.length - 1;
  if (high < 0) return 0;
  if (t < curve[0]!.at) return curve[0]!.rate;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (curve[middle]!.at <= t) low = middle;
    else high = middle - 1;
  }
  const point = curve[low]!;
  const next = curve[low + 1];
  if (!next) return point.rate;
  return point.rate + ((next.rate - point.rate) * (t - point.at)) / (next.at - point.at);
}

/** The highest rate anywhere on the curve, requests per second. */
export function peakRate(curve: RateCurve): number {
  let peak = 0;
  for (const point of curve) peak = Math.max(peak, point.rate);
  return peak;
}
