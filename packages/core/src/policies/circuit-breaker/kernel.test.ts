import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import { seededRandom } from '../../random/index.js';
import { CircuitBreakerKernel } from './kernel.js';
import { resolveCircuitBreakerOptions, type CircuitBreakerOptions } from './options.js';
import { CircuitRefusal, type CircuitTransition } from './state.js';

function setup(options: CircuitBreakerOptions = {}, clock = new VirtualClock()) {
  const transitions: CircuitTransition[] = [];
  const kernel = new CircuitBreakerKernel(
    resolveCircuitBreakerOptions({ clock, random: seededRandom(7), ...options }),
    { onTransition: (transition) => transitions.push(transition) },
  );
  const admit = (): number => {
    const permit = kernel.tryAcquire();
    expect(permit).toBeGreaterThanOrEqual(0);
    return permit;
  };
  const succeed = (ms = 1): void => kernel.onSuccess(admit(), ms);
  const fail = (ms = 1): void => kernel.onFailure(admit(), ms);
  const path = (): string => transitions.map((t) => `${t.to}:${t.reason}`).join(' ');
  return { clock, kernel, transitions, admit, succeed, fail, path };
}

const rateBreaker = { window: { type: 'count', size: 10 }, minimumCalls: 4 } as const;

describe('CircuitBreakerKernel: closed → open', () => {
  it('opens when the failure rate reaches the threshold, once minimumCalls are in the window', () => {
    const { kernel, fail, succeed, transitions } = setup(rateBreaker);
    fail();
    fail();
    fail();
    expect(kernel.state).toBe('closed'); // 3 calls < minimumCalls, however bad
    succeed(); // 4 calls, 75% failed: a success can be the call that completes the evidence
    expect(kernel.state).toBe('open');
    expect(transitions).toEqual([
      {
        from: 'closed',
        to: 'open',
        reason: 'failureRate',
        time: 0,
        failureRate: 75,
        slowCallRate: 0,
        calls: 4,
        openForMs: 5000,
      },
    ]);
  });

  it('opens at exactly the threshold and stays closed below it', () => {
    const exactly = setup(rateBreaker);
    [exactly.succeed, exactly.succeed, exactly.fail, exactly.fail].forEach((call) => call());
    expect(exactly.kernel.state).toBe('open');
    const below = setup(rateBreaker);
    [below.succeed, below.succeed, below.succeed, below.fail, below.succeed, below.fail].forEach((call) =>
      call(),
    );
    expect(below.kernel.state).toBe('closed');
    expect(below.kernel.stats()).toMatchObject({ calls: 6, failures: 2 });
    expect(below.kernel.stats().failureRate).toBeCloseTo(33.33, 2);
  });

  it('opens on the slow call rate; a call exactly at slowCallThreshold is not slow', () => {
    const { kernel, succeed, fail, transitions } = setup({
      ...rateBreaker,
      slowCallThreshold: '100ms',
      slowCallRateThreshold: 50,
    });
    succeed(100);
    succeed(100);
    fail(101); // slow and failed: counts for both rates
    succeed(150);
    expect(kernel.state).toBe('open');
    expect(transitions[0]).toMatchObject({ reason: 'slowCallRate', slowCallRate: 50, failureRate: 25 });
  });

  it('a consecutive window opens after N failures in a row, or N slow calls in a row', () => {
    const failures = setup({ window: { type: 'consecutive', failures: 3 } });
    [failures.fail, failures.fail, failures.succeed, failures.fail, failures.fail].forEach((call) => call());
    expect(failures.kernel.state).toBe('closed');
    failures.fail();
    expect(failures.path()).toBe('open:consecutiveFailures');

    const slow = setup({ window: { type: 'consecutive', failures: 2 }, slowCallThreshold: 50 });
    slow.succeed(60);
    slow.succeed(10);
    slow.succeed(60);
    expect(slow.kernel.state).toBe('closed');
    slow.succeed(70);
    expect(slow.path()).toBe('open:consecutiveSlowCalls');
  });

  it('a time window forgets failures older than its size', () => {
    const { kernel, fail, succeed, clock } = setup({
      window: { type: 'time', size: '10s', buckets: 10 },
      minimumCalls: 4,
    });
    fail();
    fail();
    fail();
    clock.advance(10_000); // those three age out
    succeed();
    succeed();
    fail();
    expect(kernel.state).toBe('closed');
    expect(kernel.stats()).toMatchObject({ calls: 3, failures: 1 });
    fail();
    expect(kernel.state).toBe('open'); // 4 calls, 2 failed, within 10s
  });
});

