/** An adaptive limit algorithm: fed one sample window at a time, it moves its estimate. */
export interface LimitAlgorithm {
  /** The current estimate, within minLimit..maxLimit; the kernel admits its whole part. */
  readonly estimate: number;
  /**
   * Moves the estimate for one window: its average latency `rttMs`, the most calls in flight
   * during it, and whether any call was dropped.
   */
  update(rttMs: number, inflight: number, dropped: boolean): void;
}
