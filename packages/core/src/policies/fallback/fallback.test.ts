import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import type { PolicyEvent } from '../../events/index.js';
import { pipeline } from '../pipeline/index.js';
import { retry } from '../retry/index.js';
import { fallback } from './fallback.js';
import type { FallbackEvent } from './events.js';

describe('fallback', () => {
  it('answers a failed call with the static value', async () => {
    const policy = fallback({ value: 'cached' });
    await expect(policy.execute(() => Promise.reject(new Error('down')))).resolves.toBe('cached');
    await expect(
      policy.execute(() => {
        throw new Error('sync');
      }),
    ).resolves.toBe('cached');
  });

  it('answers undefined for { type: static } without a value: the call succeeds degraded', async () => {
    const policy = fallback({ type: 'static' });
    await expect(policy.execute(() => Promise.reject(new Error('down')))).resolves.toBeUndefined();
  });

  it('passes a success through untouched', async () => {
    const policy = fallback({ value: 'cached' });
    const seen = vi.fn();
    policy.onFallback(seen);
    await expect(policy.execute(() => 'fresh')).resolves.toBe('fresh');
    expect(seen).not.toHaveBeenCalled();
  });

  it('calls the handler with the error and the context, and awaits what it returns', async () => {
    const handler = vi.fn(({ error }: { error?: unknown }) =>
      Promise.resolve(`because ${(error as Error).message}`),
    );
    const policy = fallback({ handler });
    const signal = new AbortController().signal;
    await expect(
      policy.execute(() => Promise.reject(new Error('down')), { signal, attempt: 2 }),
    ).resolves.toBe('because down');
    expect(handler).toHaveBeenCalledWith({ error: new Error('down'), context: { signal, attempt: 2 } });
  });

  it('rejects with the handler’s error when the handler fails', async () => {
    const policy = fallback({
      handler: () => {
        throw new Error('no cache either');
      },
    });
    await expect(policy.execute(() => Promise.reject(new Error('down')))).rejects.toThrow('no cache either');
  });

  it('passes unhandled errors on, and replaces handled results', async () => {
    class Fatal extends Error {}
    const policy = fallback({
      value: { status: 200, body: 'stale' },
      handle: (error) => !(error instanceof Fatal),
      handleResult: (response: { status: number }) => response.status === 503,
    });
    await expect(policy.execute(() => Promise.reject(new Fatal('bug')))).rejects.toBeInstanceOf(Fatal);
    await expect(policy.execute(() => ({ status: 503 }))).resolves.toEqual({ status: 200, body: 'stale' });
    await expect(policy.execute(() => ({ status: 201 }))).resolves.toEqual({ status: 201 });
  });

  it('does not answer for a caller who aborted', async () => {
    const policy = fallback({ value: 'cached' });
    const controller = new AbortController();
    const failure = policy.execute(
      ({ signal }) => {
        controller.abort();
        return Promise.reject(signal.reason);
      },
      { signal: controller.signal },
    );
    await expect(failure).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('tells listeners that a result was a fallback, typed and in the catch-all channel', async () => {
    const policy = fallback({ name: 'orders-fallback', value: [] });
    const fallbacks: FallbackEvent[] = [];
    const all: PolicyEvent[] = [];
    policy.onFallback((event) => fallbacks.push(event));
    policy.onEvent((event) => all.push(event));
    await policy.execute(() => 'ok');
    await policy.execute(() => Promise.reject(new Error('down')));
    expect(fallbacks).toEqual([{ outcome: { error: new Error('down') } }]);
    expect(all.map((event) => [event.policy, event.name, event.type, event.severity])).toEqual([
      ['fallback', 'orders-fallback', 'fallback', 'warning'],
    ]);
    expect(policy.toJSON()).toEqual({ type: 'static', handler: false });
  });

  it('answers for whatever fails last in pipeline(fallback, retry)', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(
      fallback({ value: 'degraded' }),
      retry({ clock, random: seededRandom(1), maxAttempts: 2, backoff: { type: 'constant', delay: 10 } }),
    );
    let attempts = 0;
    const result = policy.execute(() => {
      attempts++;
      return Promise.reject(new Error('down'));
    });
    await clock.runAll();
    await expect(result).resolves.toBe('degraded');
    expect(attempts).toBe(2);
    expect(clock.now()).toBe(10);
  });
});
