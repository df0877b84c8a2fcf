// The shapes the API answers with. The web UI talks to the server over HTTP only (DESIGN.md), so
// these mirror the server's and the simulator's documented types instead of importing them.

/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly nextCursor: string | null;
}

/** A design file as an object, as the user wrote it: `{ name, seed, duration, services, … }`. */
export type DesignDocument = Record<string, unknown>;

/** One version of a design, with its document. */
export interface Design {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly latestVersion: number;
  readonly document: DesignDocument;
  readonly message: string | null;
  readonly savedAt: string;
  readonly savedBy: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** A design in a list: no document. */
export interface DesignSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** What a run is started with. */
export interface RunParams {
  readonly seed?: number;
  readonly duration?: string | number;
  /** Also run the design without its resilience policies (or against another run), to compare. */
  readonly compare?: boolean | string;
}

/** A simulation run of one version of a design. */
export interface Run {
  readonly id: string;
  readonly designId: string;
  readonly designVersion: number;
  readonly status: RunStatus;
  readonly params: RunParams;
  readonly progress: number;
  readonly error: string | null;
  readonly hasResult: boolean;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Present once the run has finished with a result (GET /runs/:id). */
  readonly result?: RunResult | null;
  /** The comparison run's result, when the run was started with `compare`. */
  readonly baseline?: RunResult | null;
}

/** Failed requests by cause. */
export interface ErrorCounts {
  readonly timeout: number;
  readonly rejected: number;
  readonly circuitOpen: number;
  readonly unavailable: number;
  readonly error: number;
}

export interface ServiceResult {
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  readonly degraded: number;
  readonly errors: ErrorCounts;
  readonly latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  readonly utilization: number;
}

export interface TimelineServiceBucket {
  readonly ok: number;
  readonly failed: number;
  readonly p50: number | null;
  readonly p99: number | null;
}

export interface TimelineBucket {
  readonly t: number;
  readonly services: Record<string, TimelineServiceBucket>;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen' | 'isolated' | 'disabled';

export interface BreakerTransition {
  readonly t: number;
  readonly edge: string;
  readonly state: BreakerState;
  /** Which instance of the caller (0-based) the breaker belongs to: each has its own. */
  readonly instance?: number;
}

export interface FaultRecord {
  readonly type: string;
  readonly target: string;
  readonly start: number;
  readonly end: number;
}

export interface RunScore {
  readonly value: number;
  readonly availability: number;
  readonly recoveryMs: number;
  readonly blastRadius: number;
}

/** The run result (DESIGN.md, "The run result"). */
export interface RunResult {
  readonly design: string;
  readonly seed: number;
  readonly simulatedMs: number;
  readonly events: number;
  readonly wallMs: number;
  readonly services: Record<string, ServiceResult>;
  readonly calls: Record<string, { attempts: number; retries: number; ok: number; failed: number }>;
  readonly timeline: readonly TimelineBucket[];
  readonly breakers: readonly BreakerTransition[];
  readonly faults: readonly FaultRecord[];
  readonly score?: RunScore;
  readonly slo?: {
    met: boolean;
    availability?: { target: number; actual: number; met: boolean };
    latencyP99?: { targetMs: number; actualMs: number; met: boolean };
  };
}

/** One parameter of a fault type, as a form asks for it (GET /fault-types). */
export interface FaultParameter {
  readonly name: string;
  readonly kind:
    | 'service'
    | 'service-groups'
    | 'duration'
    | 'distribution'
    | 'probability'
    | 'fraction'
    | 'count'
    | 'choice';
  readonly required: boolean;
  readonly description: string;
  readonly default?: unknown;
  readonly choices?: readonly string[];
}

/** A fault type the server knows: what it does, its parameters, what a live injection's intensity sets. */
export interface FaultType {
  readonly type: string;
  readonly description: string;
  readonly parameters: readonly FaultParameter[];
  readonly intensity: { readonly parameter: string; readonly rule: string } | null;
}

/** The subset of JSON Schema the forms read. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  /** Faultline's own hint: this string is a duration (`250ms`, `2s`). */
  readonly format?: string;
}