describe('CircuitBreakerKernel: open → half-open → closed | open', () => {
  function openBreaker(options: CircuitBreakerOptions = {}) {
    const breaker = setup({ window: { type: 'consecutive', failures: 1 }, ...options });
    breaker.fail();
    expect(breaker.kernel.state).toBe('open');
    return breaker;
  }

  it('refuses while open, counting retryAfterMs down; half-opens lazily on the next call after openFor', () => {
    const { kernel, clock } = openBreaker({ openFor: '2s' });
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.open);
    expect(kernel.retryAfterMs()).toBe(2000);
    clock.advance(1500);
    expect(kernel.retryAfterMs()).toBe(500);
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.open);
    clock.advance(10_000);
    expect(kernel.state).toBe('open'); // time alone changes nothing: no timer
    expect(kernel.retryAfterMs()).toBe(0);
    expect(kernel.tryAcquire()).toBeGreaterThanOrEqual(0);
    expect(kernel.state).toBe('halfOpen');
  });

  it('admits exactly halfOpenCalls probes and closes when all succeed', () => {
    const { kernel, clock, path } = openBreaker({ halfOpenCalls: 3, openFor: 1000 });
    clock.advance(1000);
    const probes = [kernel.tryAcquire(), kernel.tryAcquire(), kernel.tryAcquire()];
    expect(probes.every((p) => p >= 0)).toBe(true);
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.halfOpenFull);
    expect(kernel.stats().probesInFlight).toBe(3);
    kernel.onSuccess(probes[0]!, 1);
    kernel.onSuccess(probes[1]!, 1);
    expect(kernel.state).toBe('halfOpen');
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.halfOpenFull); // the slots are spent, not freed, by success
    kernel.onSuccess(probes[2]!, 1);
    expect(path()).toBe('open:consecutiveFailures halfOpen:openForElapsed closed:probesSucceeded');
    expect(kernel.tryAcquire()).toBeGreaterThanOrEqual(0);
  });

  it('reopens on the first failed probe; the other probes then count for nothing', () => {
    const { kernel, clock, path, transitions } = openBreaker({ halfOpenCalls: 2, openFor: 1000 });
    clock.advance(1000);
    const [first, second] = [kernel.tryAcquire(), kernel.tryAcquire()];
    kernel.onFailure(first!, 5);
    expect(path()).toBe('open:consecutiveFailures halfOpen:openForElapsed open:probeFailed');
    expect(transitions[2]).toMatchObject({ from: 'halfOpen', calls: 0, failureRate: 0 });
    kernel.onSuccess(second!, 5);
    expect(kernel.state).toBe('open');
  });

  it('a slow probe is a failed probe', () => {
    const { kernel, clock, path } = openBreaker({ slowCallThreshold: 100, openFor: 10 });
    clock.advance(10);
    kernel.onSuccess(kernel.tryAcquire(), 101);
    expect(path()).toBe('open:consecutiveFailures halfOpen:openForElapsed open:probeFailed');
  });

  it('an ignored probe frees its slot for another call', () => {
    const { kernel, clock } = openBreaker({ openFor: 10 });
    clock.advance(10);
    const probe = kernel.tryAcquire();
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.halfOpenFull);
    kernel.onIgnored(probe);
    kernel.onIgnored(probe); // twice: still only one slot back
    const next = kernel.tryAcquire();
    expect(next).toBeGreaterThanOrEqual(0);
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.halfOpenFull);
    kernel.onSuccess(next, 1);
    expect(kernel.state).toBe('closed');
  });

  it('a call admitted while closed that ends after the state moved on is not counted (generation permits)', () => {
    const { kernel, clock, admit, fail } = setup({
      window: { type: 'consecutive', failures: 2 },
      openFor: 10,
    });
    const early = [admit(), admit(), admit()];
    fail();
    fail();
    expect(kernel.state).toBe('open');
    kernel.onFailure(early[0]!, 1); // stale while open: ignored (opossum #385's double open)
    clock.advance(10);
    kernel.tryAcquire(); // half-open: its one probe slot taken
    kernel.onSuccess(early[1]!, 1); // admitted while closed: must not close the breaker as a probe
    expect(kernel.state).toBe('halfOpen');
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.halfOpenFull);
    kernel.onFailure(early[2]!, 1); // nor reopen it
    expect(kernel.state).toBe('halfOpen');
  });

  it('a stale outcome is not counted in the next closed period either', () => {
    const { kernel, clock, admit, fail } = setup({
      window: { type: 'consecutive', failures: 1 },
      openFor: 10,
    });
    const early = admit();
    fail();
    clock.advance(10);
    kernel.onSuccess(kernel.tryAcquire(), 1);
    expect(kernel.state).toBe('closed');
    kernel.onFailure(early, 1);
    expect(kernel.state).toBe('closed');
    expect(kernel.stats().calls).toBe(0);
  });

  it('openFor as a backoff: each reopening without closing waits longer; closing starts over', () => {
    const { kernel, clock, transitions, succeed } = openBreaker({
      openFor: { type: 'exponential', initial: '1s', max: '5s' },
    });
    const probeFails = () => {
      clock.advance(kernel.retryAfterMs());
      kernel.onFailure(kernel.tryAcquire(), 1);
    };
    probeFails();
    probeFails();
    probeFails();
    expect(transitions.filter((t) => t.to === 'open').map((t) => t.openForMs)).toEqual([
      1000, 2000, 4000, 5000,
    ]);
    clock.advance(5000);
    succeed();
    expect(kernel.state).toBe('closed');
    kernel.onFailure(kernel.tryAcquire(), 1);
    expect(transitions.at(-1)).toMatchObject({ to: 'open', openForMs: 1000 });
  });

  it('openFor with jitter is drawn from the injected random: same seed, same schedule', () => {
    const schedule = () => {
      const { kernel, clock, transitions } = openBreaker({
        openFor: { type: 'exponential', initial: '1s', max: '30s', jitter: 'full' },
      });
      for (let i = 0; i < 5; i++) {
        clock.advance(kernel.retryAfterMs());
        kernel.onFailure(kernel.tryAcquire(), 1);
      }
      return transitions.filter((t) => t.to === 'open').map((t) => t.openForMs);
    };
    const first = schedule();
    expect(schedule()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});

describe('CircuitBreakerKernel: held by hand', () => {
  it('isolate() refuses every call until every handle is released, then closes with an empty window', () => {
    const { kernel, fail, path } = setup(rateBreaker);
    fail();
    const first = kernel.isolate();
    const second = kernel.isolate();
    expect(kernel.state).toBe('isolated');
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.isolated);
    expect(kernel.retryAfterMs()).toBe(Number.POSITIVE_INFINITY);
    first.dispose();
    first.dispose();
    expect(kernel.state).toBe('isolated');
    second.dispose();
    expect(kernel.state).toBe('closed');
    expect(kernel.stats().calls).toBe(0);
    expect(path()).toBe('isolated:isolated closed:released');
  });

  it('isolation is not undone by time', () => {
    const { kernel, clock } = setup();
    kernel.isolate();
    clock.advance(1e9);
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.isolated);
  });

  it('disable() passes every call and records nothing; isolation wins over it', () => {
    const { kernel, fail, path } = setup({ window: { type: 'consecutive', failures: 1 } });
    const disabled = kernel.disable();
    fail();
    fail();
    expect(kernel.state).toBe('disabled');
    expect(kernel.stats().calls).toBe(0);
    const isolated = kernel.isolate();
    expect(kernel.state).toBe('isolated');
    isolated.dispose();
    expect(kernel.state).toBe('disabled');
    disabled.dispose();
    expect(kernel.state).toBe('closed');
    expect(path()).toBe('disabled:disabled isolated:isolated disabled:disabled closed:enabled');
  });

  it('reset() closes an open breaker and forgets its backoff, but not the handles held', () => {
    const { kernel, fail, path } = setup({
      window: { type: 'consecutive', failures: 1 },
      openFor: { type: 'exponential', initial: 100 },
    });
    fail();
    kernel.reset();
    expect(kernel.state).toBe('closed');
    fail();
    expect(path()).toBe('open:consecutiveFailures closed:reset open:consecutiveFailures');
    const hold = kernel.isolate();
    kernel.reset();
    expect(kernel.state).toBe('isolated');
    hold.dispose();
    expect(kernel.state).toBe('closed');
  });

  it('a listener may change the state while being told of a change', () => {
    const clock = new VirtualClock();
    let kernel: CircuitBreakerKernel | undefined;
    kernel = new CircuitBreakerKernel(
      resolveCircuitBreakerOptions({ clock, window: { type: 'consecutive', failures: 1 }, openFor: 10 }),
      {
        onTransition: (t) => {
          if (t.to === 'halfOpen') kernel!.isolate();
        },
      },
    );
    kernel.onFailure(kernel.tryAcquire(), 1);
    clock.advance(10);
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.isolated);
    kernel = undefined;
  });
});

