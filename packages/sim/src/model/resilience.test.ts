import { describe, expect, it } from 'vitest';
import { parseDesign } from './parse.js';
import { design, errorsOf } from './test-support/design.js';

const withCall = (call: Record<string, unknown>) =>
  design({ services: { gateway: { calls: [{ to: 'orders', ...call }] }, orders: {} } });

// The resilience keys are checked by @faultline/core's own resolvers, at their full path.
describe('resilience configs of a call', () => {
  it("accepts DESIGN.md's example configs and keeps them as written", () => {
    const call = {
      timeout: '1s',
      retry: { maxAttempts: 3, backoff: { type: 'exponential', initial: '50ms', max: '2s', jitter: 'full' } },
      circuitBreaker: {
        failureRateThreshold: 50,
        slowCallThreshold: '800ms',
        window: { type: 'count', size: 20 },
        minimumCalls: 10,
        openFor: '5s',
        halfOpenCalls: 3,
      },
      bulkhead: { maxConcurrent: 20, maxQueue: 0 },
      fallback: { type: 'static' },
    };
    const { steps } = parseDesign(withCall(call)).design.services['gateway']!;
    expect(steps[0]).toMatchObject({ kind: 'call', call: { resilience: call } });
  });

  it('reports a bad timeout at its path, in the words of DESIGN.md', () => {
    const [error] = errorsOf(withCall({ timeout: 'fast' }));
    expect(error).toMatch(/^services\.gateway\.calls\[0\]\.timeout: expected a duration like "250ms"/);
  });

  it('reports problems inside a policy config at their full path', () => {
    const errors = errorsOf(withCall({ retry: { maxAttempts: 0, backof: {} } }));
    expect(errors.map((error) => error.split(':')[0]).sort()).toEqual([
      'services.gateway.calls[0].retry.backof',
      'services.gateway.calls[0].retry.maxAttempts',
    ]);
  });

  it('reports a bulkhead without its required size', () => {
    expect(errorsOf(withCall({ bulkhead: { maxQueue: 5 } }))).toEqual([
      'services.gateway.calls[0].bulkhead.maxConcurrent: required: how many calls may run at once, like 20',
    ]);
  });

  it('checks the configs of calls in a parallel group too', () => {
    const input = design({
      services: {
        gateway: { calls: [{ parallel: [{ to: 'orders', circuitBreaker: { openFor: 'later' } }] }] },
        orders: {},
      },
    });
    expect(errorsOf(input)[0]).toMatch(
      /^services\.gateway\.calls\[0\]\.parallel\[0\]\.circuitBreaker\.openFor: /,
    );
  });

  it('reports policy mistakes together with the design’s own', () => {
    const input = design({
      services: {
        gateway: { workers: 0, calls: [{ to: 'orders', fallback: { type: 'dynamic' } }] },
        orders: {},
      },
    });
    expect(errorsOf(input).map((error) => error.split(':')[0])).toEqual([
      'services.gateway.workers',
      'services.gateway.calls[0].fallback.type',
    ]);
  });
});
