import type { CircuitBreakerSnapshot, StoredSnapshotArgs } from '@faultline/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisStoreErrorEvent } from './events.js';
import { redisCircuitStateStore, type RedisCircuitStateStore } from './store.js';
import {
  REDIS_PORT,
  Connections,
  eventually,
  subscribedClientIds,
  uniquePrefix,
} from './test-support/redis.js';
import { TcpGate } from './test-support/tcp-gate.js';

const snapshot = (state: 'open' | 'closed', source: string): CircuitBreakerSnapshot => ({
  version: 1,
  state,
  openRemainingMs: state === 'open' ? 10_000 : 0,
  opens: 1,
  lastOpenForMs: 10_000,
  window: { type: 'consecutive', failures: 0, slowCalls: 0, calls: 0 },
  source,
});

describe('a watcher whose subscriber connection is cut', () => {
  const connections = new Connections();
  const prefix = uniquePrefix();
  const stores: RedisCircuitStateStore[] = [];
  const gates: TcpGate[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.dispose();
    for (const gate of gates.splice(0)) await gate.shut();
    await connections.cleanup(prefix);
  });

  it('hears later saves once ioredis has reconnected and resubscribed (CLIENT KILL)', async () => {
    const admin = connections.open();
    const name = `faultline-test-${process.pid}-${Date.now().toString(36)}`;
    const writer = redisCircuitStateStore({ redis: connections.open(), prefix });
    const watcher = redisCircuitStateStore({ redis: connections.open({ connectionName: name }), prefix });
    stores.push(writer, watcher);
    const told: StoredSnapshotArgs[] = [];
    watcher.watch('orders', (args) => told.push(args));
    await eventually(async () => (await subscribedClientIds(admin, name)).length === 1, 'subscribed');
    const [before] = await subscribedClientIds(admin, name);

    await admin.client('KILL', 'ID', before!);
    await eventually(async () => {
      const ids = await subscribedClientIds(admin, name);
      return ids.length === 1 && ids[0] !== before;
    }, 'a new connection, subscribed again');

    await writer.save('orders', snapshot('open', 'a'));
    await eventually(() => told.some((t) => t.snapshot.source === 'a'), 'the save after the reconnect');
    expect(told.at(-1)).toEqual({ key: 'orders', snapshot: snapshot('open', 'a') });
  });

  it('catches up on a save it missed while disconnected, and does not repeat one it already had', async () => {
    const gate = new TcpGate(REDIS_PORT);
    gates.push(gate);
    await gate.open();
    const writer = redisCircuitStateStore({ redis: connections.open(), prefix });
    const subscriber = connections.open({ port: gate.port, retryStrategy: () => 20 });
    const watcher = redisCircuitStateStore({ redis: connections.open(), subscriber, prefix });
    stores.push(writer, watcher);
    const told: string[] = [];
    watcher.watch('orders', ({ snapshot }) => told.push(`${snapshot.state}:${snapshot.source}`));
    watcher.watch('payments', ({ snapshot }) => told.push(`payments ${snapshot.state}:${snapshot.source}`));
    const errors: RedisStoreErrorEvent[] = [];
    watcher.onError((event) => errors.push(event));
    const admin = connections.open();
    await eventually(async () => {
      const counts = (await admin.pubsub('NUMSUB', `${prefix}orders`, `${prefix}payments`)) as unknown[];
      return counts[1] === 1 && counts[3] === 1;
    }, 'subscribed');
    await writer.save('payments', snapshot('open', 'p'));
    await eventually(() => told.includes('payments open:p'), 'the first save');

    await gate.shut();
    await eventually(() => subscriber.status !== 'ready', 'the subscriber to notice');
    await writer.save('orders', snapshot('open', 'missed'));
    await gate.open();

    await eventually(() => told.includes('open:missed'), 'the missed save, read after the reconnect');
    await eventually(() => subscriber.status === 'ready', 'reconnected');
    await writer.save('orders', snapshot('closed', 'after'));
    await eventually(() => told.includes('closed:after'), 'the next save, published as usual');
    // payments did not change while the connection was down: it is not delivered again.
    expect(told.filter((t) => t.startsWith('payments'))).toEqual(['payments open:p']);
    expect(told.filter((t) => t === 'open:missed')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
