import type { Issues } from '../config/validate.js';
import { childPath, describe } from '../config/validate.js';

/**
 * How one attempt ended: it threw `error`, or it returned `result`. Both keys are declared on
 * both shapes so that `({ error }) => ...` destructures; `'error' in outcome` tells them apart
 * (an attempt may throw `undefined`).
 */
export type Outcome<T = unknown> =
  | { readonly error: unknown; readonly result?: undefined }
  | { readonly result: T; readonly error?: undefined };

/** An error class: `handle: TypeError` retries errors that are `instanceof TypeError`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** Decides whether a thrown value is a failure the policy should handle. */
export type ErrorPredicate = (error: unknown) => boolean;

/**
 * Which errors a policy handles: an Error class, a list of them, or a predicate on the error.
 * A function whose prototype inherits from Error is taken as a class; any other function is a
 * predicate.
 */
export type ErrorFilter = ErrorClass | readonly ErrorClass[] | ErrorPredicate;

/**
 * Decides whether a returned value is a failure the policy should handle (an HTTP 503, say).
 * Declared as a method so that a predicate on the caller's own result type is accepted.
 */
export type ResultPredicate = { check(result: unknown): boolean }['check'];

/** Whether `value` is an Error class rather than a predicate. */
export function isErrorClass(value: unknown): value is ErrorClass {
  return (
    typeof value === 'function' &&
    (value === Error || (value as { prototype?: unknown }).prototype instanceof Error)
  );
}

/**
 * Validates a `handle` option into one predicate; undefined means "every error". Reports a class
 * that does not extend Error, since calling it as a predicate would throw at the worst moment.
 */
export function readErrorFilter(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
): ErrorPredicate | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  const where = childPath(path, key);
  const expected = 'expected an Error class, an array of Error classes, or a predicate (error) => boolean';
  if (Array.isArray(value)) {
    const classes: ErrorClass[] = [];
    value.forEach((item: unknown, index) => {
      if (isErrorClass(item)) classes.push(item);
      else issues.add(childPath(where, index), `expected an Error class, got ${describeFunction(item)}`);
    });
    return classes.length === 1 ? instanceOf(classes[0]!) : instanceOfAny(classes);
  }
  if (isErrorClass(value)) return instanceOf(value);
  if (typeof value === 'function') {
    if (isClass(value)) {
      issues.add(where, `${expected}; got class ${value.name || '(anonymous)'}, which does not extend Error`);
      return undefined;
    }
    return value as ErrorPredicate;
  }
  issues.add(where, `${expected}, got ${describe(value)}`);
  return undefined;
}

/** Validates a `handleResult` option: a predicate on the result, or undefined. */
export function readResultPredicate(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
): ResultPredicate | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value === 'function' && !isClass(value)) return value as ResultPredicate;
  issues.add(
    childPath(path, key),
    `expected a predicate (result) => boolean, got ${describeFunction(value)}`,
  );
  return undefined;
}

function instanceOf(errorClass: ErrorClass): ErrorPredicate {
  return (error) => error instanceof errorClass;
}

function instanceOfAny(classes: readonly ErrorClass[]): ErrorPredicate {
  return (error) => {
    for (let i = 0; i < classes.length; i++) if (error instanceof classes[i]!) return true;
    return false;
  };
}

function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function describeFunction(value: unknown): string {
  if (typeof value !== 'function') return describe(value);
  return isClass(value) ? `class ${value.name || '(anonymous)'}` : `function ${value.name || '(anonymous)'}`;
}
