import { systemClock, type Clock } from '../clock/index.js';
import type { Disposable, PolicyEvent } from '../events/index.js';
import { failureCodeOf } from '../errors/index.js';
import { contextOf, invoke, type ExecuteOptions, type Policy, type PolicyFunction } from '../policy/index.js';

// Structural subsets of @opentelemetry/api's Meter and trace API. Core has no runtime
// dependencies: users pass `metrics.getMeter(...)` and `trace` from '@opentelemetry/api' (an
// optional peer), and these shapes accept them as they are.
type Attributes = Record<string, string | number | boolean>;
export interface MeterLike {
  createCounter(
    name: string,
    options?: { description?: string; unit?: string },
  ): {
    add(value: number, attributes?: Attributes): void;
  };
  createHistogram(
    name: string,
    options?: { description?: string; unit?: string },
  ): {
    record(value: number, attributes?: Attributes): void;
  };
}
export interface TraceLike {
  getActiveSpan(): { addEvent(name: string, attributes?: Attributes): unknown } | undefined;
}

export interface TelemetryOptions {
  /** Where metrics go: `metrics.getMeter('my-service')` from @opentelemetry/api. */
  meter?: MeterLike;
  /** Where span events go: `trace` from @opentelemetry/api. Breaker transitions become events on the active span. */
  trace?: TraceLike;
  /** Measures durations; defaults to the system clock. */
  clock?: Clock;
}

/** Metric names, after Polly's (`resilience.polly.*`) so dashboards built for one read the other. */
export const TELEMETRY_METRICS = {
  events: 'resilience.faultline.strategy.events',
  attemptDuration: 'resilience.faultline.strategy.attempt.duration',
  pipelineDuration: 'resilience.faultline.pipeline.duration',
} as const;

/** The span event added when a circuit breaker changes state. */
export const BREAKER_SPAN_EVENT = 'resilience.circuit_breaker.state_change';

/** A policy wrapped with telemetry; dispose it to stop listening to the policy's events. */
export interface InstrumentedPolicy extends Policy, Disposable {
  readonly policy: Policy;
}

/**
 * Reports a policy (usually a pipeline) to OpenTelemetry: a counter of every event its
 * strategies emit, the duration of every attempt (retries and hedges included, numbered), and the
 * duration of the whole execution; breaker state changes become span events.
 */
export function instrument(policy: Policy, options: TelemetryOptions): InstrumentedPolicy {
  return new Instrumented(policy, options);
}

class Instrumented implements InstrumentedPolicy {
  readonly kind: string;
  readonly name: string;
  readonly onEvent: Policy['onEvent'];
  private readonly clock: Clock;
  private readonly subscription: Disposable;
  private readonly attemptDuration: ReturnType<MeterLike['createHistogram']> | undefined;
  private readonly pipelineDuration: ReturnType<MeterLike['createHistogram']> | undefined;

  constructor(
    readonly policy: Policy,
    options: TelemetryOptions,
  ) {
    this.kind = policy.kind;
    this.name = policy.name;
    this.onEvent = policy.onEvent;
    this.clock = options.clock ?? systemClock;
    const { meter, trace } = options;
    const events = meter?.createCounter(TELEMETRY_METRICS.events, {
      description: 'Events emitted by resilience strategies',
      unit: '{event}',
    });
    this.attemptDuration = meter?.createHistogram(TELEMETRY_METRICS.attemptDuration, {
      description: 'Duration of each attempt, including retries and hedges',
      unit: 'ms',
    });
    this.pipelineDuration = meter?.createHistogram(TELEMETRY_METRICS.pipelineDuration, {
      description: 'Duration of a whole execution through the pipeline',
      unit: 'ms',
    });
    this.subscription = policy.onEvent((event) => {
      events?.add(1, {
        'event.name': event.type,
        'event.severity': event.severity,
        'pipeline.name': policy.name,
        'strategy.name': event.name,
        'strategy.kind': event.policy,
      });
      if (trace && event.policy === 'circuitBreaker' && event.type === 'stateChange') {
        trace.getActiveSpan()?.addEvent(BREAKER_SPAN_EVENT, spanAttributes(event));
      }
    });
  }

  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const started = this.clock.now();
    const pipelineName = this.name;
    const attempt: PolicyFunction<T> = (context) => {
      const attemptStarted = this.clock.now();
      const record = (handled: boolean, error?: unknown) =>
        this.attemptDuration?.record(this.clock.now() - attemptStarted, {
          'pipeline.name': pipelineName,
          'attempt.number': context.attempt,
          'attempt.handled': handled,
          ...(error === undefined ? {} : { 'error.type': errorType(error) }),
        });
      return invoke(fn, context).then(
        (result) => (record(false), result),
        (error: unknown) => {
          record(true, error);
          throw error;
        },
      );
    };
    return this.policy.execute(attempt, contextOf(options)).then(
      (result) => {
        this.pipelineDuration?.record(this.clock.now() - started, {
          'pipeline.name': pipelineName,
          outcome: 'success',
        });
        return result;
      },
      (error: unknown) => {
        this.pipelineDuration?.record(this.clock.now() - started, {
          'pipeline.name': pipelineName,
          outcome: 'failure',
          'error.type': errorType(error),
        });
        throw error;
      },
    );
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function errorType(error: unknown): string {
  const code = failureCodeOf(error);
  if (code !== 'error') return code;
  return error instanceof Error ? error.name : typeof error;
}

function spanAttributes(event: PolicyEvent): Attributes {
  const attributes: Attributes = { 'strategy.name': event.name };
  const detail = event.detail;
  if (typeof detail === 'object' && detail !== null) {
    for (const [key, value] of Object.entries(detail)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        attributes[`circuit_breaker.${key}`] = value;
      }
    }
  }
  return attributes;
}
