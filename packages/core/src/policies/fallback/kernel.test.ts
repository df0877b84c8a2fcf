import { describe, expect, it } from 'vitest';
import { BrokenCircuitError, TimeoutError } from '../../errors/index.js';
import { FallbackKernel } from './kernel.js';
import { resolveFallbackOptions, type FallbackOptions } from './options.js';

const kernel = (options: FallbackOptions = {}) => new FallbackKernel(resolveFallbackOptions(options));

describe('FallbackKernel', () => {
  it('answers every failure by default, never a result', () => {
    const k = kernel({ type: 'static', value: 'degraded' });
    expect(k.handles(true, new Error('x'))).toBe(true);
    expect(k.handles(true, 'timeout')).toBe(true);
    expect(k.handles(false, 'ok')).toBe(false);
    expect(k.handlesResults).toBe(false);
    expect(k.value).toBe('degraded');
  });

  it('answers only the errors and results it handles', () => {
    const k = kernel({
      handle: [TimeoutError, BrokenCircuitError],
      handleResult: (response: { status: number }) => response.status >= 500,
    });
    expect(k.handles(true, new TimeoutError(5))).toBe(true);
    expect(k.handles(true, new BrokenCircuitError())).toBe(true);
    expect(k.handles(true, new TypeError('bug'))).toBe(false);
    expect(k.handles(false, { status: 502 })).toBe(true);
    expect(k.handles(false, { status: 200 })).toBe(false);
    expect(k.handlesResults).toBe(true);
  });
});
