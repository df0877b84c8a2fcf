import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { BrokenCircuitError, IsolatedCircuitError } from '../../errors/index.js';
import type { PolicyEvent } from '../../events/index.js';
import { seededRandom } from '../../random/index.js';
import { circuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './options.js';

/** A call the test settles by hand, to hold many calls in flight at once. */
function deferred<T = string>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: CircuitBreakerOptions = {}) {
  const clock = new VirtualClock();
  const breaker = circuitBreaker({ clock, random: seededRandom(3), ...options });
  const ok = () => breaker.execute(() => Promise.resolve('ok'));
  const boom = () =>
    breaker.execute(() => Promise.reject(new Error('boom'))).catch((error: unknown) => error);
  return { clock, breaker, ok, boom };
}

const oneStrike = { window: { type: 'consecutive', failures: 1 } } as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('circuitBreaker().execute', () => {
  it('passes results and errors through unchanged, and gives fn the context', async () => {
    const { breaker } = setup();
    const signal = new AbortController().signal;
    await expect(
      breaker.execute(({ attempt }) => `attempt ${attempt}`, { signal, attempt: 2 }),
    ).resolves.toBe('attempt 2');
    const error = new Error('boom');
    await expect(breaker.execute(() => Promise.reject(error))).rejects.toBe(error);
    await expect(
      breaker.execute(() => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(breaker.kernel.stats()).toMatchObject({ calls: 3, failures: 2 });
  });

  it('fails fast while open, without calling fn, with the time to wait', async () => {
    const { breaker, boom, clock } = setup({ ...oneStrike, openFor: '3s' });
    await boom();
    clock.advance(1000);
    const fn = vi.fn(() => 'never');
    const error = await breaker.execute(fn).catch((e: unknown) => e);
    expect(fn).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect(error).toMatchObject({ code: 'circuitOpen', retryAfterMs: 2000 });
    expect((error as Error).message).toBe('Circuit is open: the call was not attempted; retry after 2000ms');
  });

  it('refuses with IsolatedCircuitError while isolated', async () => {
    const { breaker, ok } = setup();
    const handle = breaker.isolate();
    await expect(ok()).rejects.toBeInstanceOf(IsolatedCircuitError);
    handle.dispose();
    await expect(ok()).resolves.toBe('ok');
  });

  it('passes everything while disabled', async () => {
    const { breaker, boom, ok } = setup(oneStrike);
    breaker.disable();
    await boom();
    await boom();
    await expect(ok()).resolves.toBe('ok');
    expect(breaker.state).toBe('disabled');
  });

  it('measures durations on its clock: a slow call counts as slow', async () => {
    const { breaker, clock } = setup({
      window: { type: 'consecutive', failures: 2 },
      slowCallThreshold: '100ms',
    });
    const sleep = (ms: number) =>
      new Promise<string>((resolve) => clock.setTimeout(() => resolve('late'), ms));
    const first = breaker.execute(() => sleep(150));
    await clock.tick(150);
    await expect(first).resolves.toBe('late');
    const second = breaker.execute(() => sleep(101));
    await clock.tick(101);
    await second;
    expect(breaker.state).toBe('open');
  });

  it('errors that handle does not accept pass through and count as neither', async () => {
    class UpstreamError extends Error {}
    const { breaker } = setup({ ...oneStrike, handle: UpstreamError, openFor: 10 });
    const notHandled = new TypeError('bug in the caller');
    await expect(breaker.execute(() => Promise.reject(notHandled))).rejects.toBe(notHandled);
    expect(breaker.state).toBe('closed');
    expect(breaker.kernel.stats().calls).toBe(0);
    await expect(breaker.execute(() => Promise.reject(new UpstreamError()))).rejects.toBeInstanceOf(
      UpstreamError,
    );
    expect(breaker.state).toBe('open');
  });

  it('an ignored probe frees its slot instead of wedging the breaker half-open', async () => {
    const { breaker, clock, boom, ok } = setup({
      ...oneStrike,
      handle: (e: unknown) => e instanceof RangeError,
      openFor: 10,
    });
    await breaker.execute(() => Promise.reject(new RangeError())).catch(() => {});
    clock.advance(10);
    await breaker.execute(() => Promise.reject(new TypeError())).catch(() => {});
    expect(breaker.state).toBe('halfOpen');
    await expect(ok()).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    await boom();
  });

  it('handleResult counts a result as a failure, and still returns it', async () => {
    const { breaker } = setup({
      ...oneStrike,
      handleResult: (result) => (result as { status: number }).status >= 500,
    });
    await expect(breaker.execute(() => ({ status: 200 }))).resolves.toEqual({ status: 200 });
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(() => Promise.resolve({ status: 503 }))).resolves.toEqual({ status: 503 });
    expect(breaker.state).toBe('open');
  });

  it('a predicate that throws does not leak a probe slot; the caller sees its error', async () => {
    const bug = new Error('predicate bug');
    const { breaker, clock, boom } = setup({
      ...oneStrike,
      openFor: 10,
      handleResult: () => {
        throw bug;
      },
    });
    await boom();
    clock.advance(10);
    await expect(breaker.execute(() => 'x')).rejects.toBe(bug);
    await expect(breaker.execute(() => Promise.resolve('x'))).rejects.toBe(bug);
    expect(breaker.state).toBe('halfOpen');
    expect(breaker.kernel.tryAcquire()).toBeGreaterThanOrEqual(0);
  });

  it('a call the caller abandoned counts as neither (a hedge loser, a timeout outside the breaker)', async () => {
    const { breaker } = setup(oneStrike);
    const controller = new AbortController();
    const call = deferred();
    const running = breaker.execute(() => call.promise, { signal: controller.signal });
    controller.abort();
    call.reject(new Error('aborted'));
    await expect(running).rejects.toThrow('aborted');
    expect(breaker.state).toBe('closed');
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const { breaker } = setup();
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const fn = vi.fn();
    await expect(breaker.execute(fn, { signal: controller.signal })).rejects.toThrow('gone');
    expect(fn).not.toHaveBeenCalled();
    expect(breaker.kernel.stats().calls).toBe(0);
  });

  it('a call admitted while closed that ends after the breaker half-opened is not taken for a probe', async () => {
    const { breaker, clock, boom } = setup({ ...oneStrike, openFor: 100 });
    const early = deferred();
    const lateCall = breaker.execute(() => early.promise);
    await boom();
    clock.advance(100);
    const probe = deferred();
    const probeCall = breaker.execute(() => probe.promise);
    expect(breaker.state).toBe('halfOpen');
    early.resolve('late success');
    await expect(lateCall).resolves.toBe('late success');
    expect(breaker.state).toBe('halfOpen'); // not closed by a call from the closed period
    probe.reject(new Error('still down'));
    await probeCall.catch(() => {});
    expect(breaker.state).toBe('open');
  });

  it('toJSON makes JSON.stringify(breaker) a snapshot', async () => {
    const { breaker, boom } = setup(oneStrike);
    await boom();
    expect(JSON.parse(JSON.stringify(breaker))).toMatchObject({ version: 1, state: 'open', opens: 1 });
  });
});

describe('circuitBreaker events', () => {
  it('typed events for each step of the cycle, and the same on the catch-all channel', async () => {
    const { breaker, clock, boom, ok } = setup({ ...oneStrike, openFor: 100, name: 'orders' });
    const seen: string[] = [];
    breaker.onStateChange((e) => seen.push(`stateChange ${e.from}->${e.to} (${e.reason})`));
    breaker.onBreak((e) => seen.push(`break ${e.reason} after ${e.calls} calls, open for ${e.openForMs}ms`));
    breaker.onHalfOpen(() => seen.push('halfOpen'));
    breaker.onReset((e) => seen.push(`reset (${e.reason})`));
    breaker.onRejected((e) => seen.push(`rejected while ${e.state}, retry after ${e.retryAfterMs}ms`));
    breaker.onSuccess((e) => seen.push(`success in ${e.durationMs}ms`));
    breaker.onFailure((e) => seen.push(`failure ${(e.error as Error).message}`));
    const all: PolicyEvent[] = [];
    breaker.onEvent((event) => all.push(event));

    await boom();
    await ok().catch(() => {});
    clock.advance(100);
    await ok();
    expect(seen).toEqual([
      'stateChange closed->open (consecutiveFailures)',
      'break consecutiveFailures after 1 calls, open for 100ms',
      'failure boom',
      'rejected while open, retry after 100ms',
      'stateChange open->halfOpen (openForElapsed)',
      'halfOpen',
      'stateChange halfOpen->closed (probesSucceeded)',
      'reset (probesSucceeded)',
      'success in 0ms',
    ]);
    expect(all.map((e) => `${e.type}/${e.severity}`)).toEqual([
      'stateChange/info',
      'break/error',
      'failure/warning',
      'rejected/warning',
      'stateChange/info',
      'halfOpen/warning',
      'stateChange/info',
      'reset/info',
      'success/debug',
    ]);
    expect(all[0]).toMatchObject({
      policy: 'circuitBreaker',
      name: 'orders',
      time: 0,
      detail: { from: 'closed', to: 'open' },
    });
  });

  it('ignored calls are reported with why', async () => {
    const { breaker } = setup({ handle: RangeError });
    const reasons: string[] = [];
    breaker.onIgnored((e) => reasons.push(e.reason));
    await breaker.execute(() => Promise.reject(new TypeError())).catch(() => {});
    const controller = new AbortController();
    await breaker
      .execute(
        () => {
          controller.abort();
          throw new RangeError();
        },
        { signal: controller.signal },
      )
      .catch(() => {});
    expect(reasons).toEqual(['notHandled', 'aborted']);
  });

  it('a disposed listener hears nothing more', async () => {
    const { breaker, boom } = setup(oneStrike);
    const listener = vi.fn();
    const catchAll = vi.fn();
    breaker.onStateChange(listener).dispose();
    breaker.onEvent(catchAll).dispose();
    await boom();
    expect(breaker.state).toBe('open');
    expect(listener).not.toHaveBeenCalled();
    expect(catchAll).not.toHaveBeenCalled();
  });
});

describe('circuitBreaker keeps no timer', () => {
  it('an idle or open breaker on the system clock never calls setTimeout', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const breaker = circuitBreaker({ ...oneStrike, openFor: 0 });
    await breaker.execute(() => Promise.reject(new Error('boom'))).catch(() => {});
    expect(breaker.state).toBe('open');
    await breaker.execute(() => 'probe');
    expect(breaker.state).toBe('closed');
    expect(setTimeoutSpy).not.toHaveBeenCalled();
  });

  it('an open breaker on a VirtualClock has no pending timer', async () => {
    const { breaker, clock, boom } = setup({ ...oneStrike, openFor: '1m' });
    await boom();
    expect(breaker.state).toBe('open');
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('regression: opossum #119', () => {
  it('half-open lets exactly one probe through under 100 concurrent calls, and its failure reopens', async () => {
    const { breaker, clock, boom } = setup({ ...oneStrike, openFor: 1000 });
    await boom();
    clock.advance(1000);
    const probe = deferred();
    const fn = vi.fn(() => probe.promise);
    const calls = Array.from({ length: 100 }, () => breaker.execute(fn).then(String, (e: unknown) => e));
    expect(fn).toHaveBeenCalledTimes(1);
    probe.reject(new Error('still down'));
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o instanceof BrokenCircuitError)).toHaveLength(99);
    expect(breaker.state).toBe('open');
  });
});

describe('regression: opossum #385', () => {
  it('simultaneous failures past the threshold do not keep the breaker open for ever', async () => {
    const { breaker, clock } = setup({ window: { type: 'consecutive', failures: 5 }, openFor: 1000 });
    const pending = Array.from({ length: 6 }, () => deferred());
    const calls = pending.map((call) => breaker.execute(() => call.promise).catch(() => {}));
    pending.forEach((call) => call.reject(new Error('down')));
    await Promise.all(calls);
    expect(breaker.state).toBe('open');
    clock.advance(1000);
    await expect(breaker.execute(() => 'recovered')).resolves.toBe('recovered');
    expect(breaker.state).toBe('closed');
  });
});

describe('regression: opossum #819', () => {
  it('half-open admits exactly halfOpenCalls probes however many calls arrive, and closes only after all succeed', async () => {
    const { breaker, clock, boom } = setup({ ...oneStrike, openFor: 1000, halfOpenCalls: 3 });
    await boom();
    clock.advance(1000);
    const probes: ReturnType<typeof deferred<string>>[] = [];
    const fn = vi.fn(() => {
      const probe = deferred<string>();
      probes.push(probe);
      return probe.promise;
    });
    const calls = Array.from({ length: 500 }, () => breaker.execute(fn).catch((e: unknown) => e));
    expect(fn).toHaveBeenCalledTimes(3);
    probes[0]!.resolve('a');
    probes[1]!.resolve('b');
    await Promise.resolve();
    expect(breaker.state).toBe('halfOpen');
    probes[2]!.resolve('c');
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o instanceof BrokenCircuitError)).toHaveLength(497);
    expect(breaker.state).toBe('closed');
  });
});
