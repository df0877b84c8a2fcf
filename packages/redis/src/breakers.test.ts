import {
  BrokenCircuitError,
  VirtualClock,
  circuitBreaker,
  seededRandom,
  type CircuitBreakerPolicy,
} from '@faultline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { redisCircuitStateStore, type RedisCircuitStateStore } from './store.js';
import { Connections, eventually, uniquePrefix } from './test-support/redis.js';

// Two instances of one service, as two processes would run them: each breaker has its own store,
// its own Redis connections and its own clock. Only Redis joins them.
describe('breakers in two instances, sharing state through Redis', () => {
  const connections = new Connections();
  const prefix = uniquePrefix();
  const stores: RedisCircuitStateStore[] = [];
  const breakers: CircuitBreakerPolicy[] = [];
  let seed = 1;

  function instance() {
    const store = redisCircuitStateStore({ redis: connections.open(), prefix });
    stores.push(store);
    const clock = new VirtualClock();
    const breaker = circuitBreaker({
      name: 'orders',
      window: { type: 'consecutive', failures: 2 },
      openFor: '10s',
      clock,
      random: seededRandom(seed++),
      store,
    });
    breakers.push(breaker);
    const changes: string[] = [];
    breaker.onStateChange(({ to, reason }) => changes.push(`${to}:${reason}`));
    const storeErrors: unknown[] = [];
    breaker.onStoreError(({ error }) => storeErrors.push(error));
    const fail = () => breaker.execute(() => Promise.reject(new Error('orders is down'))).catch(() => {});
    return { breaker, clock, changes, storeErrors, fail, store };
  }

  /** Waits until the instance's store is subscribed, so that what is saved from now on reaches it. */
  async function watching(key = 'orders') {
    const admin = connections.open();
    await eventually(
      async () => ((await admin.pubsub('NUMSUB', `${prefix}${key}`)) as [string, number])[1] >= stores.length,
      'every instance subscribed',
    );
  }

  afterEach(async () => {
    for (const breaker of breakers.splice(0)) breaker.dispose();
    for (const store of stores.splice(0)) await store.dispose();
    await connections.cleanup(prefix);
  });

  it('one trips open on its failures; the other adopts open and refuses calls without having seen one', async () => {
    const a = instance();
    const b = instance();
    await watching();
    await a.fail();
    await a.fail();
    expect(a.breaker.state).toBe('open');

    await eventually(() => b.breaker.state === 'open', 'b to adopt open');
    let called = false;
    const refused = await b.breaker
      .execute(() => {
        called = true;
        return 'ok';
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BrokenCircuitError);
    expect(called).toBe(false);
    expect(b.changes).toEqual(['open:hydrated']);
    expect(b.breaker.kernel.stats().failures).toBe(0); // counts are not shared, only the state
    expect(b.breaker.kernel.retryAfterMs()).toBe(10_000); // its own clock counts openFor from adoption
    expect(a.changes).toEqual(['open:consecutiveFailures']); // its own echo was ignored
    expect(a.storeErrors).toEqual([]);
    expect(b.storeErrors).toEqual([]);
  });

  it('closing propagates: the instance whose probe succeeds closes them all', async () => {
    const a = instance();
    const b = instance();
    await watching();
    await a.fail();
    await a.fail();
    await eventually(() => b.breaker.state === 'open', 'b to adopt open');

    b.clock.advance(10_000);
    expect(await b.breaker.execute(() => 'probe ok')).toBe('probe ok');
    expect(b.breaker.state).toBe('closed');
    await eventually(() => a.breaker.state === 'closed', 'a to adopt closed');
    expect(a.changes).toEqual(['open:consecutiveFailures', 'closed:hydrated']);
    expect(await a.breaker.execute(() => 'served')).toBe('served');
  });

  it('isolating one instance isolates the other until released', async () => {
    const a = instance();
    const b = instance();
    await watching();
    const handle = a.breaker.isolate();
    await eventually(() => b.breaker.state === 'isolated', 'b isolated');
    handle.dispose();
    await eventually(() => b.breaker.state === 'closed', 'b released');
  });

  it('a restarted instance loads the saved open state', async () => {
    const a = instance();
    await a.fail();
    await a.fail();
    await eventually(async () => (await a.store.load('orders'))?.state === 'open', 'the open state saved');

    const restarted = instance();
    await eventually(() => restarted.breaker.state === 'open', 'the restarted breaker to load open');
    expect(restarted.changes).toEqual(['open:hydrated']);
    await expect(restarted.breaker.execute(() => 'not called')).rejects.toThrow(BrokenCircuitError);
  });

  it('a corrupt value is reported by the breaker that loads it, which starts closed', async () => {
    await connections.open().set(`${prefix}orders`, '{"version":1,"state":"ajar"}');
    const b = instance();
    await eventually(() => b.storeErrors.length > 0, 'the load error reported');
    expect(String(b.storeErrors[0])).toContain(
      `Redis key ${prefix}orders does not hold a circuit breaker snapshot`,
    );
    expect(b.breaker.state).toBe('closed');
    // The next state change overwrites the corrupt value.
    await b.fail();
    await b.fail();
    await eventually(
      async () => (await b.store.load('orders').catch(() => undefined))?.state === 'open',
      'overwritten',
    );
  });
});

describe('a breaker whose Redis is down', () => {
  it('goes on with its local state and reports storeError for the load and the save', async () => {
    const connections = new Connections();
    // Nothing listens on port 1; the client fails each command at once instead of queueing it.
    const redis = connections.open({ port: 1, enableOfflineQueue: false, retryStrategy: () => null });
    const store = redisCircuitStateStore({ redis, prefix: uniquePrefix() });
    const breaker = circuitBreaker({
      name: 'orders',
      window: { type: 'consecutive', failures: 1 },
      clock: new VirtualClock(),
      store,
    });
    const errors: string[] = [];
    breaker.onStoreError(({ operation }) => errors.push(operation));
    await breaker.execute(() => Promise.reject(new Error('down'))).catch(() => {});
    expect(breaker.state).toBe('open');
    await eventually(() => errors.includes('load') && errors.includes('save'), 'both failures reported');
    breaker.dispose();
    await store.dispose();
    redis.disconnect();
  });
});
