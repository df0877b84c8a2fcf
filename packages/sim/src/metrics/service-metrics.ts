import type { FailureCode } from '@faultline/core';
import type { ErrorCounts, ServiceResult } from '../result.js';
import { LatencyRecorder } from './latency-recorder.js';
import { TimelineSeries } from './timeline-series.js';

/**
 * The counters of one service: what arrived, how it was answered, how long it took, how busy its
 * workers were. The world calls these from its event handlers; none of them allocates.
 */
export class ServiceMetrics {
  /** Worker slots across all instances: the capacity `utilization` is measured against. */
  workers: number;

  private arrived = 0;
  private answeredOk = 0;
  private answeredFailed = 0;
  private answeredDegraded = 0;
  private readonly errorCounts: ErrorCounts = {
    timeout: 0,
    rejected: 0,
    circuitOpen: 0,
    unavailable: 0,
    error: 0,
  };
  private busyWorkerMs = 0;
  private latencySumMs = 0;
  // Every response's latency, failures included; filled a bucket at a time by the timeline.
  private readonly wholeRunLatency = new LatencyRecorder();
  /** Responses per bucket of simulated time. */
  readonly timeline: TimelineSeries;

  constructor(
    readonly name: string,
    options: { workers: number; startAt: number; bucketMs: number },
  ) {
    this.workers = options.workers;
    this.timeline = new TimelineSeries(options.startAt, options.bucketMs, this.wholeRunLatency);
  }

  /** A request arrived (from the workload or a caller; a retry is a new arrival). */
  recordArrival(): void {
    this.arrived++;
  }

  /** A request was answered successfully at `now`, `latencyMs` after it arrived. */
  recordOk(now: number, latencyMs: number): void {
    this.answeredOk++;
    this.latencySumMs += latencyMs;
    this.timeline.record(now, latencyMs, true);
  }

  /** A request was answered by a fallback: it counts as ok and as degraded. */
  recordDegraded(now: number, latencyMs: number): void {
    this.answeredDegraded++;
    this.recordOk(now, latencyMs);
  }

  /** A request failed at `now`, `latencyMs` after it arrived, for the cause `code`. */
  recordFailure(now: number, latencyMs: number, code: FailureCode): void {
    this.answeredFailed++;
    this.errorCounts[code]++;
    this.latencySumMs += latencyMs;
    this.timeline.record(now, latencyMs, false);
  }

  /** Adds worker time spent on requests (one worker busy for `ms`), for `utilization`. */
  recordBusy(ms: number): void {
    this.busyWorkerMs += ms;
  }

  /** Requests that arrived so far. */
  get requests(): number {
    return this.arrived;
  }

  /** Requests answered successfully so far, degraded ones included. */
  get ok(): number {
    return this.answeredOk;
  }

  /** Requests failed so far. */
  get failed(): number {
    return this.answeredFailed;
  }

  /** Requests answered by a fallback so far. */
  get degraded(): number {
    return this.answeredDegraded;
  }

  /** The exact mean latency of the responses so far, in ms; 0 before the first. */
  get meanLatencyMs(): number {
    const answered = this.answeredOk + this.answeredFailed;
    return answered === 0 ? 0 : this.latencySumMs / answered;
  }

  /** Worker time spent on requests so far, in ms. */
  get busyMs(): number {
    return this.busyWorkerMs;
  }

  /** The exact share of worker capacity that was busy over `simulatedMs`; 0 without capacity or time. */
  utilization(simulatedMs: number): number {
    const capacity = this.workers * simulatedMs;
    return capacity > 0 ? this.busyWorkerMs / capacity : 0;
  }

  /**
   * This service's part of the run result, over `simulatedMs` of simulated time from the
   * timeline's start: the open timeline bucket is read, not closed, so a live session can ask
   * for it as often as it likes and go on. Closes the buckets that ended by then.
   */
  toResult(simulatedMs: number): ServiceResult {
    this.timeline.closeEndedBy(this.timeline.startAt + simulatedMs);
    return {
      requests: this.arrived,
      ok: this.answeredOk,
      failed: this.answeredFailed,
      degraded: this.answeredDegraded,
      errors: { ...this.errorCounts },
      latencyMs: this.timeline.wholeRunSoFar().summary(),
      utilization: Math.round(this.utilization(simulatedMs) * 10_000) / 10_000,
    };
  }
}
