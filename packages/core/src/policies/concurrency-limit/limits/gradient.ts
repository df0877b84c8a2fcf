import type { ResolvedGradientLimitOptions } from '../options.js';
import type { LimitAlgorithm } from './limit-algorithm.js';

/** Windows averaged plainly before the long-term average turns exponential (Netflix's warm-up). */
const WARM_UP_WINDOWS = 10;

/**
 * The gradient limit, after Netflix's Gradient2Limit (concurrency-limits, the version with
 * `rttTolerance`, from pull request #125), with two changes proposed in its pull request #134:
 *
 *   longRtt  = exponential average of window latencies over `longWindow` windows
 *   gradient = max(0.5, min(1, rttTolerance × longRtt / rtt)), or 0.5 for a window with a drop
 *   next     = estimate × gradient + (gradient = 1 ? headroom : 0)
 *   estimate = estimate × (1 − smoothing) + next × smoothing, within minLimit..maxLimit
 *
 * The changes: a drop counts (Gradient2 ignores drops, so a dependency that answers overload
 * with fast errors looked healthy: issue #176), and headroom is added only while latency holds,
 * since adding it under a gradient below 1 is what made the limit creep up forever under steady
 * overload (the drift reported on #134). As in Gradient2, the limit does not move while the
 * calls in flight stay under half of it (the caller, not the dependency, is the bottleneck), and
 * a long-term average more than twice the recent latency decays by 5% a window, so the limit
 * recovers quickly once a slow spell ends.
 */
export class GradientLimit implements LimitAlgorithm {
  private estimated: number;
  private longRtt = 0;
  private warmUpSum = 0;
  private warmUpCount = 0;
  private readonly longFactor: number;
  private readonly minLimit: number;
  private readonly maxLimit: number;
  private readonly smoothing: number;
  private readonly rttTolerance: number;
  private readonly headroom: number;

  constructor(options: ResolvedGradientLimitOptions) {
    this.estimated = options.initialLimit;
    this.minLimit = options.minLimit;
    this.maxLimit = options.maxLimit;
    this.smoothing = options.smoothing;
    this.rttTolerance = options.rttTolerance;
    this.headroom = options.headroom;
    this.longFactor = 2 / (options.longWindow + 1);
  }

  get estimate(): number {
    return this.estimated;
  }

  /** The long-term latency average, in ms (0 before the first window). */
  get longTermRtt(): number {
    return this.longRtt;
  }

  update(rttMs: number, inflight: number, dropped: boolean): void {
    const longRtt = this.addLongTerm(rttMs);
    const ratio = rttMs > 0 ? longRtt / rttMs : 1;
    if (ratio > 2) this.longRtt *= 0.95;
    if (!dropped && inflight < this.estimated / 2) return;

    const tolerated = this.rttTolerance * ratio;
    const gradient = dropped ? 0.5 : tolerated >= 1 ? 1 : tolerated > 0.5 ? tolerated : 0.5;
    const estimate = this.estimated;
    const next = estimate * gradient + (gradient === 1 ? this.headroom : 0);
    const smoothed = estimate * (1 - this.smoothing) + next * this.smoothing;
    this.estimated =
      smoothed < this.minLimit ? this.minLimit : smoothed > this.maxLimit ? this.maxLimit : smoothed;
  }

  private addLongTerm(rttMs: number): number {
    if (this.warmUpCount < WARM_UP_WINDOWS) {
      this.warmUpCount++;
      this.warmUpSum += rttMs;
      this.longRtt = this.warmUpSum / this.warmUpCount;
    } else {
      this.longRtt = this.longRtt * (1 - this.longFactor) + rttMs * this.longFactor;
    }
    return this.longRtt;
  }
}
