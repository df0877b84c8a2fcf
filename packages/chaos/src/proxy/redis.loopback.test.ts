import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { ProxyServer } from './api/server.js';
import { Fixtures, addToxic, createProxy, eventually, removeToxic } from './test-support/loopback.js';

/** The machine's Redis; keys live under a prefix unique to this run and are deleted afterwards. */
const REDIS_PORT = 6379;
const PREFIX = `faultline:proxy-test:${process.pid}:${Date.now()}:`;

/** A client through the proxy that gives up on a command after 250 ms and reconnects quickly. */
function clientThrough(port: number): Redis {
  return new Redis({
    host: '127.0.0.1',
    port,
    commandTimeout: 250,
    maxRetriesPerRequest: 1,
    retryStrategy: () => 50,
    lazyConnect: true,
  });
}

describe('Redis through the fault proxy', () => {
  const fixtures = new Fixtures();
  let direct: Redis;
  let server: ProxyServer;
  let port: number;
  let client: Redis | undefined;

  beforeAll(async () => {
    direct = new Redis({ host: '127.0.0.1', port: REDIS_PORT, lazyConnect: true });
    await direct.connect();
  });

  afterEach(async () => {
    client?.disconnect();
    client = undefined;
    await fixtures.cleanup();
  });

  afterAll(async () => {
    const keys = await direct.keys(`${PREFIX}*`);
    if (keys.length > 0) await direct.del(...keys);
    await direct.quit();
  });

  async function connect(): Promise<Redis> {
    server = await fixtures.proxyServer();
    port = await createProxy(server, 'redis', REDIS_PORT);
    client = clientThrough(port);
    client.on('error', () => {});
    await client.connect();
    return client;
  }

  it('serves commands through the proxy', async () => {
    const redis = await connect();
    await redis.set(`${PREFIX}hello`, 'world');
    expect(await redis.get(`${PREFIX}hello`)).toBe('world');
    expect(await direct.get(`${PREFIX}hello`)).toBe('world');
  });

  it('makes commands time out under a timeout toxic, and serves again once it is removed', async () => {
    const redis = await connect();
    await addToxic(server, 'redis', { type: 'timeout', attributes: { timeout: 0 } });
    await expect(redis.get(`${PREFIX}k`)).rejects.toThrow('Command timed out');
    await removeToxic(server, 'redis', 'timeout_downstream');
    // Removing the toxic closed the connection it held; the client reconnects.
    await eventually(() => redis.status === 'ready', 5000, 'client ready');
    await redis.set(`${PREFIX}k`, 'back');
    expect(await redis.get(`${PREFIX}k`)).toBe('back');
  });

  it('makes the client reconnect under reset_peer', async () => {
    const redis = await connect();
    let reconnects = 0;
    redis.on('reconnecting', () => reconnects++);
    await addToxic(server, 'redis', { type: 'reset_peer', attributes: { timeout: 0 } });
    await expect(redis.get(`${PREFIX}r`)).rejects.toThrow();
    await eventually(() => reconnects > 0, 5000, 'a reconnect');
    await removeToxic(server, 'redis', 'reset_peer_downstream');
    await eventually(() => redis.status === 'ready', 5000, 'client ready');
    await redis.set(`${PREFIX}r`, 'ok');
    expect(await direct.get(`${PREFIX}r`)).toBe('ok');
  });

  it('loses no acknowledged write through timeouts and resets, and serves again once toxics are removed', async () => {
    const redis = await connect();
    const acknowledged: number[] = [];
    let failed = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        try {
          await redis.set(`${PREFIX}w:${i}`, String(i));
          acknowledged.push(i);
        } catch {
          failed++;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(150);
    await addToxic(server, 'redis', { name: 'hole', type: 'timeout', attributes: { timeout: 0 } });
    await pause(400);
    await removeToxic(server, 'redis', 'hole');
    await pause(300);
    await addToxic(server, 'redis', {
      name: 'rst',
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    await pause(300);
    await removeToxic(server, 'redis', 'rst');
    await eventually(() => redis.status === 'ready', 5000, 'client ready');
    const before = acknowledged.length;
    await eventually(() => acknowledged.length > before + 20, 5000, 'writes acknowledged again');
    writing = false;
    await writer;

    expect(failed).toBeGreaterThan(0);
    const stored = await direct.mget(acknowledged.map((i) => `${PREFIX}w:${i}`));
    const lost = acknowledged.filter((i, n) => stored[n] !== String(i));
    expect(lost).toEqual([]);
  });
});
