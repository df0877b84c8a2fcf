import { describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../../clock/index.js';
import { ConfigError, TimeoutError } from '../../errors/index.js';
import { BulkheadRejectedError } from '../../errors/index.js';
import { defaultClassifyError, resolveConcurrencyLimitOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveConcurrencyLimitOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    );
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConcurrencyLimitOptions', () => {
  it('defaults to the gradient limit with Netflix-derived defaults', () => {
    expect(resolveConcurrencyLimitOptions()).toEqual({
      name: undefined,
      clock: systemClock,
      type: 'gradient',
      initialLimit: 20,
      minLimit: 1,
      maxLimit: 200,
      window: { minTime: 100, maxTime: 1000, minSamples: 10 },
      classifyError: defaultClassifyError,
      smoothing: 0.2,
      rttTolerance: 1,
      headroom: 4,
      longWindow: 600,
    });
  });

  it('reads an AIMD limit, with durations as strings', () => {
    const clock = new VirtualClock();
    const classifyError = () => 'sample' as const;
    const resolved = resolveConcurrencyLimitOptions({
      type: 'aimd',
      name: 'orders',
      clock,
      initialLimit: 10,
      minLimit: 2,
      maxLimit: 50,
      backoffRatio: 0.75,
      slowCallThreshold: '200ms',
      window: { minTime: '50ms', maxTime: '2s', minSamples: 5 },
      classifyError,
    });
    expect(resolved).toEqual({
      type: 'aimd',
      name: 'orders',
      clock,
      initialLimit: 10,
      minLimit: 2,
      maxLimit: 50,
      backoffRatio: 0.75,
      slowCallThreshold: 200,
      window: { minTime: 50, maxTime: 2000, minSamples: 5 },
      classifyError,
    });
    expect(resolveConcurrencyLimitOptions({ type: 'aimd' })).toMatchObject({
      backoffRatio: 0.9,
      slowCallThreshold: 5000,
    });
  });

  it('keeps the default initial limit within the limits given', () => {
    expect(resolveConcurrencyLimitOptions({ maxLimit: 8 }).initialLimit).toBe(8);
    expect(resolveConcurrencyLimitOptions({ minLimit: 30 })).toMatchObject({
      initialLimit: 30,
      maxLimit: 200,
    });
    expect(resolveConcurrencyLimitOptions({ minLimit: 300 }).maxLimit).toBe(300);
  });

  it('reports every problem at once, each with its path', () => {
    expect(
      issuesOf(
        {
          type: 'aimd',
          smoothing: 0.5,
          initialLimit: 500,
          backoffRatio: 1,
          window: { minTime: '2s', maxTime: '1s', minSample: 3 },
        },
        'services.gateway.calls[0].concurrencyLimit',
      ),
    ).toEqual([
      'services.gateway.calls[0].concurrencyLimit.smoothing: smoothing is a gradient option; aimd takes backoffRatio, slowCallThreshold (or set type: gradient)',
      'services.gateway.calls[0].concurrencyLimit.initialLimit: expected a limit from minLimit (1) to maxLimit (200), got 500',
      'services.gateway.calls[0].concurrencyLimit.window.minSample: unknown option; did you mean "minSamples"? (known: minTime, maxTime, minSamples)',
      'services.gateway.calls[0].concurrencyLimit.window.minTime: expected at most maxTime (1000ms), got 2000ms',
      'services.gateway.calls[0].concurrencyLimit.backoffRatio: expected a number ≥ 0.5 and < 1, got 1',
    ]);
  });

  it('refuses bad gradient settings and contradicting limits', () => {
    expect(
      issuesOf({ smoothing: 0, rttTolerance: 0.9, headroom: -1, longWindow: 0.5, type: 'vegas' }),
    ).toEqual([
      'type: expected one of "aimd", "gradient", got "vegas"',
      'smoothing: expected a number > 0 and ≤ 1, got 0',
      'rttTolerance: expected a number ≥ 1, got 0.9',
      'headroom: expected a number ≥ 0, got -1',
      'longWindow: expected a whole number ≥ 1, got 0.5',
    ]);
    expect(issuesOf({ minLimit: 10, maxLimit: 5 })).toEqual([
      'minLimit: expected at most maxLimit (5), got 10',
    ]);
    expect(issuesOf({ classifyError: 'drop' })).toEqual(['classifyError: expected a function, got "drop"']);
    expect(issuesOf([])).toEqual(['expected an object, got an array']);
  });
});

describe('defaultClassifyError', () => {
  it('counts overload signals as drops and ignores other errors', () => {
    expect(defaultClassifyError({ error: new TimeoutError(100) })).toBe('drop');
    expect(defaultClassifyError({ error: new BulkheadRejectedError(1, 0) })).toBe('drop');
    expect(defaultClassifyError({ error: Object.assign(new Error('down'), { code: 'unavailable' }) })).toBe(
      'drop',
    );
    expect(defaultClassifyError({ error: new Error('bad request') })).toBe('ignore');
    expect(defaultClassifyError({ error: 'boom' })).toBe('ignore');
  });
});
