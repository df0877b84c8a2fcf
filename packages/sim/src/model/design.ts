import { RESILIENCE_ORDER, type ResilienceKey } from '@faultline/core';
import type { Distribution } from '../distributions/index.js';

/*
 * A design after validation: every default filled in, every duration in milliseconds, every
 * distribution resolved. Keys keep the names of the design file (docs/design-file.md), so a value
 * here is found under the same name there.
 */

/** The design-file format version this code reads and produces. */
export const FORMAT_VERSION = 1;

/** A validated, fully resolved design. */
export interface Design {
  readonly version: typeof FORMAT_VERSION;
  readonly name: string;
  /** Same seed and same design give identical results. */
  readonly seed: number;
  /** Simulated time to run, ms. */
  readonly duration: number;
  readonly network: Network;
  /** By name, in the order the file lists them. */
  readonly services: Readonly<Record<string, Service>>;
  readonly workload: readonly Workload[];
  readonly faults: readonly Fault[];
  readonly slo: Slo;
}

export interface Network {
  /** One-way latency of every call edge that does not set its own. */
  readonly latency: Distribution;
}

export type LoadBalancer = 'round-robin' | 'random' | 'least-outstanding' | 'power-of-two';

export interface Service {
  readonly name: string;
  readonly instances: number;
  /** Requests one instance serves at once; the rest wait in its queue. */
  readonly workers: number;
  /** Waiting requests per instance beyond which new ones are rejected. */
  readonly queueLimit: number;
  /** The service's own work per request, ms. */
  readonly latency: Distribution;
  /** Probability that the service itself fails a request. */
  readonly errorRate: number;
  readonly loadBalancer: LoadBalancer;
  /** The file's `calls`, in order: each step is one call, or a group of calls made in parallel. */
  readonly steps: readonly Step[];
}

/** One step of a service's calls: a single call, or a parallel fan-out that waits for all of its calls. */
export type Step = { readonly kind: 'call'; readonly call: Call } | ParallelStep;

export interface ParallelStep {
  readonly kind: 'parallel';
  readonly calls: readonly Call[];
}

/**
 * The keys of a call that configure @faultline/core policies, in the order DESIGN.md composes
 * them (outermost first); core's `fromConfig` owns the actual composition.
 */
/** A call's resilience keys, outermost first: exactly core's, in the order its pipeline runs them. */
export const RESILIENCE_KEYS = RESILIENCE_ORDER;

export type { ResilienceKey };

/**
 * A call's policy configs exactly as written in the file (validated by core's resolvers): the
 * simulator hands them to core's `fromConfig` unchanged, as production code would.
 */
export type Resilience = { readonly [K in ResilienceKey]?: unknown };

export interface Call {
  /** The calling service. */
  readonly from: string;
  readonly to: string;
  /** `from->to`, the key the run result counts this edge under. */
  readonly edge: string;
  /** Where the call is in the file, e.g. `services.gateway.calls[1].parallel[0]`. */
  readonly path: string;
  /** One-way network latency on this edge (the design's `network.latency` unless set). */
  readonly latency: Distribution;
  readonly resilience: Resilience;
}

export type Workload = OpenWorkload | ClosedWorkload;

export type Arrivals = 'poisson' | 'uniform';

/** Requests arrive at a rate, whether or not earlier ones were answered. */
export interface OpenWorkload {
  readonly kind: 'open';
  readonly target: string;
  /** Base rate, requests per second (for a csv profile: the CSV's first rate). */
  readonly rate: number;
  readonly arrivals: Arrivals;
  readonly profile: Profile;
  /** The rate over time that `rate` and `profile` describe. */
  readonly curve: RateCurve;
}

/** A fixed number of users, each sending a request, waiting for the answer, thinking, and again. */
export interface ClosedWorkload {
  readonly kind: 'closed';
  readonly target: string;
  readonly users: number;
  readonly thinkTime: Distribution;
}

export type Profile =
  | { readonly type: 'constant' }
  /** From the base rate to `to`, linearly, over [at, at + duration]; `to` after. */
  | { readonly type: 'ramp'; readonly to: number; readonly at: number; readonly duration: number }
  /** The base rate times `multiplier` over [at, at + duration]. */
  | { readonly type: 'spike'; readonly at: number; readonly duration: number; readonly multiplier: number }
  /** The rate changes to each step's rate at its time. */
  | { readonly type: 'step'; readonly steps: readonly RatePoint[] }
  /** Rates over time read from CSV. */
  | { readonly type: 'csv'; readonly points: readonly RatePoint[]; readonly interpolate: 'step' | 'linear' };

export interface RatePoint {
  /** ms from the start of the run. */
  readonly at: number;
  /** requests per second. */
  readonly rate: number;
}

/**
 * A rate over time, piecewise linear through its points (ordered by `at`; two points at the same
 * time make a jump). Before the first point the rate is the first point's; after the last, the last's.
 */
export type RateCurve = readonly RatePoint[];

export type ExhaustedResource = 'workers' | 'cpu' | 'memory' | 'connections';

/** When a fault is active: from `at` for `duration` ms (to the end of the run unless set). */
interface FaultWindow {
  readonly at: number;
  readonly duration: number;
}

/** Faults aimed at some instances of one service. */
interface ServiceFault extends FaultWindow {
  readonly target: string;
  /** How many of the target's instances (all of them unless set). */
  readonly instances: number;
}

export type Fault =
  | (ServiceFault & { readonly type: 'crash' })
  | (ServiceFault & { readonly type: 'latency'; readonly delay: Distribution })
  | (ServiceFault & { readonly type: 'error'; readonly rate: number })
  | (ServiceFault & {
      readonly type: 'exhaustion';
      readonly resource: ExhaustedResource;
      readonly fraction: number;
    })
  | (FaultWindow & { readonly type: 'partition'; readonly between: readonly (readonly string[])[] })
  | (FaultWindow & {
      readonly type: 'packet-loss';
      readonly from: string;
      readonly to: string;
      readonly rate: number;
      readonly retransmitDelay: number;
    });

export type FaultType = Fault['type'];

export interface Slo {
  /** Percent of requests to the workload's targets that must succeed. */
  readonly availability: number;
  /** The p99 latency those requests must stay under, ms; undefined when there is no such objective. */
  readonly latencyP99: number | undefined;
}
