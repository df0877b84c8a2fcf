import { describe, expect, it } from 'vitest';
import { callsOf } from '../model/index.js';
import { patternsOf, withoutPatterns } from './strip.js';
import { littleShop } from './test-support/little-shop.js';

describe('patternsOf', () => {
  it('lists the patterns the calls use, outermost first', () => {
    expect(patternsOf(littleShop())).toEqual(['fallback', 'retry', 'circuitBreaker', 'timeout', 'bulkhead']);
  });
});

describe('withoutPatterns', () => {
  it('takes the patterns off every call and leaves the rest of the design as it was', () => {
    const design = littleShop();
    const stripped = withoutPatterns(design, ['retry', 'timeout']);
    const resilience = Object.values(stripped.services).flatMap((service) =>
      callsOf(service).map((call) => Object.keys(call.resilience)),
    );
    expect(resilience).toEqual([['fallback', 'circuitBreaker'], [], ['bulkhead']]);
    expect(patternsOf(design)).toContain('retry');
    expect(stripped.workload).toBe(design.workload);
    expect(callsOf(stripped.services.gateway!)[0]).toMatchObject({ to: 'orders', edge: 'gateway->orders' });
  });

  it('reaches the calls of a parallel step', () => {
    const design = littleShop({
      services: {
        a: {
          calls: [
            {
              parallel: [
                { to: 'b', timeout: '1s' },
                { to: 'c', retry: { maxAttempts: 2 } },
              ],
            },
          ],
        },
        b: {},
        c: {},
      },
      workload: [{ target: 'a', rate: 1 }],
      faults: [],
    });
    expect(patternsOf(design)).toEqual(['retry', 'timeout']);
    expect(patternsOf(withoutPatterns(design, ['retry', 'timeout']))).toEqual([]);
  });
});
