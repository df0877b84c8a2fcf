import type {
  CircuitBreakerSnapshot,
  CircuitStateStore,
  Disposable,
  EventSubscriber,
  StoredSnapshotArgs,
} from '@faultline/core';
import { Emitter } from '@faultline/core';
import { decodeSnapshot, encodeSnapshot } from './codec.js';
import type { RedisStoreErrorEvent } from './events.js';
import {
  resolveRedisCircuitStateStoreOptions,
  type RedisCircuitStateStoreOptions,
  type ResolvedRedisCircuitStateStoreOptions,
} from './options.js';
import { saveAndPublish } from './save-script.js';
import { SnapshotSubscriptions } from './subscriptions.js';

/**
 * A CircuitStateStore in Redis, so that the instances of a service agree on their breakers'
 * state: each breaker's latest snapshot is a JSON string under `prefix + name`, and every save is
 * published on a channel of the same name, which the other instances' stores subscribe to.
 * Build one with `redisCircuitStateStore(options)`.
 */
export class RedisCircuitStateStore implements CircuitStateStore, Disposable {
  readonly options: ResolvedRedisCircuitStateStoreOptions;
  private readonly errors = new Emitter<RedisStoreErrorEvent>();
  private readonly subscriptions: SnapshotSubscriptions;

  /** Failures no breaker hears of: subscribing, published values that are not snapshots, the subscriber connection. */
  readonly onError: EventSubscriber<RedisStoreErrorEvent> = this.errors.subscribe;

  constructor(options: ResolvedRedisCircuitStateStoreOptions) {
    this.options = options;
    this.subscriptions = new SnapshotSubscriptions({
      redis: options.redis,
      subscriber: options.subscriber,
      prefix: options.prefix,
      onError: (event) => this.errors.emit(event),
    });
  }

  /** The Redis key that holds `key`'s snapshot, which is also the name of the channel it is published on. */
  redisKey(key: string): string {
    return this.options.prefix + key;
  }

  /** The snapshot saved under `key`, or undefined; rejects with CorruptSnapshotError when the value is not one. */
  async load(key: string): Promise<CircuitBreakerSnapshot | undefined> {
    const redisKey = this.redisKey(key);
    const raw = await this.options.redis.get(redisKey);
    if (raw === null) return undefined;
    this.subscriptions.remember(key, raw, false);
    return decodeSnapshot(raw, redisKey);
  }

  /** Stores `snapshot` under `key` and publishes it to every instance watching the key, in one atomic step. */
  async save(key: string, snapshot: CircuitBreakerSnapshot): Promise<void> {
    const json = encodeSnapshot(snapshot);
    await saveAndPublish(this.options.redis, {
      redisKey: this.redisKey(key),
      channel: this.redisKey(key),
      json,
      ttlMs: this.options.ttlMs,
    });
    // Only once stored: a save that failed must not hide the value Redis really holds from a catch-up.
    this.subscriptions.remember(key, json, true);
  }

  /** Calls `listener` with every snapshot saved under `key` by any instance (this one included) from now on. */
  watch(key: string, listener: (args: StoredSnapshotArgs) => void): Disposable {
    return this.subscriptions.watch(key, listener);
  }

  /** Stops every watch and closes the subscriber connection if the store opened it; `redis` stays open. */
  dispose(): Promise<void> {
    return this.subscriptions.dispose();
  }
}

/** A circuit state store in Redis: give the same one to a breaker in every instance of a service. */
export function redisCircuitStateStore(options: RedisCircuitStateStoreOptions): RedisCircuitStateStore {
  return new RedisCircuitStateStore(resolveRedisCircuitStateStoreOptions(options));
}
