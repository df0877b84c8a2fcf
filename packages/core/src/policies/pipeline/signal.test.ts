import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { bulkhead } from '../bulkhead/index.js';
import { fallback } from '../fallback/index.js';
import { rateLimiter } from '../rate-limiter/index.js';
import { timeout } from '../timeout/index.js';
import { pipeline } from './pipeline.js';

// A timeout creates its attempt's AbortSignal only when someone reads it (creating one costs
// microseconds). Policies inside a timeout must ask `isAborted(context)` instead of reading it.

/** Counts AbortControllers created while a test runs. */
function countControllers(): { readonly count: number } {
  const counter = { count: 0 };
  const Original = globalThis.AbortController;
  vi.stubGlobal(
    'AbortController',
    class extends Original {
      constructor() {
        super();
        counter.count++;
      }
    },
  );
  return counter;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('policies inside a timeout', () => {
  it('create no AbortSignal on the success path', async () => {
    const clock = new VirtualClock();
    const policies = pipeline(
      fallback({ value: 'degraded', clock }),
      timeout({ duration: 1000, clock }),
      rateLimiter({ rate: 100, clock }),
      bulkhead({ maxConcurrent: 2, clock }),
    );
    const controllers = countControllers();
    expect(await policies.execute(() => 'ok')).toBe('ok');
    expect(controllers.count).toBe(0);
  });

  it('create no AbortSignal when the call fails and the fallback answers', async () => {
    const clock = new VirtualClock();
    const policies = pipeline(
      fallback({ value: 'degraded', clock }),
      timeout({ duration: 1000, clock }),
      bulkhead({ maxConcurrent: 1, clock }),
    );
    const controllers = countControllers();
    const result = await policies.execute(() => Promise.reject(new Error('down')));
    expect(result).toBe('degraded');
    expect(controllers.count).toBe(0);
  });

  it('still see an abort that happened before the signal was created', async () => {
    const clock = new VirtualClock();
    const gate = bulkhead({ maxConcurrent: 1, clock });
    let innerRan = false;
    const outer = timeout({ duration: 10, clock });
    const call = outer.execute(async (context) => {
      clock.advance(10); // the deadline passes while this attempt is still running
      return gate.execute(() => {
        innerRan = true;
        return 'late';
      }, context);
    });
    await expect(call).rejects.toThrow(/timed out|10ms/i);
    expect(innerRan).toBe(false);
  });
});
