import type { CircuitState } from '@faultline/core';
import type { FaultType } from './model/index.js';

/**
 * The result of one simulation run: what `faultline simulate FILE --json OUT` writes and what the
 * API returns for a run (DESIGN.md, "The run result"). Every time is in simulated milliseconds
 * from the start of the run, every latency in milliseconds rounded to the microsecond.
 *
 * Same design and same seed give the same result, field for field, except `wallMs`.
 */
export interface RunResult {
  /** The design's `name`. */
  design: string;
  /** The seed the run used. */
  seed: number;
  /** How much simulated time the run covered. */
  simulatedMs: number;
  /** How many events the engine ran (a measure of the run's work, not of its traffic). */
  events: number;
  /** How long the run took on the wall clock: the one field that differs between identical runs. */
  wallMs: number;
  /** Per service, in the order the design lists them. */
  services: Record<string, ServiceResult>;
  /** Per call edge, keyed `caller->callee` (e.g. `gateway->orders`). */
  calls: Record<string, CallResult>;
  /** One entry per second (per metrics bucket) of simulated time, oldest first. */
  timeline: TimelineBucket[];
  /** Every circuit breaker state change, in time order. */
  breakers: BreakerTransition[];
  /** Every fault injected during the run, in the order they started. */
  faults: FaultRecord[];
  /** The resilience score, filled in by the analysis after the run. */
  score?: RunScore;
  /** How the run measured up to the design's `slo`, filled in by the analysis when the design has one. */
  slo?: SloResult;
}

/** What one service saw over the whole run. */
export interface ServiceResult {
  /** Requests that arrived, from the workload or from callers, retries included. */
  requests: number;
  /** Requests answered successfully, degraded ones included. */
  ok: number;
  /** Requests that failed; each is counted once in `errors`, under the cause that failed it. */
  failed: number;
  /** Requests answered by a fallback: counted in `ok` as well. */
  degraded: number;
  /** Failed requests by cause. */
  errors: ErrorCounts;
  /**
   * From arrival to response, over every answered request, failed ones included: a request that
   * times out after 1 s is a second a user waited. All zero when the service answered nothing.
   */
  latencyMs: LatencySummary;
  /** Busy worker time over the time all its workers were available: instances × workers × simulatedMs. */
  utilization: number;
}

/** Failed requests by cause (see DESIGN.md for which failure goes under which code). */
export interface ErrorCounts {
  /** A call the request needed timed out. */
  timeout: number;
  /** Its own queue was full, or a bulkhead or rate limiter refused a call it needed. */
  rejected: number;
  /** A circuit breaker refused a call it needed. */
  circuitOpen: number;
  /** A callee was down or refused the connection. */
  unavailable: number;
  /** Its own error, or an error a callee returned. */
  error: number;
}

/** A latency distribution, in ms. `mean` and `max` are exact; percentiles within 0.1% (or 1 µs). */
export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What one caller saw of one callee: every attempt, first tries and retries alike. */
export interface CallResult {
  /** Attempts made, retries and hedged attempts included. */
  attempts: number;
  /** Attempts after the first of a call. */
  retries: number;
  /** Attempts that succeeded. */
  ok: number;
  /** Attempts that failed, for whatever cause. */
  failed: number;
}

/** One second (one metrics bucket) of simulated time. */
export interface TimelineBucket {
  /** Start of the bucket, in simulated ms. */
  t: number;
  /** Per service, every service in every bucket. */
  services: Record<string, TimelineServiceBucket>;
}

/** What one service answered during one bucket, counted when the response was sent. */
export interface TimelineServiceBucket {
  ok: number;
  failed: number;
  /** Median latency of the responses in this bucket, in ms (within 0.1%); null when there were none. */
  p50: number | null;
  /** 99th percentile latency of the responses in this bucket, in ms (within 0.1%); null when there were none. */
  p99: number | null;
}

/** The states a circuit breaker moves between: core's own (closed, open, halfOpen, isolated, disabled). */
export type BreakerState = CircuitState;

/** A circuit breaker changed state. */
export interface BreakerTransition {
  /** When, in simulated ms. */
  t: number;
  /** The call edge the breaker guards, `caller->callee`. */
  edge: string;
  /** The state it moved to. */
  state: BreakerState;
  /**
   * Which instance of the calling service (0-based) the breaker belongs to: each instance has
   * its own breaker, as each process of a real service does. Absent in results written before.
   */
  instance?: number;
}

/** A fault that was active during the run. */
export interface FaultRecord {
  /** The fault's `type` in the design: crash, latency, error, exhaustion, partition, ... */
  type: FaultType;
  /** What it hit: a service name (a partition names the services on both sides). */
  target: string;
  /** When it began, in simulated ms. */
  start: number;
  /** When it ended, in simulated ms (the end of the run if it was still active then). */
  end: number;
}

/** The resilience score (documented with the analysis that computes it). */
export interface RunScore {
  /** 0 to 100. */
  value: number;
  /** Percent of user requests answered successfully. */
  availability: number;
  /** How long after the last fault ended the system was back to its steady state. */
  recoveryMs: number;
  /** Share of services that users saw fail while a fault was active, 0 to 1. */
  blastRadius: number;
}

/**
 * Each objective of the design's `slo` against what the run measured. Provisional: the analysis
 * that fills it in owns this shape.
 */
export interface SloResult {
  /** Whether every objective was met. */
  met: boolean;
  availability?: { target: number; actual: number; met: boolean };
  latencyP99?: { targetMs: number; actualMs: number; met: boolean };
}
