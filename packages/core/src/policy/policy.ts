import type { Clock } from '../clock/index.js';
import { Emitter, type EventSeverity, type EventSubscriber, type PolicyEvent } from '../events/index.js';

/** What the function run by a policy receives: one object, so fields can be added later. */
export interface ExecuteContext {
  /**
   * Aborted when nobody wants the result any more: the caller gave up, a timeout fired, a hedge won.
   * It may be created on first read, so build derived contexts as `{ signal: context.signal, attempt }`
   * only when you change it, and never spread a context (`{ ...context }` would read every getter).
   */
  readonly signal: AbortSignal;
  /** 1 for the first attempt; retry and hedge count up from there. */
  readonly attempt: number;
}

/** Options of one `execute` call. An outer policy passes its whole context here. */
export interface ExecuteOptions {
  readonly signal?: AbortSignal;
  readonly attempt?: number;
}

export type PolicyFunction<T> = (context: ExecuteContext) => T | PromiseLike<T>;

/** A resilience policy: runs a function under its rules. Pipelines of policies are policies too. */
export interface Policy {
  /** 'retry', 'circuitBreaker', 'timeout', 'bulkhead', 'rateLimiter', 'fallback', 'hedge', 'concurrencyLimit', 'pipeline', ... */
  readonly kind: string;
  /** Given in the options; defaults to the kind. Registry and telemetry report it. */
  readonly name: string;
  /** Runs `fn` under this policy. Rejects with the policy's own error when it refuses or gives up. */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T>;
  /** Every event this policy emits, in one shape, for monitoring. */
  readonly onEvent: EventSubscriber<PolicyEvent>;
}

/** A signal that never aborts: the default when the caller gives none. Listeners are never added to it. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/**
 * The context for an `execute` call: the caller's own when it is complete, so nothing is allocated.
 * `signal` is tested with `in`, never read: a timeout's context creates its AbortSignal lazily on
 * first read (creating one costs microseconds), and policies that merely pass it on must not.
 */
export function contextOf(options: ExecuteOptions | undefined): ExecuteContext {
  if (options === undefined) return ROOT_CONTEXT;
  if (options.attempt !== undefined && 'signal' in options) return options as ExecuteContext;
  return { signal: options.signal ?? NEVER_ABORTED, attempt: options.attempt ?? 1 };
}

const ROOT_CONTEXT: ExecuteContext = Object.freeze({ signal: NEVER_ABORTED, attempt: 1 });

/**
 * Calls `listener` once if `signal` aborts, and returns the way to stop listening. Every policy
 * uses this and disposes it when its call settles, so that a long-lived signal passed through
 * thousands of calls never accumulates listeners (cockatiel #81).
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  if (signal === NEVER_ABORTED) return noop;
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/**
 * The key of the `aborted` answer of a context that creates its AbortSignal lazily (a timeout's,
 * a hedge's): reading it tells whether the call was aborted without creating the signal.
 */
export const ABORTED_WITHOUT_SIGNAL: unique symbol = Symbol('faultline.abortedWithoutSignal');

/**
 * Whether the call a context belongs to has been aborted. Unlike `context.signal.aborted`, this
 * never creates a lazily-made signal (creating one costs microseconds): policies that only need
 * to know, and do not listen, ask this.
 */
export function isAborted(context: ExecuteContext): boolean {
  const aborted = (context as { [ABORTED_WITHOUT_SIGNAL]?: boolean })[ABORTED_WITHOUT_SIGNAL];
  if (aborted !== undefined) return aborted;
  // NEVER_ABORTED cannot abort: skip Node's `aborted` getter (a brand check, then the read).
  const signal = context.signal;
  return signal !== NEVER_ABORTED && signal.aborted;
}

/** The error an aborted call rejects with: the signal's reason, as `fetch` does. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function noop(): void {}

/** Runs `fn` and always returns a promise, turning a synchronous throw into a rejection. */
export function invoke<T>(fn: PolicyFunction<T>, context: ExecuteContext): Promise<T> {
  try {
    return Promise.resolve(fn(context));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Options every policy accepts. */
export interface CommonPolicyOptions {
  /** Names the policy in events, telemetry and the Registry. Defaults to its kind. */
  name?: string;
  /** Where time is read and timers are set. Defaults to the system clock. */
  clock?: Clock;
}

/** Shared plumbing of every policy: name, clock and the catch-all event channel. */
export abstract class PolicyBase implements Policy {
  readonly kind: string;
  readonly name: string;
  protected readonly clock: Clock;
  private readonly events = new Emitter<PolicyEvent>();
  readonly onEvent: EventSubscriber<PolicyEvent> = this.events.subscribe;

  protected constructor(kind: string, name: string | undefined, clock: Clock) {
    this.kind = kind;
    this.name = name ?? kind;
    this.clock = clock;
  }

  abstract execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T>;

  /** Whether anyone listens to the catch-all channel: check before building an expensive detail. */
  protected get monitored(): boolean {
    return this.events.size > 0;
  }

  /** Emits a catch-all event; costs nothing when nobody listens. */
  protected report(type: string, severity: EventSeverity, detail: unknown): void {
    if (this.events.size === 0) return;
    this.events.emit({ policy: this.kind, name: this.name, type, severity, time: this.clock.now(), detail });
  }
}
