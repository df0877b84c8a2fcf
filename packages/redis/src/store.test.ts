import { ConfigError, type CircuitBreakerSnapshot, type StoredSnapshotArgs } from '@faultline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CorruptSnapshotError } from './errors.js';
import type { RedisStoreErrorEvent } from './events.js';
import { redisCircuitStateStore, type RedisCircuitStateStore } from './store.js';
import { Connections, clientsNamed, eventually, uniquePrefix } from './test-support/redis.js';

const open: CircuitBreakerSnapshot = {
  version: 1,
  state: 'open',
  openRemainingMs: 10_000,
  opens: 1,
  lastOpenForMs: 10_000,
  window: { type: 'consecutive', failures: 1, slowCalls: 0, calls: 1 },
  source: 'orders#a',
};
const closed: CircuitBreakerSnapshot = { ...open, state: 'closed', openRemainingMs: 0, source: 'orders#b' };

describe('redisCircuitStateStore', () => {
  const connections = new Connections();
  const prefix = uniquePrefix();
  const stores: RedisCircuitStateStore[] = [];

  /** A store on connections of its own, as another process would have. */
  function store(options: { ttl?: string; connectionName?: string } = {}): RedisCircuitStateStore {
    const redis = connections.open(options.connectionName ? { connectionName: options.connectionName } : {});
    const created = redisCircuitStateStore({ redis, prefix, ...(options.ttl ? { ttl: options.ttl } : {}) });
    stores.push(created);
    return created;
  }

  afterEach(async () => {
    for (const created of stores.splice(0)) await created.dispose();
    await connections.cleanup(prefix);
  });

  it('saves a snapshot as JSON under prefix + key, and loads it back', async () => {
    const a = store();
    expect(await a.load('orders')).toBeUndefined();
    await a.save('orders', open);
    expect(await a.load('orders')).toEqual(open);
    expect(JSON.parse((await connections.open().get(`${prefix}orders`))!)).toEqual(open);
    expect(await store().load('orders')).toEqual(open);
  });

  it('sets the TTL on every save, and none without a ttl', async () => {
    const admin = connections.open();
    await store({ ttl: '1h' }).save('orders', open);
    const ttl = await admin.pttl(`${prefix}orders`);
    expect(ttl).toBeGreaterThan(3_500_000); // an hour less the test's own time, with room to spare
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    await store().save('orders', closed);
    expect(await admin.pttl(`${prefix}orders`)).toBe(-1);
  });

  it('publishes each save on the key channel, with the value already stored when it arrives', async () => {
    const listener = connections.open();
    const reader = connections.open();
    const seen: { message: string; stored: Promise<string | null> }[] = [];
    listener.on('message', (_channel: string, message: string) =>
      seen.push({ message, stored: reader.get(`${prefix}orders`) }),
    );
    await listener.subscribe(`${prefix}orders`);
    await store().save('orders', open);
    await eventually(() => seen.length === 1, 'the published snapshot');
    expect(JSON.parse(seen[0]!.message)).toEqual(open);
    expect(await seen[0]!.stored).toBe(seen[0]!.message);
  });

  it('tells every watcher of a key, over one subscription, and unsubscribes after the last', async () => {
    const admin = connections.open();
    const a = store();
    const b = store();
    const first: StoredSnapshotArgs[] = [];
    const second: StoredSnapshotArgs[] = [];
    const one = b.watch('orders', (args) => first.push(args));
    const two = b.watch('orders', (args) => second.push(args));
    const subscribers = async () =>
      ((await admin.pubsub('NUMSUB', `${prefix}orders`)) as [string, number])[1];
    await eventually(async () => (await subscribers()) === 1, 'one subscription');

    await a.save('orders', open);
    await eventually(() => first.length === 1 && second.length === 1, 'both watchers told');
    expect(first[0]).toEqual({ key: 'orders', snapshot: open });
    expect(await subscribers()).toBe(1);

    one.dispose();
    await a.save('orders', closed);
    await eventually(() => second.length === 2, 'the remaining watcher told');
    expect(first).toHaveLength(1);

    two.dispose();
    two.dispose(); // twice is harmless
    await eventually(async () => (await subscribers()) === 0, 'the channel unsubscribed');
  });

  it('a key watched again right after its last watcher left is subscribed again', async () => {
    const admin = connections.open();
    const a = store();
    const b = store();
    b.watch('orders', () => {}).dispose();
    const told: string[] = [];
    b.watch('orders', ({ snapshot }) => told.push(snapshot.state));
    // SUBSCRIBE, UNSUBSCRIBE, SUBSCRIBE go out in order on one connection: it ends subscribed.
    await eventually(async () => {
      await a.save('orders', open);
      return told.length > 0;
    }, 'the watcher told');
    const subscribers = async () =>
      ((await admin.pubsub('NUMSUB', `${prefix}orders`)) as [string, number])[1];
    await eventually(async () => (await subscribers()) === 1, 'one subscription in the end');
  });

  it('keeps keys apart: a watcher hears only its own key', async () => {
    const a = store();
    const b = store();
    const payments: string[] = [];
    b.watch('payments', ({ snapshot }) => payments.push(snapshot.state));
    const orders: string[] = [];
    b.watch('orders', ({ snapshot }) => orders.push(snapshot.state));
    await eventually(async () => {
      await a.save('orders', open);
      return orders.length > 0;
    }, 'the subscription to be in place');
    await a.save('payments', closed);
    await eventually(() => payments.length === 1, 'the payments watcher told');
    expect(new Set(orders)).toEqual(new Set(['open']));
    expect(payments).toEqual(['closed']);
  });

  it('refuses a corrupt value: load rejects, naming the key and what is wrong; a watcher is not told', async () => {
    const admin = connections.open();
    const a = store();
    await admin.set(`${prefix}orders`, 'not json');
    await expect(a.load('orders')).rejects.toThrow(CorruptSnapshotError);
    await expect(a.load('orders')).rejects.toThrow(
      `Redis key ${prefix}orders does not hold a circuit breaker snapshot: snapshot: expected JSON, got "not json"`,
    );
    await admin.set(`${prefix}orders`, JSON.stringify({ ...open, version: 2 }));
    const error = (await a.load('orders').catch((e: unknown) => e)) as CorruptSnapshotError;
    expect(error.issues).toEqual([
      { path: 'snapshot.version', message: 'expected 1 (the only snapshot format so far), got 2' },
    ]);

    const errors: RedisStoreErrorEvent[] = [];
    a.onError((event) => errors.push(event));
    const told: StoredSnapshotArgs[] = [];
    a.watch('orders', (args) => told.push(args));
    await eventually(async () => {
      await admin.publish(`${prefix}orders`, '{"version":1,"state":"ajar"}');
      return errors.length > 0;
    }, 'the corrupt message reported');
    expect(told).toEqual([]);
    expect(errors[0]).toMatchObject({ operation: 'message', key: 'orders' });
    expect(String(errors[0]!.error)).toContain('snapshot.state: expected one of');
  });

  it('closes the subscriber connection it opened when disposed, and leaves the user connection open', async () => {
    const admin = connections.open();
    const name = `faultline-test-${process.pid}-${Date.now().toString(36)}`;
    const a = store({ connectionName: name });
    await a.load('orders');
    expect(await clientsNamed(admin, name)).toBe(1); // the subscriber is opened by the first watch
    a.watch('orders', () => {});
    await eventually(async () => (await clientsNamed(admin, name)) === 2, 'the subscriber connected');
    await a.dispose();
    await eventually(async () => (await clientsNamed(admin, name)) === 1, 'the subscriber closed');
    expect(a.options.redis.status).toBe('ready');
    expect(() => a.watch('orders', () => {})).toThrow('was disposed');
  });

  it('on a subscriber the user passes, dispose unsubscribes its channels and closes nothing', async () => {
    const redis = connections.open();
    const subscriber = connections.open();
    const a = redisCircuitStateStore({ redis, subscriber, prefix });
    a.watch('orders', () => {});
    const subscribers = async () =>
      ((await redis.pubsub('NUMSUB', `${prefix}orders`)) as [string, number])[1];
    await eventually(async () => (await subscribers()) === 1, 'subscribed');
    await a.dispose();
    expect(subscriber.status).toBe('ready');
    expect(await subscribers()).toBe(0);
  });
});

