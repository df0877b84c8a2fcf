import { Issues, childPath, describe, readDuration, readObject, readString } from '@faultline/core';
import type { Redis } from 'ioredis';

/** Where the store keeps snapshots unless told otherwise: `faultline:circuit:<breaker name>`. */
export const DEFAULT_PREFIX = 'faultline:circuit:';

/** How to build a Redis-backed circuit state store. */
export interface RedisCircuitStateStoreOptions {
  /** The ioredis client that loads and saves snapshots. The store never closes it: it is yours. */
  redis: Redis;
  /**
   * The connection that receives other instances' snapshots (a connection in subscriber mode can
   * send nothing else). Default: `redis.duplicate()`, created at the first `watch` and closed by
   * `dispose()`. One you pass is yours: dispose only unsubscribes the store's channels on it.
   */
  subscriber?: Redis;
  /** Put before every breaker name to make its key and its channel. Default `faultline:circuit:`. */
  prefix?: string;
  /**
   * How long a snapshot outlives its last save ("1h", or ms); default: forever. Saves happen on
   * state changes only, so keep it longer than any `openFor`, or a restart may forget an open breaker.
   */
  ttl?: number | string;
}

/** The options with their defaults in place, checked. */
export interface ResolvedRedisCircuitStateStoreOptions {
  readonly redis: Redis;
  readonly subscriber: Redis | undefined;
  readonly prefix: string;
  /** Milliseconds, or undefined for no expiry. */
  readonly ttlMs: number | undefined;
}

const KEYS = ['redis', 'subscriber', 'prefix', 'ttl'];

/** Checks the options; throws a ConfigError naming every mistake. */
export function resolveRedisCircuitStateStoreOptions(
  options: RedisCircuitStateStoreOptions,
  path = 'redisCircuitStateStore',
): ResolvedRedisCircuitStateStoreOptions {
  const issues = new Issues();
  const record = readObject(options, path, issues, KEYS) ?? {};
  const redis = readClient(record, 'redis', path, issues);
  if (record.redis === undefined)
    issues.add(
      childPath(path, 'redis'),
      'required: an ioredis client, e.g. new Redis("redis://127.0.0.1:6379")',
    );
  const subscriber = readClient(record, 'subscriber', path, issues);
  if (subscriber !== undefined && subscriber === redis)
    issues.add(
      childPath(path, 'subscriber'),
      'expected a second connection (a subscribed connection can send nothing else): leave it out, or pass redis.duplicate()',
    );
  const prefix = readString(record, 'prefix', path, issues, DEFAULT_PREFIX);
  const ttlMs =
    record.ttl === undefined ? undefined : readDuration(record, 'ttl', path, issues, 0, { min: 1 });
  issues.throwIfAny();
  return { redis: redis!, subscriber, prefix, ttlMs: ttlMs === undefined ? undefined : Math.ceil(ttlMs) };
}

function readClient(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
): Redis | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  const client = value as Partial<Redis> | null;
  if (
    typeof client === 'object' &&
    client !== null &&
    typeof client.get === 'function' &&
    typeof client.evalsha === 'function' &&
    typeof client.subscribe === 'function' &&
    typeof client.duplicate === 'function'
  )
    return value as Redis;
  issues.add(childPath(path, key), `expected an ioredis client (new Redis(...)), got ${describe(value)}`);
  return undefined;
}
