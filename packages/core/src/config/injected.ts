import { systemClock, type Clock } from '../clock/index.js';
import { mathRandom, type Random } from '../random/index.js';
import type { Issues } from './validate.js';
import { childPath, describe } from './validate.js';

// The clock and random source are injected in code (tests, the simulator); a design file never
// sets them, but the same resolver reads them, so a wrong value is reported like any option.

/** Reads the `clock` option: anything with now/setTimeout/clearTimeout; the system clock by default. */
export function readClock(record: Record<string, unknown>, path: string, issues: Issues): Clock {
  const value = record.clock;
  if (value === undefined) return systemClock;
  const clock = value as Partial<Clock> | null;
  if (
    typeof clock === 'object' &&
    clock !== null &&
    typeof clock.now === 'function' &&
    typeof clock.setTimeout === 'function' &&
    typeof clock.clearTimeout === 'function'
  )
    return clock as Clock;
  issues.add(
    childPath(path, 'clock'),
    `expected a Clock (systemClock, a VirtualClock, or { now, setTimeout, clearTimeout }), got ${describeValue(value)}`,
  );
  return systemClock;
}

/** Reads the `random` option: anything with next(); Math.random by default. */
export function readRandom(record: Record<string, unknown>, path: string, issues: Issues): Random {
  const value = record.random;
  if (value === undefined) return mathRandom;
  if (typeof value === 'object' && value !== null && typeof (value as Partial<Random>).next === 'function')
    return value as Random;
  issues.add(
    childPath(path, 'random'),
    `expected a Random (seededRandom(seed), mathRandom, or { next }), got ${describeValue(value)}`,
  );
  return mathRandom;
}

function describeValue(value: unknown): string {
  return typeof value === 'function' ? `function ${value.name || '(anonymous)'}` : describe(value);
}
