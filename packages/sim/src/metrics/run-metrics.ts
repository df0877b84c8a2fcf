import { Issues, readNumber, readObject } from '@faultline/core';
import type {
  BreakerTransition,
  CallResult,
  FaultRecord,
  RunResult,
  ServiceResult,
  TimelineBucket,
  TimelineServiceBucket,
} from '../result.js';
import { EdgeMetrics } from './edge-metrics.js';
import { ServiceMetrics } from './service-metrics.js';

/** How a run's metrics are kept. */
export interface RunMetricsOptions {
  /** Width of a timeline bucket, in simulated ms. Default 1000. */
  bucketMs?: number;
  /** Simulated time the run starts at, where the first bucket begins. Default 0. */
  startAt?: number;
}

/** How a service is registered. */
export interface ServiceMetricsOptions {
  /** Worker slots across all its instances (instances × workers), for `utilization`. Default 0. */
  workers?: number;
}

/** What the run result takes from outside the metrics: the run's identity and its cost. */
export interface RunSummary {
  /** The design's name. */
  design: string;
  seed: number;
  /** How much simulated time the run covered, from `startAt`. */
  simulatedMs: number;
  /** Events the engine ran (`Simulation.events`). */
  events: number;
  /** Wall-clock time the run took. */
  wallMs: number;
}

/**
 * Everything a run measures: per-service and per-edge counters, latency histograms for the run
 * and for each 1 s bucket, circuit breaker transitions and the fault log; and the run result
 * built from them.
 *
 * Memory stays bounded whatever the number of requests: counters are numbers, histograms have a
 * fixed size, and the timeline grows by one small entry per service per simulated second.
 * Breaker transitions and faults grow with what happened to the system, not with its traffic.
 */
export class RunMetrics {
  private readonly bucketMs: number;
  private readonly startAt: number;
  private readonly services = new Map<string, ServiceMetrics>();
  private readonly edges = new Map<string, EdgeMetrics>();
  private readonly breakerLog: BreakerTransition[] = [];
  private readonly faultLog: FaultRecord[] = [];

  constructor(options: RunMetricsOptions = {}) {
    const issues = new Issues();
    const record = readObject(options, 'metrics', issues, ['bucketMs', 'startAt']) ?? {};
    this.bucketMs = readNumber(record, 'bucketMs', 'metrics', issues, 1000, { min: 0, exclusiveMin: true });
    this.startAt = readNumber(record, 'startAt', 'metrics', issues, 0);
    issues.throwIfAny();
  }

  /**
   * The counters of service `name`, registered on first use (results list services in that
   * order); `workers`, when given, sets its capacity for `utilization`.
   */
  service(name: string, options: ServiceMetricsOptions = {}): ServiceMetrics {
    const issues = new Issues();
    const path = `metrics.service(${JSON.stringify(name)})`;
    const record = readObject(options, path, issues, ['workers']) ?? {};
    const workers = readNumber(record, 'workers', path, issues, 0, { min: 0 });
    issues.throwIfAny();
    let service = this.services.get(name);
    if (service === undefined) {
      service = new ServiceMetrics(name, { workers, startAt: this.startAt, bucketMs: this.bucketMs });
      this.services.set(name, service);
    } else if (record.workers !== undefined) {
      service.workers = workers;
    }
    return service;
  }

  /** The counters of the calls `caller` makes to `callee`, registered on first use. */
  edge(caller: string, callee: string): EdgeMetrics {
    const key = `${caller}->${callee}`;
    let edge = this.edges.get(key);
    if (edge === undefined) {
      edge = new EdgeMetrics(key);
      this.edges.set(key, edge);
    }
    return edge;
  }

  /** Logs a circuit breaker state change. */
  recordBreakerTransition(transition: BreakerTransition): void {
    const { t, edge, state, instance } = transition;
    this.breakerLog.push(instance === undefined ? { t, edge, state } : { t, edge, state, instance });
  }

  /** Logs a fault that was active during the run. */
  recordFault(fault: FaultRecord): void {
    this.faultLog.push({ type: fault.type, target: fault.target, start: fault.start, end: fault.end });
  }

  /** Closes every timeline bucket that ended by `now`, so a live view can read them with `timeline`. */
  closeBuckets(now: number): void {
    for (const service of this.services.values()) service.timeline.closeEndedBy(now);
  }

  /** How many timeline buckets are closed for every service (call `closeBuckets` first). */
  get closedBuckets(): number {
    let closed = Infinity;
    for (const service of this.services.values()) closed = Math.min(closed, service.timeline.length);
    return closed === Infinity ? 0 : closed;
  }

  /** The closed timeline buckets from index `from` on (0 is the first second), every service in each. */
  timeline(from = 0): TimelineBucket[] {
    const buckets: TimelineBucket[] = [];
    const closed = this.closedBuckets;
    for (let index = from; index < closed; index++) {
      const services: Record<string, TimelineServiceBucket> = {};
      for (const [name, service] of this.services) services[name] = service.timeline.bucket(index);
      buckets.push({ t: this.startAt + index * this.bucketMs, services });
    }
    return buckets;
  }

  /**
   * The run result (DESIGN.md's JSON), without `score` and `slo`, which the analysis adds: one
   * timeline entry per bucket that started before `startAt + simulatedMs` (the last one possibly
   * partial; a response sent at exactly that end counts in it). It closes only buckets that have
   * ended, so it can be asked again later, for more.
   */
  toResult(summary: RunSummary): RunResult {
    const end = this.startAt + summary.simulatedMs;
    const services: Record<string, ServiceResult> = {};
    const buckets = new Map<string, TimelineServiceBucket[]>();
    for (const [name, service] of this.services) {
      services[name] = service.toResult(summary.simulatedMs);
      buckets.set(name, service.timeline.bucketsUntil(end));
    }
    const length = Math.max(0, ...[...buckets.values()].map((list) => list.length));
    const timeline: TimelineBucket[] = [];
    for (let index = 0; index < length; index++) {
      const entry: Record<string, TimelineServiceBucket> = {};
      for (const [name, list] of buckets)
        entry[name] = list[index] ?? { ok: 0, failed: 0, p50: null, p99: null };
      timeline.push({ t: this.startAt + index * this.bucketMs, services: entry });
    }
    const calls: Record<string, CallResult> = {};
    for (const [key, edge] of this.edges) calls[key] = edge.toResult();
    return {
      design: summary.design,
      seed: summary.seed,
      simulatedMs: summary.simulatedMs,
      events: summary.events,
      wallMs: summary.wallMs,
      services,
      calls,
      timeline,
      breakers: this.breakerLog.map((transition) => ({ ...transition })),
      faults: this.faultLog.map((fault) => ({ ...fault })),
    };
  }
}
