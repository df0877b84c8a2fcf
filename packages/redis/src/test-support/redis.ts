import { Redis, type RedisOptions } from 'ioredis';

/** The machine's Redis (.ci/run starts it when it is not running). */
export const REDIS_PORT = 6379;

let runs = 0;

/** A key prefix no other test run shares, so runs in parallel never see each other's keys. */
export function uniquePrefix(): string {
  return `faultline:test:redis:${process.pid}:${Date.now().toString(36)}:${runs++}:`;
}

/**
 * The connections a test opens, as separate processes would have them, closed and the test's
 * keys deleted by `cleanup()`.
 */
export class Connections {
  private readonly opened: Redis[] = [];

  /** A new connection to the machine's Redis, which reconnects quickly when cut. */
  open(options: RedisOptions = {}): Redis {
    const redis = new Redis({ host: '127.0.0.1', port: REDIS_PORT, retryStrategy: () => 20, ...options });
    redis.on('error', () => {}); // a cut connection reconnects; the tests watch its status instead
    this.opened.push(redis);
    return redis;
  }

  /** Deletes the keys under `prefix` and closes every connection opened here. */
  async cleanup(prefix: string): Promise<void> {
    const admin = this.open();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    for (const redis of this.opened.splice(0)) redis.disconnect();
  }
}

/** Polls `condition` every 10 ms until it holds; fails after `timeoutMs` (a bound, never a wait). */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The ids of the connections named `name` that are subscribed to at least one channel. */
export async function subscribedClientIds(admin: Redis, name: string): Promise<string[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('=') as [string, string])))
    .filter((client) => client.name === name && Number(client.sub) > 0)
    .map((client) => client.id!);
}

/** How many connections are named `name`. */
export async function clientsNamed(admin: Redis, name: string): Promise<number> {
  const list = (await admin.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` name=${name} `)).length;
}
