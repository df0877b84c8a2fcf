import type { Issues } from '../../../config/index.js';
import { childPath, readChoice, readDuration, readNumber, readObject } from '../../../config/index.js';
import { ConsecutiveWindow } from './consecutive.js';
import { CountWindow } from './count.js';
import { TimeWindow } from './time.js';
import type { CircuitWindow, ResolvedCircuitWindow } from './window.js';

const TYPES = ['consecutive', 'count', 'time'] as const;

/** The largest count window: its ring buffer is allocated up front. */
export const MAX_COUNT_WINDOW = 1_000_000;
/** The most buckets a time window may have: every bucket is visited when the window is cleared. */
export const MAX_TIME_BUCKETS = 1000;
/** Buckets of a time window when not given: 10, as in resilience4j. */
export const DEFAULT_TIME_BUCKETS = 10;

/** Validates a window config into `issues`, returning it resolved (or undefined after reporting). */
export function readWindow(value: unknown, path: string, issues: Issues): ResolvedCircuitWindow | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.add(
      path,
      'expected a window like { type: count, size: 20 }, { type: time, size: 10s } or { type: consecutive, failures: 5 }',
    );
    return undefined;
  }
  const raw = value as Record<string, unknown>;
  if (raw.type === undefined) {
    issues.add(childPath(path, 'type'), `required: one of ${TYPES.join(', ')}`);
    return undefined;
  }
  const type = readChoice(raw, 'type', path, issues, TYPES, 'count');
  if (type !== raw.type) return undefined;
  switch (type) {
    case 'consecutive': {
      const record = readObject(value, path, issues, ['type', 'failures']);
      if (!record) return undefined;
      if (record.failures === undefined)
        issues.add(
          childPath(path, 'failures'),
          'required: how many failures in a row open the breaker, e.g. 5',
        );
      const failures = readNumber(record, 'failures', path, issues, 5, { min: 1, integer: true });
      return { type, failures };
    }
    case 'count': {
      const record = readObject(value, path, issues, ['type', 'size']);
      if (!record) return undefined;
      if (record.size === undefined)
        issues.add(childPath(path, 'size'), 'required: how many recent calls the window holds, e.g. 20');
      const size = readNumber(record, 'size', path, issues, 20, {
        min: 1,
        max: MAX_COUNT_WINDOW,
        integer: true,
      });
      return { type, size };
    }
    case 'time': {
      const record = readObject(value, path, issues, ['type', 'size', 'buckets']);
      if (!record) return undefined;
      if (record.size === undefined)
        issues.add(childPath(path, 'size'), 'required: how much recent time the window holds, e.g. "10s"');
      const size = readDuration(record, 'size', path, issues, 10_000);
      const buckets = readNumber(record, 'buckets', path, issues, DEFAULT_TIME_BUCKETS, {
        min: 1,
        max: MAX_TIME_BUCKETS,
        integer: true,
      });
      if (record.size !== undefined && !(size > 0))
        issues.add(childPath(path, 'size'), `expected a duration above 0 like "10s", got ${size}`);
      return { type, size: size > 0 ? size : 10_000, buckets };
    }
  }
}

/** Builds an empty window for a validated config. */
export function createWindow(config: ResolvedCircuitWindow): CircuitWindow {
  switch (config.type) {
    case 'consecutive':
      return new ConsecutiveWindow();
    case 'count':
      return new CountWindow(config.size);
    case 'time':
      return new TimeWindow(config.size, config.buckets);
  }
}
