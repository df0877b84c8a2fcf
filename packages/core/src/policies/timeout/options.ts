import { systemClock, type Clock } from '../../clock/index.js';
import { toMilliseconds, type Duration } from '../../duration/index.js';
import type { CommonPolicyOptions } from '../../policy/index.js';
import { Issues, childPath, describe, readChoice, readObject, readString } from '../../config/validate.js';
import { readClock } from '../../config/index.js';

/**
 * What happens at the deadline:
 * - `cooperative`: the call's signal aborts and the policy waits for the call to settle; a call
 *   that then fails rejects with TimeoutError, one that still returns a result returns it;
 * - `aggressive`: the call rejects with TimeoutError at once and its signal aborts; whatever the
 *   call does later is ignored.
 */
export type TimeoutStrategy = 'cooperative' | 'aggressive';

export interface TimeoutOptions extends CommonPolicyOptions {
  /** How long one call may take: milliseconds or a string like "250ms" or "2s". Required. */
  duration: Duration;
  /** What happens at the deadline. Default {@link DEFAULT_TIMEOUT_STRATEGY}. */
  strategy?: TimeoutStrategy;
}

/** The default strategy: cooperative, since only the call itself can stop its own work. */
export const DEFAULT_TIMEOUT_STRATEGY: TimeoutStrategy = 'cooperative';

/** The strategies, in the order the docs list them. */
export const TIMEOUT_STRATEGIES: readonly TimeoutStrategy[] = ['cooperative', 'aggressive'];

export interface ResolvedTimeoutOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  /** In ms, greater than 0. */
  readonly duration: number;
  readonly strategy: TimeoutStrategy;
}

const KNOWN = ['name', 'clock', 'duration', 'strategy'] as const;

const EXPECTED = 'expected a duration like "250ms" or { duration, strategy }';

/**
 * Validates timeout options, from code or a design file, where both forms are accepted:
 * `timeout: 1s` (a bare duration) and `timeout: { duration: 1s, strategy: aggressive }`.
 * `path` names the place (e.g. `services.gateway.calls[0].timeout`); every problem found is
 * reported in one ConfigError.
 */
export function resolveTimeoutOptions(options: unknown, path = ''): ResolvedTimeoutOptions {
  const issues = new Issues();
  if (typeof options === 'number' || typeof options === 'string') {
    const duration = readPositiveDuration(options, path, issues, EXPECTED);
    issues.throwIfAny();
    return { name: undefined, clock: systemClock, duration, strategy: DEFAULT_TIMEOUT_STRATEGY };
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    issues.add(path, `${EXPECTED}, got ${describe(options)}`);
    issues.throwIfAny();
  }
  const record = readObject(options, path, issues, KNOWN) ?? {};
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, 'timeout');
  const clock = readClock(record, path, issues);
  let duration = 0;
  if (record.duration === undefined)
    issues.add(childPath(path, 'duration'), 'required: how long a call may take, like "1s" or 250');
  else
    duration = readPositiveDuration(
      record.duration,
      childPath(path, 'duration'),
      issues,
      'expected a duration like "250ms"',
    );
  const strategy = readChoice(record, 'strategy', path, issues, TIMEOUT_STRATEGIES, DEFAULT_TIMEOUT_STRATEGY);
  issues.throwIfAny();
  return { name, clock, duration, strategy };
}

function readPositiveDuration(value: unknown, path: string, issues: Issues, expected: string): number {
  const ms = toMilliseconds(value);
  if (ms === undefined) issues.add(path, `${expected}, got ${describe(value)}`);
  else if (ms <= 0) issues.add(path, `expected a duration greater than 0, got ${describe(value)}`);
  return ms ?? 0;
}
