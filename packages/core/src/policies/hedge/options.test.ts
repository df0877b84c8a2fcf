import { describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import { resolveHedgeOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveHedgeOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('resolveHedgeOptions', () => {
  it('fills in the defaults around the required delay', () => {
    expect(resolveHedgeOptions({ delay: '50ms' })).toEqual({
      name: undefined,
      clock: systemClock,
      delay: 50,
      maxHedgedAttempts: 1,
      onFailure: false,
      handle: undefined,
    });
  });

  it('accepts every option, a delay function and an error filter included', () => {
    const clock = new VirtualClock();
    const delay = ({ attempt }: { attempt: number }) => attempt * 10;
    const resolved = resolveHedgeOptions({
      delay,
      maxHedgedAttempts: 3,
      onFailure: true,
      handle: TypeError,
      name: 'search',
      clock,
    });
    expect(resolved).toMatchObject({ name: 'search', clock, delay, maxHedgedAttempts: 3, onFailure: true });
    expect(resolved.handle!(new TypeError('x'))).toBe(true);
    expect(resolved.handle!(new RangeError('x'))).toBe(false);
    expect(resolveHedgeOptions({ delay: 0, maxHedgedAttempts: 0 }).maxHedgedAttempts).toBe(0);
  });

  it('reports every problem at once, with its path and the fix', () => {
    expect(
      issuesOf(
        { maxHedgedAtempts: 2, maxHedgedAttempts: 11, onFailure: 'yes', handle: 42 },
        'services.search.calls[0].hedge',
      ),
    ).toEqual([
      'services.search.calls[0].hedge.maxHedgedAtempts: unknown option; did you mean "maxHedgedAttempts"? (known: name, clock, delay, maxHedgedAttempts, onFailure, handle)',
      'services.search.calls[0].hedge.delay: required: how long to wait for a result before starting the next attempt, like "50ms"',
      'services.search.calls[0].hedge.maxHedgedAttempts: expected a whole number ≥ 0 and ≤ 10, got 11',
      'services.search.calls[0].hedge.onFailure: expected true or false, got "yes"',
      'services.search.calls[0].hedge.handle: expected an Error class, an array of Error classes, or a predicate (error) => boolean, got 42',
    ]);
    expect(issuesOf({ delay: '-5ms' })).toEqual(['delay: expected a duration like "250ms", got "-5ms"']);
    expect(issuesOf('50ms', 'hedge')).toEqual([
      'hedge: expected options like { delay: "50ms", maxHedgedAttempts: 1 }, got "50ms"',
    ]);
  });
});
