import { describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import { resolveBulkheadOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveBulkheadOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    );
  }
  throw new Error('expected a ConfigError');
}

describe('resolveBulkheadOptions', () => {
  it('reads the design-file form with its defaults', () => {
    expect(resolveBulkheadOptions({ maxConcurrent: 20, maxQueue: 0 })).toEqual({
      name: undefined,
      clock: systemClock,
      maxConcurrent: 20,
      maxQueue: 0,
      queueTimeout: Number.POSITIVE_INFINITY,
    });
  });

  it('reads durations as strings or ms, and keeps the injected clock and name', () => {
    const clock = new VirtualClock();
    const resolved = resolveBulkheadOptions({
      name: 'orders',
      clock,
      maxConcurrent: 4,
      maxQueue: 8,
      queueTimeout: '250ms',
    });
    expect(resolved).toMatchObject({ name: 'orders', maxQueue: 8, queueTimeout: 250 });
    expect(resolved.clock).toBe(clock);
    expect(resolveBulkheadOptions({ maxConcurrent: 1, maxQueue: 1, queueTimeout: 40 }).queueTimeout).toBe(40);
  });

  it('reports every problem at once, each with its path', () => {
    expect(
      issuesOf(
        { maxConcurent: 3, maxQueue: -1, queueTimeout: '5 minutes' },
        'services.gateway.calls[0].bulkhead',
      ),
    ).toEqual([
      'services.gateway.calls[0].bulkhead.maxConcurent: unknown option; did you mean "maxConcurrent"? (known: name, clock, maxConcurrent, maxQueue, queueTimeout)',
      'services.gateway.calls[0].bulkhead.maxConcurrent: required: how many calls may run at once, like 20',
      'services.gateway.calls[0].bulkhead.maxQueue: expected a whole number ≥ 0, got -1',
      'services.gateway.calls[0].bulkhead.queueTimeout: expected a duration like "250ms", got "5 minutes"',
    ]);
  });

  it('refuses fractional or zero slots, a wrong clock, and a queue timeout without a queue', () => {
    expect(issuesOf({ maxConcurrent: 0 })).toEqual(['maxConcurrent: expected a whole number ≥ 1, got 0']);
    expect(issuesOf({ maxConcurrent: 2.5 })).toEqual(['maxConcurrent: expected a whole number ≥ 1, got 2.5']);
    expect(issuesOf({ maxConcurrent: 2, clock: Date })).toEqual([
      'clock: expected a Clock (systemClock, a VirtualClock, or { now, setTimeout, clearTimeout }), got function Date',
    ]);
    expect(issuesOf({ maxConcurrent: 2, maxQueue: 0, queueTimeout: '1s' })).toEqual([
      'queueTimeout: a queue timeout needs a queue: set maxQueue above 0, or remove queueTimeout',
    ]);
    expect(issuesOf({ maxConcurrent: 2, queueTimeout: 10 })).toHaveLength(1);
    expect(issuesOf(undefined)).toEqual(['expected an object, got undefined']);
  });
});
