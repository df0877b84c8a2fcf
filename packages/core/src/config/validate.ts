import { ConfigError, type ConfigIssue } from '../errors/index.js';
import { toMilliseconds } from '../duration/index.js';

/**
 * The small validation kit every policy's options use, so that a policy built in code and one
 * built from a design file report mistakes the same way: the path, what was expected, the fix.
 * Core has no runtime dependencies, so this stands in for a schema library here; the design file
 * as a whole is validated with a real one in @faultline/sim.
 */
export class Issues {
  readonly list: ConfigIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** Throws a ConfigError listing every issue, if there is any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new ConfigError(this.list);
  }
}

/** `orders.retry` + `backoff` → `orders.retry.backoff`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * Checks that `value` is a plain object with no keys outside `known`, reporting unknown keys
 * with the nearest known one as a hint. Returns the object, or undefined after reporting.
 */
export function readObject(
  value: unknown,
  path: string,
  issues: Issues,
  known: readonly string[],
): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.add(path, `expected an object, got ${describe(value)}`);
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const hint = nearest(key, known);
    issues.add(
      childPath(path, key),
      `unknown option${hint ? `; did you mean "${hint}"?` : ''} (known: ${known.join(', ')})`,
    );
  }
  return record;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Whether `min` itself is excluded. */
  exclusiveMin?: boolean;
}

/** Reads a number, or the default when absent; reports and returns the default when invalid. */
export function readNumber(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  fallback: number,
  rule: NumberRule = {},
): number {
  const value = record[key];
  if (value === undefined) return fallback;
  const where = childPath(path, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(where, `expected ${numberWords(rule)}, got ${describe(value)}`);
    return fallback;
  }
  const tooSmall = rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min);
  if (
    (rule.integer && !Number.isInteger(value)) ||
    tooSmall ||
    (rule.max !== undefined && value > rule.max)
  ) {
    issues.add(where, `expected ${numberWords(rule)}, got ${value}`);
    return fallback;
  }
  return value;
}

function numberWords(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`);
  if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

/** Reads a duration ("250ms", "2s" or a number of ms), or the default when absent. */
export function readDuration(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  fallback: number,
  rule: { min?: number; max?: number } = {},
): number {
  const value = record[key];
  if (value === undefined) return fallback;
  const ms = toMilliseconds(value);
  const where = childPath(path, key);
  if (ms === undefined) {
    issues.add(where, `expected a duration like "250ms", got ${describe(value)}`);
    return fallback;
  }
  if (rule.min !== undefined && ms < rule.min) {
    issues.add(where, `expected a duration of at least ${rule.min}ms, got ${describe(value)}`);
    return fallback;
  }
  if (rule.max !== undefined && ms > rule.max) {
    issues.add(where, `expected a duration of at most ${rule.max}ms, got ${describe(value)}`);
    return fallback;
  }
  return ms;
}

/** Reads one of a fixed set of strings, or the default when absent. */
export function readChoice<T extends string>(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  choices: readonly T[],
  fallback: T,
): T {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  issues.add(
    childPath(path, key),
    `expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${describe(value)}`,
  );
  return fallback;
}

/** Reads a boolean, or the default when absent. */
export function readBoolean(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  fallback: boolean,
): boolean {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  issues.add(childPath(path, key), `expected true or false, got ${describe(value)}`);
  return fallback;
}

/** Reads a string, or the default when absent. */
export function readString(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  fallback: string,
): string {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  issues.add(
    childPath(path, key),
    `expected a non-empty name of at most 200 characters, got ${describe(value)}`,
  );
  return fallback;
}

/** Reads a function (options given in code only: predicates, delay functions), or undefined. */
export function readFunction<F extends (...args: never[]) => unknown>(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
): F | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value as F;
  issues.add(childPath(path, key), `expected a function, got ${describe(value)}`);
  return undefined;
}

/** The candidate closest to `word` by edit distance, if close enough to be a likely typo (for "did you mean"). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