describe('CircuitBreakerKernel: snapshot and hydrate', () => {
  it('an open breaker restored on another clock stays open for the rest of its time', () => {
    const { kernel, fail, clock } = setup({ window: { type: 'consecutive', failures: 1 }, openFor: '10s' });
    fail();
    clock.advance(4000);
    const snapshot = JSON.parse(JSON.stringify(kernel.toJSON()));
    expect(snapshot).toEqual({
      version: 1,
      state: 'open',
      openRemainingMs: 6000,
      opens: 1,
      lastOpenForMs: 10_000,
      window: { type: 'consecutive', failures: 0, slowCalls: 0, calls: 0 },
    });
    const restored = setup(
      { window: { type: 'consecutive', failures: 1 }, openFor: '10s', initialState: snapshot },
      new VirtualClock(1_000_000),
    );
    expect(restored.kernel.state).toBe('open');
    expect(restored.kernel.retryAfterMs()).toBe(6000);
    restored.clock.advance(6000);
    expect(restored.kernel.tryAcquire()).toBeGreaterThanOrEqual(0);
    expect(restored.kernel.state).toBe('halfOpen');
  });

  it('a closed breaker keeps its window, so the evidence survives a restart', () => {
    const first = setup(rateBreaker);
    first.fail();
    first.fail();
    first.succeed();
    const second = setup(rateBreaker);
    second.kernel.hydrate(first.kernel.toJSON());
    expect(second.kernel.stats()).toMatchObject({ calls: 3, failures: 2 });
    second.fail();
    expect(second.kernel.state).toBe('open');
  });

  it('hydrating makes calls in flight stale, and reports the change', () => {
    const { kernel, admit, path } = setup({ window: { type: 'consecutive', failures: 1 } });
    const inFlight = admit();
    kernel.hydrate({ ...kernel.toJSON(), state: 'halfOpen' });
    kernel.onFailure(inFlight, 1);
    expect(kernel.state).toBe('halfOpen');
    expect(path()).toBe('halfOpen:hydrated');
  });

  it("a snapshot's isolation holds until another snapshot or reset()", () => {
    const { kernel } = setup();
    kernel.hydrate({ ...kernel.toJSON(), state: 'isolated' });
    expect(kernel.tryAcquire()).toBe(CircuitRefusal.isolated);
    kernel.hydrate({ ...kernel.toJSON(), state: 'closed' });
    expect(kernel.state).toBe('closed');
    kernel.hydrate({ ...kernel.toJSON(), state: 'disabled' });
    expect(kernel.state).toBe('disabled');
    kernel.reset();
    expect(kernel.state).toBe('closed');
  });

  it('refuses a malformed snapshot with a ConfigError and keeps its state', () => {
    const { kernel, fail } = setup({ window: { type: 'consecutive', failures: 1 } });
    fail();
    expect(() => kernel.hydrate({ state: 'closed' } as never)).toThrow(ConfigError);
    expect(kernel.state).toBe('open');
  });
});

