import {
  LIMIT_DROP,
  LIMIT_IGNORE,
  LIMIT_SAMPLE,
  fromConfig,
  type BulkheadKernel,
  type CircuitBreakerKernel,
  type CircuitState,
  type CircuitTransition,
  type ConcurrencyLimitKernel,
  type FailureCode,
  type FallbackKernel,
  type HedgeKernel,
  type LimitOutcome,
  type RateLimiterKernel,
  type ResiliencePipeline,
  type RetryKernel,
  type TimeoutKernel,
} from '@faultline/core';
import type { Call } from '../model/index.js';
import type { EdgeMetrics } from '../metrics/index.js';
import { attemptTimedOut } from './attempt.js';
import { AttemptQueue } from './attempt-queue.js';
import { DeadlineQueue } from './deadline-queue.js';
import type { Instance } from './instance.js';
import type { Link } from './network.js';
import type { ServiceNode } from './service.js';
import type { World } from './world.js';

const FAILURE_CODES: readonly FailureCode[] = ['timeout', 'rejected', 'circuitOpen', 'unavailable', 'error'];

/** What every instance's copy of one call of the design shares: its network latency and link. */
export interface CallRoute {
  readonly caller: ServiceNode;
  readonly callee: ServiceNode;
  /** The call as the design writes it. */
  readonly call: Call;
  /** One-way network latency of a message on this call, drawn per message (one stream per call). */
  readonly latency: () => number;
  /** The network path from caller to callee, shared by every call between them. */
  readonly link: Link;
}

/**
 * One call of the design (an entry in a service's `calls`) as one instance of the calling
 * service runs it: its resilience pipeline, built by core's `fromConfig` on the simulation's
 * clock with its own random stream. Each instance has its own pipeline (its own breaker,
 * bulkhead slots, rate limiter permits, concurrency limit, retry budget), as each process of
 * a real service has its own client library: what you simulate is what you ship. Counts go to
 * the edge's metrics, shared by every instance (`caller->callee`).
 *
 * It keeps the queues the kernels count but leave to their driver (the bulkhead's, the rate
 * limiter's) and the one timer of the rate limiter's queue.
 */
export class CallEdge {
  /** `caller->callee`: the key results count it under (two calls to one callee share it). */
  readonly key: string;
  /** Where the call is written in the design. */
  readonly path: string;
  /** One-way network latency of a message on this edge, drawn per message. */
  readonly latency: () => number;
  readonly caller: ServiceNode;
  readonly callee: ServiceNode;
  /** The network path from caller to callee, shared by every call between them. */
  readonly link: Link;
  readonly metrics: EdgeMetrics;
  readonly pipeline: ResiliencePipeline;
  readonly fallback: FallbackKernel | undefined;
  readonly retry: RetryKernel | undefined;
  readonly hedge: HedgeKernel | undefined;
  readonly breaker: CircuitBreakerKernel | undefined;
  readonly rateLimiter: RateLimiterKernel | undefined;
  readonly timeout: TimeoutKernel | undefined;
  readonly concurrencyLimit: ConcurrencyLimitKernel | undefined;
  readonly bulkhead: BulkheadKernel | undefined;
  /** Attempts waiting for a bulkhead slot, and for a rate limiter permit. */
  readonly bulkheadQueue = new AttemptQueue();
  readonly permitQueue = new AttemptQueue();
  permitTimer = -1;
  /** The deadlines of attempts past the timeout, when there is a timeout. */
  readonly deadlines: DeadlineQueue | undefined;
  /** Attempts started and not ended. */
  active = 0;

  private readonly limitOutcomes = new Map<FailureCode, LimitOutcome>();
  private readonly countedByBreaker = new Map<FailureCode, boolean>();
  /** Attempts started, and attempts failed, since the run began (a live view takes differences). */
  attempts = 0;
  failed = 0;

  constructor(
    readonly world: World,
    route: CallRoute,
    /** The instance of the calling service whose pipeline this is. */
    readonly instance: Instance,
    onBreakerChange: (edge: CallEdge, transition: CircuitTransition) => void,
  ) {
    const simulation = world.simulation;
    const { call, caller, callee } = route;
    this.key = call.edge;
    this.path = call.path;
    this.caller = caller;
    this.callee = callee;
    this.link = route.link;
    this.latency = route.latency;
    this.metrics = world.metrics.edge(caller.name, callee.name);
    this.pipeline = fromConfig(call.resilience, {
      clock: simulation.clock,
      // Each instance's own stream: adding an instance does not change another's draws.
      random: simulation.stream(`policies:${call.path}:instance-${instance.index}`),
      name: call.edge,
      path: call.path,
    });
    const parts = this.pipeline.parts;
    this.fallback = parts.fallback?.kernel;
    this.retry = parts.retry?.kernel;
    this.hedge = parts.hedge?.kernel;
    this.breaker = parts.circuitBreaker?.kernel;
    this.rateLimiter = parts.rateLimiter?.kernel;
    this.timeout = parts.timeout?.kernel;
    this.concurrencyLimit = parts.concurrencyLimit?.kernel;
    this.bulkhead = parts.bulkhead?.kernel;
    this.deadlines = this.timeout && new DeadlineQueue(simulation, attemptTimedOut);
    // Core's own predicates, asked once per failure code (the simulator's errors are its codes).
    const limit = parts.concurrencyLimit;
    const breaker = parts.circuitBreaker;
    for (const code of FAILURE_CODES) {
      if (limit !== undefined) {
        const kind = limit.options.classifyError({ error: { code } });
        this.limitOutcomes.set(
          code,
          kind === 'drop' ? LIMIT_DROP : kind === 'sample' ? LIMIT_SAMPLE : LIMIT_IGNORE,
        );
      }
      if (breaker !== undefined) this.countedByBreaker.set(code, breaker.options.handle(code) === true);
    }
    if (breaker !== undefined) {
      // Adaptive thresholds tighten with the load of the process the breaker lives in.
      breaker.kernel.setLoadSignal(() => instance.load());
      breaker.onStateChange((transition) => onBreakerChange(this, transition));
    }
  }

  /** The breaker's state, or undefined without a breaker. */
  get breakerState(): CircuitState | undefined {
    return this.breaker?.state;
  }

  /** How the concurrency limit counts an attempt that failed with `code` (its `classifyError`). */
  limitOutcomeOf(code: FailureCode): LimitOutcome {
    return this.limitOutcomes.get(code) ?? LIMIT_IGNORE;
  }

  /** Whether the breaker counts a failure with `code` (its `handle`; otherwise it is ignored). */
  breakerCounts(code: FailureCode): boolean {
    return this.countedByBreaker.get(code) ?? true;
  }

  /** An attempt started: counted on the edge (`attempt` > 1: a retry or a hedge). */
  attemptStarted(attempt: number): void {
    this.metrics.recordAttempt(attempt);
    this.active++;
    this.attempts++;
  }

  /** An attempt ended, whatever its outcome (or none, when abandoned). */
  attemptEnded(): void {
    this.active--;
  }

  /** An attempt failed. */
  attemptFailed(): void {
    this.metrics.recordFailure();
    this.failed++;
  }
}
