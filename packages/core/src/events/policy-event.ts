/** How much a monitoring system should care about an event (Polly's severities). */
export type EventSeverity = 'debug' | 'info' | 'warning' | 'error';

/**
 * The catch-all event every policy emits, for monitoring and telemetry: one shape for all
 * policies, with the policy's own typed event in `detail`.
 */
export interface PolicyEvent<Detail = unknown> {
  /** The kind of policy: 'retry', 'circuitBreaker', 'timeout', ... */
  readonly policy: string;
  /** The policy's name: given in its options, else its kind. */
  readonly name: string;
  /** What happened, e.g. 'retry', 'giveUp', 'stateChange', 'timeout', 'rejected'. */
  readonly type: string;
  readonly severity: EventSeverity;
  /** `clock.now()` when it happened. */
  readonly time: number;
  /** The policy's own typed event. */
  readonly detail: Detail;
}
