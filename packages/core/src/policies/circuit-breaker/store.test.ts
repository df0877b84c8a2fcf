import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import { circuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './options.js';
import type { CircuitBreakerSnapshot } from './snapshot.js';
import { InMemoryCircuitStateStore, type CircuitStateStore } from './store.js';

const options = { window: { type: 'consecutive', failures: 1 }, openFor: '10s', name: 'orders' } as const;
let seed = 1;

function instance(store: CircuitStateStore, clock = new VirtualClock(), extra: CircuitBreakerOptions = {}) {
  const breaker = circuitBreaker({ ...options, clock, random: seededRandom(seed++), store, ...extra });
  const reasons: string[] = [];
  breaker.onStateChange((t) => reasons.push(`${t.to}:${t.reason}`));
  const fail = () => breaker.execute(() => Promise.reject(new Error('down'))).catch(() => {});
  return { breaker, clock, reasons, fail };
}

describe('InMemoryCircuitStateStore', () => {
  it('saves on every state change under the breaker name, and a restarted breaker starts from it', async () => {
    const store = new InMemoryCircuitStateStore();
    const first = instance(store);
    await first.fail();
    expect(store.keys()).toEqual(['orders']);
    expect(store.load('orders')).toMatchObject({ state: 'open', openRemainingMs: 10_000, opens: 1 });
    first.clock.advance(4000);
    first.breaker.dispose();

    const restarted = instance(store, new VirtualClock(50_000));
    expect(restarted.breaker.state).toBe('open');
    // The snapshot was saved when the breaker opened: its full openFor counts from the restart.
    expect(restarted.breaker.kernel.retryAfterMs()).toBe(10_000);
  });

  it('instances sharing a store agree: one opens, all open; one closes, all close', async () => {
    const store = new InMemoryCircuitStateStore();
    const a = instance(store);
    const b = instance(store);
    await a.fail();
    expect(b.breaker.state).toBe('open');
    expect(b.reasons).toEqual(['open:hydrated']);
    expect(a.reasons).toEqual(['open:consecutiveFailures']); // its own snapshot came back and was ignored

    b.clock.advance(10_000);
    await b.breaker.execute(() => 'probe ok');
    expect(b.breaker.state).toBe('closed');
    expect(a.breaker.state).toBe('closed');
    expect(a.reasons).toEqual(['open:consecutiveFailures', 'closed:hydrated']);
  });

  it('isolating one instance isolates them all until released', () => {
    const store = new InMemoryCircuitStateStore();
    const a = instance(store);
    const b = instance(store);
    const handle = a.breaker.isolate();
    expect(b.breaker.state).toBe('isolated');
    handle.dispose();
    expect(b.breaker.state).toBe('closed');
  });

  it('a snapshot in the store wins over initialState', () => {
    const store = new InMemoryCircuitStateStore();
    const closed = instance(store).breaker.toJSON();
    store.save('orders', { ...closed, state: 'isolated' });
    const b = instance(store, new VirtualClock(), { initialState: { ...closed, state: 'disabled' } });
    expect(b.breaker.state).toBe('isolated');
  });

  it('a disposed breaker stops following the store', async () => {
    const store = new InMemoryCircuitStateStore();
    const a = instance(store);
    const b = instance(store);
    b.breaker.dispose();
    await a.fail();
    expect(b.breaker.state).toBe('closed');
  });
});

describe('asynchronous and failing stores', () => {
  function asyncStore(saved: CircuitBreakerSnapshot | undefined) {
    let answer!: (snapshot: CircuitBreakerSnapshot | undefined) => void;
    const store: CircuitStateStore = {
      load: () => new Promise((resolve) => (answer = resolve)),
      save: () => Promise.resolve(),
    };
    return { store, answer: () => answer(saved) };
  }
  const openSnapshot = (): CircuitBreakerSnapshot => ({
    version: 1,
    state: 'open',
    openRemainingMs: 1000,
    opens: 1,
    lastOpenForMs: 1000,
    window: { type: 'consecutive', failures: 0, slowCalls: 0, calls: 0 },
  });

  it('adopts a snapshot that loads later', async () => {
    const { store, answer } = asyncStore(openSnapshot());
    const { breaker } = instance(store);
    expect(breaker.state).toBe('closed');
    answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(breaker.state).toBe('open');
  });

  it('but not once the breaker has changed state on its own: its own news is newer', async () => {
    const { store, answer } = asyncStore({ ...openSnapshot(), state: 'closed' });
    const { breaker, fail } = instance(store);
    await fail();
    answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(breaker.state).toBe('open');
  });

  it('reports store failures and goes on with its local state', async () => {
    const errors: string[] = [];
    const store: CircuitStateStore = {
      load: () => Promise.reject(new Error('redis down')),
      save: () => {
        throw new Error('cannot save');
      },
      watch: (_key, listener) => {
        queueMicrotask(() => listener({ key: 'orders', snapshot: { version: 9 } as never }));
        return { dispose() {} };
      },
    };
    const { breaker, fail } = instance(store);
    breaker.onStoreError((e) => errors.push(`${e.operation}: ${(e.error as Error).message.split('\n')[0]}`));
    const all: string[] = [];
    breaker.onEvent((e) => all.push(e.type));
    await Promise.resolve();
    await fail();
    expect(breaker.state).toBe('open');
    expect(errors).toEqual([
      'load: redis down',
      'hydrate: snapshot.version: expected 1 (the only snapshot format so far), got 9',
      'save: cannot save',
    ]);
    expect(all).toContain('storeError');
  });
});