describe('redisCircuitStateStore options', () => {
  const connections = new Connections();
  afterEach(() => connections.cleanup(uniquePrefix()));

  it('names every mistake with its path and the fix', () => {
    const redis = connections.open({ lazyConnect: true });
    const attempt = (options: unknown) => {
      try {
        redisCircuitStateStore(options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(attempt({})).toBe(
      'redisCircuitStateStore.redis: required: an ioredis client, e.g. new Redis("redis://127.0.0.1:6379")',
    );
    expect(attempt({ redis: 'redis://127.0.0.1' })).toBe(
      'redisCircuitStateStore.redis: expected an ioredis client (new Redis(...)), got "redis://127.0.0.1"',
    );
    expect(attempt({ redis, subscriber: redis })).toContain(
      'redisCircuitStateStore.subscriber: expected a second connection',
    );
    expect(attempt({ redis, ttl: 'soon' })).toBe(
      'redisCircuitStateStore.ttl: expected a duration like "250ms", got "soon"',
    );
    expect(attempt({ redis, prefx: 'x:' })).toContain(
      'redisCircuitStateStore.prefx: unknown option; did you mean "prefix"?',
    );
  });

  it('has defaults: the faultline:circuit: prefix, no TTL', () => {
    const redis = connections.open({ lazyConnect: true });
    const created = redisCircuitStateStore({ redis, ttl: 1500.2 });
    expect(created.redisKey('orders')).toBe('faultline:circuit:orders');
    expect(created.options.ttlMs).toBe(1501);
    expect(redisCircuitStateStore({ redis }).options.ttlMs).toBeUndefined();
  });
});
