import { connect } from 'node:net';
import { ConfigError } from '@faultline/core';
import type { ConnectionOptions } from 'bullmq';

/** The BullMQ queue runs go to, unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'faultline-runs';

/** Where a Redis run queue is: its Redis and its name (keys are `bull:<name>:…`). */
export interface RedisQueueAddress {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  readonly url: string;
  /** Default `faultline-runs`; one per studio sharing a Redis. */
  readonly name?: string;
}

/** BullMQ's connection options for a queue URL; a ConfigError at `path` when it is not redis:// or rediss://. */
export function connectionOf(url: string, path = 'queue'): ConnectionOptions {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || !parsed.hostname)
    throw new ConfigError([
      {
        path,
        message: `expected a Redis URL like "redis://127.0.0.1:6379", got ${JSON.stringify(url)}`,
      },
    ]);
  // BullMQ needs commands to wait for a reconnect rather than fail: a worker blocks on Redis.
  return { url, maxRetriesPerRequest: null };
}

/** How long the first connection to Redis may take before a start fails. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * Checks that Redis at `url` accepts a connection, so a start fails at once with the reason
 * instead of BullMQ retrying forever (which is what it should do once running).
 */
export function probeRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: port === '' ? 6379 : Number(port) });
    socket.setTimeout(PROBE_TIMEOUT_MS, () =>
      socket.destroy(
        Object.assign(new Error(`Redis at ${host}:${port || 6379} did not answer`), { code: 'ETIMEDOUT' }),
      ),
    );
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** The same Redis error is logged again only after this long. */
const REPEAT_ERROR_AFTER_MS = 60_000;

/**
 * A listener for BullMQ's `error` events: BullMQ reconnects by itself and reports every failed
 * attempt (about once a second), so each error is logged once a minute at most.
 */
export function redisErrorLogger(
  log: { error(data: object, message: string): void },
  message: string,
): (error: Error) => void {
  let last = { message: '', at: -Infinity };
  return (error) => {
    const now = performance.now();
    if (error.message === last.message && now - last.at < REPEAT_ERROR_AFTER_MS) return;
    last = { message: error.message, at: now };
    log.error({ err: error }, message);
  };
}
