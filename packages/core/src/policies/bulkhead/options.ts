import type { Clock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import type { Duration } from '../../duration/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import {
  Issues,
  childPath,
  readDuration,
  readNumber,
  readObject,
  readString,
} from '../../config/validate.js';
import { readClock } from '../../config/injected.js';

export interface BulkheadOptions extends CommonPolicyOptions {
  /** How many calls may run at once. Required; a whole number ≥ 1. */
  maxConcurrent: number;
  /** How many calls may wait, first in first out, for a slot. Default {@link DEFAULT_BULKHEAD_MAX_QUEUE}. */
  maxQueue?: number;
  /**
   * How long a call may wait in the queue before it is rejected, like "100ms". Default: as long
   * as it takes (until a slot frees or the caller's signal aborts). Needs `maxQueue` > 0.
   */
  queueTimeout?: Duration;
}

/** The default queue: none, so a full bulkhead rejects at once and callers fail fast. */
export const DEFAULT_BULKHEAD_MAX_QUEUE = 0;

export interface ResolvedBulkheadOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  /** In ms; Infinity when a queued call may wait as long as it takes. */
  readonly queueTimeout: number;
}

const KNOWN = ['name', 'clock', 'maxConcurrent', 'maxQueue', 'queueTimeout'] as const;

/**
 * Validates bulkhead options, from code or a design file (`path` names the place, e.g.
 * `services.gateway.calls[0].bulkhead`), and throws one ConfigError listing every problem.
 */
export function resolveBulkheadOptions(options: unknown, path = ''): ResolvedBulkheadOptions {
  const issues = new Issues();
  const record = readObject(options, path, issues, KNOWN);
  if (record === undefined) throw new ConfigError(issues.list);
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, 'bulkhead');
  const clock = readClock(record, path, issues);
  if (record.maxConcurrent === undefined)
    issues.add(childPath(path, 'maxConcurrent'), 'required: how many calls may run at once, like 20');
  const maxConcurrent = readNumber(record, 'maxConcurrent', path, issues, 1, { min: 1, integer: true });
  const maxQueue = readNumber(record, 'maxQueue', path, issues, DEFAULT_BULKHEAD_MAX_QUEUE, {
    min: 0,
    integer: true,
  });
  const queueTimeout = readDuration(record, 'queueTimeout', path, issues, Number.POSITIVE_INFINITY);
  // Only when both were read correctly: a wrong maxQueue is already reported.
  if (Number.isFinite(queueTimeout) && maxQueue === 0 && (record.maxQueue ?? 0) === 0)
    issues.add(
      childPath(path, 'queueTimeout'),
      'a queue timeout needs a queue: set maxQueue above 0, or remove queueTimeout',
    );
  issues.throwIfAny();
  return { name, clock, maxConcurrent, maxQueue, queueTimeout };
}
