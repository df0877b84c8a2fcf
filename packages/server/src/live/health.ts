/** What one service answered in one simulated second (a timeline bucket of the run result). */
export interface SecondStats {
  readonly ok: number;
  readonly failed: number;
  /** ms; null when it answered nothing. */
  readonly p99: number | null;
}

/** One simulated second of every service. */
export interface Second {
  /** Start of the second, simulated ms. */
  readonly t: number;
  readonly services: Readonly<Record<string, SecondStats>>;
}

/** The objectives health is judged against: the design's `slo`. */
export interface HealthBar {
  /** Percent of requests that must succeed, e.g. 99.9. */
  readonly availability: number;
  /** ms, when the design sets one. */
  readonly latencyP99: number | undefined;
}

/** A service's health in one second, as the dashboard colours it. */
export type Health = 'healthy' | 'degraded' | 'down';

/**
 * Judges one second of a service against the SLO. Healthy: its error rate within the SLO's
 * error budget (100 − availability %) and its p99 within latencyP99. Down: half or more of its
 * answers failed, or it answered nothing though it had traffic before (it hangs). Degraded: the
 * rest. `hadTraffic` says whether it answered anything in earlier seconds.
 */
export function healthOf(stats: SecondStats | undefined, bar: HealthBar, hadTraffic: boolean): Health {
  const answered = (stats?.ok ?? 0) + (stats?.failed ?? 0);
  if (answered === 0) return hadTraffic ? 'down' : 'healthy';
  const errorRate = stats!.failed / answered;
  if (errorRate >= 0.5) return 'down';
  const budget = (100 - bar.availability) / 100;
  const slow = bar.latencyP99 !== undefined && stats!.p99 !== null && stats!.p99 > bar.latencyP99;
  return errorRate > budget || slow ? 'degraded' : 'healthy';
}
