import type { Random } from '../random/index.js';
import type { Duration } from '../duration/index.js';
import { Issues, childPath, readChoice, readDuration, readNumber, readObject } from '../config/validate.js';

export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

/** How long to wait between attempts, as written in options and in the design file. */
export type BackoffConfig =
  | { type: 'constant'; delay: Duration }
  | { type: 'linear'; initial: Duration; step?: Duration; max?: Duration }
  | { type: 'exponential'; initial: Duration; max?: Duration; factor?: number; jitter?: Jitter };

/**
 * Decides the delay before attempt number `attempt + 1`, i.e. `attempt` = 1 for the first retry.
 * Pure and synchronous, so the async driver and the simulator compute identical delays.
 * `previous` is what this backoff returned for the attempt before (0 for the first retry):
 * decorrelated jitter grows from it.
 */
export interface Backoff {
  readonly config: Readonly<ResolvedBackoff>;
  delay(attempt: number, previous: number, random: Random): number;
}

export type ResolvedBackoff =
  | { type: 'constant'; delay: number }
  | { type: 'linear'; initial: number; step: number; max: number }
  | { type: 'exponential'; initial: number; max: number; factor: number; jitter: Jitter };

/** The longest delay an exponential backoff reaches when no `max` is given. */
export const DEFAULT_BACKOFF_MAX_MS = 30_000;

const TYPES = ['constant', 'linear', 'exponential'] as const;
const JITTERS = ['none', 'full', 'equal', 'decorrelated'] as const;

/** Builds a backoff from its config, reporting mistakes with their path. */
export function backoff(config: BackoffConfig, path = ''): Backoff {
  const issues = new Issues();
  const resolved = readBackoff(config, path, issues);
  issues.throwIfAny();
  return createBackoff(resolved!);
}

/** Validates a backoff config into `issues` (for callers that collect every problem first). */
export function readBackoff(value: unknown, path: string, issues: Issues): ResolvedBackoff | undefined {
  if (typeof value !== 'object' || value === null) {
    issues.add(path, `expected a backoff like { type: exponential, initial: 50ms, max: 2s, jitter: full }`);
    return undefined;
  }
  const type = readChoice(value as Record<string, unknown>, 'type', path, issues, TYPES, 'exponential');
  if ((value as Record<string, unknown>).type === undefined)
    issues.add(childPath(path, 'type'), `required: one of ${TYPES.join(', ')}`);
  switch (type) {
    case 'constant': {
      const record = readObject(value, path, issues, ['type', 'delay']);
      if (!record) return undefined;
      requireKey(record, 'delay', path, issues);
      return { type, delay: readDuration(record, 'delay', path, issues, 0) };
    }
    case 'linear': {
      const record = readObject(value, path, issues, ['type', 'initial', 'step', 'max']);
      if (!record) return undefined;
      requireKey(record, 'initial', path, issues);
      const initial = readDuration(record, 'initial', path, issues, 0);
      const step = readDuration(record, 'step', path, issues, initial);
      const max = readDuration(record, 'max', path, issues, Number.POSITIVE_INFINITY);
      if (max < initial) issues.add(childPath(path, 'max'), `must be at least initial (${initial}ms)`);
      return { type, initial, step, max };
    }
    case 'exponential': {
      const record = readObject(value, path, issues, ['type', 'initial', 'max', 'factor', 'jitter']);
      if (!record) return undefined;
      requireKey(record, 'initial', path, issues);
      const initial = readDuration(record, 'initial', path, issues, 0);
      const max = readDuration(record, 'max', path, issues, Math.max(DEFAULT_BACKOFF_MAX_MS, initial));
      if (max < initial) issues.add(childPath(path, 'max'), `must be at least initial (${initial}ms)`);
      const factor = readNumber(record, 'factor', path, issues, 2, { min: 1 });
      const jitter = readChoice(record, 'jitter', path, issues, JITTERS, 'none');
      return { type, initial, max, factor, jitter };
    }
  }
}

function requireKey(record: Record<string, unknown>, key: string, path: string, issues: Issues): void {
  if (record[key] === undefined) issues.add(childPath(path, key), 'required: a duration like "100ms"');
}

/** Builds the backoff for an already validated config. */
export function createBackoff(config: ResolvedBackoff): Backoff {
  switch (config.type) {
    case 'constant':
      return { config, delay: () => config.delay };
    case 'linear':
      return {
        config,
        delay: (attempt) => Math.min(config.max, config.initial + config.step * (attempt - 1)),
      };
    case 'exponential':
      return { config, delay: exponentialDelay(config) };
  }
}

// The AWS Architecture Blog's formulas ("Exponential Backoff And Jitter"): base = initial, cap = max.
function exponentialDelay(config: Extract<ResolvedBackoff, { type: 'exponential' }>): Backoff['delay'] {
  const { initial, max, factor } = config;
  // Beyond this attempt the exponential term is above the cap anyway; stopping the power there
  // keeps it finite (factor^attempt overflows to Infinity, and Infinity * 0 is NaN).
  const ceiling = (attempt: number): number =>
    Math.min(max, initial * Math.pow(factor, Math.min(attempt - 1, 1023)));
  switch (config.jitter) {
    case 'none':
      return (attempt) => ceiling(attempt);
    case 'full':
      return (attempt, _previous, random) => random.next() * ceiling(attempt);
    case 'equal':
      return (attempt, _previous, random) => {
        const half = ceiling(attempt) / 2;
        return half + random.next() * half;
      };
    case 'decorrelated':
      return (_attempt, previous, random) => {
        const from = initial;
        const to = Math.max(from, (previous > 0 ? previous : initial) * 3);
        return Math.min(max, from + random.next() * (to - from));
      };
  }
}
