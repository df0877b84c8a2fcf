import { randomUUID } from 'node:crypto';
import type { Issues } from '@faultline/core';
import { describe } from '@faultline/core';
import { LimitExceededError, ValidationError } from './errors.js';
import type { StoreLimits } from './limits.js';

/**
 * Checks on what callers pass in, reported the way the rest of Faultline reports them: the
 * path, what was expected, what was given. Every public method checks everything first and
 * throws one ValidationError listing every problem, before it touches the database.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new id for a design, run or live session. */
export function newId(): string {
  return randomUUID();
}

/** Throws a ValidationError listing every issue, if there is any. */
export function failIfAny(issues: Issues): void {
  if (!issues.ok) throw new ValidationError(issues.list);
}

/** An id as the store hands them out (a UUID), lower-cased; reports anything else. */
export function readId(value: unknown, path: string, issues: Issues): string {
  if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
  issues.add(path, `expected an id like "0b7c1d7e-5a4f-4b8e-9a51-2f0c6d9e8a11", got ${describe(value)}`);
  return '';
}

/** A version number: a whole number ≥ 1. */
export function readVersion(value: unknown, path: string, issues: Issues): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  issues.add(path, `expected a version number (a whole number ≥ 1), got ${describe(value)}`);
  return 0;
}

/** A non-empty string of at most `max` characters (after trimming it must not be empty). */
export function readText(value: unknown, path: string, issues: Issues, max: number, what = 'text'): string {
  if (typeof value === 'string' && value.trim().length > 0 && value.length <= max) return value;
  issues.add(path, `expected ${what} of 1 to ${max} characters, got ${describeText(value)}`);
  return '';
}

/** Like {@link readText}, but absent (undefined or null) is allowed and gives null. */
export function readOptionalText(
  value: unknown,
  path: string,
  issues: Issues,
  max: number,
  what = 'text',
): string | null {
  if (value === undefined || value === null) return null;
  return readText(value, path, issues, max, what);
}

/** Who did it, for the audit log: a user name, a token name, or "system". */
export function readActor(value: unknown, issues: Issues, limits: StoreLimits): string {
  return readText(value, 'actor', issues, limits.actorLength, 'who is acting (a user or "system")');
}

function describeText(value: unknown): string {
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  if (typeof value === 'string' && value.trim().length === 0) return 'an empty string';
  return describe(value);
}

/** A status filter: one status or several, each one of `known`. */
export function readStatuses<S extends string>(
  value: S | readonly S[] | undefined,
  path: string,
  known: readonly S[],
  issues: Issues,
): S[] | undefined {
  if (value === undefined) return undefined;
  const statuses = (Array.isArray(value) ? value : [value]) as unknown[];
  if (statuses.length === 0 || statuses.some((status) => !known.includes(status as S))) {
    issues.add(path, `expected one or more of ${known.join(', ')}, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return statuses as S[];
}

/** A plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Serialized JSON and its size in UTF-8 bytes, which is what the limits count. */
export interface Json {
  readonly text: string;
  readonly bytes: number;
}

/**
 * Serializes an object for storage, or throws: a ValidationError when it is not a JSON object,
 * a LimitExceededError naming `limit` when it is too big.
 */
export function toJson(value: unknown, path: string, limit: keyof StoreLimits, limits: StoreLimits): Json {
  if (!isPlainObject(value)) {
    throw new ValidationError([{ path, message: `expected a JSON object, got ${describe(value)}` }]);
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new ValidationError([
      { path, message: `expected JSON, got something JSON cannot hold (${(error as Error).message})` },
    ]);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits[limit]) throw new LimitExceededError(path, limit, limits[limit], bytes);
  return { text, bytes };
}

/** Parses JSON the store wrote itself. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
