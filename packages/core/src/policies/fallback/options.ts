import type { Clock } from '../../clock/index.js';
import type { CommonPolicyOptions, ExecuteContext } from '../../policy/index.js';
import {
  Issues,
  childPath,
  readChoice,
  readFunction,
  readObject,
  readString,
} from '../../config/validate.js';
import { readClock } from '../../config/injected.js';
import {
  readErrorFilter,
  readResultPredicate,
  type ErrorFilter,
  type ErrorPredicate,
  type Outcome,
  type ResultPredicate,
} from '../../policy/outcome.js';

/** What a fallback handler receives: how the call failed (`error`, or a handled `result`) and its context. */
export type FallbackHandlerArgs = Outcome & { readonly context: ExecuteContext };

/** Computes the answer that stands in for a failed call (code only); may return a promise. */
export type FallbackHandler = (args: FallbackHandlerArgs) => unknown;

/** Kinds of fallback a design file can name. `static`: answer with `value`. */
export const FALLBACK_TYPES = ['static'] as const;
export type FallbackType = (typeof FALLBACK_TYPES)[number];

export interface FallbackOptions extends CommonPolicyOptions {
  /** The design file's form: `{ type: static, value? }`. Optional in code, where `value` or `handler` says it. */
  type?: FallbackType;
  /** The answer for a failed call. Default undefined: the call "succeeds degraded" with no value. */
  value?: unknown;
  /** Computes the answer instead of `value` (code only; set one or the other). */
  handler?: FallbackHandler;
  /** Which errors get the fallback: an Error class, an array of them, or a predicate. Default: every error. */
  handle?: ErrorFilter;
  /** Which results get the fallback, as if they had failed, e.g. `(response) => response.status >= 500`. */
  handleResult?: ResultPredicate;
}

export interface ResolvedFallbackOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly type: FallbackType;
  /** The static answer; undefined when not set (and ignored when `handler` is set). */
  readonly value: unknown;
  readonly handler: FallbackHandler | undefined;
  /** Undefined: every error is handled. */
  readonly handle: ErrorPredicate | undefined;
  readonly handleResult: ResultPredicate | undefined;
}

const KNOWN = ['name', 'clock', 'type', 'value', 'handler', 'handle', 'handleResult'] as const;

/**
 * Validates fallback options, from code or from a design file (where `path` names the place,
 * e.g. `services.gateway.calls[0].fallback`), and throws one ConfigError listing every problem.
 */
export function resolveFallbackOptions(options: unknown = {}, path = ''): ResolvedFallbackOptions {
  const issues = new Issues();
  const record = readObject(options ?? {}, path, issues, KNOWN) ?? {};
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, 'fallback');
  const clock = readClock(record, path, issues);
  const type = readChoice(record, 'type', path, issues, FALLBACK_TYPES, 'static');
  const handler = readFunction<FallbackHandler>(record, 'handler', path, issues);
  if (record.handler !== undefined && record.value !== undefined)
    issues.add(childPath(path, 'handler'), 'set either value or handler, not both');
  if (record.handler !== undefined && record.type !== undefined)
    issues.add(
      childPath(path, 'type'),
      'type static answers with value; remove type when giving a handler (handlers are code only)',
    );
  const handle = readErrorFilter(record, 'handle', path, issues);
  const handleResult = readResultPredicate(record, 'handleResult', path, issues);
  issues.throwIfAny();
  return { name, clock, type, value: record.value, handler, handle, handleResult };
}
