import type { Issues } from '../../config/index.js';
import { childPath, describe, readChoice, readNumber, readObject } from '../../config/index.js';
import { CIRCUIT_STATES, type CircuitState } from './state.js';
import type { CircuitWindowSnapshot } from './windows/window.js';

/**
 * A breaker's state as plain JSON data: what `toJSON()` returns and `hydrate()` and
 * `initialState` accept. Times are relative ("open for 1200 more ms"), never clock readings,
 * because every process's clock has its own origin.
 */
export interface CircuitBreakerSnapshot {
  /** The snapshot format; hydrate refuses formats it does not know. */
  readonly version: 1;
  readonly state: CircuitState;
  /** How long an open breaker stays open from the moment of the snapshot; 0 in other states. */
  readonly openRemainingMs: number;
  /** Openings in a row without closing in between: picks the next openFor from a backoff. */
  readonly opens: number;
  /** The last openFor, from which decorrelated jitter grows. */
  readonly lastOpenForMs: number;
  /** The window's recent calls. */
  readonly window: CircuitWindowSnapshot;
  /** Which breaker instance wrote it, so one ignores its own snapshots echoed by a shared store. */
  readonly source?: string;
}

const KEYS = ['version', 'state', 'openRemainingMs', 'opens', 'lastOpenForMs', 'window', 'source'];
const COUNT = { min: 0, integer: true } as const;

/** Validates a snapshot (e.g. `initialState` from a config file) into `issues`. */
export function readSnapshot(
  value: unknown,
  path: string,
  issues: Issues,
): CircuitBreakerSnapshot | undefined {
  const record = readObject(value, path, issues, KEYS);
  if (!record) return undefined;
  const before = issues.list.length;
  if (record.version !== 1)
    issues.add(
      childPath(path, 'version'),
      `expected 1 (the only snapshot format so far), got ${describe(record.version)}`,
    );
  if (record.state === undefined)
    issues.add(childPath(path, 'state'), `required: one of ${CIRCUIT_STATES.join(', ')}`);
  const state = readChoice(record, 'state', path, issues, CIRCUIT_STATES, 'closed');
  const openRemainingMs = readNumber(record, 'openRemainingMs', path, issues, 0, { min: 0 });
  const opens = readNumber(record, 'opens', path, issues, 0, COUNT);
  const lastOpenForMs = readNumber(record, 'lastOpenForMs', path, issues, 0, { min: 0 });
  const window = readWindowSnapshot(record.window, childPath(path, 'window'), issues);
  const source = record.source;
  if (source !== undefined && typeof source !== 'string')
    issues.add(childPath(path, 'source'), `expected a string, got ${describe(source)}`);
  if (issues.list.length > before || !window) return undefined;
  return {
    version: 1,
    state,
    openRemainingMs,
    opens,
    lastOpenForMs,
    window,
    ...(typeof source === 'string' ? { source } : {}),
  };
}

function readWindowSnapshot(value: unknown, path: string, issues: Issues): CircuitWindowSnapshot | undefined {
  const type = (value as { type?: unknown } | null)?.type;
  switch (type) {
    case 'consecutive': {
      const record = readObject(value, path, issues, ['type', 'failures', 'slowCalls', 'calls'])!;
      const failures = readNumber(record, 'failures', path, issues, 0, COUNT);
      const slowCalls = readNumber(record, 'slowCalls', path, issues, 0, COUNT);
      const calls = readNumber(record, 'calls', path, issues, 0, COUNT);
      return { type, failures, slowCalls, calls };
    }
    case 'count': {
      const record = readObject(value, path, issues, ['type', 'outcomes'])!;
      const outcomes = record.outcomes;
      if (!Array.isArray(outcomes) || !outcomes.every((o) => o === 0 || o === 1 || o === 2 || o === 3)) {
        issues.add(
          childPath(path, 'outcomes'),
          'expected an array of outcomes 0-3 (bit 1 failed, bit 2 slow)',
        );
        return undefined;
      }
      return { type, outcomes: outcomes as number[] };
    }
    case 'time': {
      const record = readObject(value, path, issues, ['type', 'bucketMs', 'buckets'])!;
      const bucketMs = readNumber(record, 'bucketMs', path, issues, 1, { min: 0, exclusiveMin: true });
      const buckets = record.buckets;
      if (!Array.isArray(buckets) || !buckets.every(isBucket)) {
        issues.add(
          childPath(path, 'buckets'),
          'expected an array of { calls, failures, slowCalls } with whole counts, failures and slowCalls ≤ calls',
        );
        return undefined;
      }
      return {
        type,
        bucketMs,
        buckets: buckets.map((b) => ({ calls: b.calls, failures: b.failures, slowCalls: b.slowCalls })),
      };
    }
    default:
      issues.add(
        path,
        `expected a window snapshot with type consecutive, count or time, got ${describe(value)}`,
      );
      return undefined;
  }
}

function isBucket(value: unknown): value is { calls: number; failures: number; slowCalls: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { calls, failures, slowCalls } = value as Record<string, unknown>;
  return isCount(calls) && isCount(failures) && isCount(slowCalls) && failures <= calls && slowCalls <= calls;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
