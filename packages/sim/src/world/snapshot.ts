import type { CircuitState } from '@faultline/core';
import type { ActiveFault } from '../faults/injector.js';
import type { BreakerTransition } from '../result.js';
import type { World } from './world.js';

/** How a service looks over the last second: `down`, `degraded` or `healthy` (see `healthOf`). */
export type ServiceHealth = 'healthy' | 'degraded' | 'down';

/** One service over the last whole second of simulated time, and its state now. */
export interface LiveServiceSnapshot {
  /** Responses it sent in the last second (ok and failed). */
  requestsPerSec: number;
  /** Share of those that failed, 0 to 1. */
  errorRate: number;
  /** p99 latency of those responses, ms; null without responses. */
  p99: number | null;
  /** Instances up now, of `instances`. */
  instancesUp: number;
  instances: number;
  /** Requests its instances hold now (in service or queued). */
  inFlight: number;
  health: ServiceHealth;
}

/** One call edge (`caller->callee`) now, and its attempts over the last whole second. */
export interface LiveEdgeSnapshot {
  /**
   * The most severe state of its breakers now (each instance of the caller has its own, and
   * two calls may share the edge): open, isolated, halfOpen, closed, disabled; null without a breaker.
   */
  breakerState: CircuitState | null;
  /** How many of its breakers are in each state now (states no breaker is in are left out); {} without a breaker. */
  breakerStates: Partial<Record<CircuitState, number>>;
  attemptsPerSec: number;
  /** Share of the last second's attempts that failed, 0 to 1. */
  failureRate: number;
  /** Attempts started and not ended now (waiting for a permit or a slot included). */
  inFlight: number;
  /** Attempts waiting in a bulkhead's queue or for a rate limiter's permit now. */
  queued: number;
}

/** What a live dashboard shows at one instant. */
export interface LiveSnapshot {
  /** Simulated time now, ms. */
  t: number;
  services: Record<string, LiveServiceSnapshot>;
  edges: Record<string, LiveEdgeSnapshot>;
  /** The last breaker transitions (up to 100), oldest first. */
  breakers: BreakerTransition[];
  /** Breaker transitions since the session began: the ones not seen yet are the last (this − seen). */
  breakerTransitions: number;
  /** Faults in force now. */
  faults: ActiveFault[];
}

/** Errors above this share of the last second's responses make a service degraded. */
export const DEGRADED_ERROR_RATE = 0.01;

// Most severe first: what an edge with several breakers (instances, calls) shows.
const SEVERITY: readonly CircuitState[] = ['open', 'isolated', 'halfOpen', 'closed', 'disabled'];

/**
 * A service is `down` when no instance is up or every response of the last second failed;
 * `degraded` when an instance is down, more than 1% of the last second's responses failed, or
 * their p99 is over the design's `slo.latencyP99`; `healthy` otherwise.
 */
export function healthOf(
  service: Pick<LiveServiceSnapshot, 'requestsPerSec' | 'errorRate' | 'p99' | 'instancesUp' | 'instances'>,
  latencyP99: number | undefined,
): ServiceHealth {
  if (service.instancesUp === 0 || (service.requestsPerSec > 0 && service.errorRate === 1)) return 'down';
  if (
    service.instancesUp < service.instances ||
    service.errorRate > DEGRADED_ERROR_RATE ||
    (latencyP99 !== undefined && service.p99 !== null && service.p99 > latencyP99)
  )
    return 'degraded';
  return 'healthy';
}

/**
 * What a live session shows of its world. Edges are counted per whole second by a tick event at
 * every second (a live session only: `simulate()` runs no tick), so attempts cost nothing extra.
 */
export class LiveView {
  private readonly attemptsAtTick: Float64Array;
  private readonly failedAtTick: Float64Array;
  private readonly attemptsLastSecond: Float64Array;
  private readonly failedLastSecond: Float64Array;

  constructor(private readonly world: World) {
    const count = world.edges.length;
    this.attemptsAtTick = new Float64Array(count);
    this.failedAtTick = new Float64Array(count);
    this.attemptsLastSecond = new Float64Array(count);
    this.failedLastSecond = new Float64Array(count);
    const now = world.simulation.now();
    world.simulation.scheduleAt((Math.floor(now / 1000) + 1) * 1000, tick, this);
  }

  /** A whole second ended: each edge's counts since the last tick become its last second. */
  tick(): void {
    const edges = this.world.edges;
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i]!;
      this.attemptsLastSecond[i] = edge.attempts - this.attemptsAtTick[i]!;
      this.failedLastSecond[i] = edge.failed - this.failedAtTick[i]!;
      this.attemptsAtTick[i] = edge.attempts;
      this.failedAtTick[i] = edge.failed;
    }
    this.world.simulation.schedule(1000, tick, this);
  }

  /** The world at this instant, services and edges over the last whole second. */
  snapshot(): LiveSnapshot {
    const world = this.world;
    const now = world.simulation.now();
    const metrics = world.metrics;
    metrics.closeBuckets(now);
    const closed = metrics.closedBuckets;
    const last = closed > 0 ? metrics.timeline(closed - 1)[0] : undefined;
    const services: Record<string, LiveServiceSnapshot> = {};
    for (const service of world.services) {
      const bucket = last?.services[service.name];
      const responses = bucket === undefined ? 0 : bucket.ok + bucket.failed;
      let instancesUp = 0;
      let inFlight = 0;
      for (const instance of service.instances) {
        if (instance.up) instancesUp++;
        inFlight += instance.outstanding;
      }
      const seen = {
        requestsPerSec: responses,
        errorRate: responses === 0 ? 0 : bucket!.failed / responses,
        p99: bucket?.p99 ?? null,
        instancesUp,
        instances: service.instances.length,
        inFlight,
      };
      services[service.name] = { ...seen, health: healthOf(seen, world.design.slo.latencyP99) };
    }
    const edges: Record<string, LiveEdgeSnapshot> = {};
    world.edges.forEach((edge, i) => {
      const attempts = this.attemptsLastSecond[i]!;
      const failed = this.failedLastSecond[i]!;
      const queued = edge.bulkheadQueue.size + edge.permitQueue.size;
      const state = edge.breakerState ?? null;
      const seen = edges[edge.key];
      if (seen === undefined) {
        edges[edge.key] = {
          breakerState: state,
          breakerStates: state === null ? {} : { [state]: 1 },
          attemptsPerSec: attempts,
          failureRate: attempts === 0 ? 0 : failed / attempts,
          inFlight: edge.active,
          queued,
        };
        return;
      }
      // Each instance's pipeline, and two calls of one service to the same callee, share the key: add them up.
      const total = seen.attemptsPerSec + attempts;
      seen.failureRate = total === 0 ? 0 : (seen.failureRate * seen.attemptsPerSec + failed) / total;
      seen.attemptsPerSec = total;
      seen.inFlight += edge.active;
      seen.queued += queued;
      if (state === null) return;
      seen.breakerStates[state] = (seen.breakerStates[state] ?? 0) + 1;
      if (seen.breakerState === null || SEVERITY.indexOf(state) < SEVERITY.indexOf(seen.breakerState))
        seen.breakerState = state;
    });
    return {
      t: now,
      services,
      edges,
      breakers: world.recentTransitions.map((transition) => ({ ...transition })),
      breakerTransitions: world.transitionCount,
      faults: world.faults.active(),
    };
  }
}

function tick(view: LiveView): void {
  view.tick();
}
