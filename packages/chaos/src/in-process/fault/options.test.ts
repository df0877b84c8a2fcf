import { describe, expect, it } from 'vitest';
import { resolveChaosFaultOptions } from './options.js';
import { issuesOf } from '../test-support/track.js';

describe('resolveChaosFaultOptions', () => {
  it('takes an Error or a function', () => {
    const fault = new Error('down');
    expect(resolveChaosFaultOptions({ fault }).fault).toBe(fault);
    const make = () => fault;
    expect(resolveChaosFaultOptions({ fault: make }).fault).toBe(make);
  });

  it('requires a fault and says what one looks like', () => {
    expect(issuesOf(() => resolveChaosFaultOptions({ injectionRate: 0.1 }))).toEqual([
      'fault: required: an Error to throw, or a function ({ context }) => Error | undefined',
    ]);
    expect(issuesOf(() => resolveChaosFaultOptions({ fault: 'down', injectionRate: 2 }, 'chaos'))).toEqual([
      'chaos.injectionRate: expected a number from 0 to 1 (0.1 injects into 10% of calls) or a function ({ context }) => number, got 2',
      'chaos.fault: expected an Error or a function ({ context }) => Error | undefined, got "down"',
    ]);
  });
});
