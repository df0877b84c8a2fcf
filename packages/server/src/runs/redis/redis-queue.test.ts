import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@faultline/store';
import { shopDocument } from '../../test-support/designs.js';
import { testServer, type TestServer } from '../../test-support/harness.js';
import { eventually, listen, openStream, waitForRun } from '../../test-support/wait.js';
import { RedisRunQueue } from './redis-queue.js';
import { startRunWorker, type RunningWorker } from './run-worker-service.js';

/*
 * Against the machine's Redis (FAULTLINE_TEST_REDIS_URL, default 127.0.0.1:6379): a server on the
 * Redis queue and `faultline worker`s in this process, each with its own store on the server's
 * database file (as on separate machines sharing a database). Each test has its own queue, and
 * checks that nothing of it is left in Redis.
 */

const REDIS_URL = process.env['FAULTLINE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

interface Setup {
  readonly server: TestServer;
  readonly name: string;
  readonly workers: RunningWorker[];
  readonly stores: Store[];
  /** The messages the workers logged. */
  readonly logs: string[];
}

let current: Setup | undefined;

afterEach(async () => {
  if (current) await teardown(current);
  current = undefined;
});

async function setup(workers: number, backend: 'sqlite' | 'postgres' = 'sqlite'): Promise<Setup> {
  const name = `faultline-test-${randomBytes(6).toString('hex')}`;
  const queue = await RedisRunQueue.open({ url: REDIS_URL, name });
  const server = await testServer({ queue, backend });
  const made: Setup = { server, name, workers: [], stores: [], logs: [] };
  current = made;
  const note = (message: string): void => void made.logs.push(message);
  const log = {
    info: (_: object, m: string) => note(m),
    warn: (_: object, m: string) => note(m),
    error: (_: object, m: string) => note(m),
  };
  for (let i = 1; i <= workers; i += 1) {
    const store = await openStore(server.storeOptions);
    made.stores.push(store);
    made.workers.push(
      await startRunWorker({
        queue: { url: REDIS_URL, name },
        store,
        concurrency: 1,
        name: `worker-${i}`,
        log,
      }),
    );
  }
  return made;
}

/** Stops workers and server, then checks no job is left and removes the queue's own keys. */
async function teardown(studio: Setup): Promise<string[]> {
  for (const worker of studio.workers.splice(0)) await worker.close();
  for (const store of studio.stores.splice(0)) await store.close();
  await studio.server.app.close();
  const queue = new Queue(studio.name, { connection: { url: REDIS_URL } });
  const before = await keysOf(studio.name);
  await queue.obliterate({ force: true });
  const after = await keysOf(studio.name);
  await queue.close();
  expect(after).toEqual([]);
  return before;
}

/** Every key of the queue in Redis. */
async function keysOf(name: string): Promise<string[]> {
  const client = new Redis(REDIS_URL);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `bull:${name}:*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

async function createDesign(app: TestServer['app'], document: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document } });
  expect(response.statusCode).toBe(201);
  return (response.json() as { id: string }).id;
}

async function startRun(app: TestServer['app'], designId: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: `/api/v1/designs/${designId}/runs`, payload: {} });
  expect(response.statusCode, response.body).toBe(202);
  return (response.json() as { id: string }).id;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('runs on the Redis queue with faultline workers', () => {
  it('a worker runs a design to success; the server streams its progress; no job is left in Redis', async () => {
    const studio = await setup(1);
    const { app } = studio.server;
    const base = await listen(app);
    const designId = await createDesign(app, {
      ...shopDocument(),
      duration: '20s',
      workload: [{ target: 'gateway', rate: 500 }],
    });
    const runId = await startRun(app, designId);
    const stream = await openStream(`${base.replace('http', 'ws')}/api/v1/runs/${runId}/stream`);
    expect((await stream.closed).code).toBe(1000);
    const types = stream.messages.map((message) => message['type']);
    expect(types).toContain('progress');
    expect(types).toContain('timeline');
    expect(stream.messages.at(-1)).toMatchObject({ type: 'status', run: { status: 'succeeded' } });

    const done = await waitForRun(app, runId);
    expect(done).toMatchObject({ status: 'succeeded', owner: 'worker-1', hasResult: true, error: null });
    expect(done['result']).toMatchObject({ design: 'shop', simulatedMs: 20_000 });
    const left = await teardown(studio);
    current = undefined;
    expect(left.filter((key) => UUID.test(key))).toEqual([]);
  }, 30_000);

  it('cancels a running run: the worker stops it and takes the next job', async () => {
    const studio = await setup(1);
    const { app, store } = studio.server;
    const slow = await createDesign(app, {
      ...shopDocument('slow'),
      duration: '1h',
      workload: [{ target: 'gateway', rate: 20000 }],
    });
    const runId = await startRun(app, slow);
    await eventually(async () => (await store.runs.get(runId)).status === 'running');
    const cancelled = await app.inject({ method: 'DELETE', url: `/api/v1/runs/${runId}` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });

    // One worker, one thread: the next run succeeding means the cancelled one let go of it (run
    // to its end, it would take minutes).
    const next = await startRun(app, await createDesign(app, shopDocument()));
    expect(await waitForRun(app, next, 20_000)).toMatchObject({ status: 'succeeded', owner: 'worker-1' });
    expect(await store.runs.get(runId)).toMatchObject({ status: 'cancelled', hasResult: false });
    expect(studio.logs).toContain('worker: run ended elsewhere, stopping it');
  }, 30_000);

  it('cancels a queued run: its job leaves Redis and no worker runs it', async () => {
    const studio = await setup(0);
    const { app, store } = studio.server;
    const runId = await startRun(app, await createDesign(app, shopDocument()));
    const queue = new Queue(studio.name, { connection: { url: REDIS_URL } });
    expect(await queue.getJob(runId)).toBeDefined();
    const cancelled = await app.inject({ method: 'DELETE', url: `/api/v1/runs/${runId}` });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await queue.getJob(runId)).toBeUndefined();
    await queue.close();
    expect(await store.runs.get(runId)).toMatchObject({ status: 'cancelled', owner: null });
  }, 30_000);

  it('a worker that dies mid-run: another runs the stalled job again and records the end', async () => {
    const studio = await setup(0);
    const { app, store } = studio.server;
    const first = await openStore(studio.server.storeOptions);
    studio.stores.push(first);
    const queue = { url: REDIS_URL, name: studio.name };
    const dying = await startRunWorker({ queue, store: first, name: 'worker-1', stalledAfterMs: 500 });
    const runId = await startRun(
      app,
      await createDesign(app, {
        ...shopDocument(),
        duration: '5m',
        workload: [{ target: 'gateway', rate: 500 }],
      }),
    );
    await eventually(async () => (await store.runs.get(runId)).status === 'running', 20_000);
    await dying.close(); // stops renewing the job's lock and terminates the run, as a crash would
    expect(await store.runs.get(runId)).toMatchObject({ status: 'running', owner: 'worker-1' });

    const warnings: string[] = [];
    const log = {
      info() {},
      error() {},
      warn: (_data: object, message: string) => void warnings.push(message),
    };
    const second = await openStore(studio.server.storeOptions);
    studio.stores.push(second);
    studio.workers.push(
      await startRunWorker({ queue, store: second, name: 'worker-2', stalledAfterMs: 500, log }),
    );
    // The store keeps the first claim's owner: a run is claimed once.
    expect(await waitForRun(app, runId, 20_000)).toMatchObject({ status: 'succeeded', owner: 'worker-1' });
    expect(warnings).toContain('worker: running again a run whose worker stopped');
  }, 30_000);

  it('server and worker share a PostgreSQL database', async () => {
    const studio = await setup(1, 'postgres');
    const { app } = studio.server;
    const runId = await startRun(app, await createDesign(app, shopDocument()));
    expect(await waitForRun(app, runId, 20_000)).toMatchObject({ status: 'succeeded', owner: 'worker-1' });
  }, 30_000);

  it('two workers share the jobs', async () => {
    const studio = await setup(2);
    const { app } = studio.server;
    const designId = await createDesign(app, {
      ...shopDocument(),
      duration: '20s',
      workload: [{ target: 'gateway', rate: 500 }],
    });
    const runs = [];
    for (let i = 0; i < 4; i += 1) runs.push(await startRun(app, designId));
    const done = await Promise.all(runs.map((id) => waitForRun(app, id, 25_000)));
    expect(done.map((run) => run['status'])).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(new Set(done.map((run) => run['owner']))).toEqual(new Set(['worker-1', 'worker-2']));
  }, 30_000);
});
