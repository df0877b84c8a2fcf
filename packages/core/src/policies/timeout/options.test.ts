import { describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import { DEFAULT_TIMEOUT_STRATEGY, resolveTimeoutOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveTimeoutOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('resolveTimeoutOptions', () => {
  it('accepts a bare duration, as a number of ms or a string', () => {
    expect(resolveTimeoutOptions(250)).toEqual({
      name: undefined,
      clock: systemClock,
      duration: 250,
      strategy: DEFAULT_TIMEOUT_STRATEGY,
    });
    expect(resolveTimeoutOptions('1s').duration).toBe(1000);
  });

  it('accepts the object form with every option', () => {
    const clock = new VirtualClock();
    expect(resolveTimeoutOptions({ duration: '2s', strategy: 'aggressive', name: 'orders', clock })).toEqual({
      name: 'orders',
      clock,
      duration: 2000,
      strategy: 'aggressive',
    });
    expect(resolveTimeoutOptions({ duration: 5 }).strategy).toBe('cooperative');
  });

  it('names the place and the fix for a bad bare duration', () => {
    expect(issuesOf('fast', 'services.gateway.calls[0].timeout')).toEqual([
      'services.gateway.calls[0].timeout: expected a duration like "250ms" or { duration, strategy }, got "fast"',
    ]);
    expect(issuesOf(0, 'timeout')).toEqual(['timeout: expected a duration greater than 0, got 0']);
    expect(issuesOf(null, 'timeout')).toEqual([
      'timeout: expected a duration like "250ms" or { duration, strategy }, got null',
    ]);
  });

  it('reports every problem of the object form at once', () => {
    expect(issuesOf({ duraton: '1s', strategy: 'eager', clock: Date, name: '' }, 'calls[0].timeout')).toEqual(
      [
        'calls[0].timeout.duraton: unknown option; did you mean "duration"? (known: name, clock, duration, strategy)',
        'calls[0].timeout.name: expected a non-empty name of at most 200 characters, got ""',
        'calls[0].timeout.clock: expected a Clock (systemClock, a VirtualClock, or { now, setTimeout, clearTimeout }), got function Date',
        'calls[0].timeout.duration: required: how long a call may take, like "1s" or 250',
        'calls[0].timeout.strategy: expected one of "cooperative", "aggressive", got "eager"',
      ],
    );
    expect(issuesOf({ duration: '5' })).toEqual(['duration: expected a duration like "250ms", got "5"']);
    expect(issuesOf({ duration: '0ms' })).toEqual([
      'duration: expected a duration greater than 0, got "0ms"',
    ]);
  });
});