describe('CircuitBreakerKernel: adaptive thresholds', () => {
  it('tightens the failure rate threshold linearly between fromLoad and toLoad', () => {
    let load = 0;
    const { kernel } = setup({
      failureRateThreshold: 50,
      adaptive: { loadSignal: () => load, minFailureRateThreshold: 20, fromLoad: 0.5, toLoad: 1 },
    });
    const at = (value: number) => {
      load = value;
      return kernel.thresholds().failureRateThreshold;
    };
    expect([at(0), at(0.5), at(0.75), at(1), at(7), at(Number.NaN)]).toEqual([50, 50, 35, 20, 20, 50]);
    expect(kernel.thresholds()).toMatchObject({ slowCallRateThreshold: 100 });
    load = 1;
    expect(kernel.thresholds().slowCallRateThreshold).toBe(50);
  });

  it('opens sooner under load: 30% failures open a loaded breaker, not an idle one', () => {
    const run = (load: number) => {
      const breaker = setup({
        window: { type: 'count', size: 10 },
        minimumCalls: 10,
        adaptive: { loadSignal: () => load, minFailureRateThreshold: 20 },
      });
      for (let i = 0; i < 10; i++) (i % 10 < 3 ? breaker.fail : breaker.succeed)();
      return breaker.kernel.state;
    };
    expect(run(0)).toBe('closed');
    expect(run(0.75)).toBe('closed'); // threshold 35%
    expect(run(0.9)).toBe('open'); // threshold 26%
  });

  it('reads the signal only when the window is past the minimum thresholds', () => {
    let reads = 0;
    const { fail, succeed } = setup({
      window: { type: 'count', size: 100 },
      minimumCalls: 1,
      adaptive: { loadSignal: () => (reads++, 0), minFailureRateThreshold: 10 },
    });
    for (let i = 0; i < 50; i++) succeed();
    fail(); // 1/51 < 10%: no load can open it, so the signal is not read
    expect(reads).toBe(0);
    for (let i = 0; i < 5; i++) fail();
    expect(reads).toBeGreaterThan(0);
  });

  it('takes an injected load signal (the simulator supplies one from utilization)', () => {
    const { kernel, fail } = setup({
      window: { type: 'consecutive', failures: 6 },
      adaptive: { minFailures: 2 },
    });
    fail();
    fail();
    expect(kernel.state).toBe('closed'); // no signal: load 0
    kernel.setLoadSignal(() => 1);
    expect(kernel.thresholds().consecutiveFailures).toBe(2);
    fail();
    expect(kernel.state).toBe('open');
  });
});
