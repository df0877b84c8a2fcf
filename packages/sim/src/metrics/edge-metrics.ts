import type { CallResult } from '../result.js';

/** The counters of one call edge (`caller->callee`), per attempt. None of them allocates. */
export class EdgeMetrics {
  private attemptsMade = 0;
  private retriesMade = 0;
  private attemptsOk = 0;
  private attemptsFailed = 0;

  constructor(
    /** `caller->callee`, the key of this edge in the run result. */
    readonly key: string,
  ) {}

  /**
   * An attempt started; `attempt` is its number within the call (core's `ExecuteContext.attempt`):
   * 1 for the first, anything above is a retry (or a hedged attempt).
   */
  recordAttempt(attempt: number): void {
    this.attemptsMade++;
    if (attempt > 1) this.retriesMade++;
  }

  /** An attempt succeeded. */
  recordOk(): void {
    this.attemptsOk++;
  }

  /** An attempt failed, for whatever cause. */
  recordFailure(): void {
    this.attemptsFailed++;
  }

  /** This edge's part of the run result. */
  toResult(): CallResult {
    return {
      attempts: this.attemptsMade,
      retries: this.retriesMade,
      ok: this.attemptsOk,
      failed: this.attemptsFailed,
    };
  }
}
